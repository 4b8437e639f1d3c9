// The workforce development planner (issue 8): pure functions over the compliance picture, the catalogue and
// the organisation's intakes. No database, no clock: the model (app/models/workforce-plan/) loads the
// inputs and the as-of date is a parameter.

export * from "./types";
export * from "./recommend";
export * from "./planner";
export * from "./projection";
export * from "./summary";
