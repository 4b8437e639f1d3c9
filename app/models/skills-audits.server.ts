/**
 * Skills audits: frameworks (the shared default and the organisation's copies), campaigns and who they include,
 * ratings, and the results the pages show (progress, heat maps, profiles, recommendations, comparison). Every
 * function takes the organisation id; every write is one transaction with its audit event.
 */
import type { Kysely, Selectable } from "kysely";
import type { Database, SkillsAuditCampaignTable } from "../../db/schema";
import { CATEGORY_LABELS } from "../compliance/status";
import { STATUS_LABELS } from "../components/labels";
import {
  AUDIT_CATEGORIES,
  EMPTY_FILTER,
  RATING_MAX,
  RATING_MIN,
  gapFor,
  isAuditCategory,
  personGaps,
  selectParticipants,
  targetFor,
  type AreaGroup,
  type AuditCategory,
  type Candidate,
  type CampaignStatus,
  type Gap,
  type ParticipantFilter,
  type Rating,
  type Selection,
  type SkillArea,
  gapsNoUnitCovers,
  recommendCourses,
  recommendUnits,
  type CourseForRecommendation,
  type CourseRecommendation,
  type UnitRecommendation,
} from "../skills";
import { recordAudit, type Actor } from "./audit.server";
import { evaluateOrganisation } from "./compliance.server";

type Db = Kysely<Database>;
export type CampaignRow = Selectable<SkillsAuditCampaignTable>;

/** A change the campaign's state does not allow (closed is read-only): the page answers 409. */
export class CampaignStateError extends Error {}
/** Input that cannot be used (unknown area, person not in the campaign…): the page answers 400. */
export class SkillsInputError extends Error {}

export function personName(s: { first_name: string | null; last_name: string | null; employee_ref: string }): string {
  return [s.first_name, s.last_name].filter(Boolean).join(" ") || s.employee_ref;
}

// ---------------------------------------------------------------------------------------------
// Frameworks

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

export async function listFrameworks(db: Db, organisationId: number): Promise<FrameworkSummary[]> {
  const rows = await db
    .selectFrom("skill_frameworks as f")
    .leftJoin("skill_frameworks as b", "b.id", "f.based_on_id")
    .select(["f.id", "f.name", "f.description", "f.organisation_id", "b.name as based_on"])
    .select((eb) => [
      eb.selectFrom("skill_areas").select((e) => e.fn.countAll<number>().as("n")).whereRef("skill_areas.framework_id", "=", "f.id").where("retired_at", "is", null).as("areas"),
      eb.selectFrom("skill_areas").select((e) => e.fn.countAll<number>().as("n")).whereRef("skill_areas.framework_id", "=", "f.id").where("retired_at", "is not", null).as("retired"),
      eb
        .selectFrom("skills_audit_campaigns")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("skills_audit_campaigns.framework_id", "=", "f.id")
        .where("skills_audit_campaigns.organisation_id", "=", organisationId)
        .as("campaigns"),
    ])
    .where((eb) => eb.or([eb("f.organisation_id", "is", null), eb("f.organisation_id", "=", organisationId)]))
    .orderBy("f.organisation_id")
    .orderBy("f.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    shared: r.organisation_id === null,
    basedOn: r.based_on,
    areas: Number(r.areas ?? 0),
    retired: Number(r.retired ?? 0),
    campaigns: Number(r.campaigns ?? 0),
  }));
}

/** A framework the organisation can see (the shared default or its own), else undefined. */
export async function getFramework(db: Db, organisationId: number, frameworkId: number) {
  if (!Number.isSafeInteger(frameworkId)) return undefined;
  return db
    .selectFrom("skill_frameworks")
    .selectAll()
    .where("id", "=", frameworkId)
    .where((eb) => eb.or([eb("organisation_id", "is", null), eb("organisation_id", "=", organisationId)]))
    .executeTakeFirst();
}

