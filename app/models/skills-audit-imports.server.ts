/**
 * Ratings CSV uploads for one campaign: the file is kept in the database between the steps (upload → mapping and
 * dry run → apply or discard), and afterwards as the record of what was imported (or why it was rejected).
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { runRatingsImport, type RatingsImportResult } from "../../importers/audit-ratings";
import { sha256 } from "../../importers/run";
import type { RowError } from "../../importers/types";

type Db = Kysely<Database>;

export async function stageRatingsUpload(
  db: Db,
  input: { organisationId: number; campaignId: number; fileName: string; bytes: Uint8Array; actor: string; userId: number },
): Promise<number> {
  const { id } = await db
    .insertInto("skills_audit_uploads")
    .values({
      organisation_id: input.organisationId,
      campaign_id: input.campaignId,
      user_id: input.userId,
      actor: input.actor,
      file_name: input.fileName.replace(/^.*[\\/]/, "").slice(0, 200) || "ratings.csv",
      file_sha256: sha256(input.bytes),
      content: Buffer.from(input.bytes),
      mapping_json: null,
      status: "staged",
      created_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function getUpload(db: Db, organisationId: number, campaignId: number, uploadId: number) {
  if (!Number.isSafeInteger(uploadId) || uploadId <= 0) return undefined;
  return db
    .selectFrom("skills_audit_uploads")
    .selectAll()
    .where("id", "=", uploadId)
    .where("organisation_id", "=", organisationId)
    .where("campaign_id", "=", campaignId)
    .executeTakeFirst();
}

export type Upload = NonNullable<Awaited<ReturnType<typeof getUpload>>>;

export function uploadMapping(upload: Upload): Record<string, string> | undefined {
  if (!upload.mapping_json) return undefined;
  try {
    const m = JSON.parse(upload.mapping_json) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(m).filter((e): e is [string, string] => typeof e[1] === "string"));
  } catch {
    return undefined;
  }
}

export async function setUploadMapping(db: Db, upload: Upload, mapping: Record<string, string>): Promise<void> {
  await db.updateTable("skills_audit_uploads").set({ mapping_json: JSON.stringify(mapping) }).where("id", "=", upload.id).where("organisation_id", "=", upload.organisation_id).execute();
}

export async function discardUpload(db: Db, upload: Upload): Promise<void> {
  await db
    .updateTable("skills_audit_uploads")
    .set({ status: "discarded", content: Buffer.alloc(0), finished_at: new Date().toISOString() })
    .where("id", "=", upload.id)
    .where("organisation_id", "=", upload.organisation_id)
    .execute();
}

export function uploadBytes(upload: Upload): Uint8Array {
  return upload.content instanceof Uint8Array ? upload.content : new Uint8Array(upload.content as ArrayBuffer);
}

export async function dryRunUpload(db: Db, upload: Upload, actor: string): Promise<RatingsImportResult> {
  return runRatingsImport({
    db,
    organisationId: upload.organisation_id,
    campaignId: upload.campaign_id,
    fileName: upload.file_name,
    bytes: uploadBytes(upload),
    mapping: uploadMapping(upload),
    dryRun: true,
    actor,
  });
}

/** Applies atomically; the upload is marked applied in the same transaction, or rejected with its errors. */
export async function applyUpload(db: Db, upload: Upload, actor: { userId: number; name: string }): Promise<RatingsImportResult> {
  const result = await runRatingsImport({
    db,
    organisationId: upload.organisation_id,
    campaignId: upload.campaign_id,
    fileName: upload.file_name,
    bytes: uploadBytes(upload),
    mapping: uploadMapping(upload),
    actor: actor.name,
    userId: actor.userId,
    onApplied: async (trx, { counts }) => {
      await trx
        .updateTable("skills_audit_uploads")
        .set({ status: "applied", counts_json: JSON.stringify(counts), errors_json: null, finished_at: new Date().toISOString() })
        .where("id", "=", upload.id)
        .where("organisation_id", "=", upload.organisation_id)
        .execute();
    },
  });
  if (result.status === "rejected") {
    await db
      .updateTable("skills_audit_uploads")
      .set({ status: "rejected", counts_json: JSON.stringify(result.counts), errors_json: JSON.stringify(result.errors), finished_at: new Date().toISOString() })
      .where("id", "=", upload.id)
      .where("organisation_id", "=", upload.organisation_id)
      .execute();
  }
  return result;
}

export function storedErrors(upload: Upload): RowError[] {
  try {
    return upload.errors_json ? (JSON.parse(upload.errors_json) as RowError[]) : [];
  } catch {
    return [];
  }
}

export async function listUploads(db: Db, organisationId: number, campaignId: number) {
  const rows = await db
    .selectFrom("skills_audit_uploads")
    .select(["id", "file_name", "file_sha256", "actor", "status", "counts_json", "created_at", "finished_at"])
    .where("organisation_id", "=", organisationId)
    .where("campaign_id", "=", campaignId)
    .orderBy("id", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({ ...r, counts: r.counts_json ? (JSON.parse(r.counts_json) as Record<string, number>) : null, counts_json: undefined }));
}

export { RATING_FIELDS, RatingsImportStateError } from "../../importers/audit-ratings";
export { ImportUsageError } from "../../importers/types";
export { errorsToCsv } from "../../importers/errors-csv";
