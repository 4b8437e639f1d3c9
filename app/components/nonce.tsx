import { createContext, useContext } from "react";

/** The per-request Content-Security-Policy nonce (empty in the browser, where it is not needed). */
export const NonceContext = createContext<string>("");
export const useNonce = () => useContext(NonceContext);
