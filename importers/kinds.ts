/** The kinds of file the importer reads, and what the pages call them (a plain module: the browser needs it too). */
import type { ImportKind } from "../db/schema";

export const IMPORT_KINDS: readonly ImportKind[] = ["staff", "enrolments", "roles", "acknowledgements", "supervisions", "training"];

/** Conduct evidence (docs/conduct.md): recording it needs `org.records` as well as `org.import`. */
export type ConductImportKind = Extract<ImportKind, "acknowledgements" | "supervisions" | "training">;
export const CONDUCT_IMPORT_KINDS: readonly ConductImportKind[] = ["acknowledgements", "supervisions", "training"];

export function isImportKind(kind: unknown): kind is ImportKind {
  return IMPORT_KINDS.includes(kind as ImportKind);
}

export function isConductKind(kind: unknown): kind is ConductImportKind {
  return CONDUCT_IMPORT_KINDS.includes(kind as ConductImportKind);
}

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  staff: "Staff (HR export)",
  enrolments: "Qualification records",
  roles: "Scope decisions",
  acknowledgements: "Code of conduct acknowledgements",
  supervisions: "Supervisions, one-to-ones and appraisals",
  training: "Training completions",
};

export const IMPORT_KIND_HELP: Record<ImportKind, string> = {
  staff: "One row per person: employee number, names, job title, department, dates.",
  enrolments: "Enrolments and achievements, e.g. from a training provider.",
  roles: "Job title → category with rationale and review date.",
  acknowledgements: "Employee number, the code of conduct version and the date they acknowledged it.",
  supervisions: "Employee number, the kind of meeting (supervision, one-to-one, appraisal) and the date held.",
  training: "Employee number, the course (title or code), the completion date and any expiry.",
};
