/** Cell value parsers: booleans, numbers, emails, status and category words with their synonyms. */
import type { CategoryValue, MeetingKind, RecordStatusValue } from "../db/schema";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export { normaliseJobTitle } from "../app/compliance/job-title";

/** Lower-cased words: underscores, hyphens and runs of spaces become one space; a final full stop goes. */
export function normaliseWord(value: string): string {
  return value
    .toLowerCase()
    .replace(/[_\-\s]+/g, " ")
    .replace(/\.$/, "")
    .trim();
}

const TRUE_WORDS = new Set(["yes", "y", "true", "t", "1"]);
const FALSE_WORDS = new Set(["no", "n", "false", "f", "0"]);

export function parseBoolean(value: string, label: string): Parsed<boolean> {
  const w = value.trim().toLowerCase();
  if (TRUE_WORDS.has(w)) return { ok: true, value: true };
  if (FALSE_WORDS.has(w)) return { ok: true, value: false };
  return { ok: false, message: `${label} must be yes or no (also accepted: y/n, true/false, 1/0); '${value}' is neither.` };
}

const NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;

/** A decimal number ("0.8", ".8", "0,8"); with `percentAs` a trailing % is divided by 100 (FTE) or dropped (percentages). */
export function parseNumber(
  value: string,
  opts: { label: string; min: number; max: number; percent: "fraction" | "points"; example: string },
): Parsed<number> {
  let text = value.trim();
  let scale = 1;
  if (text.endsWith("%")) {
    text = text.slice(0, -1).trim();
    if (opts.percent === "fraction") scale = 0.01;
  }
  if (!NUMBER.test(text)) {
    return { ok: false, message: `${opts.label} must be a number from ${opts.min} to ${opts.max} (e.g. ${opts.example}); '${value}' is not a number.` };
  }
  const n = Number(text.replace(",", ".")) * scale;
  const rounded = Math.round(n * 1e6) / 1e6;
  if (!Number.isFinite(rounded) || rounded < opts.min || rounded > opts.max) {
    return { ok: false, message: `${opts.label} must be from ${opts.min} to ${opts.max}; '${value}' is outside that range.` };
  }
  return { ok: true, value: rounded };
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;

export function parseEmail(value: string): Parsed<string> {
  let text = value.trim();
  if (text.toLowerCase().startsWith("mailto:")) text = text.slice(7);
  if (!EMAIL.test(text)) return { ok: false, message: `'${value}' is not an email address (expected name@example.org).` };
  return { ok: true, value: text };
}

const STATUS_WORDS: Record<string, RecordStatusValue> = {};
function addWords<T extends string>(into: Record<string, T>, value: T, words: string[]): void {
  for (const w of [value, ...words]) into[normaliseWord(w)] = value;
}
addWords(STATUS_WORDS, "achieved", ["completed", "complete", "passed", "pass", "qualified", "awarded", "certificated", "certified", "achievement"]);
addWords(STATUS_WORDS, "withdrawn", ["withdrew", "left course", "left the course", "left", "cancelled", "canceled", "dropped out", "discontinued"]);
addWords(STATUS_WORDS, "in_progress", ["in progress", "inprogress", "studying", "on programme", "on program", "in learning", "ongoing", "continuing", "started", "active", "current"]);
addWords(STATUS_WORDS, "enrolled", ["enroled", "registered", "booked", "not started", "not yet started", "enrolment", "enrollment"]);
addWords(STATUS_WORDS, "referred", ["referral", "resubmission", "resubmit", "resit", "re sit"]);
addWords(STATUS_WORDS, "failed", ["fail", "unsuccessful", "not achieved"]);

export function parseStatus(value: string): Parsed<RecordStatusValue> {
  const status = STATUS_WORDS[normaliseWord(value)];
  if (status) return { ok: true, value: status };
  return {
    ok: false,
    message: `'${value}' is not a status: use enrolled, in progress, referred, achieved, withdrawn or failed (also accepted: completed, passed, studying, registered, left course…).`,
  };
}

const CATEGORY_WORDS: Record<string, CategoryValue> = {};
addWords(CATEGORY_WORDS, "senior_executive", ["senior executive", "executive", "level 5", "l5", "5", "level five", "exec"]);
addWords(CATEGORY_WORDS, "senior_manager", ["senior manager", "manager", "level 4", "l4", "4", "level four"]);
addWords(CATEGORY_WORDS, "frontline", ["front line", "front-line", "conduct only", "conduct"]);
addWords(CATEGORY_WORDS, "out_of_scope", ["out of scope", "not in scope", "outside scope", "no", "n/a", "na", "none", "not required", "not applicable"]);

export function parseCategory(value: string): Parsed<CategoryValue> {
  const category = CATEGORY_WORDS[normaliseWord(value)];
  if (category) return { ok: true, value: category };
  return {
    ok: false,
    message: `'${value}' is not a category: use senior executive (Level 5), senior manager (Level 4), frontline or out of scope.`,
  };
}

const MEETING_WORDS: Record<string, MeetingKind> = {};
addWords(MEETING_WORDS, "supervision", ["supervisions", "supervision meeting", "supervision session", "clinical supervision", "management supervision"]);
addWords(MEETING_WORDS, "one_to_one", ["one to one", "one to ones", "1 to 1", "1:1", "121", "1-2-1", "one2one", "check in"]);
addWords(MEETING_WORDS, "appraisal", ["appraisals", "annual appraisal", "annual review", "performance review", "pdr", "performance and development review", "personal development review"]);

export function parseMeetingKind(value: string): Parsed<MeetingKind> {
  const kind = MEETING_WORDS[normaliseWord(value)];
  if (kind) return { ok: true, value: kind };
  return { ok: false, message: `'${value}' is not a kind of meeting: use supervision, one_to_one or appraisal (also accepted: one-to-one, 1:1, annual review, PDR…).` };
}

/** "A;B;C" (also separated by new lines or |) → distinct unit references in file order. */
export function parseUnits(value: string): string[] {
  const seen = new Set<string>();
  for (const part of value.split(/[;|\n\r]+/)) {
    const unit = part.trim();
    if (unit !== "") seen.add(unit);
  }
  return [...seen];
}

/** Qualification look-up keys: titles and codes compare case- and space-insensitively, Ofqual numbers by their digits and letters. */
export function qualificationKey(value: string): string {
  return value.trim().replace(/\s+/g, " ").toLowerCase();
}
export function ofqualKey(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Characters of a cell kept in row errors and previews; longer values are cut and say so. */
export const CELL_DISPLAY_LIMIT = 200;
const CUT_NOTE = `… [value cut at ${CELL_DISPLAY_LIMIT} characters]`;
/** Row messages quote values; a message longer than this quotes something huge and is cut too. */
const MESSAGE_LIMIT = 1000;

/** A cell as shown in errors and previews: at most CELL_DISPLAY_LIMIT characters, with a note when cut. */
export function cutCell(value: string): string {
  const cut = value.length > CELL_DISPLAY_LIMIT ? `${value.slice(0, CELL_DISPLAY_LIMIT)}${CUT_NOTE}` : value;
  // Control characters are shown as \uXXXX, never passed on raw.
  // eslint-disable-next-line no-control-regex
  return cut.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function cutMessage(message: string): string {
  return message.length > MESSAGE_LIMIT ? `${message.slice(0, MESSAGE_LIMIT)}… [message cut at ${MESSAGE_LIMIT} characters]` : message;
}
