/**
 * Skills audit campaigns: who they include, and their life (draft → open → closed; only a draft changes or is
 * deleted; closing freezes the areas and targets). Reads through the organisation scope; commands return a Result.
 */
import type { CampaignInput } from "../../skills/forms";
import { plural } from "../../utils/plural";
import type { Selectable } from "kysely";
import type { SkillsAuditCampaignTable } from "../../../db/schema";
import { selectParticipants, type Candidate, type CampaignStatus, type Selection } from "../../skills";
import type { OrganisationReader, OrganisationScope, OrganisationWriter } from "../organisation-scope.server";
import { conflict, invalid, ok, type Result } from "../result";
import { campaignAreas, liveCampaignAreas } from "./campaign-data.server";
import { parseFilter } from "./campaign-filter";
import { evaluateOrganisation } from "../compliance.server";
import { getFramework, listFrameworks } from "./frameworks.server";

export type CampaignRow = Selectable<SkillsAuditCampaignTable>;

/** The campaign if it belongs to the organisation, else undefined (the page answers 404). */
export async function getCampaign(scope: OrganisationReader, campaignId: number): Promise<CampaignRow | undefined> {
  if (!Number.isSafeInteger(campaignId) || campaignId <= 0) return undefined;
  return scope.selectFrom("skills_audit_campaigns").selectAll().where("id", "=", campaignId).executeTakeFirst();
}

