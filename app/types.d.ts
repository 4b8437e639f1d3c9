import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    /** The client's address as the HTTP layer saw it (for sign-in throttling). */
    clientAddress?: string;
  }
  interface Future {
    v3_singleFetch: true;
  }
}
