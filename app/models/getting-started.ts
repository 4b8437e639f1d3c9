/** The getting-started checklist a new organisation's dashboard shows (plain module: the page renders it). */
export type GettingStartedStepKey = "staff" | "titles" | "qualifications" | "settings";

export interface GettingStartedStep {
  key: GettingStartedStepKey;
  done: boolean;
  /** What was found, e.g. "312 people on record" or "4 job titles need a decision". */
  detail: string;
}

export const GETTING_STARTED_TITLES: Record<GettingStartedStepKey, string> = {
  staff: "Import your staff from your HR system",
  titles: "Decide which job titles are in scope",
  qualifications: "Import or record qualifications",
  settings: "Check the settings (timeline, milestones, date order)",
};

/** Where each step is done, below /orgs/:slug. */
export const GETTING_STARTED_PATHS: Record<GettingStartedStepKey, string> = {
  staff: "/imports",
  titles: "/roles",
  qualifications: "/qualifications",
  settings: "/settings",
};