function areaFromRow(r: {
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

/** Every area of a framework (retired ones included, flagged), in order. The caller has checked the framework is visible. */
export async function frameworkAreas(db: Db, frameworkId: number): Promise<SkillArea[]> {
  const rows = await db.selectFrom("skill_areas").selectAll().where("framework_id", "=", frameworkId).orderBy("position").orderBy("id").execute();
  return rows.map((r) => areaFromRow({ ...r, retired: r.retired_at !== null }));
}

export async function copyFramework(db: Db, organisationId: number, sourceId: number, name: string, actor: Actor): Promise<number> {
  const source = await getFramework(db, organisationId, sourceId);
  if (!source) throw new SkillsInputError("Choose a framework to copy.");
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("skill_frameworks")
      .values({ organisation_id: organisationId, name, description: source.description, based_on_id: source.id, created_by: actor.name, created_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const areas = await trx.selectFrom("skill_areas").selectAll().where("framework_id", "=", source.id).orderBy("position").execute();
    if (areas.length > 0) {
      await trx
        .insertInto("skill_areas")
        .values(areas.map(({ id: _id, framework_id: _f, organisation_id: _o, ...a }) => ({ ...a, organisation_id: organisationId, framework_id: id })))
        .execute();
    }
    await recordAudit(trx, actor, {
      organisationId,
      action: "skill_framework.copy",
      entity: "skill_framework",
      entityId: id,
      summary: `Copied the skills framework "${source.name}" as "${name}" (${areas.length} areas)`,
      after: { name, basedOn: source.id },
    });
    return id;
  });
}

/** The organisation's own framework (shared ones are read-only), else a 404 for the page. */
export async function getOwnFramework(db: Db, organisationId: number, frameworkId: number) {
  if (!Number.isSafeInteger(frameworkId)) return undefined;
  return db.selectFrom("skill_frameworks").selectAll().where("id", "=", frameworkId).where("organisation_id", "=", organisationId).executeTakeFirst();
}

export interface AreaEdit {
  areaId: number;
  name: string;
  targets: Record<AuditCategory, number>;
}

export async function updateFrameworkAreas(db: Db, organisationId: number, frameworkId: number, frameworkName: string, edits: readonly AreaEdit[], actor: Actor): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const framework = await getOwnFramework(trx, organisationId, frameworkId);
    if (!framework) throw new SkillsInputError("That framework is not one of this organisation's.");
    const rows = await trx.selectFrom("skill_areas").selectAll().where("framework_id", "=", frameworkId).where("organisation_id", "=", organisationId).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const before: unknown[] = [];
    const after: unknown[] = [];
    for (const e of edits) {
      const row = byId.get(e.areaId);
      if (!row) throw new SkillsInputError("An area does not belong to this framework.");
      const next = { name: e.name, target_senior_executive: e.targets.senior_executive, target_senior_manager: e.targets.senior_manager, target_frontline: e.targets.frontline };
      const changed = (Object.keys(next) as Array<keyof typeof next>).some((k) => row[k] !== next[k]);
      if (!changed) continue;
      await trx.updateTable("skill_areas").set(next).where("id", "=", row.id).where("organisation_id", "=", organisationId).execute();
      before.push({ code: row.code, name: row.name, targets: [row.target_senior_executive, row.target_senior_manager, row.target_frontline] });
      after.push({ code: row.code, name: next.name, targets: [next.target_senior_executive, next.target_senior_manager, next.target_frontline] });
    }
    const renamed = frameworkName !== framework.name;
    if (renamed) await trx.updateTable("skill_frameworks").set({ name: frameworkName }).where("id", "=", frameworkId).where("organisation_id", "=", organisationId).execute();
    if (after.length > 0 || renamed) {
      await recordAudit(trx, actor, {
        organisationId,
        action: "skill_framework.update",
        entity: "skill_framework",
        entityId: frameworkId,
        summary: `Updated the skills framework "${frameworkName}": ${after.length} area${after.length === 1 ? "" : "s"} changed${renamed ? `, renamed from "${framework.name}"` : ""}`,
        before: { name: framework.name, areas: before },
        after: { name: frameworkName, areas: after },
      });
    }
    return after.length;
  });
}

export async function addFrameworkArea(
  db: Db,
  organisationId: number,
  frameworkId: number,
  input: { name: string; group: AreaGroup; targets: Record<AuditCategory, number> },
  actor: Actor,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const framework = await getOwnFramework(trx, organisationId, frameworkId);
    if (!framework) throw new SkillsInputError("That framework is not one of this organisation's.");
    const rows = await trx.selectFrom("skill_areas").select(["code", "name", "position", "retired_at"]).where("framework_id", "=", frameworkId).execute();
    if (rows.some((r) => r.retired_at === null && r.name.trim().toLowerCase() === input.name.trim().toLowerCase())) {
      throw new SkillsInputError(`The framework already has an area called "${input.name}".`);
    }
    let n = 1;
    while (rows.some((r) => r.code === `X${n}`)) n++;
    const position = Math.max(0, ...rows.map((r) => r.position)) + 1;
    const { id } = await trx
      .insertInto("skill_areas")
      .values({
        organisation_id: organisationId,
        framework_id: frameworkId,
        code: `X${n}`,
        name: input.name,
        area_group: input.group,
        position,
        target_senior_executive: input.targets.senior_executive,
        target_senior_manager: input.targets.senior_manager,
        target_frontline: input.targets.frontline,
        retired_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      organisationId,
      action: "skill_area.add",
      entity: "skill_area",
      entityId: id,
      summary: `Added the area "${input.name}" (${input.group}) to the skills framework "${framework.name}"`,
      after: { code: `X${n}`, ...input },
    });
    return id;
  });
}

