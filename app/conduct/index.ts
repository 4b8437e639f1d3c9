/** The conduct half of the Standard: pure rules (no database), called by models, pages, CLI and exports. */
export * from "./labels";
export * from "./person";
export * from "./policies";
export * from "./acknowledgements";
export * from "./supervision";
export * from "./training";
export * from "./providers";
export * from "./records";
