// When a scope decision is due for review: one rule, used by the role mapping, the evidence exports and the
// executive report.

import type { IsoDate } from "./types";

/** A decision's review is overdue on `asOf` when its review date has passed (the review date itself is not late). */
export function reviewOverdue(reviewDate: IsoDate | null | undefined, asOf: IsoDate): boolean {
  return reviewDate != null && reviewDate < asOf;
}