export async function setAreaRetired(db: Db, organisationId: number, frameworkId: number, areaId: number, retired: boolean, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const framework = await getOwnFramework(trx, organisationId, frameworkId);
    const area = await trx.selectFrom("skill_areas").selectAll().where("id", "=", areaId).where("framework_id", "=", frameworkId).where("organisation_id", "=", organisationId).executeTakeFirst();
    if (!framework || !area) throw new SkillsInputError("Choose an area of this framework.");
    if ((area.retired_at !== null) === retired) return;
    const at = retired ? new Date().toISOString() : null;
    await trx.updateTable("skill_areas").set({ retired_at: at }).where("id", "=", areaId).where("organisation_id", "=", organisationId).execute();
    await recordAudit(trx, actor, {
      organisationId,
      action: retired ? "skill_area.retire" : "skill_area.restore",
      entity: "skill_area",
      entityId: areaId,
      summary: `${retired ? "Retired" : "Restored"} the area "${area.name}" of the skills framework "${framework.name}"${retired ? " (its ratings are kept)" : ""}`,
      before: { retired_at: area.retired_at },
      after: { retired_at: at },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Campaigns

export function parseFilter(json: string | null | undefined): ParticipantFilter {
  try {
    const f = JSON.parse(json ?? "{}") as Partial<ParticipantFilter>;
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
    return {
      categories: strings(f.categories).filter(isAuditCategory),
      departments: strings(f.departments),
      employers: strings(f.employers),
      refs: strings(f.refs),
    };
  } catch {
    return EMPTY_FILTER;
  }
}

export function describeFilter(f: ParticipantFilter): string {
  const parts: string[] = [];
  if (f.categories.length) parts.push(`category: ${f.categories.map((c) => CATEGORY_LABELS[c]).join(", ")}`);
  if (f.departments.length) parts.push(`department: ${f.departments.join(", ")}`);
  if (f.employers.length) parts.push(`employer: ${f.employers.map((e) => e || "Direct").join(", ")}`);
  const base = parts.length ? parts.join("; ") : f.refs.length ? "" : "everyone in post with a target category";
  const refs = f.refs.length ? `${f.refs.length} listed employee ref${f.refs.length === 1 ? "" : "s"}` : "";
  return [base, refs].filter(Boolean).join(" plus ");
}

/** The campaign if it belongs to the organisation, else undefined (the page answers 404). */
export async function getCampaign(db: Db, organisationId: number, campaignId: number): Promise<CampaignRow | undefined> {
  if (!Number.isSafeInteger(campaignId) || campaignId <= 0) return undefined;
  return db.selectFrom("skills_audit_campaigns").selectAll().where("id", "=", campaignId).where("organisation_id", "=", organisationId).executeTakeFirst();
}

export function campaignIdFrom(param: string | undefined): number {
  return param && /^\d{1,12}$/.test(param) ? Number(param) : NaN;
}

/** People who could be included, with their category and whether they are in post, from the rules as of `asOf`. */
export async function auditCandidates(db: Db, organisationId: number, asOf: string): Promise<Candidate[]> {
  const { data, measures } = await evaluateOrganisation(db, organisationId, asOf);
  const byId = new Map(measures.people.map((p) => [p.staffId, p]));
  return data.staff.map((s) => {
    const p = byId.get(s.id);
    return {
      staffId: s.id,
      employeeRef: s.employeeRef,
      category: p?.category ?? "unmapped",
      department: s.department,
      employer: s.employer && s.employer.trim() !== "" ? s.employer : null,
      active: p ? p.status !== "left" && p.status !== "not_started" : false,
    };
  });
}

export interface CampaignInput {
  name: string;
  frameworkId: number;
  opensOn: string;
  closesOn: string;
  filter: ParticipantFilter;
}

async function writeParticipants(trx: Db, organisationId: number, campaignId: number, selection: Selection): Promise<void> {
  await trx.deleteFrom("skills_audit_participants").where("campaign_id", "=", campaignId).where("organisation_id", "=", organisationId).execute();
  const rows = selection.selected.map((p) => ({
    campaign_id: campaignId,
    organisation_id: organisationId,
    staff_id: p.staffId,
    category: p.category,
    department: p.department,
    employer: p.employer,
  }));
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto("skills_audit_participants").values(rows.slice(i, i + 500)).execute();
}

function selectionProblems(selection: Selection): string | null {
  const problems: string[] = [];
  if (selection.unknownRefs.length) problems.push(`No one has the employee ref${selection.unknownRefs.length === 1 ? "" : "s"} ${selection.unknownRefs.slice(0, 10).join(", ")}${selection.unknownRefs.length > 10 ? "…" : ""}.`);
  for (const n of selection.notAuditable.slice(0, 10)) problems.push(`${n.employeeRef} ${n.reason}, so has no target levels.`);
  return problems.length ? problems.join(" ") : null;
}

export type CampaignResult = { ok: true; id: number; participants: number } | { ok: false; field: "refs" | "filters"; message: string };

export async function createCampaign(db: Db, organisationId: number, input: CampaignInput, actor: Actor, today: string): Promise<CampaignResult> {
  const framework = await getFramework(db, organisationId, input.frameworkId);
  if (!framework) return { ok: false, field: "filters", message: "Choose a framework." };
  const selection = selectParticipants(await auditCandidates(db, organisationId, today), input.filter);
  const problem = selectionProblems(selection);
  if (problem) return { ok: false, field: "refs", message: problem };
  if (selection.selected.length === 0) return { ok: false, field: "filters", message: "Nobody in post matches these filters. Widen them or list employee refs." };
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("skills_audit_campaigns")
      .values({
        organisation_id: organisationId,
        framework_id: framework.id,
        name: input.name,
        status: "draft",
        opens_on: input.opensOn,
        closes_on: input.closesOn,
        filter_json: JSON.stringify(input.filter),
        created_by: actor.name,
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeParticipants(trx, organisationId, id, selection);
    await recordAudit(trx, actor, {
      organisationId,
      action: "skills_audit.create",
      entity: "skills_audit_campaign",
      entityId: id,
      summary: `Created the skills audit "${input.name}" (${framework.name}) with ${selection.selected.length} people`,
      after: { ...input, participants: selection.selected.length },
    });
    return { ok: true as const, id, participants: selection.selected.length };
  });
}

/** Details and who is included can change while the campaign is a draft. */
export async function updateDraftCampaign(db: Db, organisationId: number, campaignId: number, input: CampaignInput, actor: Actor, today: string): Promise<CampaignResult> {
  const campaign = await getCampaign(db, organisationId, campaignId);
  if (!campaign) throw new SkillsInputError("No such campaign.");
  if (campaign.status !== "draft") throw new CampaignStateError(`The campaign is ${campaign.status}: only a draft's details and people can change.`);
  const framework = await getFramework(db, organisationId, input.frameworkId);
  if (!framework) return { ok: false, field: "filters", message: "Choose a framework." };
  const selection = selectParticipants(await auditCandidates(db, organisationId, today), input.filter);
  const problem = selectionProblems(selection);
  if (problem) return { ok: false, field: "refs", message: problem };
  if (selection.selected.length === 0) return { ok: false, field: "filters", message: "Nobody in post matches these filters. Widen them or list employee refs." };
  return db.transaction().execute(async (trx) => {
    const current = await getCampaign(trx, organisationId, campaignId);
    if (!current || current.status !== "draft") throw new CampaignStateError("The campaign is no longer a draft.");
    await trx
      .updateTable("skills_audit_campaigns")
      .set({ name: input.name, framework_id: framework.id, opens_on: input.opensOn, closes_on: input.closesOn, filter_json: JSON.stringify(input.filter) })
      .where("id", "=", campaignId)
      .where("organisation_id", "=", organisationId)
      .execute();
    await writeParticipants(trx, organisationId, campaignId, selection);
    await recordAudit(trx, actor, {
      organisationId,
      action: "skills_audit.update",
      entity: "skills_audit_campaign",
      entityId: campaignId,
      summary: `Updated the draft skills audit "${input.name}" (${selection.selected.length} people)`,
      before: { name: current.name, frameworkId: current.framework_id, opensOn: current.opens_on, closesOn: current.closes_on, filter: parseFilter(current.filter_json) },
      after: { ...input, participants: selection.selected.length },
    });
    return { ok: true as const, id: campaignId, participants: selection.selected.length };
  });
}

/** draft → open → closed. Closing freezes the areas and targets; a closed campaign is read-only. */
export async function changeCampaignStatus(db: Db, organisationId: number, campaignId: number, to: "open" | "closed", actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const campaign = await getCampaign(trx, organisationId, campaignId);
    if (!campaign) throw new SkillsInputError("No such campaign.");
    if (campaign.status === "closed") throw new CampaignStateError("The campaign is closed: it is read-only.");
    if (to === "open" && campaign.status !== "draft") throw new CampaignStateError("Only a draft campaign can be opened.");
    if (to === "closed" && campaign.status !== "open") throw new CampaignStateError("Only an open campaign can be closed.");
    const now = new Date().toISOString();
    if (to === "open") {
      const n = await trx.selectFrom("skills_audit_participants").select((eb) => eb.fn.countAll<number>().as("n")).where("campaign_id", "=", campaignId).executeTakeFirst();
      if (Number(n?.n ?? 0) === 0) throw new CampaignStateError("The campaign includes nobody: change who is included first.");
      await trx.updateTable("skills_audit_campaigns").set({ status: "open", opened_at: now }).where("id", "=", campaignId).where("organisation_id", "=", organisationId).execute();
    } else {
      const areas = await liveCampaignAreas(trx, campaign);
      if (areas.length > 0) {
        await trx
          .insertInto("skills_audit_campaign_areas")
          .values(
            areas.map((a) => ({
              campaign_id: campaignId,
              area_id: a.id,
              code: a.code,
              name: a.name,
              area_group: a.group,
              position: a.position,
              target_senior_executive: a.targets.senior_executive,
              target_senior_manager: a.targets.senior_manager,
              target_frontline: a.targets.frontline,
              retired: a.retired ? 1 : 0,
            })),
          )
          .execute();
      }
      await trx.updateTable("skills_audit_campaigns").set({ status: "closed", closed_at: now, closed_by: actor.name }).where("id", "=", campaignId).where("organisation_id", "=", organisationId).execute();
    }
    await recordAudit(trx, actor, {
      organisationId,
      action: to === "open" ? "skills_audit.open" : "skills_audit.close",
      entity: "skills_audit_campaign",
      entityId: campaignId,
      summary: `${to === "open" ? "Opened" : "Closed"} the skills audit "${campaign.name}"`,
      before: { status: campaign.status },
      after: { status: to },
    });
  });
}

export async function deleteDraftCampaign(db: Db, organisationId: number, campaignId: number, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const campaign = await getCampaign(trx, organisationId, campaignId);
    if (!campaign) throw new SkillsInputError("No such campaign.");
    if (campaign.status !== "draft") throw new CampaignStateError("Only a draft campaign can be deleted; open and closed campaigns are kept as evidence.");
    await trx.deleteFrom("skills_audit_uploads").where("campaign_id", "=", campaignId).where("organisation_id", "=", organisationId).execute();
    await trx.deleteFrom("skills_audit_participants").where("campaign_id", "=", campaignId).where("organisation_id", "=", organisationId).execute();
    await trx.deleteFrom("skills_audit_campaigns").where("id", "=", campaignId).where("organisation_id", "=", organisationId).execute();
    await recordAudit(trx, actor, {
      organisationId,
      action: "skills_audit.delete",
      entity: "skills_audit_campaign",
      entityId: campaignId,
      summary: `Deleted the draft skills audit "${campaign.name}"`,
      before: { name: campaign.name, filter: parseFilter(campaign.filter_json) },
    });
  });
}