/** People who could be included, with their category and whether they are in post, from the rules as of `asOf`. */
export async function auditCandidates(scope: OrganisationReader, asOf: string): Promise<Candidate[]> {
  const { data, measures } = await evaluateOrganisation(scope, asOf);
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

export type { CampaignInput };

export interface CampaignSaved {
  id: number;
  participants: number;
}

async function writeParticipants(w: OrganisationWriter, campaignId: number, selection: Selection): Promise<void> {
  await w.deleteFrom("skills_audit_participants").where("campaign_id", "=", campaignId).execute();
  const rows = selection.selected.map((p) => ({ campaign_id: campaignId, staff_id: p.staffId, category: p.category, department: p.department, employer: p.employer }));
  for (let i = 0; i < rows.length; i += 500) await w.insertInto("skills_audit_participants", rows.slice(i, i + 500)).execute();
}

function selectionProblems(selection: Selection): string | null {
  const problems: string[] = [];
  if (selection.unknownRefs.length) problems.push(`No one has the employee ref${selection.unknownRefs.length === 1 ? "" : "s"} ${selection.unknownRefs.slice(0, 10).join(", ")}${selection.unknownRefs.length > 10 ? "…" : ""}.`);
  for (const n of selection.notAuditable.slice(0, 10)) problems.push(`${n.employeeRef} ${n.reason}, so has no target levels.`);
  return problems.length ? problems.join(" ") : null;
}

const field = (name: "refs" | "filters", message: string) => invalid({ [name]: message }, message);

/** The framework and the people a campaign form names, or the field to correct. */
async function framedSelection(scope: OrganisationScope, input: CampaignInput): Promise<Result<{ framework: { id: number; name: string }; selection: Selection }>> {
  const framework = await getFramework(scope, input.frameworkId);
  if (!framework) return field("filters", "Choose a framework.");
  const selection = selectParticipants(await auditCandidates(scope, scope.today), input.filter);
  const problem = selectionProblems(selection);
  if (problem) return field("refs", problem);
  if (selection.selected.length === 0) return field("filters", "Nobody in post matches these filters. Widen them or list employee refs.");
  return ok({ framework, selection });
}

/** A draft campaign with the people the filters select as of today. */
export async function createCampaign(scope: OrganisationScope, input: CampaignInput): Promise<Result<CampaignSaved>> {
  const framed = await framedSelection(scope, input);
  if (!framed.ok) return framed;
  const { framework, selection } = framed.value;
  const saved = await scope.write(async (w) => {
    const { id } = await w
      .insertInto("skills_audit_campaigns", {
        framework_id: framework.id,
        name: input.name,
        status: "draft",
        opens_on: input.opensOn,
        closes_on: input.closesOn,
        filter_json: JSON.stringify(input.filter),
        created_by: scope.actor.name,
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeParticipants(w, id, selection);
    await w.audit({
      action: "skills_audit.create",
      entity: "skills_audit_campaign",
      entityId: id,
      summary: `Created the skills audit "${input.name}" (${framework.name}) with ${plural(selection.selected.length, "person")}`,
      after: { ...input, participants: selection.selected.length },
    });
    return { id, participants: selection.selected.length };
  });
  return ok(saved);
}

/** Details and who is included can change while the campaign is a draft. */
export async function updateDraftCampaign(scope: OrganisationScope, input: CampaignInput & { campaignId: number }): Promise<Result<CampaignSaved>> {
  const { campaignId, ...details } = input;
  const campaign = await getCampaign(scope, campaignId);
  if (!campaign) return invalid({}, "No such campaign.");
  if (campaign.status !== "draft") return conflict(`The campaign is ${campaign.status}: only a draft's details and people can change.`);
  const framed = await framedSelection(scope, details);
  if (!framed.ok) return framed;
  const { framework, selection } = framed.value;
  return scope.write(async (w) => {
    const current = await getCampaign(w, campaignId);
    if (!current || current.status !== "draft") return conflict("The campaign is no longer a draft.");
    await w
      .updateTable("skills_audit_campaigns")
      .set({ name: details.name, framework_id: framework.id, opens_on: details.opensOn, closes_on: details.closesOn, filter_json: JSON.stringify(details.filter) })
      .where("id", "=", campaignId)
      .execute();
    await writeParticipants(w, campaignId, selection);
    await w.audit({
      action: "skills_audit.update",
      entity: "skills_audit_campaign",
      entityId: campaignId,
      summary: `Updated the draft skills audit "${details.name}" (${plural(selection.selected.length, "person")})`,
      before: { name: current.name, frameworkId: current.framework_id, opensOn: current.opens_on, closesOn: current.closes_on, filter: parseFilter(current.filter_json) },
      after: { ...details, participants: selection.selected.length },
    });
    return ok({ id: campaignId, participants: selection.selected.length });
  }, { unaudited: "a campaign that stopped being a draft is not changed" });
}

/** draft → open → closed. Closing freezes the areas and targets; a closed campaign is read-only. */
export async function changeCampaignStatus(scope: OrganisationScope, input: { campaignId: number; to: "open" | "closed" }): Promise<Result<void>> {
  const { campaignId, to } = input;
  return scope.write(async (w) => {
    const campaign = await getCampaign(w, campaignId);
    if (!campaign) return invalid({}, "No such campaign.");
    if (campaign.status === "closed") return conflict("The campaign is closed: it is read-only.");
    if (to === "open" && campaign.status !== "draft") return conflict("Only a draft campaign can be opened.");
    if (to === "closed" && campaign.status !== "open") return conflict("Only an open campaign can be closed.");
    const now = new Date().toISOString();
    if (to === "open") {
      const n = await w.selectFrom("skills_audit_participants").select((eb) => eb.fn.countAll<number>().as("n")).where("campaign_id", "=", campaignId).executeTakeFirst();
      if (Number(n?.n ?? 0) === 0) return conflict("The campaign includes nobody: change who is included first.");
      await w.updateTable("skills_audit_campaigns").set({ status: "open", opened_at: now }).where("id", "=", campaignId).execute();
    } else {
      const areas = await liveCampaignAreas(w, campaign);
      await w.insertIntoChild(
        "skills_audit_campaign_areas",
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
      );
      await w.updateTable("skills_audit_campaigns").set({ status: "closed", closed_at: now, closed_by: scope.actor.name }).where("id", "=", campaignId).execute();
    }
    await w.audit({
      action: to === "open" ? "skills_audit.open" : "skills_audit.close",
      entity: "skills_audit_campaign",
      entityId: campaignId,
      summary: `${to === "open" ? "Opened" : "Closed"} the skills audit "${campaign.name}"`,
      before: { status: campaign.status },
      after: { status: to },
    });
    return ok(undefined);
  }, { unaudited: "a refused change of status writes nothing" });
}

/** Only a draft can be deleted; open and closed campaigns are kept as evidence. */
export async function deleteDraftCampaign(scope: OrganisationScope, input: { campaignId: number }): Promise<Result<void>> {
  const { campaignId } = input;
  return scope.write(async (w) => {
    const campaign = await getCampaign(w, campaignId);
    if (!campaign) return invalid({}, "No such campaign.");
    if (campaign.status !== "draft") return conflict("Only a draft campaign can be deleted; open and closed campaigns are kept as evidence.");
    await w.deleteFrom("skills_audit_uploads").where("campaign_id", "=", campaignId).execute();
    await w.deleteFrom("skills_audit_participants").where("campaign_id", "=", campaignId).execute();
    await w.deleteFrom("skills_audit_campaigns").where("id", "=", campaignId).execute();
    await w.audit({
      action: "skills_audit.delete",
      entity: "skills_audit_campaign",
      entityId: campaignId,
      summary: `Deleted the draft skills audit "${campaign.name}"`,
      before: { name: campaign.name, filter: parseFilter(campaign.filter_json) },
    });
    return ok(undefined);
  }, { unaudited: "a refused deletion writes nothing" });
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

/** The organisation's campaigns, newest first, with how far each person's ratings have got. */
export async function listCampaigns(scope: OrganisationReader): Promise<CampaignListItem[]> {
  const [campaigns, frameworks] = await Promise.all([
    scope.selectFrom("skills_audit_campaigns").selectAll().orderBy("opens_on", "desc").orderBy("id", "desc").execute(),
    scope.selectVisible("skill_frameworks").select(["id", "name"]).execute(),
  ]);
  const frameworkNames = new Map(frameworks.map((f) => [f.id, f.name]));
  const out: CampaignListItem[] = [];
  for (const c of campaigns) {
    const frameworkName = frameworkNames.get(c.framework_id);
    if (frameworkName === undefined) continue;
    const areas = (await campaignAreas(scope, c)).filter((a) => !a.retired);
    const liveIds = areas.map((a) => a.id);
    const [people, agreed, entered] = await Promise.all([
      scope.selectFrom("skills_audit_participants").select("staff_id").where("campaign_id", "=", c.id).execute(),
      scope
        .selectFrom("skills_audit_ratings")
        .select("staff_id")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("campaign_id", "=", c.id)
        .where("agreed_rating", "is not", null)
        .where("area_id", "in", liveIds.length ? liveIds : [-1])
        .groupBy("staff_id")
        .execute(),
      scope
        .selectFrom("skills_audit_ratings")
        .select("staff_id")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("campaign_id", "=", c.id)
        .where((e) => e.or([e("self_rating", "is not", null), e("manager_rating", "is not", null), e("agreed_rating", "is not", null), e("note", "!=", "")]))
        .groupBy("staff_id")
        .execute(),
    ]);
    const agreedBy = new Map(agreed.map((r) => [r.staff_id, Number(r.n)]));
    const enteredBy = new Map(entered.map((r) => [r.staff_id, Number(r.n)]));
    let complete = 0;
    let partial = 0;
    for (const p of people) {
      if (areas.length > 0 && (agreedBy.get(p.staff_id) ?? 0) === areas.length) complete++;
      else if ((enteredBy.get(p.staff_id) ?? 0) > 0) partial++;
    }
    out.push({
      id: c.id,
      name: c.name,
      status: c.status,
      opensOn: c.opens_on,
      closesOn: c.closes_on,
      frameworkName,
      people: people.length,
      complete,
      partial,
      notStarted: people.length - complete - partial,
    });
  }
  return out;
}

/** Frameworks, departments and employers for the campaign form. */
export async function campaignFormOptions(scope: OrganisationReader) {
  const frameworks = (await listFrameworks(scope)).map((f) => ({ id: f.id, name: f.name, shared: f.shared }));
  const departments = (await scope.selectFrom("staff").select("department").distinct().where("department", "is not", null).where("department", "!=", "").orderBy("department").execute()).map(
    (r) => r.department as string,
  );
  const employers = (await scope.selectFrom("staff").select("employer").distinct().where("employer", "is not", null).where("employer", "!=", "").orderBy("employer").execute()).map(
    (r) => r.employer as string,
  );
  return { frameworks, departments, employers };
}
