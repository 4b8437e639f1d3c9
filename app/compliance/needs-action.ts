/**
 * Who "needs action" on the dashboard, in the executive report's annex and its counts: anyone in breach of the
 * legal test, or rated red or amber against the organisation's own targets. In that order of urgency, because the
 * law comes before our targets. Pure: the dashboard, the report (live or from a snapshot's frozen rows) and the
 * digests call these and never decide it themselves.
 */
import type { Rag } from "./types";
import type { StatutoryPosition } from "./statutory";

export interface ActionJudgement {
  rag: Rag;
  /** The legal test (null for people it does not apply to). */
  statutory: StatutoryPosition | null;
}

/** In breach of the legal test, or red or amber against our targets. */
export function needsAction(p: ActionJudgement): boolean {
  return p.statutory === "in_breach" || p.rag === "red" || p.rag === "amber";
}

/** 0 in breach of the law, 1 red, 2 amber (against our targets), 3 nothing to do. */
export function actionUrgency(p: ActionJudgement): 0 | 1 | 2 | 3 {
  if (p.statutory === "in_breach") return 0;
  if (p.rag === "red") return 1;
  if (p.rag === "amber") return 2;
  return 3;
}

/** Most urgent first; `then` orders people of the same urgency (by the date that matters, by name). */
export function byUrgency<T extends ActionJudgement>(then: (a: T, b: T) => number): (a: T, b: T) => number {
  return (a, b) => actionUrgency(a) - actionUrgency(b) || then(a, b);
}

/** The reason to show beside someone who needs action: the legal test's when they are in breach of it. */
export function reasonForAction(p: { statutory: StatutoryPosition | null; statutoryReason: string | null; ragReason: string }): string {
  return p.statutory === "in_breach" ? (p.statutoryReason ?? p.ragReason) : p.ragReason;
}

/**
 * How many of `people` need action, and the first `limit` of them in the order of `byUrgency(then)` (what sorting
 * everyone who needs action and taking the first `limit` gives, ties kept in input order), in one pass without
 * sorting them all.
 */
export function mostUrgent<T extends ActionJudgement>(people: readonly T[], limit: number, then: (a: T, b: T) => number): { count: number; first: T[] } {
  const compare = byUrgency(then);
  const first: T[] = [];
  let count = 0;
  for (const p of people) {
    if (!needsAction(p)) continue;
    count++;
    if (limit <= 0 || (first.length === limit && compare(p, first[limit - 1]) >= 0)) continue;
    // After every kept person it does not come before (a later person never overtakes an equal one).
    let lo = 0;
    let hi = first.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(p, first[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    first.splice(lo, 0, p);
    if (first.length > limit) first.pop();
  }
  return { count, first };
}
