/**
 * Skills frameworks: the shared default (read-only) and the organisation's own copies, with their areas and
 * target levels. Reads go through the organisation scope (`selectVisible` for frameworks the organisation can see,
 * `selectFrom` for its own); writes are `scope.write` commands returning a Result.
 */
import { plural } from "../../utils/plural";
import { sql } from "kysely";
import type { AreaGroup, AuditCategory, SkillArea } from "../../skills";
import type { OrganisationReader, OrganisationScope } from "../organisation-scope.server";
import { invalid, ok, type Result } from "../result";

export interface FrameworkSummary {
  id: number;
  name: string;
  description: string | null;
  shared: boolean;
  basedOn: string | null;
  areas: number;
  retired: number;
  campaigns: number;
}

/** The shared frameworks first, then the organisation's own, each with its live and retired areas and campaigns. */
export async function listFrameworks(scope: OrganisationReader): Promise<FrameworkSummary[]> {
  const [frameworks, areaCounts, campaignCounts] = await Promise.all([
    scope
      .selectVisible("skill_frameworks")
      .select(["id", "name", "description", "organisation_id", "based_on_id"])
      .orderBy("organisation_id")
      .orderBy("id")
      .execute(),
    scope
      .selectVisible("skill_areas")
      .select("framework_id")
      .select([
        sql<number>`sum(case when retired_at is null then 1 else 0 end)`.as("live"),
        sql<number>`sum(case when retired_at is null then 0 else 1 end)`.as("retired"),
      ])
      .groupBy("framework_id")
      .execute(),
    scope
      .selectFrom("skills_audit_campaigns")
      .select("framework_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .groupBy("framework_id")
      .execute(),
  ]);
  const names = new Map(frameworks.map((f) => [f.id, f.name]));
  const areas = new Map(areaCounts.map((a) => [a.framework_id, a]));
  const campaigns = new Map(campaignCounts.map((c) => [c.framework_id, Number(c.n)]));
  return frameworks.map((f) => ({
    id: f.id,
    name: f.name,
    description: f.description,
    shared: f.organisation_id === null,
    basedOn: f.based_on_id === null ? null : (names.get(f.based_on_id) ?? null),
    areas: Number(areas.get(f.id)?.live ?? 0),
    retired: Number(areas.get(f.id)?.retired ?? 0),
    campaigns: campaigns.get(f.id) ?? 0,
  }));
}

/** A framework the organisation can see (the shared default or its own), else undefined. */
export async function getFramework(scope: OrganisationReader, frameworkId: number) {
  if (!Number.isSafeInteger(frameworkId)) return undefined;
  return scope.selectVisible("skill_frameworks").selectAll().where("id", "=", frameworkId).executeTakeFirst();
}

/** The organisation's own framework (shared ones are read-only), else undefined. */
export async function getOwnFramework(scope: OrganisationReader, frameworkId: number) {
  if (!Number.isSafeInteger(frameworkId)) return undefined;
  return scope.selectFrom("skill_frameworks").selectAll().where("id", "=", frameworkId).executeTakeFirst();
}

export function areaFromRow(r: {
  id: number;
  code: string;
  name: string;
  area_group: AreaGroup;
  position: number;
  target_senior_executive: number;
  target_senior_manager: number;
  target_frontline: number;
  retired: boolean;
}): SkillArea {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    group: r.area_group,
    position: r.position,
    targets: { senior_executive: r.target_senior_executive, senior_manager: r.target_senior_manager, frontline: r.target_frontline },
    retired: r.retired,
  };
}

/** Every area of a framework the organisation can see (retired ones included, flagged), in order; none for another organisation's framework. */
export async function frameworkAreas(scope: OrganisationReader, frameworkId: number): Promise<SkillArea[]> {
  const rows = await scope
    .selectVisible("skill_areas")
    .selectAll()
    .where("framework_id", "=", frameworkId)
    .where("framework_id", "in", scope.selectVisible("skill_frameworks").select("id"))
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map((r) => areaFromRow({ ...r, retired: r.retired_at !== null }));
}