/** Live areas of the framework, plus retired ones that already hold ratings in this campaign (their history). */
async function liveCampaignAreas(db: Db, campaign: CampaignRow): Promise<SkillArea[]> {
  const areas = await frameworkAreas(db, campaign.framework_id);
  const retired = areas.filter((a) => a.retired);
  if (retired.length === 0) return areas;
  const used = new Set(
    (
      await db
        .selectFrom("skills_audit_ratings")
        .select("area_id")
        .distinct()
        .where("campaign_id", "=", campaign.id)
        .where("organisation_id", "=", campaign.organisation_id)
        .where(
          "area_id",
          "in",
          retired.map((a) => a.id),
        )
        .execute()
    ).map((r) => r.area_id),
  );
  return areas.filter((a) => !a.retired || used.has(a.id));
}

/** The campaign's areas with their targets: frozen at closing, live from the framework before. */
export async function campaignAreas(db: Db, campaign: CampaignRow): Promise<SkillArea[]> {
  if (campaign.status !== "closed") return liveCampaignAreas(db, campaign);
  const rows = await db.selectFrom("skills_audit_campaign_areas").selectAll().where("campaign_id", "=", campaign.id).orderBy("position").execute();
  return rows.map((r) => areaFromRow({ ...r, id: r.area_id, retired: r.retired === 1 }));
}

