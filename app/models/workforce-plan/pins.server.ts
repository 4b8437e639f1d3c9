/** Pins: a person held to one intake (and pathway) whatever the planner would choose. */
import type { OrganisationReader, OrganisationScope } from "../organisation-scope.server";
import { invalid, notFound, ok, type Result } from "../result";
import { intakeLabel, pathwayNames } from "./intakes.server";

export interface PinRow {
  staffId: number;
  intakeId: number;
  pathway: string | null;
  pinnedBy: string;
  pinnedAt: string;
}

export async function listPins(scope: OrganisationReader): Promise<PinRow[]> {
  const rows = await scope.selectFrom("plan_pins").selectAll().orderBy("staff_id").execute();
  return rows.map((r) => ({ staffId: r.staff_id, intakeId: r.intake_id, pathway: r.pathway, pinnedBy: r.pinned_by, pinnedAt: r.pinned_at }));
}

const NOT_FOUND = "Not found";

function nameOf(s: { first_name: string | null; last_name: string | null; employee_ref: string }): string {
  return [s.first_name, s.last_name].filter(Boolean).join(" ") || s.employee_ref;
}

/** Pins (or re-pins) a person to an intake; returns the notice. The person and the intake must both be this organisation's. */
export async function pinPerson(scope: OrganisationScope, input: { staffId: number; intakeId: number; pathway: string | null }): Promise<Result<string>> {
  const { staffId, intakeId, pathway } = input;
  return scope.write(async (w) => {
    const person = await w.selectFrom("staff").select(["id", "employee_ref", "first_name", "last_name"]).where("id", "=", staffId).executeTakeFirst();
    if (!person) return notFound(NOT_FOUND);
    const intake = await w
      .selectFrom("plan_intakes")
      .innerJoin(w.selectVisible("qualifications").select(["id", "title", "rules_of_combination"]).as("q"), (j) => j.onRef("q.id", "=", "plan_intakes.qualification_id"))
      .select(["plan_intakes.id", "plan_intakes.provider", "plan_intakes.start_date", "q.title", "q.rules_of_combination"])
      .where("plan_intakes.id", "=", intakeId)
      .executeTakeFirst();
    if (!intake) return notFound(NOT_FOUND);
    const pathways = pathwayNames(intake.rules_of_combination);
    let chosen: string | null = null;
    if (pathway) {
      chosen = pathways.find((p) => p.toLowerCase() === pathway.trim().toLowerCase()) ?? null;
      if (!chosen) {
        const message = pathways.length ? `Choose ${pathways.join(" or ")}` : `${intake.title} has no pathways`;
        return invalid({ pathway: message }, message);
      }
    }
    const before = await w.selectFrom("plan_pins").selectAll().where("staff_id", "=", staffId).executeTakeFirst();
    const now = new Date().toISOString();
    if (before) {
      await w.updateTable("plan_pins").set({ intake_id: intakeId, pathway: chosen, pinned_by: scope.actor.name, pinned_at: now }).where("id", "=", before.id).execute();
    } else {
      await w.insertInto("plan_pins", { staff_id: staffId, intake_id: intakeId, pathway: chosen, pinned_by: scope.actor.name, pinned_at: now }).execute();
    }
    const name = nameOf(person);
    const label = `${intake.title}, ${intakeLabel(intake)}${chosen ? ` (${chosen})` : ""}`;
    await w.audit({
      action: before ? "plan_pin.update" : "plan_pin.create",
      entity: "plan_pin",
      entityId: person.employee_ref,
      summary: `Pinned ${name} (${person.employee_ref}) to ${label}`,
      before: before ? { intakeId: before.intake_id, pathway: before.pathway } : undefined,
      after: { intakeId, pathway: chosen },
    });
    return ok(`Pinned ${name} to ${label}. The plan has been worked out again around the pin.`);
  }, { unaudited: "a refused pin writes nothing" });
}

/** Removes a person's pin; returns the notice. */
export async function unpinPerson(scope: OrganisationScope, input: { staffId: number }): Promise<Result<string>> {
  return scope.write(async (w) => {
    const before = await w
      .selectFrom("plan_pins")
      .innerJoin(w.selectFrom("staff").select(["id", "employee_ref", "first_name", "last_name"]).as("s"), (j) => j.onRef("s.id", "=", "plan_pins.staff_id"))
      .select(["plan_pins.id", "plan_pins.intake_id", "plan_pins.pathway", "s.employee_ref", "s.first_name", "s.last_name"])
      .where("plan_pins.staff_id", "=", input.staffId)
      .executeTakeFirst();
    if (!before) return notFound(NOT_FOUND);
    await w.deleteFrom("plan_pins").where("id", "=", before.id).execute();
    const name = nameOf(before);
    await w.audit({
      action: "plan_pin.delete",
      entity: "plan_pin",
      entityId: before.employee_ref,
      summary: `Removed the pin for ${name} (${before.employee_ref})`,
      before: { intakeId: before.intake_id, pathway: before.pathway },
    });
    return ok(`Removed the pin for ${name}. The planner chooses their intake again.`);
  }, { unaudited: "there was no pin to remove" });
}
