/** Reading a rating typed on a form or in a CSV cell: a whole number 0–4, or its word (“Proficient”), or blank. */
import { RATING_LABELS, RATING_MAX, RATING_MIN } from "./types";

export type RatingParse = { ok: true; value: number | null } | { ok: false; message: string };

const WORDS = new Map(RATING_LABELS.map((label, i) => [label.toLowerCase(), i]));

export function parseRating(raw: string): RatingParse {
  const text = raw.trim();
  if (text === "") return { ok: true, value: null };
  // "3", "3.0", "3 - Proficient", "3 (Proficient)"
  const numeric = /^(\d+)(?:\.0+)?(?:\s*(?:[-–:(]\s*)?([A-Za-z]+)\)?)?$/.exec(text);
  if (numeric) {
    const n = Number(numeric[1]);
    if (n >= RATING_MIN && n <= RATING_MAX) {
      if (numeric[2] && WORDS.get(numeric[2].toLowerCase()) !== undefined && WORDS.get(numeric[2].toLowerCase()) !== n) {
        return { ok: false, message: `'${text}' says both ${n} and ${numeric[2]}; use one rating from 0 to 4.` };
      }
      return { ok: true, value: n };
    }
    return { ok: false, message: `A rating is a whole number from 0 (none) to 4 (expert), not ${text}.` };
  }
  const word = WORDS.get(text.toLowerCase());
  if (word !== undefined) return { ok: true, value: word };
  return { ok: false, message: `'${text.slice(0, 40)}' is not a rating: use 0 (none), 1 (aware), 2 (working), 3 (proficient) or 4 (expert).` };
}

export function ratingLabel(value: number | null | undefined): string {
  return value == null ? "–" : `${value} ${RATING_LABELS[value] ?? ""}`.trim();
}