/** Copies a visible framework (its areas and targets) as the organisation's own; returns the new framework's id. */
export async function copyFramework(scope: OrganisationScope, input: { sourceId: number; name: string }): Promise<Result<number>> {
  const source = await getFramework(scope, input.sourceId);
  if (!source) return invalid({ source_id: "Choose a framework to copy." }, "Choose a framework to copy.");
  const id = await scope.write(async (w) => {
    const { id } = await w
      .insertInto("skill_frameworks", { name: input.name, description: source.description, based_on_id: source.id, created_by: scope.actor.name, created_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const areas = await w.selectVisible("skill_areas").selectAll().where("framework_id", "=", source.id).orderBy("position").execute();
    if (areas.length > 0) {
      await w.insertInto("skill_areas", areas.map(({ id: _id, framework_id: _f, organisation_id: _o, ...a }) => ({ ...a, framework_id: id }))).execute();
    }
    await w.audit({
      action: "skill_framework.copy",
      entity: "skill_framework",
      entityId: id,
      summary: `Copied the skills framework "${source.name}" as "${input.name}" (${plural(areas.length, "area")})`,
      after: { name: input.name, basedOn: source.id },
    });
    return id;
  });
  return ok(id);
}

export interface AreaEdit {
  areaId: number;
  name: string;
  targets: Record<AuditCategory, number>;
}

const NOT_OURS = "That framework is not one of this organisation's.";

/** Renames the framework and changes its areas' names and targets; returns how many areas changed. */
export async function updateFrameworkAreas(scope: OrganisationScope, input: { frameworkId: number; frameworkName: string; edits: readonly AreaEdit[] }): Promise<Result<number>> {
  const { frameworkId, frameworkName, edits } = input;
  return scope.write(async (w) => {
    const framework = await getOwnFramework(w, frameworkId);
    if (!framework) return invalid({}, NOT_OURS);
    const rows = await w.selectFrom("skill_areas").selectAll().where("framework_id", "=", frameworkId).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const changes: Array<{ id: number; next: { name: string; target_senior_executive: number; target_senior_manager: number; target_frontline: number } }> = [];
    const before: unknown[] = [];
    const after: unknown[] = [];
    for (const e of edits) {
      const row = byId.get(e.areaId);
      if (!row) return invalid({}, "An area does not belong to this framework.");
      const next = { name: e.name, target_senior_executive: e.targets.senior_executive, target_senior_manager: e.targets.senior_manager, target_frontline: e.targets.frontline };
      const changed = (Object.keys(next) as Array<keyof typeof next>).some((k) => row[k] !== next[k]);
      if (!changed) continue;
      changes.push({ id: row.id, next });
      before.push({ code: row.code, name: row.name, targets: [row.target_senior_executive, row.target_senior_manager, row.target_frontline] });
      after.push({ code: row.code, name: next.name, targets: [next.target_senior_executive, next.target_senior_manager, next.target_frontline] });
    }
    for (const c of changes) await w.updateTable("skill_areas").set(c.next).where("id", "=", c.id).execute();
    const renamed = frameworkName !== framework.name;
    if (renamed) await w.updateTable("skill_frameworks").set({ name: frameworkName }).where("id", "=", frameworkId).execute();
    if (after.length > 0 || renamed) {
      await w.audit({
        action: "skill_framework.update",
        entity: "skill_framework",
        entityId: frameworkId,
        summary: `Updated the skills framework "${frameworkName}": ${after.length} area${after.length === 1 ? "" : "s"} changed${renamed ? `, renamed from "${framework.name}"` : ""}`,
        before: { name: framework.name, areas: before },
        after: { name: frameworkName, areas: after },
      });
    }
    return ok(after.length);
  }, { unaudited: "saving a framework without changes writes nothing" });
}

/** Adds an area (code X1, X2… after the standard's) at the end of the organisation's own framework. */
export async function addFrameworkArea(
  scope: OrganisationScope,
  input: { frameworkId: number; name: string; group: AreaGroup; targets: Record<AuditCategory, number> },
): Promise<Result<number>> {
  const { frameworkId, ...area } = input;
  return scope.write(async (w) => {
    const framework = await getOwnFramework(w, frameworkId);
    if (!framework) return invalid({}, NOT_OURS);
    const rows = await w.selectFrom("skill_areas").select(["code", "name", "position", "retired_at"]).where("framework_id", "=", frameworkId).execute();
    if (rows.some((r) => r.retired_at === null && r.name.trim().toLowerCase() === area.name.trim().toLowerCase())) {
      return invalid({}, `The framework already has an area called "${area.name}".`);
    }
    let n = 1;
    while (rows.some((r) => r.code === `X${n}`)) n++;
    const position = Math.max(0, ...rows.map((r) => r.position)) + 1;
    const { id } = await w
      .insertInto("skill_areas", {
        framework_id: frameworkId,
        code: `X${n}`,
        name: area.name,
        area_group: area.group,
        position,
        target_senior_executive: area.targets.senior_executive,
        target_senior_manager: area.targets.senior_manager,
        target_frontline: area.targets.frontline,
        retired_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await w.audit({
      action: "skill_area.add",
      entity: "skill_area",
      entityId: id,
      summary: `Added the area "${area.name}" (${area.group}) to the skills framework "${framework.name}"`,
      after: { code: `X${n}`, ...area },
    });
    return ok(id);
  }, { unaudited: "a refused area writes nothing" });
}

/** Retires an area (its ratings are kept) or restores it. */
export async function setAreaRetired(scope: OrganisationScope, input: { frameworkId: number; areaId: number; retired: boolean }): Promise<Result<void>> {
  const { frameworkId, areaId, retired } = input;
  return scope.write(async (w) => {
    const framework = await getOwnFramework(w, frameworkId);
    const area = await w.selectFrom("skill_areas").selectAll().where("id", "=", areaId).where("framework_id", "=", frameworkId).executeTakeFirst();
    if (!framework || !area) return invalid({}, "Choose an area of this framework.");
    if ((area.retired_at !== null) === retired) return ok(undefined);
    const at = retired ? new Date().toISOString() : null;
    await w.updateTable("skill_areas").set({ retired_at: at }).where("id", "=", areaId).execute();
    await w.audit({
      action: retired ? "skill_area.retire" : "skill_area.restore",
      entity: "skill_area",
      entityId: areaId,
      summary: `${retired ? "Retired" : "Restored"} the area "${area.name}" of the skills framework "${framework.name}"${retired ? " (its ratings are kept)" : ""}`,
      before: { retired_at: area.retired_at },
      after: { retired_at: at },
    });
    return ok(undefined);
  }, { unaudited: "retiring a retired area changes nothing" });
}
