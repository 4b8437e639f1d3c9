/** Supervision, one-to-ones and appraisals: dates held per person, and the interval expected per category. */
import { plural } from "../../utils/plural";
import { z } from "zod";
import { CATEGORIES, type Category } from "../../compliance/types";
import { CATEGORY_LABELS } from "../../compliance/status";
import { intervalsWith, MEETING_KIND_LABELS, MEETING_KINDS, meetingDateProblem, meetingSummary, type MeetingIntervals, type MeetingKind, type MeetingSummary, type ConductPerson } from "../../conduct";
import type { OrganisationReader, OrganisationScope } from "../organisation-scope.server";
import { conflict, invalid, ok, type Result } from "../result";
import { optionalText, requiredDate } from "./inputs";
import { parseFields } from "../../utils/zod-field-errors";
import { loadConductPeople } from "./people.server";

export async function meetingIntervals(scope: OrganisationReader): Promise<MeetingIntervals> {
  return intervalsWith(await scope.selectFrom("conduct_intervals").select(["kind", "category", "months"]).execute());
}

/** staff id → kind → dates held. */
export async function meetingsHeld(scope: OrganisationReader): Promise<Map<number, Partial<Record<MeetingKind, string[]>>>> {
  const rows = await scope.selectFrom("supervision_meetings").select(["staff_id", "kind", "held_on"]).execute();
  const held = new Map<number, Partial<Record<MeetingKind, string[]>>>();
  for (const r of rows) {
    const mine = held.get(r.staff_id) ?? {};
    (mine[r.kind] ??= []).push(r.held_on);
    held.set(r.staff_id, mine);
  }
  return held;
}

export interface MeetingPicture extends MeetingSummary {
  intervals: MeetingIntervals;
}

/** `loaded`: the people, when the caller has them. */
export async function meetingPicture(scope: OrganisationReader, asOf: string, loaded?: readonly ConductPerson[]): Promise<MeetingPicture> {
  const [people, intervals, held] = await Promise.all([loaded ?? loadConductPeople(scope), meetingIntervals(scope), meetingsHeld(scope)]);
  return { ...meetingSummary(people, intervals, held, asOf), intervals };
}

const kindSchema = z.enum(MEETING_KINDS as [MeetingKind, ...MeetingKind[]], { errorMap: () => ({ message: "Choose supervision, one-to-one or appraisal" }) });

export const meetingInputSchema = z.object({
  employeeRef: z.string().trim().min(1, "Enter the employee reference"),
  kind: kindSchema,
  heldOn: requiredDate("date it was held"),
  note: optionalText("note", 1000),
});

export async function recordMeeting(scope: OrganisationScope, input: Partial<Record<"employeeRef" | "kind" | "heldOn" | "note", string>>): Promise<Result<{ id: number }>> {
  const parsed = parseFields(meetingInputSchema, input);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const m = parsed.value;
  const dateProblem = meetingDateProblem(m.heldOn, scope.today);
  if (dateProblem) return invalid({ heldOn: dateProblem });
  const person = await scope.selectFrom("staff").select("id").where("employee_ref", "=", m.employeeRef).executeTakeFirst();
  if (!person) return invalid({ employeeRef: `There is nobody with the employee reference ${m.employeeRef}` });
  const existing = await scope.selectFrom("supervision_meetings").select("id").where("staff_id", "=", person.id).where("kind", "=", m.kind).where("held_on", "=", m.heldOn).executeTakeFirst();
  if (existing) return conflict(`${MEETING_KIND_LABELS[m.kind]} of ${m.employeeRef} on ${m.heldOn} is already recorded.`);
  const id = await scope.write(async (w) => {
    const row = await w
      .insertInto("supervision_meetings", { staff_id: person.id, kind: m.kind, held_on: m.heldOn, note: m.note, source: "recorded", recorded_by: scope.actor.name })
      .returning("id")
      .executeTakeFirstOrThrow();
    await w.audit({ action: "conduct.meeting", entity: "supervision_meeting", entityId: row.id, summary: `Recorded a ${MEETING_KIND_LABELS[m.kind].toLowerCase()} of ${m.employeeRef} held on ${m.heldOn}`, after: m });
    return row.id;
  });
  return ok({ id });
}

export const intervalInputSchema = z.object({
  kind: kindSchema,
  category: z.enum(CATEGORIES as [Category, ...Category[]], { errorMap: () => ({ message: "Choose a category" }) }),
  months: z
    .string()
    .trim()
    .refine((v) => v === "" || (/^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 36), "Enter the months as a whole number from 1 to 36, or leave blank for not expected")
    .transform((v) => (v === "" ? null : Number(v))),
});

/** Sets the months between meetings of a kind for a category (blank = not expected). */
export async function setMeetingInterval(scope: OrganisationScope, input: Partial<Record<"kind" | "category" | "months", string>>): Promise<Result<{ months: number | null }>> {
  const parsed = parseFields(intervalInputSchema, { months: "", ...input });
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const { kind, category, months } = parsed.value;
  const before = (await meetingIntervals(scope))[kind][category];
  await scope.write(async (w) => {
    await w.deleteFrom("conduct_intervals").where("kind", "=", kind).where("category", "=", category).execute();
    await w.insertInto("conduct_intervals", { kind, category, months }).execute();
    await w.audit({
      action: "settings.meeting_interval",
      entity: "conduct_interval",
      entityId: `${kind}:${category}`,
      summary: `${MEETING_KIND_LABELS[kind]} for ${CATEGORY_LABELS[category]}: ${months === null ? "not expected" : `every ${plural(months, "month")}`}`,
      before: { months: before },
      after: { months },
    });
  });
  return ok({ months });
}