export interface Participant {
  staffId: number;
  employeeRef: string;
  name: string;
  jobTitle: string;
  category: AuditCategory;
  department: string | null;
  employer: string | null;
}

export async function campaignParticipants(db: Db, organisationId: number, campaignId: number): Promise<Participant[]> {
  const rows = await db
    .selectFrom("skills_audit_participants as p")
    .innerJoin("staff as s", (j) => j.onRef("s.id", "=", "p.staff_id").on("s.organisation_id", "=", organisationId))
    .select(["p.staff_id", "p.category", "p.department", "p.employer", "s.employee_ref", "s.first_name", "s.last_name", "s.job_title"])
    .where("p.campaign_id", "=", campaignId)
    .where("p.organisation_id", "=", organisationId)
    .orderBy("s.last_name")
    .orderBy("s.first_name")
    .orderBy("s.employee_ref")
    .execute();
  return rows.map((r) => ({
    staffId: r.staff_id,
    employeeRef: r.employee_ref,
    name: personName(r),
    jobTitle: r.job_title,
    category: r.category,
    department: r.department,
    employer: r.employer,
  }));
}

export type RatingsByStaff = Map<number, Map<number, Rating>>;

export async function campaignRatings(db: Db, organisationId: number, campaignId: number, staffId?: number): Promise<RatingsByStaff> {
  let q = db
    .selectFrom("skills_audit_ratings")
    .select(["staff_id", "area_id", "self_rating", "manager_rating", "agreed_rating", "note"])
    .where("campaign_id", "=", campaignId)
    .where("organisation_id", "=", organisationId);
  if (staffId !== undefined) q = q.where("staff_id", "=", staffId);
  const out: RatingsByStaff = new Map();
  for (const r of await q.execute()) {
    let m = out.get(r.staff_id);
    if (!m) out.set(r.staff_id, (m = new Map()));
    m.set(r.area_id, { areaId: r.area_id, self: r.self_rating, manager: r.manager_rating, agreed: r.agreed_rating, note: r.note });
  }
  return out;
}

export interface CampaignData {
  campaign: CampaignRow;
  frameworkName: string;
  areas: SkillArea[];
  participants: Participant[];
  ratings: RatingsByStaff;
}

