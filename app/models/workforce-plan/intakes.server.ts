/**
 * Course intakes the plan places people on (provider, start, places, price, course length), and the qualifications
 * an intake can be for. Reads through the organisation scope; writes are `scope.write` commands returning a Result.
 */
import { addMonths, formatDateLong } from "../../compliance/dates";
import type { IsoDate } from "../../compliance/types";
import { formatPounds } from "../../planning/summary";
import type { OrganisationReader, OrganisationScope } from "../organisation-scope.server";
import { notFound, ok, type Result } from "../result";

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

/** The organisation's default course lengths (its settings), for qualifications without a typical length. */
export interface DefaultCourseMonths {
  level4: number;
  level5: number;
}

function monthsFor(courseMonths: number | null, typicalMonths: number | null, level: number, defaults: DefaultCourseMonths): number {
  if (courseMonths != null && courseMonths > 0) return courseMonths;
  if (typicalMonths != null && typicalMonths > 0) return Math.round(typicalMonths);
  return level >= 5 ? defaults.level5 : defaults.level4;
}

/** The pathway names of a qualification's rules of combination (none when it has none). */
export function pathwayNames(json: string | null): string[] {
  if (!json) return [];
  try {
    const spec = JSON.parse(json) as { pathways?: Array<{ name?: unknown }> };
    return (spec.pathways ?? []).map((p) => String(p.name ?? "")).filter(Boolean);
  } catch {
    return [];
  }
}

/** Recognised qualifications at Level 4 or above that the organisation sees (the ones an intake can be for). */
export async function intakeQualifications(scope: OrganisationReader): Promise<PlanQualificationOption[]> {
  const rows = await scope
    .selectVisible("qualifications")
    .select(["id", "title", "level", "typical_months", "rules_of_combination"])
    .where("recognised", "=", 1)
    .where("level", ">=", 4)
    .orderBy("level")
    .orderBy("title")
    .execute();
  return rows.map((q) => ({ id: q.id, title: q.title, level: q.level, typicalMonths: q.typical_months, pathways: pathwayNames(q.rules_of_combination) }));
}

/** The organisation's intakes by start date, each with the course length the planner uses and when it ends. */
export async function listIntakes(scope: OrganisationReader, defaults: DefaultCourseMonths): Promise<IntakeRow[]> {
  const rows = await scope
    .selectFrom("plan_intakes")
    .innerJoin(scope.selectVisible("qualifications").select(["id", "title", "level", "typical_months"]).as("q"), (j) => j.onRef("q.id", "=", "plan_intakes.qualification_id"))
    .select([
      "plan_intakes.id",
      "plan_intakes.qualification_id",
      "plan_intakes.provider",
      "plan_intakes.start_date",
      "plan_intakes.capacity",
      "plan_intakes.price_pence",
      "plan_intakes.course_months",
      "plan_intakes.note",
      "q.title",
      "q.level",
      "q.typical_months",
    ])
    .orderBy("plan_intakes.start_date")
    .orderBy("plan_intakes.id")
    .execute();
  return rows.map((r) => {
    const effectiveMonths = monthsFor(r.course_months, r.typical_months, r.level, defaults);
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

export function intakeLabel(i: { provider: string; start_date: string }): string {
  return `${i.provider}, starting ${formatDateLong(i.start_date)}`;
}

const NOT_FOUND = "Not found";

export async function addIntake(scope: OrganisationScope, input: IntakeInput): Promise<Result<number>> {
  const id = await scope.write(async (w) => {
    const now = new Date().toISOString();
    const row = {
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
    const { id } = await w.insertInto("plan_intakes", row).returning("id").executeTakeFirstOrThrow();
    await w.audit({
      action: "plan_intake.create",
      entity: "plan_intake",
      entityId: id,
      summary: `Added an intake: ${intakeLabel(row)} (${input.capacity} places at ${formatPounds(input.pricePence)})`,
      after: intakeAuditView(row),
    });
    return id;
  });
  return ok(id);
}

/** Not found when the intake is not this organisation's. */
export async function updateIntake(scope: OrganisationScope, input: IntakeInput & { intakeId: number }): Promise<Result<void>> {
  const { intakeId: id, ...intake } = input;
  return scope.write(async (w) => {
    const before = await w.selectFrom("plan_intakes").selectAll().where("id", "=", id).executeTakeFirst();
    if (!before) return notFound(NOT_FOUND);
    const changes = {
      qualification_id: intake.qualificationId,
      provider: intake.provider,
      start_date: intake.startDate,
      capacity: intake.capacity,
      price_pence: intake.pricePence,
      course_months: intake.courseMonths,
      note: intake.note,
    };
    await w
      .updateTable("plan_intakes")
      .set({ ...changes, updated_at: new Date().toISOString() })
      .where("id", "=", id)
      .execute();
    await w.audit({
      action: "plan_intake.update",
      entity: "plan_intake",
      entityId: id,
      summary: `Changed the intake ${intakeLabel(before)}`,
      before: intakeAuditView(before),
      after: intakeAuditView(changes),
    });
    return ok(undefined);
  }, { unaudited: "another organisation's intake is not changed" });
}

/** Removes an intake and the pins onto it; returns how many pins went with it. */
export async function removeIntake(scope: OrganisationScope, input: { intakeId: number }): Promise<Result<{ pins: number }>> {
  const id = input.intakeId;
  return scope.write(async (w) => {
    const before = await w.selectFrom("plan_intakes").selectAll().where("id", "=", id).executeTakeFirst();
    if (!before) return notFound(NOT_FOUND);
    const pins = await w.deleteFrom("plan_pins").where("intake_id", "=", id).executeTakeFirst();
    await w.deleteFrom("plan_intakes").where("id", "=", id).execute();
    const pinCount = Number(pins.numDeletedRows ?? 0);
    await w.audit({
      action: "plan_intake.delete",
      entity: "plan_intake",
      entityId: id,
      summary: `Removed the intake ${intakeLabel(before)}${pinCount ? ` and ${pinCount} pin${pinCount === 1 ? "" : "s"} onto it` : ""}`,
      before: intakeAuditView(before),
    });
    return ok({ pins: pinCount });
  }, { unaudited: "another organisation's intake is not removed" });
}
