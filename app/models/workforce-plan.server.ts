/**
 * The workforce development plan (issue 8): loads the compliance picture, the organisation's intakes, pins and
 * skills-audit gaps, runs the pure planner (app/planning) and projection, and makes the plan's writes (intakes,
 * pins, accept and undo), each in one transaction with its audit event. Every query filters by organisation.
 */
import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import type { DB } from "../../db/connection";
import type { Database, QualificationRecordRow } from "../../db/schema";
import { QUALIFICATION_RECORD_COLUMNS } from "../../db/schema";
import { recordsOf } from "../compliance/context";
import { addMonths, formatDateLong } from "../compliance/dates";
import { enrolmentDateOf, isOpenStatus, meetsRequirement } from "../compliance/records";
import { normaliseUnitRef } from "../compliance/rules-of-combination";
import type { IsoDate, PersonCompliance, Rag, RequiredLevel, UnitResult } from "../compliance/types";
import { planWorkforce } from "../planning/planner";
import { projectPlan, type Projection } from "../planning/projection";
import { costByProvider, costByQuarter, formatPounds } from "../planning/summary";
import type { PlanAuditGap, PlanInput, PlanIntake, PlanPerson, PlanQualification, PlanResult } from "../planning/types";
import { recordAudit, type Actor } from "./audit.server";
import { organisationPicture, type OrganisationPicture } from "./compliance.server";
import { auditGapsByStaff } from "./skills-audits/gaps.server";
import { OrganisationReader } from "./organisation-scope.server";

// ---------------------------------------------------------------------------------------------
// Intakes

export interface IntakeRow {
  id: number;
  qualificationId: number;
  qualificationTitle: string;
  level: number;
  provider: string;
  startDate: IsoDate;
  capacity: number;
  pricePence: number;
  /** The override as stored (null = qualification typical months, else the organisation setting). */
  courseMonths: number | null;
  /** The course length the planner uses. */
  effectiveMonths: number;
  expectedCompletion: IsoDate;
  note: string | null;
}

export interface IntakeInput {
  qualificationId: number;
  provider: string;
  startDate: IsoDate;
  capacity: number;
  pricePence: number;
  courseMonths: number | null;
  note: string | null;
}

export interface PlanQualificationOption {
  id: number;
  title: string;
  level: number;
  typicalMonths: number | null;
  pathways: string[];
}

function monthsFor(courseMonths: number | null, typicalMonths: number | null, level: number, org: { course_months_level4: number; course_months_level5: number }): number {
  if (courseMonths != null && courseMonths > 0) return courseMonths;
  if (typicalMonths != null && typicalMonths > 0) return Math.round(typicalMonths);
  return level >= 5 ? org.course_months_level5 : org.course_months_level4;
}

/** Recognised qualifications at Level 4 or above that the organisation sees (the ones an intake can be for). */
export async function intakeQualifications(db: DB, organisationId: number): Promise<PlanQualificationOption[]> {
  const rows = await db
    .selectFrom("qualifications")
    .select(["id", "title", "level", "typical_months", "rules_of_combination"])
    .where((eb) => eb.or([eb("organisation_id", "is", null), eb("organisation_id", "=", organisationId)]))
    .where("recognised", "=", 1)
    .where("level", ">=", 4)
    .orderBy("level")
    .orderBy("title")
    .execute();
  return rows.map((q) => ({ id: q.id, title: q.title, level: q.level, typicalMonths: q.typical_months, pathways: pathwayNames(q.rules_of_combination) }));
}

function pathwayNames(json: string | null): string[] {
  if (!json) return [];
  try {
    const spec = JSON.parse(json) as { pathways?: Array<{ name?: unknown }> };
    return (spec.pathways ?? []).map((p) => String(p.name ?? "")).filter(Boolean);
  } catch {
    return [];
  }
}

