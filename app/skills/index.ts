/** Skills audits: the pure rules (framework, gaps, progress, heat maps, recommendations, comparison). */
export * from "./types";
export * from "./standard";
export * from "./ratings";
export * from "./gaps";
export * from "./recommendations";
export * from "./comparison";
export * from "./participants";
