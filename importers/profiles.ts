/** Saved mapping profiles per organisation: "our iTrent export" → canonical field → header. */
import type { OrganisationReader, OrganisationScope } from "../app/models/organisation-scope.server";
import { fieldsOf, headerKey } from "./fields";
import { IMPORT_KINDS } from "./kinds";
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

/** Saves (or replaces, by organisation + kind + name) a mapping profile of the scope's organisation; audited. */
export async function saveMappingProfile(scope: OrganisationScope, input: { kind: ImportKind; name: string; mapping: Record<string, string> }): Promise<MappingProfile> {
  const name = input.name.trim().replace(/\s+/g, " ");
  if (name === "" || name.length > 100) throw new ImportUsageError("A mapping profile needs a name of 1 to 100 characters.");
  if (!IMPORT_KINDS.includes(input.kind)) throw new ImportUsageError(`Unknown import kind '${String(input.kind)}'.`);
  const mapping = validateMapping(input.kind, input.mapping);
  const row = await scope.write(async (w) => {
    const saved = await w
      .insertInto("mapping_profiles", { kind: input.kind, name, mapping_json: JSON.stringify(mapping), created_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(["organisation_id", "kind", "name"]).doUpdateSet((eb) => ({ mapping_json: eb.ref("excluded.mapping_json") })))
      .returningAll()
      .executeTakeFirstOrThrow();
    await w.audit({ action: "mapping_profile.save", entity: "mapping_profile", entityId: saved.id, summary: `Saved the ${input.kind} mapping "${name}"`, after: mapping });
    return saved;
  });
  return toProfile(row);
}

/** The organisation's saved mappings (of one kind when given), by kind and name. */
export async function listMappingProfiles(scope: OrganisationReader, kind?: ImportKind): Promise<MappingProfile[]> {
  let q = scope.selectFrom("mapping_profiles").selectAll();
  if (kind) q = q.where("kind", "=", kind);
  const rows = await q.orderBy("kind").orderBy("name").execute();
  return rows.map(toProfile);
}

/** One profile of the organisation, by id or by kind + name; null if there is none. */
export async function getMappingProfile(scope: OrganisationReader, which: { id: number } | { kind: ImportKind; name: string }): Promise<MappingProfile | null> {
  let q = scope.selectFrom("mapping_profiles").selectAll();
  q = "id" in which ? q.where("id", "=", which.id) : q.where("kind", "=", which.kind).where("name", "=", which.name.trim().replace(/\s+/g, " "));
  const row = await q.executeTakeFirst();
  return row ? toProfile(row) : null;
}

/** Removes one of the organisation's saved mappings (false when it has none by that id); audited. */
export async function deleteMappingProfile(scope: OrganisationScope, id: number): Promise<boolean> {
  // Check first, then write: no such mapping opens no transaction and moves no revision.
  const profile = await getMappingProfile(scope, { id });
  if (!profile) return false;
  await scope.write(async (w) => {
    await w.deleteFrom("mapping_profiles").where("id", "=", profile.id).execute();
    await w.audit({ action: "mapping_profile.delete", entity: "mapping_profile", entityId: profile.id, summary: `Removed the ${profile.kind} mapping "${profile.name}"` });
  });
  return true;
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
