// Which qualification (and pathway) to recommend to a person, and whether units they already hold make it a
// top-up. Pure: the rules of combination come from the catalogue, unit progress from assessUnitProgress.

import { plural } from "../utils/plural";
import { addMonths } from "../compliance/dates";
import { assessUnitProgress, normaliseUnitRef } from "../compliance/rules-of-combination";
import type { IsoDate, RequiredLevel } from "../compliance/types";
import { byLengthThenTitle, isMaintenanceRole, isRepairsOnlyUnit, isSpecialist, qualificationsAtLevel } from "./role-fit";
import type { PlanAuditGap, PlanPerson, PlanQualification, Recommendation, TopUp } from "./types";

export { isMaintenanceRole, isRepairsOnlyUnit, isSpecialist, qualificationsAtLevel, qualificationsForRole } from "./role-fit";

/** Words in a job title or department that point at one pathway, keyed by words in the pathway's name. */
const PATHWAY_HINTS: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/planned/i, /planned|asset|building safety|investment|capital|stock condition|kitchen|roof/i],
  [/responsive|repairs?/i, /repair|responsive|voids?\b|damp|mould|emergency|out of hours/i],
];

/** Course length in months for a qualification: its typical months, else the organisation's setting for its level. */
export function qualificationMonths(q: Pick<PlanQualification, "typicalMonths" | "level">, courseMonths: { 4: number; 5: number }): number {
  if (q.typicalMonths != null && q.typicalMonths > 0) return Math.round(q.typicalMonths);
  return q.level >= 5 ? courseMonths[5] : courseMonths[4];
}

export interface PathwayChoice {
  pathway: string | null;
  reason: string | null;
}

function hintedPathway(text: string | null, pathways: readonly string[]): string | null {
  if (!text) return null;
  const hits = pathways.filter((name) => PATHWAY_HINTS.some(([nameWords, roleWords]) => nameWords.test(name) && roleWords.test(text)));
  return hits.length === 1 ? hits[0] : null;
}

/** Audit gap points on the units that set each pathway apart (its mandatory units outside the common core). */
function gapScores(q: PlanQualification, gaps: readonly PlanAuditGap[]): Map<string, { score: number; areas: Set<string> }> {
  const scores = new Map<string, { score: number; areas: Set<string> }>();
  const rules = q.rulesOfCombination;
  if (!rules || !q.unitAreas || gaps.length === 0) return scores;
  const core = new Set(rules.mandatoryGroup.units.map(normaliseUnitRef));
  const gapByArea = new Map<string, PlanAuditGap>();
  for (const g of gaps) if (g.gap > 0) gapByArea.set(g.area.trim().toLowerCase(), g);
  for (const p of rules.pathways) {
    const entry = { score: 0, areas: new Set<string>() };
    for (const ref of p.mandatoryUnits) {
      const key = normaliseUnitRef(ref);
      if (core.has(key)) continue;
      for (const area of q.unitAreas.get(key) ?? []) {
        const g = gapByArea.get(area.trim().toLowerCase());
        if (g) {
          entry.score += g.gap;
          entry.areas.add(g.area);
        }
      }
    }
    scores.set(p.name, entry);
  }
  return scores;
}

/**
 * The pathway to suggest, in this order: the job title names one; else the skills audit gaps weigh more on one
 * pathway's own units; else the department names one; else the first pathway in the specification.
 */
export function suggestPathway(person: Pick<PlanPerson, "jobTitle" | "department" | "auditGaps">, q: PlanQualification): PathwayChoice {
  const pathways = q.rulesOfCombination?.pathways.map((p) => p.name) ?? [];
  if (pathways.length === 0) return { pathway: null, reason: null };
  const byTitle = hintedPathway(person.jobTitle, pathways);
  if (byTitle) return { pathway: byTitle, reason: `suggested from the job title (${person.jobTitle.trim()})` };
  const scores = gapScores(q, person.auditGaps);
  if (scores.size > 0) {
    const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1));
    if (ranked[0][1].score > 0 && (ranked.length === 1 || ranked[0][1].score > ranked[1][1].score)) {
      const areas = [...ranked[0][1].areas].slice(0, 3).join(", ");
      return { pathway: ranked[0][0], reason: `suggested from the skills audit gaps (${areas})` };
    }
  }
  const byDepartment = hintedPathway(person.department, pathways);
  if (byDepartment) return { pathway: byDepartment, reason: `suggested from the department (${person.department!.trim()})` };
  return { pathway: pathways[0], reason: "the first pathway in the specification (nothing in the role or the audit points to either)" };
}

/** A valid pathway name of the qualification (case-insensitive), or null. */
export function matchPathway(q: PlanQualification, name: string | null | undefined): string | null {
  const wanted = name?.trim().toLowerCase();
  if (!wanted) return null;
  return q.rulesOfCombination?.pathways.find((p) => p.name.trim().toLowerCase() === wanted)?.name ?? null;
}

