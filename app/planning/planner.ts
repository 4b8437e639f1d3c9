// The workforce development planner: assigns each person who still has to qualify to the earliest intake that
// lets them finish by their qualify-by date, within capacity, least slack first, around any pins.
// Pure: no database, no clock (the as-of date is an input); deterministic for the same input.

import { addMonths, daysBetween, formatDateLong } from "../compliance/dates";
import { meetsRequirement } from "../compliance/records";
import {
  learnerCost,
  matchPathway,
  optionForQualification,
  qualificationOptions,
  type QualificationOption,
} from "./recommend";
import type {
  IgnoredPin,
  IntakeUsage,
  PlanInput,
  PlanIntake,
  PlanPerson,
  PlanQualification,
  PlannedAssignment,
  PlanResult,
  Recommendation,
  UnplannedCode,
  UnplannedPerson,
} from "./types";

interface IntakeState {
  intake: PlanIntake;
  months: number;
  end: string;
  used: number;
  pinned: number;
  costPence: number;
}

function recommendationOf(option: QualificationOption): Recommendation {
  return { qualificationId: option.qualificationId, pathway: option.pathway, reason: option.reason, topUp: option.topUp };
}

function intakeMonths(intake: PlanIntake, q: PlanQualification | undefined, courseMonths: { 4: number; 5: number }): number {
  if (intake.courseMonths != null && intake.courseMonths > 0) return Math.round(intake.courseMonths);
  if (q?.typicalMonths != null && q.typicalMonths > 0) return Math.round(q.typicalMonths);
  return (q?.level ?? 4) >= 5 ? courseMonths[5] : courseMonths[4];
}

function compareIntakes(a: IntakeState, b: IntakeState): number {
  if (a.intake.startDate !== b.intake.startDate) return a.intake.startDate < b.intake.startDate ? -1 : 1;
  if (a.intake.pricePence !== b.intake.pricePence) return a.intake.pricePence - b.intake.pricePence;
  return a.intake.id - b.intake.id;
}

