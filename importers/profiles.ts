/** Saved mapping profiles per organisation: "our iTrent export" → canonical field → header. */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { OrganisationScope } from "../app/models/organisation-scope.server";
import { fieldsOf, headerKey } from "./fields";
import { IMPORT_KINDS } from "./kinds";
import { scopeOf } from "./scope";
import { ImportUsageError, type ImportKind } from "./types";

export interface MappingProfile {
  id: number;
  organisationId: number;
  name: string;
  kind: ImportKind;
  mapping: Record<string, string>;
  createdAt: string;
}

type Row = { id: number; organisation_id: number; name: string; kind: ImportKind; mapping_json: string; created_at: string };

function toProfile(r: Row): MappingProfile {
  let mapping: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(r.mapping_json);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) mapping = parsed as Record<string, string>;
  } catch {
    mapping = {};
  }
  return { id: r.id, organisationId: r.organisation_id, name: r.name, kind: r.kind, mapping, createdAt: r.created_at };
}

/** Checks a mapping names only this kind's canonical fields, each with a header (text; "" = leave the field out). */
export function validateMapping(kind: ImportKind, mapping: unknown): Record<string, string> {
  if (mapping === null || typeof mapping !== "object" || Array.isArray(mapping)) {
    throw new ImportUsageError('A mapping is an object from canonical field to file header, e.g. {"employee_ref": "Payroll No"}.');
  }
  const known = new Set(fieldsOf(kind).map((f) => f.field));
  const out: Record<string, string> = {};
  for (const [field, header] of Object.entries(mapping)) {
    if (!known.has(field)) throw new ImportUsageError(`'${field}' is not a ${kind} field (fields: ${[...known].join(", ")}).`);
    if (typeof header !== "string") throw new ImportUsageError(`The header for '${field}' must be text.`);
    out[field] = header.trim();
  }
  return out;
}

/** Saves (or replaces, by organisation + kind + name) a mapping profile. */
export async function saveMappingProfile(opts: {
  db: Kysely<Database>;
  organisationId: number;
  scope?: OrganisationScope;
  kind: ImportKind;
  name: string;
  mapping: Record<string, string>;
}): Promise<MappingProfile> {
  const name = opts.name.trim().replace(/\s+/g, " ");
  if (name === "" || name.length > 100) throw new ImportUsageError("A mapping profile needs a name of 1 to 100 characters.");
  if (!IMPORT_KINDS.includes(opts.kind)) throw new ImportUsageError(`Unknown import kind '${String(opts.kind)}'.`);
  const mapping = validateMapping(opts.kind, opts.mapping);
  const scope = await scopeOf(opts, { userId: null, name: "system" });
  const row = await scope.write(
    (w) =>
      w
        .insertInto("mapping_profiles", { kind: opts.kind, name, mapping_json: JSON.stringify(mapping), created_at: new Date().toISOString() })
        .onConflict((oc) => oc.columns(["organisation_id", "kind", "name"]).doUpdateSet((eb) => ({ mapping_json: eb.ref("excluded.mapping_json") })))
        .returningAll()
        .executeTakeFirstOrThrow(),
    { unaudited: "a saved column mapping is an importer preference, not organisation data" },
  );
  return toProfile(row);
}

export async function listMappingProfiles(opts: { db: Kysely<Database>; organisationId: number; kind?: ImportKind }): Promise<MappingProfile[]> {
  let q = opts.db.selectFrom("mapping_profiles").selectAll().where("organisation_id", "=", opts.organisationId);
  if (opts.kind) q = q.where("kind", "=", opts.kind);
  const rows = await q.orderBy("kind").orderBy("name").execute();
  return rows.map(toProfile);
}

/** One profile of the organisation, by id or by kind + name; null if there is none. */
export async function getMappingProfile(
  opts: { db: Kysely<Database>; organisationId: number } & ({ id: number } | { kind: ImportKind; name: string }),
): Promise<MappingProfile | null> {
  let q = opts.db.selectFrom("mapping_profiles").selectAll().where("organisation_id", "=", opts.organisationId);
  q = "id" in opts ? q.where("id", "=", opts.id) : q.where("kind", "=", opts.kind).where("name", "=", opts.name.trim().replace(/\s+/g, " "));
  const row = await q.executeTakeFirst();
  return row ? toProfile(row) : null;
}

export async function deleteMappingProfile(opts: { db: Kysely<Database>; organisationId: number; id: number; scope?: OrganisationScope }): Promise<boolean> {
  const scope = await scopeOf(opts, { userId: null, name: "system" });
  const r = await scope.write((w) => w.deleteFrom("mapping_profiles").where("id", "=", opts.id).executeTakeFirst(), {
    unaudited: "a saved column mapping is an importer preference, not organisation data",
  });
  return Number(r.numDeletedRows) > 0;
}

/** The headers a profile names (its non-empty values). */
function namedHeaders(profile: Pick<MappingProfile, "mapping">): string[] {
  return Object.values(profile.mapping).filter((h) => typeof h === "string" && h.trim() !== "");
}

/** True when every header the profile names is in the file (compared ignoring case, spaces and punctuation). */
export function profileMatches(profile: Pick<MappingProfile, "mapping">, headers: readonly string[]): boolean {
  const named = namedHeaders(profile);
  if (named.length === 0) return false;
  const keys = new Set(headers.map(headerKey));
  return named.every((h) => keys.has(headerKey(h)));
}

/** The saved profile whose headers all appear in the file, preferring the one that names the most; null if none. */
export function bestMatchingProfile<P extends Pick<MappingProfile, "mapping">>(profiles: readonly P[], headers: readonly string[]): P | null {
  let best: P | null = null;
  for (const p of profiles) {
    if (!profileMatches(p, headers)) continue;
    if (!best || namedHeaders(p).length > namedHeaders(best).length) best = p;
  }
  return best;
}