export async function listIntakes(db: DB | Transaction<Database>, organisationId: number): Promise<IntakeRow[]> {
  const org = await db.selectFrom("organisations").select(["course_months_level4", "course_months_level5"]).where("id", "=", organisationId).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("plan_intakes")
    .innerJoin("qualifications", "qualifications.id", "plan_intakes.qualification_id")
    .select([
      "plan_intakes.id",
      "plan_intakes.qualification_id",
      "plan_intakes.provider",
      "plan_intakes.start_date",
      "plan_intakes.capacity",
      "plan_intakes.price_pence",
      "plan_intakes.course_months",
      "plan_intakes.note",
      "qualifications.title",
      "qualifications.level",
      "qualifications.typical_months",
    ])
    .where("plan_intakes.organisation_id", "=", organisationId)
    .orderBy("plan_intakes.start_date")
    .orderBy("plan_intakes.id")
    .execute();
  return rows.map((r) => {
    const effectiveMonths = monthsFor(r.course_months, r.typical_months, r.level, org);
    return {
      id: r.id,
      qualificationId: r.qualification_id,
      qualificationTitle: r.title,
      level: r.level,
      provider: r.provider,
      startDate: r.start_date,
      capacity: r.capacity,
      pricePence: r.price_pence,
      courseMonths: r.course_months,
      effectiveMonths,
      expectedCompletion: addMonths(r.start_date, effectiveMonths),
      note: r.note,
    };
  });
}

function intakeAuditView(r: { qualification_id: number; provider: string; start_date: string; capacity: number; price_pence: number; course_months: number | null; note: string | null }) {
  return {
    qualificationId: r.qualification_id,
    provider: r.provider,
    startDate: r.start_date,
    capacity: r.capacity,
    pricePence: r.price_pence,
    courseMonths: r.course_months,
    note: r.note,
  };
}

function intakeLabel(i: { provider: string; start_date: string }): string {
  return `${i.provider}, starting ${formatDateLong(i.start_date)}`;
}

export async function addIntake(db: DB, actor: Actor, organisationId: number, input: IntakeInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const row = {
      organisation_id: organisationId,
      qualification_id: input.qualificationId,
      provider: input.provider,
      start_date: input.startDate,
      capacity: input.capacity,
      price_pence: input.pricePence,
      course_months: input.courseMonths,
      note: input.note,
      created_at: now,
      updated_at: now,
    };
    const { id } = await trx.insertInto("plan_intakes").values(row).returning("id").executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      organisationId,
      action: "plan_intake.create",
      entity: "plan_intake",
      entityId: id,
      summary: `Added an intake: ${intakeLabel(row)} (${input.capacity} places at ${formatPounds(input.pricePence)})`,
      after: intakeAuditView(row),
    });
    return id;
  });
}

/** False when the intake is not this organisation's. */
export async function updateIntake(db: DB, actor: Actor, organisationId: number, id: number, input: IntakeInput): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("plan_intakes").selectAll().where("id", "=", id).where("organisation_id", "=", organisationId).executeTakeFirst();
    if (!before) return false;
    const changes = {
      qualification_id: input.qualificationId,
      provider: input.provider,
      start_date: input.startDate,
      capacity: input.capacity,
      price_pence: input.pricePence,
      course_months: input.courseMonths,
      note: input.note,
    };
    await trx
      .updateTable("plan_intakes")
      .set({ ...changes, updated_at: new Date().toISOString() })
      .where("id", "=", id)
      .where("organisation_id", "=", organisationId)
      .execute();
    await recordAudit(trx, actor, {
      organisationId,
      action: "plan_intake.update",
      entity: "plan_intake",
      entityId: id,
      summary: `Changed the intake ${intakeLabel(before)}`,
      before: intakeAuditView(before),
      after: intakeAuditView(changes),
    });
    return true;
  });
}

/** Removes an intake and the pins onto it. False when the intake is not this organisation's. */
export async function removeIntake(db: DB, actor: Actor, organisationId: number, id: number): Promise<{ removed: boolean; pins: number }> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("plan_intakes").selectAll().where("id", "=", id).where("organisation_id", "=", organisationId).executeTakeFirst();
    if (!before) return { removed: false, pins: 0 };
    const pins = await trx.deleteFrom("plan_pins").where("intake_id", "=", id).where("organisation_id", "=", organisationId).executeTakeFirst();
    await trx.deleteFrom("plan_intakes").where("id", "=", id).where("organisation_id", "=", organisationId).execute();
    const pinCount = Number(pins.numDeletedRows ?? 0);
    await recordAudit(trx, actor, {
      organisationId,
      action: "plan_intake.delete",
      entity: "plan_intake",
      entityId: id,
      summary: `Removed the intake ${intakeLabel(before)}${pinCount ? ` and ${pinCount} pin${pinCount === 1 ? "" : "s"} onto it` : ""}`,
      before: intakeAuditView(before),
    });
    return { removed: true, pins: pinCount };
  });
}

// ---------------------------------------------------------------------------------------------
// Pins

export interface PinRow {
  staffId: number;
  intakeId: number;
  pathway: string | null;
  pinnedBy: string;
  pinnedAt: string;
}

