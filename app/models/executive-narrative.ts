/** The executive report's short narrative, generated from the rules' measures (pure: same inputs, same words). */
import { plural } from "../utils/plural";
import { formatDateLong } from "../compliance/dates";
import type { MilestoneCheck } from "../compliance/milestones";

export interface NarrativeInput {
  asOf: string;
  inScope: number;
  /** The legal test. */
  statutory: { compliant: number; notYetDue: number; inBreach: number };
  /** Undecided job titles counted as not enrolled (null when no title is undecided). */
  worstCase: { inScope: number; meeting: number; inBreach: number } | null;
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
  // The legal test first: "On 2 Oct 2029, 141 of 150 people in scope meet the legal test; 9 are in breach."
  const meeting = d.statutory.compliant + d.statutory.notYetDue;
  let legal = `On ${formatDateLong(d.asOf)}, ${meeting} of ${plural(d.inScope, "person")} in scope ${meeting === 1 ? "meets" : "meet"} the legal test`;
  legal += d.statutory.inBreach > 0 ? `; ${plural(d.statutory.inBreach, "is", "are")} in breach.` : "; nobody is in breach.";
  sentences.push(legal);
  const parts = [`${plural(d.statutory.compliant, "holds or is", "hold or are")} working towards a relevant qualification`];
  if (d.statutory.notYetDue > 0) parts.push(`${plural(d.statutory.notYetDue, "is", "are")} not yet due (inside the transition or a new joiner's grace)`);
  sentences.push(`Of the ${d.inScope} (${who}), ${parts.join(" and ")}; the legal test (Social Housing (Regulation) Act 2023, s.194A) asks only whether each holds or is working towards one once their enrol-by date has passed.`);
  if (d.worstCase && d.worstCase.inScope > d.inScope) {
    sentences.push(
      `At worst, counting the ${people(d.worstCase.inScope - d.inScope)} whose job title is still undecided as not enrolled, ${d.worstCase.meeting} of ${d.worstCase.inScope} meet the legal test and ${plural(d.worstCase.inBreach, "is", "are")} in breach.`,
    );
  }
  let first = `Against our internal targets, ${d.qualified + d.workingTowards} of the ${d.inScope} are qualified or enrolled (${fmt(d.pctQualifiedOrEnrolled)})`;
  if (enrolmentMilestone && d.pctQualifiedOrEnrolled != null) {
    const relation = d.pctQualifiedOrEnrolled >= enrolmentMilestone.targetPct ? "above" : "below";
    const verb = enrolmentMilestone.state === "upcoming" ? "ahead of" : "against";
    first += `, ${d.pctQualifiedOrEnrolled === enrolmentMilestone.targetPct ? "exactly at" : relation} the ${fmt(enrolmentMilestone.targetPct)} target of the ${enrolmentMilestone.name} (${formatDateLong(enrolmentMilestone.date)}; ${verb} it${enrolmentMilestone.state !== "upcoming" ? `: ${enrolmentMilestone.state === "met" ? "met" : "not met"}, ${fmt(enrolmentMilestone.actualPct)} on the day` : ""})`;
  }
  sentences.push(`${first}.`);
  sentences.push(`${plural(d.qualified, "is", "are")} qualified (${fmt(d.pctQualified)}) and ${plural(d.workingTowards, "is", "are")} working towards a qualification.`);
  if (d.notEnrolled > 0) {
    sentences.push(
      `${plural(d.notEnrolled, "is", "are")} not enrolled${d.notEnrolledPastLatestStart > 0 ? `, of whom ${plural(d.notEnrolledPastLatestStart, "is", "are")} past their latest start date and cannot now finish a course by their deadline without action` : ""}.`,
    );
  } else {
    sentences.push("Everyone in scope is qualified or enrolled.");
  }
  if (d.red + d.amber > 0) sentences.push(`Against our targets, ${people(d.red)} ${d.red === 1 ? "is" : "are"} rated red and ${d.amber} amber.`);
  if (d.forecastAtDeadline) {
    const f = d.forecastAtDeadline;
    sentences.push(
      `If current learners finish on their expected dates, ${fmt(f.pct)} will be qualified by the ${f.name} (${formatDateLong(f.date)}) against a ${fmt(f.targetPct)} internal target${f.pct != null && f.pct < f.targetPct ? ": more people need to enrol" : ""}.`,
    );
  }
  if (d.decisionsNeeded > 0) sentences.push(`${people(d.decisionsNeeded)} hold job titles with no scope decision yet; until decided they are not counted.`);
  return sentences;
}
