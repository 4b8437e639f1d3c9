// The pure compliance rules: one place computes status, RAG, dates, measures, trend and unit progress.
// No database, no clock (every function takes the as-of date), browser-safe.

export * from "./types";
export * from "./dates";
export * from "./settings";
export * from "./scope";
export * from "./scope-of-person";
export * from "./service-providers";
export * from "./equivalence";
export * from "./scope-consistency";
export * from "./context";
export * from "./deadlines";
export * from "./records";
export * from "./rag";
export * from "./status";
export * from "./statutory";
export * from "./needs-action";
export * from "./measures";
export * from "./trend";
export * from "./milestones";
export * from "./rules-of-combination";
export * from "./staff-id-map";
