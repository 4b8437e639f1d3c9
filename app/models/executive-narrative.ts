/** The executive report's short narrative, generated from the rules' measures (pure: same inputs, same words). */
import { formatDateLong } from "../compliance/dates";
import type { MilestoneCheck } from "../compliance/milestones";

export interface NarrativeInput {
  asOf: string;
  inScope: number;
  inScopeByLevel: { 5: number; 4: number };
  qualified: number;
  workingTowards: number;
  notEnrolled: number;
  pctQualified: number | null;
  pctQualifiedOrEnrolled: number | null;
  decisionsNeeded: number;
  notEnrolledPastLatestStart: number;
  red: number;
  amber: number;
  milestones: MilestoneCheck[];
  forecastAtDeadline: { name: string; date: string; pct: number | null; targetPct: number } | null;
}

const fmt = (n: number | null) => (n == null ? "–" : `${Number.isInteger(n) ? n : n.toFixed(1)}%`);
const people = (n: number, one = "person", many = "people") => `${n} ${n === 1 ? one : many}`;

export function executiveNarrative(d: NarrativeInput): string[] {
  if (d.inScope === 0) {
    return [
      `On ${formatDateLong(d.asOf)} nobody is in scope for the qualification requirement${d.decisionsNeeded ? `; ${people(d.decisionsNeeded)} hold job titles that still need a scope decision` : ""}.`,
    ];
  }
  const sentences: string[] = [];
  const managers = d.inScopeByLevel[4];
  const executives = d.inScopeByLevel[5];
  const who = [executives ? `${executives} senior ${executives === 1 ? "executive" : "executives"} (Level 5)` : "", managers ? `${managers} senior ${managers === 1 ? "manager" : "managers"} (Level 4)` : ""].filter(Boolean).join(" and ");
  const enrolmentMilestone = d.milestones.find((m) => m.measure === "qualified_or_enrolled");
  let first = `On ${formatDateLong(d.asOf)}, ${d.qualified + d.workingTowards} of the ${d.inScope} people in scope (${who}) are qualified or enrolled (${fmt(d.pctQualifiedOrEnrolled)})`;
  if (enrolmentMilestone && d.pctQualifiedOrEnrolled != null) {
    const relation = d.pctQualifiedOrEnrolled >= enrolmentMilestone.targetPct ? "above" : "below";
    const verb = enrolmentMilestone.state === "upcoming" ? "ahead of" : "against";
    first += `, ${d.pctQualifiedOrEnrolled === enrolmentMilestone.targetPct ? "exactly at" : relation} the ${fmt(enrolmentMilestone.targetPct)} target of the ${enrolmentMilestone.name} (${formatDateLong(enrolmentMilestone.date)}; ${verb} it${enrolmentMilestone.state !== "upcoming" ? `: ${enrolmentMilestone.state === "met" ? "met" : "not met"}, ${fmt(enrolmentMilestone.actualPct)} on the day` : ""})`;
  }
  sentences.push(`${first}.`);
  sentences.push(`${d.qualified} ${d.qualified === 1 ? "is" : "are"} qualified (${fmt(d.pctQualified)}) and ${d.workingTowards} ${d.workingTowards === 1 ? "is" : "are"} working towards a qualification.`);
  if (d.notEnrolled > 0) {
    sentences.push(
      `${d.notEnrolled} ${d.notEnrolled === 1 ? "is" : "are"} not enrolled${d.notEnrolledPastLatestStart > 0 ? `, of whom ${d.notEnrolledPastLatestStart} ${d.notEnrolledPastLatestStart === 1 ? "is" : "are"} past their latest start date and cannot now finish a course by their deadline without action` : ""}.`,
    );
  } else {
    sentences.push("Everyone in scope is qualified or enrolled.");
  }
  if (d.red + d.amber > 0) sentences.push(`${people(d.red)} ${d.red === 1 ? "is" : "are"} rated red and ${d.amber} amber.`);
  if (d.forecastAtDeadline) {
    const f = d.forecastAtDeadline;
    sentences.push(
      `If current learners finish on their expected dates, ${fmt(f.pct)} will be qualified by the ${f.name} (${formatDateLong(f.date)}) against a ${fmt(f.targetPct)} target${f.pct != null && f.pct < f.targetPct ? ": more people need to enrol" : ""}.`,
    );
  }
  if (d.decisionsNeeded > 0) sentences.push(`${people(d.decisionsNeeded)} hold job titles with no scope decision yet; until decided they are not counted.`);
  return sentences;
}
