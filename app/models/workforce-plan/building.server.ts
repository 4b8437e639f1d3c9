/**
 * Building the workforce development plan: the compliance picture, the organisation's intakes, pins and
 * skills-audit gaps go into the pure planner (app/planning) and projection. Reads only, through the scope.
 */
import { createHash } from "node:crypto";
import { recordsOf } from "../../compliance/context";
import { enrolmentDateOf, isOpenStatus, meetsRequirement } from "../../compliance/records";
import { normaliseUnitRef } from "../../compliance/rules-of-combination";
import type { IsoDate, PersonCompliance, Rag, RequiredLevel, UnitResult } from "../../compliance/types";
import { planWorkforce } from "../../planning/planner";
import { projectPlan, type Projection } from "../../planning/projection";
import type { PlanAuditGap, PlanInput, PlanIntake, PlanPerson, PlanQualification, PlanResult } from "../../planning/types";
import type { OrganisationPicture } from "../compliance.server";
import type { OrganisationReader } from "../organisation-scope.server";
import { organisationPicture } from "../compliance.server";
import { auditGapsByStaff } from "../skills-audits/gaps.server";
import { listIntakes, type IntakeRow } from "./intakes.server";
import { listPins, type PinRow } from "./pins.server";
import { displayName } from "../../utils/person-name";

export interface PlanPersonInfo {
  staffId: number;
  employeeRef: string;
  name: string;
  jobTitle: string;
  department: string | null;
  requiredLevel: RequiredLevel;
  qualifyBy: IsoDate;
  latestStart: IsoDate;
  rag: Rag;
}

/** Someone already working towards (or booked onto) a qualification: shown, not re-planned. */
export interface KeptPerson extends PlanPersonInfo {
  qualificationTitle: string;
  provider: string | null;
  enrolledOn: IsoDate | null;
  expectedCompletion: IsoDate | null;
  /** Enrolled on a course that starts after the as-of date (an accepted plan, say). */
  booked: boolean;
  finishesInTime: boolean;
}

export interface WorkforcePlan {
  asOf: IsoDate;
  picture: OrganisationPicture;
  intakes: IntakeRow[];
  intakesById: Map<number, IntakeRow>;
  qualificationsById: Map<number, PlanQualification>;
  pins: PinRow[];
  input: PlanInput;
  result: PlanResult;
  projection: Projection;
  /** Everyone in the plan (planned or not placed), by staff id. */
  people: Map<number, PlanPersonInfo>;
  kept: KeptPerson[];
  /** People with at least one skills-audit gap (the pathway suggestion used them). */
  auditedPeople: number;
  /** Identifies exactly this set of assignments; accepting checks it so nobody accepts a plan they have not seen. */
  fingerprint: string;
}


/** Normalised unit ref → apprenticeship-standard areas, from the catalogue JSON (units[].apprenticeshipStandardLinks). */
function unitAreasFrom(json: string | null): Map<string, string[]> | undefined {
  if (!json) return undefined;
  try {
    const spec = JSON.parse(json) as { units?: Array<{ unitRef?: string; apprenticeshipStandardLinks?: Record<string, unknown> }> };
    const map = new Map<string, string[]>();
    for (const u of spec.units ?? []) {
      if (!u.unitRef) continue;
      const links = u.apprenticeshipStandardLinks ?? {};
      const areas: string[] = [];
      for (const group of Object.values(links)) if (Array.isArray(group)) for (const a of group) if (typeof a === "string") areas.push(a);
      map.set(normaliseUnitRef(u.unitRef), areas);
    }
    return map;
  } catch {
    return undefined;
  }
}

export function planFingerprint(result: PlanResult): string {
  const lines = result.assignments
    .map((a) => `${a.staffId}:${a.intakeId}:${a.qualificationId}:${a.pathway ?? ""}:${a.start}:${a.expectedCompletion}:${a.provider}:${a.costPence}`)
    .sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 20);
}