export function planWorkforce(input: PlanInput): PlanResult {
  const { asOf, courseMonths } = input;
  const qualificationsById = new Map(input.qualifications.map((q) => [q.id, q]));
  const states = new Map<number, IntakeState>();
  const bookable = new Map<number, IntakeState[]>(); // qualification id → intakes starting on or after asOf
  for (const intake of input.intakes) {
    const months = intakeMonths(intake, qualificationsById.get(intake.qualificationId), courseMonths);
    const state: IntakeState = { intake, months, end: addMonths(intake.startDate, months), used: 0, pinned: 0, costPence: 0 };
    states.set(intake.id, state);
    if (intake.startDate >= asOf && qualificationsById.has(intake.qualificationId)) {
      const list = bookable.get(intake.qualificationId) ?? [];
      list.push(state);
      bookable.set(intake.qualificationId, list);
    }
  }
  for (const list of bookable.values()) list.sort(compareIntakes);

  const assignments: PlannedAssignment[] = [];
  const unplanned: UnplannedPerson[] = [];
  const ignoredPins: IgnoredPin[] = [];
  const peopleById = new Map<number, PlanPerson>();
  for (const p of input.people) peopleById.set(p.staffId, p);

  const assign = (person: PlanPerson, state: IntakeState, option: QualificationOption, primary: QualificationOption, pinned: boolean): PlannedAssignment => {
    const cost = learnerCost(state.intake.pricePence, option.topUp);
    state.used += 1;
    state.costPence += cost;
    if (pinned) state.pinned += 1;
    const assignment: PlannedAssignment = {
      staffId: person.staffId,
      intakeId: state.intake.id,
      qualificationId: option.qualificationId,
      pathway: option.pathway,
      provider: state.intake.provider,
      start: state.intake.startDate,
      expectedCompletion: state.end,
      courseMonths: state.months,
      kind: option.topUp ? "top_up" : "full",
      topUp: option.topUp,
      costPence: cost,
      fullPricePence: state.intake.pricePence,
      pinned,
      meetsDeadline: state.end <= person.qualifyBy,
      slackDays: daysBetween(asOf, primary.latestStart),
      recommendation: recommendationOf(option),
      fallbackFrom: !pinned && option.qualificationId !== primary.qualificationId ? primary.qualificationId : null,
      warnings: [],
    };
    assignments.push(assignment);
    return assignment;
  };

  // 1. Pins first: the person goes on the pinned intake whatever its date or capacity; problems become warnings.
  const pinnedStaff = new Set<number>();
  const pinnedAssignments: Array<[PlannedAssignment, IntakeState]> = [];
  for (const pin of [...input.pins].sort((a, b) => a.staffId - b.staffId)) {
    const person = peopleById.get(pin.staffId);
    if (!person) {
      ignoredPins.push({ staffId: pin.staffId, intakeId: pin.intakeId, reason: "Not in the plan now (qualified, working towards, booked, not required or not active)" });
      continue;
    }
    if (pinnedStaff.has(pin.staffId)) continue;
    const state = states.get(pin.intakeId);
    const q = state ? qualificationsById.get(state.intake.qualificationId) : undefined;
    if (!state || !q) {
      ignoredPins.push({ staffId: pin.staffId, intakeId: pin.intakeId, reason: "The pinned intake no longer exists" });
      continue;
    }
    if (!meetsRequirement(q, person.requiredLevel)) {
      ignoredPins.push({ staffId: pin.staffId, intakeId: pin.intakeId, reason: `${q.title} does not meet the Level ${person.requiredLevel} requirement` });
      continue;
    }
    if (state.intake.startDate < asOf) {
      ignoredPins.push({ staffId: pin.staffId, intakeId: pin.intakeId, reason: `The pinned intake started on ${formatDateLong(state.intake.startDate)}, before ${formatDateLong(asOf)}` });
      continue;
    }
    const options = qualificationOptions(person, input.qualifications, courseMonths);
    const primary = options[0] ?? optionForQualification(person, q, courseMonths, pin.pathway);
    const sameQualification = options.find((o) => o.qualificationId === q.id);
    const option =
      sameQualification && (pin.pathway == null || matchPathway(q, pin.pathway) == null || matchPathway(q, pin.pathway) === sameQualification.pathway)
        ? sameQualification
        : optionForQualification(person, q, courseMonths, pin.pathway);
    const assignment = assign(person, state, option, primary, true);
    if (!assignment.meetsDeadline) {
      assignment.warnings.push(`Pinned intake finishes on ${formatDateLong(state.end)}, after their qualify-by date ${formatDateLong(person.qualifyBy)}`);
    }
    pinnedStaff.add(person.staffId);
    pinnedAssignments.push([assignment, state]);
  }
  for (const [assignment, state] of pinnedAssignments) {
    if (state.used > state.intake.capacity) assignment.warnings.push(`Pinned onto an intake over its capacity (${state.used} for ${state.intake.capacity} places)`);
  }

  // 2. Everyone else, least slack first: the latest start their recommended course allows, then qualify-by, then id.
  const queue: Array<{ person: PlanPerson; options: QualificationOption[]; latest: string | null }> = [];
  for (const person of input.people) {
    if (pinnedStaff.has(person.staffId)) continue;
    const options = qualificationOptions(person, input.qualifications, courseMonths);
    queue.push({ person, options, latest: options[0]?.latestStart ?? null });
  }
  queue.sort((a, b) => {
    const la = a.latest ?? "";
    const lb = b.latest ?? "";
    if (la !== lb) return la < lb ? -1 : 1;
    if (a.person.qualifyBy !== b.person.qualifyBy) return a.person.qualifyBy < b.person.qualifyBy ? -1 : 1;
    return a.person.staffId - b.person.staffId;
  });

  for (const { person, options } of queue) {
    const primary = options[0];
    if (!primary) {
      unplanned.push({
        staffId: person.staffId,
        code: "no_qualification",
        reason: `No recognised Level ${person.requiredLevel} qualification in the catalogue`,
        recommendation: null,
        slackDays: null,
      });
      continue;
    }
    let placed = false;
    for (const option of options) {
      const list = bookable.get(option.qualificationId);
      if (!list) continue;
      // Earliest start first; an intake is skipped when its course would end after qualify-by or it is full.
      for (const state of list) {
        if (state.end <= person.qualifyBy && state.used < state.intake.capacity) {
          assign(person, state, option, primary, false);
          placed = true;
          break;
        }
      }
      if (placed) break;
    }
    if (placed) continue;
    const { code, reason } = whyUnplaced(person, options, bookable, asOf);
    unplanned.push({ staffId: person.staffId, code, reason, recommendation: recommendationOf(primary), slackDays: daysBetween(asOf, primary.latestStart) });
  }

  const intakes: IntakeUsage[] = [...states.values()]
    .sort(compareIntakes)
    .map((s) => ({
      intakeId: s.intake.id,
      capacity: s.intake.capacity,
      assigned: s.used,
      pinned: s.pinned,
      remaining: Math.max(0, s.intake.capacity - s.used),
      costPence: s.costPence,
      overCapacity: s.used > s.intake.capacity,
      expectedCompletion: s.end,
    }));

  let costPence = 0;
  let topUps = 0;
  let pinnedLate = 0;
  for (const a of assignments) {
    costPence += a.costPence;
    if (a.kind === "top_up") topUps++;
    if (!a.meetsDeadline) pinnedLate++;
  }
  return {
    asOf,
    assignments,
    unplanned,
    intakes,
    ignoredPins,
    totals: {
      people: input.people.length,
      planned: assignments.length,
      topUps,
      pinned: pinnedStaff.size,
      unplanned: unplanned.length,
      pinnedLate,
      costPence,
    },
  };
}

function whyUnplaced(
  person: PlanPerson,
  options: readonly QualificationOption[],
  bookable: ReadonlyMap<number, IntakeState[]>,
  asOf: string,
): { code: UnplannedCode; reason: string } {
  const primary = options[0];
  let offered = false;
  let fitting = false;
  for (const option of options) {
    const list = bookable.get(option.qualificationId);
    if (!list || list.length === 0) continue;
    offered = true;
    if (list.some((s) => s.end <= person.qualifyBy)) fitting = true;
  }
  const qualifyBy = formatDateLong(person.qualifyBy);
  if (fitting) {
    return { code: "full", reason: `All suitable intakes that finish by their qualify-by date ${qualifyBy} are full` };
  }
  if (!offered) {
    const others = options.length > 1 ? ` or another suitable Level ${person.requiredLevel} qualification` : "";
    return { code: "no_intake", reason: `No intake from ${formatDateLong(asOf)} is offered for ${primary.qualification.title}${others}` };
  }
  if (primary.latestStart < asOf) {
    return {
      code: "latest_start_passed",
      reason: `Their latest start date ${formatDateLong(primary.latestStart)} has passed: no course can now finish by their qualify-by date ${qualifyBy}`,
    };
  }
  return { code: "too_late", reason: `No intake starts on or before their latest start date ${formatDateLong(primary.latestStart)}` };
}
