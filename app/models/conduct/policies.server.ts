/** Policy versions (with who approved them, review dates and where tenants can read them) and the days to acknowledge. */
import { z } from "zod";
import { currentVersions, DEFAULT_ACK_DAYS, policyReview, POLICY_KINDS, POLICY_KIND_LABELS, type PolicyReview, type PolicyVersion } from "../../conduct";
import type { OrganisationReader, OrganisationScope } from "../organisation-scope.server";
import { conflict, invalid, ok, type Result } from "../result";
import { optionalDate, optionalText, optionalUrl, requiredDate, requiredText } from "./inputs";
import { parseFields } from "../../utils/zod-field-errors";
import type { PolicyKind } from "../../../db/schema";

export interface PolicyVersionRow extends PolicyVersion {
  tenantUrl: string | null;
  documentRef: string | null;
  note: string | null;
  recordedBy: string;
}

export async function listPolicyVersions(scope: OrganisationReader): Promise<PolicyVersionRow[]> {
  const rows = await scope.selectFrom("policy_versions").selectAll().orderBy("kind").orderBy("approved_on", "desc").orderBy("id", "desc").execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    version: r.version,
    approvedBy: r.approved_by,
    approvedOn: r.approved_on,
    reviewBy: r.review_by,
    tenantUrl: r.tenant_url,
    documentRef: r.document_ref,
    note: r.note,
    recordedBy: r.recorded_by,
  }));
}

export interface PolicyWithReview extends PolicyVersionRow {
  current: boolean;
  review: PolicyReview;
}

/** Every version with its review state on the date (history kept: superseded versions stay listed). */
export async function policyRegister(scope: OrganisationReader, asOf: string): Promise<PolicyWithReview[]> {
  const versions = await listPolicyVersions(scope);
  const current = currentVersions(versions, asOf);
  return versions.map((v) => {
    const isCurrent = current.get(v.kind)?.id === v.id;
    return { ...v, current: isCurrent, review: policyReview(v, asOf, isCurrent) };
  });
}

export const policyInputSchema = z.object({
  kind: z.enum(POLICY_KINDS as [PolicyKind, ...PolicyKind[]], { errorMap: () => ({ message: `Choose the kind of policy: ${POLICY_KINDS.join(", ")}` }) }),
  version: requiredText("version", 100),
  approvedBy: optionalText("approved by (board or committee)", 200),
  approvedOn: requiredDate("date it was approved"),
  reviewBy: optionalDate("review date"),
  tenantUrl: optionalUrl,
  documentRef: optionalText("document reference", 200),
  note: optionalText("note", 2000),
});
/** Text as a form or the CLI gives it; checked here. */
export type PolicyInput = Partial<Record<keyof z.input<typeof policyInputSchema>, string>>;

export async function addPolicyVersion(scope: OrganisationScope, input: PolicyInput): Promise<Result<{ id: number }>> {
  const parsed = parseFields(policyInputSchema, input);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const p = parsed.value;
  if (p.reviewBy && p.reviewBy <= p.approvedOn) return invalid({ reviewBy: "The review date must be after the date it was approved" });
  const existing = await scope.selectFrom("policy_versions").select("id").where("kind", "=", p.kind).where("version", "=", p.version).executeTakeFirst();
  if (existing) return conflict(`${POLICY_KIND_LABELS[p.kind]} version "${p.version}" is already recorded.`);
  const id = await scope.write(async (w) => {
    const row = await w
      .insertInto("policy_versions", {
        kind: p.kind,
        version: p.version,
        approved_by: p.approvedBy,
        approved_on: p.approvedOn,
        review_by: p.reviewBy,
        tenant_url: p.tenantUrl,
        document_ref: p.documentRef,
        note: p.note,
        recorded_by: scope.actor.name,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await w.audit({ action: "policy.add", entity: "policy_version", entityId: row.id, summary: `Recorded ${POLICY_KIND_LABELS[p.kind]} version "${p.version}", approved ${p.approvedOn}`, after: p });
    return row.id;
  });
  return ok({ id });
}

export const reviewInputSchema = z.object({ versionId: z.coerce.number().int().positive(), reviewBy: optionalDate("review date") });

/** Sets (or clears) a version's review date: the one thing that changes after approval. */
export async function setPolicyReviewDate(scope: OrganisationScope, input: { versionId: string | number; reviewBy: string }): Promise<Result<{ id: number }>> {
  const parsed = parseFields(reviewInputSchema, input);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const before = await scope.selectFrom("policy_versions").selectAll().where("id", "=", parsed.value.versionId).executeTakeFirst();
  if (!before) return invalid({ versionId: "Choose a policy version of this organisation" });
  if (parsed.value.reviewBy && parsed.value.reviewBy <= before.approved_on) return invalid({ reviewBy: "The review date must be after the date it was approved" });
  await scope.write(async (w) => {
    await w.updateTable("policy_versions").set({ review_by: parsed.value.reviewBy }).where("id", "=", before.id).execute();
    await w.audit({
      action: "policy.review_date",
      entity: "policy_version",
      entityId: before.id,
      summary: `Set the review date of ${POLICY_KIND_LABELS[before.kind]} "${before.version}" to ${parsed.value.reviewBy ?? "none"}`,
      before: { review_by: before.review_by },
      after: { review_by: parsed.value.reviewBy },
    });
  });
  return ok({ id: before.id });
}

/** The organisation's days to acknowledge a new code of conduct (default 60). */
export async function ackDaysOf(scope: OrganisationReader): Promise<number> {
  const row = await scope.selectFrom("conduct_settings").select("code_ack_days").executeTakeFirst();
  return row?.code_ack_days ?? DEFAULT_ACK_DAYS;
}

export const ackDaysSchema = z.object({
  days: z.coerce
    .number({ invalid_type_error: "Enter the days as a whole number" })
    .int("Enter the days as a whole number")
    .min(1, "Allow at least 1 day")
    .max(365, "Allow at most 365 days"),
});

/** The setting: days everyone has to acknowledge a newly approved code (default 60). */
export async function setAckDays(scope: OrganisationScope, input: { days: string | number }): Promise<Result<{ days: number }>> {
  const parsed = parseFields(ackDaysSchema, input);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const before = await ackDaysOf(scope);
  await scope.write(async (w) => {
    await w.deleteFrom("conduct_settings").execute();
    await w.insertInto("conduct_settings", { code_ack_days: parsed.value.days }).execute();
    await w.audit({ action: "settings.code_ack_days", entity: "conduct_settings", entityId: scope.organisation.id, summary: `Set the days to acknowledge the code of conduct to ${parsed.value.days}`, before: { code_ack_days: before }, after: { code_ack_days: parsed.value.days } });
  });
  return ok({ days: parsed.value.days });
}
