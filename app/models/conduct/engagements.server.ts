/**
 * The tenant engagement log: dated entries (a tenant panel, a survey, a scrutiny meeting…) of how tenants
 * influenced or scrutinised a policy or code of conduct version, and what came of it. The direction asks that
 * tenants are given meaningful opportunities to influence and scrutinise both; this is the landlord's evidence.
 */
import { z } from "zod";
import { ENGAGEMENT_KINDS, ENGAGEMENT_KIND_LABELS, POLICY_KIND_LABELS, type EngagementKind } from "../../conduct";
import type { PolicyKind } from "../../../db/schema";
import type { OrganisationReader, OrganisationScope } from "../organisation-scope.server";
import { invalid, notFound, ok, type Result } from "../result";
import { optionalText, requiredDate, requiredText } from "./inputs";
import { parseFields } from "../../utils/zod-field-errors";

export interface EngagementRow {
  id: number;
  heldOn: string;
  kind: EngagementKind;
  title: string;
  influence: string | null;
  outcome: string | null;
  /** The policy or code version it was about (null: about the organisation's approach in general). */
  policy: { id: number; kind: PolicyKind; version: string } | null;
  recordedBy: string;
}

/** Every entry, newest first. */
export async function listEngagements(scope: OrganisationReader): Promise<EngagementRow[]> {
  const [rows, versions] = await Promise.all([
    scope.selectFrom("tenant_engagements").selectAll().orderBy("held_on", "desc").orderBy("id", "desc").execute(),
    scope.selectFrom("policy_versions").select(["id", "kind", "version"]).execute(),
  ]);
  const byId = new Map(versions.map((v) => [v.id, v]));
  return rows.map((r) => {
    const v = r.policy_version_id == null ? undefined : byId.get(r.policy_version_id);
    return {
      id: r.id,
      heldOn: r.held_on,
      kind: r.kind,
      title: r.title,
      influence: r.influence,
      outcome: r.outcome,
      policy: v ? { id: v.id, kind: v.kind, version: v.version } : null,
      recordedBy: r.recorded_by,
    };
  });
}

/** "Code of conduct v3" — the name an entry's policy goes by on the page and in the evidence pack. */
export function policyVersionName(policy: { kind: PolicyKind; version: string }): string {
  return `${POLICY_KIND_LABELS[policy.kind]} ${policy.version}`;
}

export const engagementInputSchema = z.object({
  heldOn: requiredDate("date it was held"),
  kind: z.enum(ENGAGEMENT_KINDS as [EngagementKind, ...EngagementKind[]], {
    errorMap: () => ({ message: `Choose the kind of engagement: ${ENGAGEMENT_KINDS.join(", ")}` }),
  }),
  title: requiredText("title", 200),
  policyVersionId: z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || /^\d+$/.test(v), "Choose a policy version from the list, or none")
    .transform((v) => (v === "" ? null : Number(v))),
  influence: optionalText("how tenants influenced or scrutinised it", 2000),
  outcome: optionalText("outcome", 2000),
});
/** Text as a form gives it; checked here. */
export type EngagementInput = Partial<Record<keyof z.input<typeof engagementInputSchema>, string>>;

export async function recordEngagement(scope: OrganisationScope, input: EngagementInput): Promise<Result<{ id: number }>> {
  const parsed = parseFields(engagementInputSchema, input);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const e = parsed.value;
  if (e.heldOn > scope.today) return invalid({ heldOn: "Record an engagement once it has been held: the date cannot be in the future" });
  const policy =
    e.policyVersionId == null ? null : await scope.selectFrom("policy_versions").select(["id", "kind", "version"]).where("id", "=", e.policyVersionId).executeTakeFirst();
  if (e.policyVersionId != null && !policy) return invalid({ policyVersionId: "Choose a policy version of this organisation, or none" });
  const id = await scope.write(async (w) => {
    const row = await w
      .insertInto("tenant_engagements", {
        held_on: e.heldOn,
        kind: e.kind,
        policy_version_id: policy?.id ?? null,
        title: e.title,
        influence: e.influence,
        outcome: e.outcome,
        recorded_by: scope.actor.name,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await w.audit({
      action: "tenant_engagement.add",
      entity: "tenant_engagement",
      entityId: row.id,
      summary: `Recorded the ${ENGAGEMENT_KIND_LABELS[e.kind].toLowerCase()} "${e.title}" held ${e.heldOn}${policy ? ` about ${policyVersionName(policy)}` : ""}`,
      after: e,
    });
    return row.id;
  });
  return ok({ id });
}

export async function removeEngagement(scope: OrganisationScope, input: { engagementId: string }): Promise<Result<{ title: string }>> {
  const id = Number(input.engagementId);
  const before = Number.isSafeInteger(id) && id > 0 ? await scope.selectFrom("tenant_engagements").selectAll().where("id", "=", id).executeTakeFirst() : undefined;
  if (!before) return notFound("No such tenant engagement entry");
  await scope.write(async (w) => {
    await w.deleteFrom("tenant_engagements").where("id", "=", before.id).execute();
    await w.audit({
      action: "tenant_engagement.remove",
      entity: "tenant_engagement",
      entityId: before.id,
      summary: `Removed the tenant engagement entry "${before.title}" held ${before.held_on}`,
      before,
    });
  });
  return ok({ title: before.title });
}