export async function listPins(db: DB, organisationId: number): Promise<PinRow[]> {
  const rows = await db.selectFrom("plan_pins").selectAll().where("organisation_id", "=", organisationId).orderBy("staff_id").execute();
  return rows.map((r) => ({ staffId: r.staff_id, intakeId: r.intake_id, pathway: r.pathway, pinnedBy: r.pinned_by, pinnedAt: r.pinned_at }));
}

export type PinOutcome = { ok: true; message: string } | { ok: false; status: 400 | 404; field?: string; message: string };

/** Pins (or re-pins) a person to an intake. The person and the intake must both be this organisation's. */
export async function pinPerson(db: DB, actor: Actor, organisationId: number, staffId: number, intakeId: number, pathway: string | null): Promise<PinOutcome> {
  return db.transaction().execute(async (trx): Promise<PinOutcome> => {
    const person = await trx.selectFrom("staff").select(["id", "employee_ref", "first_name", "last_name"]).where("id", "=", staffId).where("organisation_id", "=", organisationId).executeTakeFirst();
    if (!person) return { ok: false, status: 404, message: "Not found" };
    const intake = await trx
      .selectFrom("plan_intakes")
      .innerJoin("qualifications", "qualifications.id", "plan_intakes.qualification_id")
      .select(["plan_intakes.id", "plan_intakes.provider", "plan_intakes.start_date", "qualifications.title", "qualifications.rules_of_combination"])
      .where("plan_intakes.id", "=", intakeId)
      .where("plan_intakes.organisation_id", "=", organisationId)
      .executeTakeFirst();
    if (!intake) return { ok: false, status: 404, message: "Not found" };
    const pathways = pathwayNames(intake.rules_of_combination);
    let chosen: string | null = null;
    if (pathway) {
      chosen = pathways.find((p) => p.toLowerCase() === pathway.trim().toLowerCase()) ?? null;
      if (!chosen) return { ok: false, status: 400, field: "pathway", message: pathways.length ? `Choose ${pathways.join(" or ")}` : `${intake.title} has no pathways` };
    }
    const before = await trx.selectFrom("plan_pins").selectAll().where("organisation_id", "=", organisationId).where("staff_id", "=", staffId).executeTakeFirst();
    const now = new Date().toISOString();
    if (before) {
      await trx.updateTable("plan_pins").set({ intake_id: intakeId, pathway: chosen, pinned_by: actor.name, pinned_at: now }).where("id", "=", before.id).execute();
    } else {
      await trx.insertInto("plan_pins").values({ organisation_id: organisationId, staff_id: staffId, intake_id: intakeId, pathway: chosen, pinned_by: actor.name, pinned_at: now }).execute();
    }
    const name = [person.first_name, person.last_name].filter(Boolean).join(" ") || person.employee_ref;
    const label = `${intake.title}, ${intakeLabel(intake)}${chosen ? ` (${chosen})` : ""}`;
    await recordAudit(trx, actor, {
      organisationId,
      action: before ? "plan_pin.update" : "plan_pin.create",
      entity: "plan_pin",
      entityId: person.employee_ref,
      summary: `Pinned ${name} (${person.employee_ref}) to ${label}`,
      before: before ? { intakeId: before.intake_id, pathway: before.pathway } : undefined,
      after: { intakeId, pathway: chosen },
    });
    return { ok: true, message: `Pinned ${name} to ${label}. The plan has been worked out again around the pin.` };
  });
}

export async function unpinPerson(db: DB, actor: Actor, organisationId: number, staffId: number): Promise<PinOutcome> {
  return db.transaction().execute(async (trx): Promise<PinOutcome> => {
    const before = await trx
      .selectFrom("plan_pins")
      .innerJoin("staff", "staff.id", "plan_pins.staff_id")
      .select(["plan_pins.id", "plan_pins.intake_id", "plan_pins.pathway", "staff.employee_ref", "staff.first_name", "staff.last_name"])
      .where("plan_pins.organisation_id", "=", organisationId)
      .where("plan_pins.staff_id", "=", staffId)
      .executeTakeFirst();
    if (!before) return { ok: false, status: 404, message: "Not found" };
    await trx.deleteFrom("plan_pins").where("id", "=", before.id).where("organisation_id", "=", organisationId).execute();
    const name = [before.first_name, before.last_name].filter(Boolean).join(" ") || before.employee_ref;
    await recordAudit(trx, actor, {
      organisationId,
      action: "plan_pin.delete",
      entity: "plan_pin",
      entityId: before.employee_ref,
      summary: `Removed the pin for ${name} (${before.employee_ref})`,
      before: { intakeId: before.intake_id, pathway: before.pathway },
    });
    return { ok: true, message: `Removed the pin for ${name}. The planner chooses their intake again.` };
  });
}

