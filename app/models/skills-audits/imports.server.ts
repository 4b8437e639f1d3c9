/**
 * Ratings CSV uploads for one campaign: the file is kept in the database between the steps (upload → mapping and
 * dry run → apply or discard), and afterwards as the record of what was imported (or why it was rejected).
 * Staging, mapping and discarding are bookkeeping of the upload (nothing a user audits); the apply's audit event is
 * written by the importer in the same transaction as the ratings.
 */
import { runRatingsImport, type RatingsImportResult } from "../../../importers/audit-ratings";
import { sha256 } from "../../../importers/run";
import type { RowError } from "../../../importers/types";
import type { OrganisationReader, OrganisationScope } from "../organisation-scope.server";

const UPLOAD_BOOKKEEPING = "an uploaded ratings file waiting to be applied is not a change to the ratings";

export async function stageRatingsUpload(scope: OrganisationScope, input: { campaignId: number; fileName: string; bytes: Uint8Array }): Promise<number> {
  return scope.write(
    async (w) => {
      const { id } = await w
        .insertInto("skills_audit_uploads", {
          campaign_id: input.campaignId,
          user_id: scope.actor.userId,
          actor: scope.actor.name,
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
    },
    { unaudited: UPLOAD_BOOKKEEPING },
  );
}

export async function getUpload(scope: OrganisationReader, campaignId: number, uploadId: number) {
  if (!Number.isSafeInteger(uploadId) || uploadId <= 0) return undefined;
  return scope.selectFrom("skills_audit_uploads").selectAll().where("id", "=", uploadId).where("campaign_id", "=", campaignId).executeTakeFirst();
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

export async function setUploadMapping(scope: OrganisationScope, upload: Upload, mapping: Record<string, string>): Promise<void> {
  await scope.write((w) => w.updateTable("skills_audit_uploads").set({ mapping_json: JSON.stringify(mapping) }).where("id", "=", upload.id).execute(), { unaudited: UPLOAD_BOOKKEEPING });
}

export async function discardUpload(scope: OrganisationScope, upload: Upload): Promise<void> {
  await scope.write(
    (w) => w.updateTable("skills_audit_uploads").set({ status: "discarded", content: Buffer.alloc(0), finished_at: new Date().toISOString() }).where("id", "=", upload.id).execute(),
    { unaudited: UPLOAD_BOOKKEEPING },
  );
}

export function uploadBytes(upload: Upload): Uint8Array {
  return upload.content instanceof Uint8Array ? upload.content : new Uint8Array(upload.content as ArrayBuffer);
}

export async function dryRunUpload(scope: OrganisationScope, upload: Upload): Promise<RatingsImportResult> {
  return runRatingsImport(scope, {
    campaignId: upload.campaign_id,
    fileName: upload.file_name,
    bytes: uploadBytes(upload),
    mapping: uploadMapping(upload),
    dryRun: true,
  });
}

/** Applies atomically; the upload is marked applied in the same transaction, or rejected with its errors. */
export async function applyUpload(scope: OrganisationScope, upload: Upload): Promise<RatingsImportResult> {
  const result = await runRatingsImport(scope, {
    campaignId: upload.campaign_id,
    fileName: upload.file_name,
    bytes: uploadBytes(upload),
    mapping: uploadMapping(upload),
    onApplied: async (w, { counts }) => {
      // The importer hands over its scope writer (its one transaction).
      await w
        .updateTable("skills_audit_uploads")
        .set({ status: "applied", counts_json: JSON.stringify(counts), errors_json: null, finished_at: new Date().toISOString() })
        .where("id", "=", upload.id)
        .execute();
    },
  });
  if (result.status === "rejected") {
    await scope.write(
      (w) =>
        w
          .updateTable("skills_audit_uploads")
          .set({ status: "rejected", counts_json: JSON.stringify(result.counts), errors_json: JSON.stringify(result.errors), finished_at: new Date().toISOString() })
          .where("id", "=", upload.id)
          .execute(),
      { unaudited: "a rejected file changes no ratings; the upload keeps its errors" },
    );
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

export async function listUploads(scope: OrganisationReader, campaignId: number) {
  const rows = await scope
    .selectFrom("skills_audit_uploads")
    .select(["id", "file_name", "file_sha256", "actor", "status", "counts_json", "created_at", "finished_at"])
    .where("campaign_id", "=", campaignId)
    .orderBy("id", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({ ...r, counts: r.counts_json ? (JSON.parse(r.counts_json) as Record<string, number>) : null, counts_json: undefined }));
}

export { RATING_FIELDS, RatingsImportStateError } from "../../../importers/audit-ratings";
export { ImportUsageError } from "../../../importers/types";
export { errorsToCsv } from "../../../importers/errors-csv";