/** Works out the plan as of a date: pure planner over the compliance picture, intakes, pins and audit gaps. */
export async function buildWorkforcePlan(scope: OrganisationReader, asOf: IsoDate): Promise<WorkforcePlan> {
  const picture = await organisationPicture(scope, asOf);
  const { data, ctx, measures } = picture;
  const [intakes, pins, gaps, rawRules] = await Promise.all([
    listIntakes(scope, { level4: data.settings.courseMonthsLevel4, level5: data.settings.courseMonthsLevel5 }),
    listPins(scope),
    auditGapsByStaff(scope),
    scope.selectVisible("qualifications").select(["id", "rules_of_combination"]).where("rules_of_combination", "is not", null).execute(),
  ]);
  const areasById = new Map(rawRules.map((r) => [r.id, unitAreasFrom(r.rules_of_combination)]));
  const qualifications: PlanQualification[] = data.qualifications.map((q) => ({ ...q, unitAreas: areasById.get(q.id) }));
  const qualificationsById = new Map(qualifications.map((q) => [q.id, q]));
  const staffById = new Map(data.staff.map((s) => [s.id, s]));

  const people = new Map<number, PlanPersonInfo>();
  const planPeople: PlanPerson[] = [];
  const kept: KeptPerson[] = [];
  let auditedPeople = 0;
  const infoOf = (p: PersonCompliance): PlanPersonInfo | null => {
    const s = staffById.get(p.staffId);
    if (!s || p.requiredLevel == null || !p.qualifyBy || !p.latestStart) return null;
    return {
      staffId: p.staffId,
      employeeRef: p.employeeRef,
      name: displayName(s),
      jobTitle: s.jobTitle,
      department: s.department,
      requiredLevel: p.requiredLevel,
      qualifyBy: p.qualifyBy,
      latestStart: p.latestStart,
      rag: p.rag,
    };
  };

  for (const p of measures.people) {
    if (p.status !== "working_towards" && p.status !== "not_enrolled") continue;
    const info = infoOf(p);
    if (!info) continue;
    const records = recordsOf(ctx, p.staffId);
    if (p.status === "working_towards") {
      const d = p.decidingRecord;
      kept.push({
        ...info,
        qualificationTitle: d?.qualificationTitle ?? "",
        provider: d?.provider ?? null,
        enrolledOn: d?.enrolledOn ?? d?.startedOn ?? null,
        expectedCompletion: d?.expectedCompletion ?? null,
        booked: false,
        finishesInTime: d?.expectedCompletion != null && d.expectedCompletion <= info.qualifyBy,
      });
      continue;
    }
    // Not enrolled today, but an open meeting record starts later (e.g. an accepted plan): booked, not re-planned.
    let booked = null as (typeof records)[number] | null;
    for (const r of records) {
      const q = ctx.qualificationsById.get(r.qualificationId);
      if (!q || !meetsRequirement(q, info.requiredLevel) || !isOpenStatus(r.status)) continue;
      const enrolled = enrolmentDateOf(r);
      if (enrolled && enrolled > asOf && (!booked || enrolled < (enrolmentDateOf(booked) ?? ""))) booked = r;
    }
    if (booked) {
      kept.push({
        ...info,
        qualificationTitle: ctx.qualificationsById.get(booked.qualificationId)?.title ?? "",
        provider: booked.provider,
        enrolledOn: enrolmentDateOf(booked),
        expectedCompletion: booked.expectedCompletion,
        booked: true,
        finishesInTime: booked.expectedCompletion != null && booked.expectedCompletion <= info.qualifyBy,
      });
      continue;
    }
    const priorUnits: UnitResult[] = [];
    let priorPathway: string | null = null;
    for (const r of records) {
      if (r.unitResults.length > 0) for (const u of r.unitResults) priorUnits.push(u);
      if (r.pathway && ctx.qualificationsById.get(r.qualificationId)?.rulesOfCombination) priorPathway = r.pathway;
    }
    const personGaps: PlanAuditGap[] = gaps.get(p.staffId) ?? [];
    if (personGaps.length > 0) auditedPeople++;
    people.set(p.staffId, info);
    planPeople.push({
      staffId: p.staffId,
      requiredLevel: info.requiredLevel,
      qualifyBy: info.qualifyBy,
      latestStart: info.latestStart,
      jobTitle: info.jobTitle,
      department: info.department,
      priorUnits,
      priorPathway,
      auditGaps: personGaps,
    });
  }

  const planIntakes: PlanIntake[] = intakes.map((i) => ({
    id: i.id,
    provider: i.provider,
    qualificationId: i.qualificationId,
    startDate: i.startDate,
    capacity: i.capacity,
    pricePence: i.pricePence,
    courseMonths: i.effectiveMonths,
  }));
  const input: PlanInput = {
    asOf,
    people: planPeople,
    qualifications,
    intakes: planIntakes,
    pins: pins.map((p) => ({ staffId: p.staffId, intakeId: p.intakeId, pathway: p.pathway })),
    courseMonths: { 4: data.settings.courseMonthsLevel4, 5: data.settings.courseMonthsLevel5 },
  };
  const result = planWorkforce(input);
  const projection = projectPlan(ctx, data, data.staff, result, asOf);
  kept.sort((a, b) => Number(a.booked) - Number(b.booked) || (a.expectedCompletion ?? "\uffff").localeCompare(b.expectedCompletion ?? "\uffff") || a.staffId - b.staffId);
  return {
    asOf,
    picture,
    intakes,
    intakesById: new Map(intakes.map((i) => [i.id, i])),
    qualificationsById,
    pins,
    input,
    result,
    projection,
    people,
    kept,
    auditedPeople,
    fingerprint: planFingerprint(result),
  };
}