// ---------------------------------------------------------------------------------------------
// The plan

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

export interface PlanRunRow {
  id: number;
  actor: string;
  asOf: IsoDate;
  acceptedAt: string;
  status: "accepted" | "undone";
  undoneAt: string | null;
  undoneBy: string | null;
  people: number;
  costPence: number;
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

function personName(s: { firstName: string | null; lastName: string | null; employeeRef: string }): string {
  return [s.firstName, s.lastName].filter(Boolean).join(" ") || s.employeeRef;
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
export async function buildWorkforcePlan(db: DB, organisationId: number, asOf: IsoDate): Promise<WorkforcePlan> {
  const picture = await organisationPicture(db, organisationId, asOf);
  const { data, ctx, measures } = picture;
  const [intakes, pins, gaps, rawRules] = await Promise.all([
    listIntakes(db, organisationId),
    listPins(db, organisationId),
    auditGapsByStaff(new OrganisationReader(db, organisationId)),
    db
      .selectFrom("qualifications")
      .select(["id", "rules_of_combination"])
      .where((eb) => eb.or([eb("organisation_id", "is", null), eb("organisation_id", "=", organisationId)]))
      .where("rules_of_combination", "is not", null)
      .execute(),
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
      name: personName(s),
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

// ---------------------------------------------------------------------------------------------
// Accept and undo

export async function listPlanRuns(db: DB, organisationId: number, limit = 10): Promise<PlanRunRow[]> {
  const rows = await db.selectFrom("plan_runs").selectAll().where("organisation_id", "=", organisationId).orderBy("id", "desc").limit(limit).execute();
  return rows.map((r) => {
    let summary: { people?: number; costPence?: number } = {};
    try {
      summary = JSON.parse(r.summary_json) as typeof summary;
    } catch {
      summary = {};
    }
    return {
      id: r.id,
      actor: r.actor,
      asOf: r.as_of,
      acceptedAt: r.accepted_at,
      status: r.status,
      undoneAt: r.undone_at,
      undoneBy: r.undone_by,
      people: Number(summary.people ?? 0),
      costPence: Number(summary.costPence ?? 0),
    };
  });
}

export type AcceptOutcome =
  | { ok: true; runId: number; created: number; costPence: number; message: string }
  | { ok: false; status: 400 | 409; message: string };

const RECORD_FIELDS = QUALIFICATION_RECORD_COLUMNS;

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function recordKey(r: { id: number; status: string; enrolled_on: string | null; started_on: string | null; achieved_on: string | null; expected_completion: string | null; qualification_id: number }): string {
  return [r.id, r.status, r.enrolled_on, r.started_on, r.achieved_on, r.expected_completion, r.qualification_id].join("|");
}

/**
 * Accepts the plan as of `asOf`: creates one `enrolled` record per planned person (enrolled on the intake start,
 * expected completion from the course length, the intake's provider, the pathway) in one audited transaction,
 * and keeps the record ids on a plan run so the run can be undone. Refused when the plan is not the one the
 * user saw (`fingerprint`) or when the people's records changed meanwhile.
 */
export async function acceptPlan(db: DB, actor: Actor, organisationId: number, asOf: IsoDate, fingerprint: string): Promise<AcceptOutcome> {
  const plan = await buildWorkforcePlan(db, organisationId, asOf);
  if (plan.fingerprint !== fingerprint) {
    return { ok: false, status: 409, message: "The plan has changed since this page was loaded (an intake, pin or record changed). Review the plan below and accept it again." };
  }
  const assignments = plan.result.assignments;
  if (assignments.length === 0) return { ok: false, status: 400, message: "There is nobody to enrol: the plan places no one on an intake." };
  const staffIds = assignments.map((a) => a.staffId);
  const seen = new Set<string>();
  for (const id of staffIds) for (const r of recordsOf(plan.picture.ctx, id)) seen.add([r.id, r.status, r.enrolledOn, r.startedOn, r.achievedOn, r.expectedCompletion, r.qualificationId].join("|"));
  const usedIntakes = [...new Set(assignments.map((a) => a.intakeId))];

  return db.transaction().execute(async (trx): Promise<AcceptOutcome> => {
    // The people's records and the intakes must be as the plan saw them.
    let current = 0;
    for (const batch of chunked(staffIds, 500)) {
      const rows = await trx
        .selectFrom("qualification_records")
        .select(["id", "status", "enrolled_on", "started_on", "achieved_on", "expected_completion", "qualification_id"])
        .where("organisation_id", "=", organisationId)
        .where("staff_id", "in", batch)
        .execute();
      for (const r of rows) {
        if (!seen.has(recordKey(r))) return { ok: false, status: 409, message: "Qualification records of people in the plan changed while it was being accepted. Review the plan and accept it again." };
        current++;
      }
    }
    if (current !== seen.size) return { ok: false, status: 409, message: "Qualification records of people in the plan changed while it was being accepted. Review the plan and accept it again." };
    for (const batch of chunked(usedIntakes, 500)) {
      const rows = await trx.selectFrom("plan_intakes").select(["id", "provider", "start_date", "qualification_id"]).where("organisation_id", "=", organisationId).where("id", "in", batch).execute();
      for (const r of rows) {
        const i = plan.intakesById.get(r.id);
        if (!i || i.provider !== r.provider || i.startDate !== r.start_date || i.qualificationId !== r.qualification_id) {
          return { ok: false, status: 409, message: "An intake in the plan changed while it was being accepted. Review the plan and accept it again." };
        }
      }
      if (rows.length !== batch.length) return { ok: false, status: 409, message: "An intake in the plan was removed while it was being accepted. Review the plan and accept it again." };
    }

    const now = new Date().toISOString();
    const created: Array<{ row: QualificationRecordRow; intakeId: number }> = [];
    for (const batch of chunked(assignments, 200)) {
      const values = batch.map((a) => ({
        organisation_id: organisationId,
        staff_id: a.staffId,
        qualification_id: a.qualificationId,
        provider: a.provider,
        status: "enrolled" as const,
        enrolled_on: a.start,
        started_on: null,
        expected_completion: a.expectedCompletion,
        achieved_on: null,
        certificate_ref: null,
        evidence_verified_by: null,
        evidence_verified_on: null,
        pathway: a.pathway,
        created_at: now,
        updated_at: now,
      }));
      const rows = await trx.insertInto("qualification_records").values(values).returningAll().execute();
      rows.forEach((row, i) => created.push({ row, intakeId: batch[i].intakeId }));
    }
    const costPence = plan.result.totals.costPence;
    const summary = {
      people: created.length,
      topUps: plan.result.totals.topUps,
      costPence,
      unplanned: plan.result.totals.unplanned,
      fingerprint,
    };
    const { id: runId } = await trx
      .insertInto("plan_runs")
      .values({ organisation_id: organisationId, user_id: actor.userId, actor: actor.name, as_of: asOf, status: "accepted", summary_json: JSON.stringify(summary), accepted_at: now, undone_at: null, undone_by: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const batch of chunked(created, 200)) {
      await trx
        .insertInto("plan_run_records")
        .values(batch.map((c) => ({ plan_run_id: runId, record_id: c.row.id, staff_id: c.row.staff_id, intake_id: c.intakeId, row_json: JSON.stringify(pickRecord(c.row)) })))
        .execute();
    }
    await recordAudit(trx, actor, {
      organisationId,
      action: "plan.accept",
      entity: "plan_run",
      entityId: runId,
      summary: `Accepted the workforce plan: ${created.length} enrolment${created.length === 1 ? "" : "s"} (${plan.result.totals.topUps} top-ups) costing ${formatPounds(costPence)}`,
      after: { ...summary, recordIds: created.map((c) => c.row.id) },
    });
    return {
      ok: true,
      runId,
      created: created.length,
      costPence,
      message: `Accepted the plan: ${created.length} enrolment record${created.length === 1 ? "" : "s"} created (${formatPounds(costPence)}). Undo is available below while the records are unchanged.`,
    };
  });
}

function pickRecord(row: QualificationRecordRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of RECORD_FIELDS) out[f] = row[f];
  return out;
}

export type UndoOutcome = { ok: true; deleted: number; message: string } | { ok: false; status: 400 | 404 | 409; message: string };

const MAX_LISTED = 5;

/** Deletes exactly the records an accepted run created, if every one is unchanged since (no unit results either). */
export async function undoPlanRun(db: DB, actor: Actor, organisationId: number, runId: number): Promise<UndoOutcome> {
  return db.transaction().execute(async (trx): Promise<UndoOutcome> => {
    const run = await trx.selectFrom("plan_runs").selectAll().where("id", "=", runId).where("organisation_id", "=", organisationId).executeTakeFirst();
    if (!run) return { ok: false, status: 404, message: "Not found" };
    if (run.status === "undone") return { ok: false, status: 400, message: `This plan was already undone (${run.undone_at ?? ""} by ${run.undone_by ?? "someone"}).` };
    const created = await trx.selectFrom("plan_run_records").selectAll().where("plan_run_id", "=", runId).execute();
    const ids = created.map((c) => c.record_id);
    const currentById = new Map<number, QualificationRecordRow>();
    const withUnits = new Set<number>();
    for (const batch of chunked(ids, 500)) {
      for (const r of await trx.selectFrom("qualification_records").selectAll().where("organisation_id", "=", organisationId).where("id", "in", batch).execute()) currentById.set(r.id, r);
      for (const u of await trx.selectFrom("unit_results").select("record_id").where("organisation_id", "=", organisationId).where("record_id", "in", batch).execute()) withUnits.add(u.record_id);
    }
    const conflicts: string[] = [];
    const refs = new Map<number, string>();
    for (const batch of chunked([...new Set(created.map((c) => c.staff_id))], 500)) {
      for (const s of await trx.selectFrom("staff").select(["id", "employee_ref"]).where("organisation_id", "=", organisationId).where("id", "in", batch).execute()) refs.set(s.id, s.employee_ref);
    }
    for (const c of created) {
      const expected = JSON.parse(c.row_json) as Record<string, unknown>;
      const current = currentById.get(c.record_id);
      const who = refs.get(c.staff_id) ?? String(c.staff_id);
      if (!current) conflicts.push(`${who}: the record was deleted`);
      else if (withUnits.has(c.record_id)) conflicts.push(`${who}: unit results were added`);
      else {
        const changed = RECORD_FIELDS.filter((f) => (current[f] ?? null) !== (expected[f] ?? null));
        if (changed.length > 0) conflicts.push(`${who}: ${changed.join(", ").replace(/_/g, " ")} changed`);
      }
    }
    if (conflicts.length > 0) {
      const listed = conflicts.slice(0, MAX_LISTED).join("; ");
      const more = conflicts.length > MAX_LISTED ? ` and ${conflicts.length - MAX_LISTED} more` : "";
      return { ok: false, status: 409, message: `Cannot undo: ${conflicts.length} of the records this plan created have changed since (${listed}${more}). Nothing was deleted.` };
    }
    for (const batch of chunked(ids, 500)) await trx.deleteFrom("qualification_records").where("organisation_id", "=", organisationId).where("id", "in", batch).execute();
    const now = new Date().toISOString();
    await trx.updateTable("plan_runs").set({ status: "undone", undone_at: now, undone_by: actor.name }).where("id", "=", runId).where("organisation_id", "=", organisationId).execute();
    await recordAudit(trx, actor, {
      organisationId,
      action: "plan.undo",
      entity: "plan_run",
      entityId: runId,
      summary: `Undid the workforce plan accepted ${formatDateLong(run.accepted_at.slice(0, 10))} by ${run.actor}: deleted ${ids.length} enrolment record${ids.length === 1 ? "" : "s"}`,
      before: { recordIds: ids },
    });
    return { ok: true, deleted: ids.length, message: `Undone: deleted the ${ids.length} enrolment record${ids.length === 1 ? "" : "s"} the plan created.` };
  });
}

// ---------------------------------------------------------------------------------------------
// What the pages show (plain, serialisable)

export interface PlanRow {
  staffId: number;
  employeeRef: string;
  name: string;
  jobTitle: string;
  department: string | null;
  requiredLevel: RequiredLevel;
  qualifyBy: IsoDate;
  latestStart: IsoDate;
  rag: Rag;
  state: "planned" | "top_up" | "unplanned";
  pinned: boolean;
  qualificationId: number | null;
  qualificationTitle: string | null;
  pathway: string | null;
  /** Why this qualification and pathway. */
  recommendation: string | null;
  topUpSummary: string | null;
  creditsStillNeeded: number | null;
  creditsNeeded: number | null;
  intakeId: number | null;
  provider: string | null;
  start: IsoDate | null;
  expectedCompletion: IsoDate | null;
  costPence: number | null;
  meetsDeadline: boolean;
  /** Unplanned: why; planned: warnings (pins). */
  notes: string[];
  slackDays: number | null;
}

/** One row per person in the plan: placed (pinned first, then by start), then those who cannot be placed. */
export function planRows(plan: WorkforcePlan): PlanRow[] {
  const rows: PlanRow[] = [];
  for (const a of plan.result.assignments) {
    const p = plan.people.get(a.staffId);
    if (!p) continue;
    rows.push({
      ...p,
      state: a.kind === "top_up" ? "top_up" : "planned",
      pinned: a.pinned,
      qualificationId: a.qualificationId,
      qualificationTitle: plan.qualificationsById.get(a.qualificationId)?.title ?? null,
      pathway: a.pathway,
      recommendation: a.recommendation.reason,
      topUpSummary: a.topUp?.summary ?? null,
      creditsStillNeeded: a.topUp?.creditsStillNeeded ?? null,
      creditsNeeded: a.topUp?.creditsNeeded ?? null,
      intakeId: a.intakeId,
      provider: a.provider,
      start: a.start,
      expectedCompletion: a.expectedCompletion,
      costPence: a.costPence,
      meetsDeadline: a.meetsDeadline,
      notes: a.fallbackFrom != null ? [`No place in time on ${plan.qualificationsById.get(a.fallbackFrom)?.title ?? "the first choice"}: placed on the next suitable qualification`, ...a.warnings] : a.warnings,
      slackDays: a.slackDays,
    });
  }
  for (const u of plan.result.unplanned) {
    const p = plan.people.get(u.staffId);
    if (!p) continue;
    const q = u.recommendation ? plan.qualificationsById.get(u.recommendation.qualificationId) : undefined;
    rows.push({
      ...p,
      state: "unplanned",
      pinned: false,
      qualificationId: q?.id ?? null,
      qualificationTitle: q?.title ?? null,
      pathway: u.recommendation?.pathway ?? null,
      recommendation: u.recommendation?.reason ?? null,
      topUpSummary: u.recommendation?.topUp?.summary ?? null,
      creditsStillNeeded: u.recommendation?.topUp?.creditsStillNeeded ?? null,
      creditsNeeded: u.recommendation?.topUp?.creditsNeeded ?? null,
      intakeId: null,
      provider: null,
      start: null,
      expectedCompletion: null,
      costPence: null,
      meetsDeadline: false,
      notes: [u.reason],
      slackDays: u.slackDays,
    });
  }
  return rows;
}

export interface ProjectionChartPoint {
  date: IsoDate;
  qualifiedWithPlan: number | null;
  qualifiedWithoutPlan: number | null;
  engagedWithPlan: number | null;
  engagedWithoutPlan: number | null;
}

export interface PlanOverview {
  asOf: IsoDate;
  totals: PlanResult["totals"] & { kept: number; booked: number; cannotMeet: number };
  points: ProjectionChartPoint[];
  milestones: Array<{
    name: string;
    date: IsoDate;
    measure: "statutory" | "qualified_or_enrolled" | "qualified";
    targetPct: number;
    upcoming: boolean;
    /** Past milestones: what happened; upcoming: the forecast without the plan. */
    withoutPlanPct: number | null;
    withPlanPct: number | null;
    metWithoutPlan: boolean;
    metWithPlan: boolean;
  }>;
  costByQuarter: Array<{ key: string; label: string; learners: number; costPence: number }>;
  costByProvider: Array<{ provider: string; learners: number; topUps: number; costPence: number }>;
  intakes: Array<IntakeRow & { assigned: number; pinned: number; remaining: number; costPence: number; overCapacity: boolean; bookable: boolean }>;
  cannotMeet: PlanRow[];
  ignoredPins: Array<{ employeeRef: string; name: string; reason: string }>;
}

export function planOverview(plan: WorkforcePlan, rows: readonly PlanRow[] = planRows(plan)): PlanOverview {
  const usage = new Map(plan.result.intakes.map((u) => [u.intakeId, u]));
  const pastChecks = new Map(plan.picture.milestones.map((m) => [`${m.name}|${m.date}`, m]));
  const staffById = new Map(plan.picture.data.staff.map((s) => [s.id, s]));
  const cannotMeet = rows.filter((r) => r.state === "unplanned" || !r.meetsDeadline);
  return {
    asOf: plan.asOf,
    totals: {
      ...plan.result.totals,
      kept: plan.kept.length,
      booked: plan.kept.filter((k) => k.booked).length,
      cannotMeet: cannotMeet.length,
    },
    points: plan.projection.points.map((p) => ({
      date: p.date,
      qualifiedWithPlan: p.withPlan.pctQualified,
      qualifiedWithoutPlan: p.withoutPlan.pctQualified,
      engagedWithPlan: p.withPlan.pctQualifiedOrEnrolled,
      engagedWithoutPlan: p.withoutPlan.pctQualifiedOrEnrolled,
    })),
    milestones: plan.projection.milestones.map((m) => {
      if (m.upcoming) return m;
      const check = pastChecks.get(`${m.name}|${m.date}`);
      const actual = check?.actualPct ?? null;
      const met = check?.state === "met";
      return { ...m, withoutPlanPct: actual, withPlanPct: actual, metWithoutPlan: met, metWithPlan: met };
    }),
    costByQuarter: costByQuarter(plan.result.assignments),
    costByProvider: costByProvider(plan.result.assignments),
    intakes: plan.intakes.map((i) => {
      const u = usage.get(i.id);
      return {
        ...i,
        assigned: u?.assigned ?? 0,
        pinned: u?.pinned ?? 0,
        remaining: u?.remaining ?? i.capacity,
        costPence: u?.costPence ?? 0,
        overCapacity: u?.overCapacity ?? false,
        bookable: i.startDate >= plan.asOf,
      };
    }),
    cannotMeet,
    ignoredPins: plan.result.ignoredPins.map((p) => {
      const s = staffById.get(p.staffId);
      return { employeeRef: s?.employeeRef ?? String(p.staffId), name: s ? personName(s) : String(p.staffId), reason: p.reason };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// CSV: one row per person

export const PLAN_CSV_COLUMNS = [
  "employee_ref",
  "name",
  "job_title",
  "department",
  "required_level",
  "statutory",
  "qualify_by",
  "latest_start",
  "plan",
  "qualification",
  "pathway",
  "top_up",
  "intake",
  "provider",
  "start",
  "expected_completion",
  "cost",
  "finishes_by_qualify_by",
  "notes",
] as const;

const PLAN_LABELS: Record<PlanRow["state"], string> = { planned: "whole qualification", top_up: "top-up", unplanned: "cannot meet dates" };

/** Pounds with pence for spreadsheets ("1650.00"). */
function poundsCell(pence: number | null): string {
  return pence == null ? "" : (pence / 100).toFixed(2);
}

export function planCsvRows(plan: WorkforcePlan, rows: readonly PlanRow[] = planRows(plan)): string[][] {
  const out: string[][] = [];
  // The legal test on the as-of date (the plan's qualify-by dates are internal targets).
  const statutory = new Map(plan.picture.measures.people.map((p) => [p.staffId, p.statutory ?? ""]));
  for (const r of rows) {
    out.push([
      r.employeeRef,
      r.name,
      r.jobTitle,
      r.department ?? "",
      String(r.requiredLevel),
      statutory.get(r.staffId) ?? "",
      r.qualifyBy,
      r.latestStart,
      r.pinned ? `${PLAN_LABELS[r.state]} (pinned)` : PLAN_LABELS[r.state],
      r.qualificationTitle ?? "",
      r.pathway ?? "",
      r.creditsStillNeeded != null ? `${r.creditsStillNeeded} of ${r.creditsNeeded} credits: ${r.topUpSummary ?? ""}` : "",
      r.intakeId != null ? `${r.provider}, ${r.start}` : "",
      r.provider ?? "",
      r.start ?? "",
      r.expectedCompletion ?? "",
      poundsCell(r.costPence),
      r.state === "unplanned" ? "no" : r.meetsDeadline ? "yes" : "no",
      [r.recommendation ?? "", ...r.notes].filter(Boolean).join("; "),
    ]);
  }
  for (const k of plan.kept) {
    out.push([
      k.employeeRef,
      k.name,
      k.jobTitle,
      k.department ?? "",
      String(k.requiredLevel),
      statutory.get(k.staffId) ?? "",
      k.qualifyBy,
      k.latestStart,
      k.booked ? "booked (not re-planned)" : "working towards (not re-planned)",
      k.qualificationTitle,
      "",
      "",
      "",
      k.provider ?? "",
      k.enrolledOn ?? "",
      k.expectedCompletion ?? "",
      "",
      k.finishesInTime ? "yes" : "no",
      k.expectedCompletion ? "" : "No expected completion recorded",
    ]);
  }
  return out;
}