export async function loadCampaignData(db: Db, organisationId: number, campaign: CampaignRow): Promise<CampaignData> {
  const [framework, areas, participants, ratings] = await Promise.all([
    db.selectFrom("skill_frameworks").select("name").where("id", "=", campaign.framework_id).executeTakeFirst(),
    campaignAreas(db, campaign),
    campaignParticipants(db, organisationId, campaign.id),
    campaignRatings(db, organisationId, campaign.id),
  ]);
  return { campaign, frameworkName: framework?.name ?? "", areas, participants, ratings };
}

export interface CampaignListItem {
  id: number;
  name: string;
  status: CampaignStatus;
  opensOn: string;
  closesOn: string;
  frameworkName: string;
  people: number;
  complete: number;
  partial: number;
  notStarted: number;
}

export async function listCampaigns(db: Db, organisationId: number): Promise<CampaignListItem[]> {
  const campaigns = await db
    .selectFrom("skills_audit_campaigns as c")
    .innerJoin("skill_frameworks as f", "f.id", "c.framework_id")
    .selectAll("c")
    .select("f.name as framework_name")
    .where("c.organisation_id", "=", organisationId)
    .orderBy("c.opens_on", "desc")
    .orderBy("c.id", "desc")
    .execute();
  const out: CampaignListItem[] = [];
  for (const c of campaigns) {
    const { framework_name, ...row } = c;
    const areas = (await campaignAreas(db, row)).filter((a) => !a.retired);
    const liveIds = areas.map((a) => a.id);
    const people = await db
      .selectFrom("skills_audit_participants as p")
      .select("p.staff_id")
      .select((eb) => [
        eb
          .selectFrom("skills_audit_ratings as r")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("r.staff_id", "=", "p.staff_id")
          .whereRef("r.campaign_id", "=", "p.campaign_id")
          .where("r.agreed_rating", "is not", null)
          .where("r.area_id", "in", liveIds.length ? liveIds : [-1])
          .as("agreed"),
        eb
          .selectFrom("skills_audit_ratings as r")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("r.staff_id", "=", "p.staff_id")
          .whereRef("r.campaign_id", "=", "p.campaign_id")
          .where((e) => e.or([e("r.self_rating", "is not", null), e("r.manager_rating", "is not", null), e("r.agreed_rating", "is not", null), e("r.note", "!=", "")]))
          .as("entered"),
      ])
      .where("p.campaign_id", "=", c.id)
      .where("p.organisation_id", "=", organisationId)
      .execute();
    let complete = 0;
    let partial = 0;
    for (const p of people) {
      if (areas.length > 0 && Number(p.agreed) === areas.length) complete++;
      else if (Number(p.entered) > 0) partial++;
    }
    out.push({
      id: c.id,
      name: c.name,
      status: c.status,
      opensOn: c.opens_on,
      closesOn: c.closes_on,
      frameworkName: framework_name,
      people: people.length,
      complete,
      partial,
      notStarted: people.length - complete - partial,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Ratings

export interface RatingInput {
  areaId: number;
  self: number | null;
  manager: number | null;
  agreed: number | null;
  note: string | null;
}

function validRating(v: number | null): boolean {
  return v === null || (Number.isInteger(v) && v >= RATING_MIN && v <= RATING_MAX);
}

export interface RatingChange {
  areaId: number;
  code: string;
  area: string;
  before: Omit<RatingInput, "areaId"> | null;
  after: Omit<RatingInput, "areaId">;
}

/**
 * Writes one person's ratings in one open campaign (only the areas whose values change), in the caller's
 * transaction, and returns the changes. Throws CampaignStateError unless the campaign is open.
 */
export async function writeRatings(
  trx: Db,
  organisationId: number,
  campaignId: number,
  staffId: number,
  inputs: readonly RatingInput[],
  actor: Actor,
): Promise<RatingChange[]> {
  const campaign = await getCampaign(trx, organisationId, campaignId);
  if (!campaign) throw new SkillsInputError("No such campaign.");
  if (campaign.status === "closed") throw new CampaignStateError("The campaign is closed: its ratings are read-only.");
  if (campaign.status !== "open") throw new CampaignStateError("The campaign is a draft: open it before entering ratings.");
  const participant = await trx.selectFrom("skills_audit_participants").select("staff_id").where("campaign_id", "=", campaignId).where("staff_id", "=", staffId).where("organisation_id", "=", organisationId).executeTakeFirst();
  if (!participant) throw new SkillsInputError("That person is not in this campaign.");
  const areas = new Map((await liveCampaignAreas(trx, campaign)).map((a) => [a.id, a]));
  const existing = (await campaignRatings(trx, organisationId, campaignId, staffId)).get(staffId) ?? new Map<number, Rating>();
  const changes: RatingChange[] = [];
  const now = new Date().toISOString();
  for (const input of inputs) {
    const area = areas.get(input.areaId);
    if (!area) throw new SkillsInputError("An area is not part of this campaign.");
    if (!validRating(input.self) || !validRating(input.manager) || !validRating(input.agreed)) throw new SkillsInputError("Ratings are whole numbers from 0 to 4.");
    const note = input.note && input.note.trim() !== "" ? input.note.trim() : null;
    const before = existing.get(input.areaId);
    const after = { self: input.self, manager: input.manager, agreed: input.agreed, note };
    if (before && before.self === after.self && before.manager === after.manager && before.agreed === after.agreed && (before.note ?? null) === note) continue;
    if (!before && after.self === null && after.manager === null && after.agreed === null && note === null) continue;
    if (area.retired) throw new SkillsInputError(`The area "${area.name}" is retired: its ratings are kept but cannot change.`);
    if (before) {
      await trx
        .updateTable("skills_audit_ratings")
        .set({ self_rating: after.self, manager_rating: after.manager, agreed_rating: after.agreed, note, updated_by: actor.name, updated_at: now })
        .where("campaign_id", "=", campaignId)
        .where("staff_id", "=", staffId)
        .where("area_id", "=", input.areaId)
        .where("organisation_id", "=", organisationId)
        .execute();
    } else {
      await trx
        .insertInto("skills_audit_ratings")
        .values({ organisation_id: organisationId, campaign_id: campaignId, staff_id: staffId, area_id: input.areaId, self_rating: after.self, manager_rating: after.manager, agreed_rating: after.agreed, note, updated_by: actor.name, updated_at: now })
        .execute();
    }
    changes.push({
      areaId: input.areaId,
      code: area.code,
      area: area.name,
      before: before ? { self: before.self, manager: before.manager, agreed: before.agreed, note: before.note } : null,
      after,
    });
  }
  return changes;
}

/** The per-person form: one transaction, one audit event listing the changed areas. */
export async function savePersonRatings(
  db: Db,
  organisationId: number,
  campaignId: number,
  person: { staffId: number; employeeRef: string; name: string },
  inputs: readonly RatingInput[],
  actor: Actor,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const changes = await writeRatings(trx, organisationId, campaignId, person.staffId, inputs, actor);
    if (changes.length > 0) {
      await recordAudit(trx, actor, {
        organisationId,
        action: "skills_audit.ratings",
        entity: "skills_audit_campaign",
        entityId: campaignId,
        summary: `Skills audit ratings for ${person.name} (${person.employeeRef}): ${changes.length} area${changes.length === 1 ? "" : "s"} changed`,
        before: Object.fromEntries(changes.map((c) => [c.code, c.before])),
        after: Object.fromEntries(changes.map((c) => [c.code, c.after])),
      });
    }
    return changes.length;
  });
}

// ---------------------------------------------------------------------------------------------
// What the results pages need beyond the ratings

/** Today's status from the rules, per staff id (to know who is already qualified). */
export async function qualificationStatuses(db: Db, organisationId: number, asOf: string): Promise<Map<number, string>> {
  const { measures } = await evaluateOrganisation(db, organisationId, asOf);
  return new Map(measures.people.map((p) => [p.staffId, p.status]));
}

/** Units each person has passed or been exempted from (not recommended again). */
export async function achievedUnits(db: Db, organisationId: number, staffIds?: readonly number[]): Promise<Map<number, Set<string>>> {
  let q = db
    .selectFrom("unit_results as u")
    .innerJoin("qualification_records as r", "r.id", "u.record_id")
    .select(["r.staff_id", "u.unit_ref"])
    .where("u.organisation_id", "=", organisationId)
    .where("r.organisation_id", "=", organisationId)
    .where("u.result", "in", ["pass", "exempt"]);
  if (staffIds && staffIds.length <= 500) q = q.where("r.staff_id", "in", staffIds.length ? [...staffIds] : [-1]);
  const out = new Map<number, Set<string>>();
  for (const r of await q.execute()) {
    let s = out.get(r.staff_id);
    if (!s) out.set(r.staff_id, (s = new Set()));
    s.add(r.unit_ref.trim().toUpperCase());
  }
  return out;
}

export function gapsOf(data: CampaignData, p: Participant): Gap[] {
  return personGaps(data.areas, data.ratings.get(p.staffId) ?? new Map(), p.category);
}

/** One row per person and area, for the ratings CSV (re-importable: employee_ref, area, self, manager, agreed, note). */
export function ratingsCsvRows(data: CampaignData): unknown[][] {
  const rows: unknown[][] = [];
  for (const p of data.participants) {
    const ratings = data.ratings.get(p.staffId);
    for (const a of data.areas) {
      const r = ratings?.get(a.id);
      if (a.retired && !r) continue;
      const target = targetFor(a, p.category);
      rows.push([
        p.employeeRef,
        a.name,
        r?.self ?? "",
        r?.manager ?? "",
        r?.agreed ?? "",
        r?.note ?? "",
        p.name,
        p.department ?? "",
        CATEGORY_LABELS[p.category],
        a.code,
        a.group,
        target,
        gapFor(target, r?.agreed) ?? "",
      ]);
    }
  }
  return rows;
}

export const RATINGS_CSV_HEADER = ["employee_ref", "area", "self", "manager", "agreed", "note", "name", "department", "category", "area_code", "area_group", "target", "gap"] as const;

export { AUDIT_CATEGORIES };

/** Frameworks, departments and employers for the campaign form. */
export async function campaignFormOptions(db: Db, organisationId: number) {
  const frameworks = (await listFrameworks(db, organisationId)).map((f) => ({ id: f.id, name: f.name, shared: f.shared }));
  const departments = (
    await db.selectFrom("staff").select("department").distinct().where("organisation_id", "=", organisationId).where("department", "is not", null).where("department", "!=", "").orderBy("department").execute()
  ).map((r) => r.department as string);
  const employers = (
    await db.selectFrom("staff").select("employer").distinct().where("organisation_id", "=", organisationId).where("employer", "is not", null).where("employer", "!=", "").orderBy("employer").execute()
  ).map((r) => r.employer as string);
  return { frameworks, departments, employers };
}

export async function findParticipant(db: Db, organisationId: number, campaignId: number, employeeRef: string | undefined): Promise<Participant | undefined> {
  if (!employeeRef) return undefined;
  const row = await db
    .selectFrom("skills_audit_participants as p")
    .innerJoin("staff as s", (j) => j.onRef("s.id", "=", "p.staff_id").on("s.organisation_id", "=", organisationId))
    .select(["p.staff_id", "p.category", "p.department", "p.employer", "s.employee_ref", "s.first_name", "s.last_name", "s.job_title"])
    .where("p.campaign_id", "=", campaignId)
    .where("p.organisation_id", "=", organisationId)
    .where("s.employee_ref", "=", employeeRef)
    .executeTakeFirst();
  if (!row) return undefined;
  return { staffId: row.staff_id, employeeRef: row.employee_ref, name: personName(row), jobTitle: row.job_title, category: row.category, department: row.department, employer: row.employer };
}

export interface PersonRecommendations {
  qualified: boolean;
  status: string;
  units: UnitRecommendation[];
  /** Gaps no unit of the qualification covers. */
  uncovered: Gap[];
  courses: CourseRecommendation[];
}

export function recommendationsFor(gaps: readonly Gap[], ctx: { status: string; achievedUnitRefs?: ReadonlySet<string>; courses: readonly CourseForRecommendation[] }): PersonRecommendations {
  const qualified = ctx.status === "qualified";
  return {
    qualified,
    status: ctx.status,
    units: recommendUnits(gaps, { qualified, achievedUnitRefs: ctx.achievedUnitRefs }),
    uncovered: gapsNoUnitCovers(gaps),
    courses: recommendCourses(gaps, ctx.courses),
  };
}

export interface CampaignRecommendationContext {
  statuses: Map<number, string>;
  achieved: Map<number, Set<string>>;
  courses: readonly CourseForRecommendation[];
}

export async function recommendationContext(db: Db, organisationId: number, asOf: string, courses: readonly CourseForRecommendation[]): Promise<CampaignRecommendationContext> {
  const [statuses, achieved] = await Promise.all([qualificationStatuses(db, organisationId, asOf), achievedUnits(db, organisationId)]);
  return { statuses, achieved, courses };
}

export const RECOMMENDATIONS_CSV_HEADER = [
  "employee_ref",
  "name",
  "department",
  "category",
  "qualification_status",
  "qualification_status_label",
  "gaps",
  "recommendation",
  "rank",
  "ref",
  "title",
  "closes_gaps",
  "gap_areas",
] as const;

/** One row per person and recommended unit or course (and one per gap no unit covers). */
export function recommendationCsvRows(data: CampaignData, ctx: CampaignRecommendationContext): unknown[][] {
  const rows: unknown[][] = [];
  for (const p of data.participants) {
    const gaps = gapsOf(data, p);
    if (gaps.length === 0) continue;
    const status = ctx.statuses.get(p.staffId) ?? "";
    const recs = recommendationsFor(gaps, { status, achievedUnitRefs: ctx.achieved.get(p.staffId), courses: ctx.courses });
    const base = [p.employeeRef, p.name, p.department ?? "", CATEGORY_LABELS[p.category], status, status ? (STATUS_LABELS[status as keyof typeof STATUS_LABELS] ?? status) : "", gaps.map((g) => `${g.area} (${g.gap})`).join("; ")];
    recs.units.forEach((u, i) =>
      rows.push([...base, u.kind === "top_up" ? "top-up unit" : "qualification unit", i + 1, u.unit.unitRef, u.unit.title, u.closes.length, u.closes.map((g) => g.area).join("; ")]),
    );
    recs.courses.forEach((c, i) => rows.push([...base, "short course", i + 1, String(c.course.id), c.course.title, c.closes.length, c.closes.map((g) => g.area).join("; ")]));
    for (const g of recs.uncovered) rows.push([...base, "no unit covers this gap", "", g.code, g.area, 1, g.area]);
  }
  return rows;
}