/** Credit already held towards a unit-based qualification (on this pathway): a top-up, or null when there is none. */
export function topUpFor(q: PlanQualification, pathway: string | null, person: Pick<PlanPerson, "priorUnits">): TopUp | null {
  const rules = q.rulesOfCombination;
  if (!rules || person.priorUnits.length === 0) return null;
  const progress = assessUnitProgress(rules, pathway, person.priorUnits);
  if (progress.creditsAchieved <= 0) return null;
  return {
    creditsStillNeeded: progress.creditsStillNeeded,
    creditsNeeded: progress.creditsNeeded,
    creditsAchieved: progress.creditsAchieved,
    missingMandatoryUnits: progress.missingMandatoryUnits.map((u) => ({ unitRef: u.unitRef, title: u.title })),
    optionalCreditsStillNeeded: progress.optionalCreditsStillNeeded,
    summary: progress.summary,
  };
}

/** What one learner costs: the whole price, or for a top-up the price pro rata by credits still needed (rounded to the penny). */
export function learnerCost(pricePence: number, topUp: TopUp | null): number {
  if (!topUp || topUp.creditsNeeded <= 0) return pricePence;
  return Math.round((pricePence * Math.min(topUp.creditsStillNeeded, topUp.creditsNeeded)) / topUp.creditsNeeded);
}

export interface QualificationOption extends Recommendation {
  qualification: PlanQualification;
  months: number;
  /** qualify-by minus this course's length. */
  latestStart: IsoDate;
}

function levelText(level: RequiredLevel): string {
  return `Level ${level}`;
}

function optionFor(person: PlanPerson, q: PlanQualification, courseMonths: { 4: number; 5: number }, pathwayOverride?: string | null): QualificationOption {
  const suggested = suggestPathway(person, q);
  const prior = matchPathway(q, person.priorPathway);
  const chosen = matchPathway(q, pathwayOverride) ?? prior ?? suggested.pathway;
  const pathwayReason =
    chosen == null
      ? null
      : pathwayOverride && matchPathway(q, pathwayOverride) === chosen
        ? "chosen by hand"
        : prior === chosen
          ? "the pathway of their earlier registration"
          : suggested.reason;
  const topUp = topUpFor(q, chosen, person);
  const months = qualificationMonths(q, courseMonths);
  const pathwayText = chosen ? `, ${chosen} pathway (${pathwayReason})` : "";
  let reason: string;
  if (topUp) {
    reason = `Top-up: ${topUp.creditsAchieved} of ${plural(topUp.creditsNeeded, "credit")} already count towards ${q.title}${pathwayText}; ${plural(topUp.creditsStillNeeded, "credit")} still to pass`;
  } else if (isSpecialist(q)) {
    reason = `Maintenance role (${person.jobTitle.trim()}${person.department ? `, ${person.department.trim()}` : ""})${chosen ? `; ${chosen} pathway, ${pathwayReason}` : ""}`;
  } else {
    reason = `${levelText(person.requiredLevel)} required: ${q.title} (${plural(months, "month")})`;
  }
  return { qualificationId: q.id, qualification: q, pathway: chosen, reason, topUp, months, latestStart: addMonths(person.qualifyBy, -months) };
}

/**
 * Passed a repairs or maintenance unit of the qualification itself (not only an older exempting unit, and not
 * only a housing unit it shares with housing qualifications such as F/507/9169 Professional practice skills).
 */
function passedOwnRepairsUnit(person: Pick<PlanPerson, "priorUnits">, q: PlanQualification): boolean {
  const own = new Set((q.rulesOfCombination?.units ?? []).filter(isRepairsOnlyUnit).map((u) => normaliseUnitRef(u.unitRef)));
  return person.priorUnits.some((u) => u.result === "pass" && own.has(normaliseUnitRef(u.unitRef)));
}

/**
 * The person's options, best first: a top-up where units already count; then, for a maintenance role, the
 * specialist (pathway) qualification; then the general ones, shortest course first. Specialist qualifications
 * are not offered to other roles unless they have passed repairs or maintenance units of that qualification
 * itself (older exempting units, or housing units it shares, do not make a neighbourhood manager a maintenance
 * learner). Candidates are at the person's required level only: an executive is offered Level 5.
 */
export function qualificationOptions(person: PlanPerson, qualifications: readonly PlanQualification[], courseMonths: { 4: number; 5: number }): QualificationOption[] {
  const candidates = qualificationsAtLevel(qualifications, person.requiredLevel);
  const maintenance = isMaintenanceRole(person);
  const topUps: QualificationOption[] = [];
  const specialists: QualificationOption[] = [];
  const general: QualificationOption[] = [];
  for (const q of [...candidates].sort(byLengthThenTitle)) {
    const option = optionFor(person, q, courseMonths);
    if (option.topUp && (!isSpecialist(q) || maintenance || passedOwnRepairsUnit(person, q))) topUps.push(option);
    else if (isSpecialist(q)) {
      if (maintenance) specialists.push(option);
    } else general.push(option);
  }
  topUps.sort((a, b) => b.topUp!.creditsAchieved - a.topUp!.creditsAchieved || a.topUp!.creditsStillNeeded - b.topUp!.creditsStillNeeded);
  return [...topUps, ...specialists, ...general];
}

/** The option for a qualification chosen by hand (a pin), with its top-up and pathway worked out the same way. */
export function optionForQualification(person: PlanPerson, q: PlanQualification, courseMonths: { 4: number; 5: number }, pathway: string | null): QualificationOption {
  return optionFor(person, q, courseMonths, pathway);
}
