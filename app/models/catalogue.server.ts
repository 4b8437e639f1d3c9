/**
 * The qualification catalogue an organisation sees: the shared entries (organisation_id null, read-only) and its
 * own (editable with org.settings). Rules of combination are parsed leniently for display. Reads through the
 * organisation scope (`selectVisible`); writes are commands in `scope.write` that reach only the organisation's own
 * entries.
 */
import type { QualificationRow } from "../../db/schema";
import type { OrganisationReader, OrganisationScope } from "./organisation-scope.server";
import { conflict, invalid, notFound, ok, type Result } from "./result";

/** Ofqual qualification numbers look like 603/1433/3 (the last character may be X). */
export const OFQUAL_NUMBER_PATTERN = /^\d{3}\/\d{4}\/[0-9X]$/i;

export interface CatalogueUnit {
  unitRef: string;
  title: string;
  level: number | null;
  credits: number | null;
  group: string;
}

export interface CataloguePathway {
  name: string;
  mandatoryUnits: string[];
  furtherOptionalCredits: number | null;
}

export interface CatalogueExemption {
  unitRef: string;
  exemptedBy: { unitRef: string; title: string };
}

export interface CatalogueRules {
  minimumCredits: number | null;
  mandatoryGroup: { units: string[]; minimumCredits: number | null } | null;
  optionalGroup: { minimumCredits: number | null } | null;
  units: CatalogueUnit[];
  pathways: CataloguePathway[];
  exemptions: CatalogueExemption[];
  totalQualificationTime: number | null;
  guidedLearningHours: number | null;
}

export interface CatalogueEntry {
  id: number;
  code: string | null;
  title: string;
  awardingBody: string | null;
  level: number;
  ofqualNumber: string | null;
  recognised: boolean;
  typicalMonths: number | null;
  note: string | null;
  /** A shared entry (every organisation sees it; nobody edits it here). */
  shared: boolean;
  rules: CatalogueRules | null;
  /** Set when rules_of_combination is present but cannot be read. */
  rulesError: string | null;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

function str(value: unknown): string {
  return typeof value === "string" ? value : value == null ? "" : String(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(str).filter((s) => s !== "") : [];
}

/**
 * Reads the catalogue JSON (top-level `rulesOfCombination`, `pathways`, `exemptions`, `units`, as in
 * db/catalogue/cih-l4-managing-housing-maintenance.json; the same keys inside `rulesOfCombination` are accepted too).
 */
export function parseRulesOfCombination(json: string | null): { rules: CatalogueRules | null; error: string | null } {
  if (json == null || json.trim() === "") return { rules: null, error: null };
  let spec: unknown;
  try {
    spec = JSON.parse(json);
  } catch {
    return { rules: null, error: "The rules of combination are not valid JSON" };
  }
  if (!isObject(spec)) return { rules: null, error: "The rules of combination are not an object" };
  const roc = isObject(spec.rulesOfCombination) ? spec.rulesOfCombination : spec;
  const pick = (key: string): unknown => spec[key as keyof typeof spec] ?? roc[key];
  const mandatory = isObject(roc.mandatoryGroup) ? roc.mandatoryGroup : null;
  const optional = isObject(roc.optionalGroup) ? roc.optionalGroup : null;
  const units = (Array.isArray(pick("units")) ? (pick("units") as unknown[]) : []).filter(isObject).map((u) => ({
    unitRef: str(u.unitRef),
    title: str(u.title),
    level: num(u.level),
    credits: num(u.credits),
    group: str(u.group) || "optional",
  }));
  const pathways = (Array.isArray(pick("pathways")) ? (pick("pathways") as unknown[]) : []).filter(isObject).map((p) => ({
    name: str(p.name),
    mandatoryUnits: strings(p.mandatoryUnits),
    furtherOptionalCredits: num(p.furtherOptionalCredits),
  }));
  const exemptions = (Array.isArray(pick("exemptions")) ? (pick("exemptions") as unknown[]) : []).filter(isObject).map((e) => {
    const by = isObject(e.exemptedBy) ? e.exemptedBy : {};
    return { unitRef: str(e.unitRef), exemptedBy: { unitRef: str(by.unitRef), title: str(by.title) } };
  });
  return {
    rules: {
      minimumCredits: num(roc.minimumCredits),
      mandatoryGroup: mandatory ? { units: strings(mandatory.units), minimumCredits: num(mandatory.minimumCredits) } : null,
      optionalGroup: optional ? { minimumCredits: num(optional.minimumCredits) } : null,
      units,
      pathways,
      exemptions,
      totalQualificationTime: num(spec.totalQualificationTime),
      guidedLearningHours: num(spec.guidedLearningHours),
    },
    error: null,
  };
}

function entryFromRow(row: QualificationRow): CatalogueEntry {
  const { rules, error } = parseRulesOfCombination(row.rules_of_combination);
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    awardingBody: row.awarding_body,
    level: row.level,
    ofqualNumber: row.ofqual_number,
    recognised: row.recognised === 1,
    typicalMonths: row.typical_months,
    note: row.note,
    shared: row.organisation_id == null,
    rules,
    rulesError: error,
  };
}

/** Shared entries and the organisation's own, by level then title. Never another organisation's entries. */
export async function listCatalogue(scope: OrganisationReader): Promise<CatalogueEntry[]> {
  const rows = await scope
    .selectVisible("qualifications")
    .selectAll()
    .orderBy("level")
    .orderBy("title")
    .execute();
  return rows.map(entryFromRow);
}

/** One entry the organisation can see (shared or its own); null when missing or another organisation's. */
export async function findVisibleQualification(scope: OrganisationReader, id: number): Promise<QualificationRow | null> {
  const row = await scope.selectVisible("qualifications").selectAll().where("id", "=", id).executeTakeFirst();
  return row ?? null;
}

export interface QualificationInput {
  title: string;
  code: string | null;
  awardingBody: string;
  level: number;
  ofqualNumber: string | null;
  recognised: boolean;
  typicalMonths: number | null;
  note: string | null;
}

export type QualificationField = keyof QualificationInput;

/**
 * Imports find catalogue entries by title, code or Ofqual number, so none of them may repeat among the entries the
 * organisation sees. Returns an error per clashing field.
 */
export async function catalogueClashes(scope: OrganisationReader, input: QualificationInput, exceptId: number | null): Promise<Partial<Record<QualificationField, string>>> {
  const visible = await listCatalogue(scope);
  const others = visible.filter((q) => q.id !== exceptId);
  const same = (a: string | null, b: string | null) => a != null && b != null && a.trim().toLowerCase() === b.trim().toLowerCase();
  const errors: Partial<Record<QualificationField, string>> = {};
  const title = others.find((q) => same(q.title, input.title));
  if (title) errors.title = `“${title.title}” is already in the catalogue`;
  const code = input.code ? others.find((q) => same(q.code, input.code)) : undefined;
  if (code) errors.code = `The code ${code.code} is already used by “${code.title}”`;
  const ofqual = input.ofqualNumber ? others.find((q) => same(q.ofqualNumber, input.ofqualNumber)) : undefined;
  if (ofqual) errors.ofqualNumber = `The Ofqual number ${ofqual.ofqualNumber} is already used by “${ofqual.title}”`;
  return errors;
}

function columns(input: QualificationInput) {
  return {
    title: input.title,
    code: input.code,
    awarding_body: input.awardingBody,
    level: input.level,
    ofqual_number: input.ofqualNumber,
    recognised: input.recognised ? 1 : 0,
    typical_months: input.typicalMonths,
    note: input.note,
  };
}

function auditShape(row: QualificationRow) {
  return {
    title: row.title,
    code: row.code,
    awarding_body: row.awarding_body,
    level: row.level,
    ofqual_number: row.ofqual_number,
    recognised: row.recognised,
    typical_months: row.typical_months,
    note: row.note,
  };
}

/** Shared catalogue entries cannot be changed by an organisation (it adds its own entry instead). */
export const SHARED_ENTRY_READ_ONLY = "Shared catalogue entries are read-only. Add your own entry if you need a different version.";

/** Adds an entry of the organisation's own; a title, code or Ofqual number it already sees is invalid. */
export async function createQualification(scope: OrganisationScope, input: QualificationInput): Promise<Result<{ id: number }>> {
  const clashes = await catalogueClashes(scope, input, null);
  if (Object.keys(clashes).length > 0) return invalid(clashes as Record<string, string>);
  const id = await scope.write(async (w) => {
    const row = await w.insertInto("qualifications", { rules_of_combination: null, ...columns(input) }).returningAll().executeTakeFirstOrThrow();
    await w.audit({
      action: "qualification.create",
      entity: "qualification",
      entityId: row.id,
      summary: `Added “${row.title}” (Level ${row.level}) to the catalogue`,
      after: auditShape(row),
    });
    return row.id;
  });
  return ok({ id });
}

/**
 * Changes an entry of the organisation's own: not found when it cannot see the entry, a conflict when it is a
 * shared entry; a full edit whose title, code or Ofqual number clashes is invalid.
 */
export async function updateQualification(scope: OrganisationScope, input: { id: number; change: Partial<QualificationInput> }): Promise<Result<null>> {
  const before = await findVisibleQualification(scope, input.id);
  if (!before) return notFound("No such catalogue entry");
  if (before.organisation_id == null) return conflict(SHARED_ENTRY_READ_ONLY);
  const full: QualificationInput = {
    title: before.title,
    code: before.code,
    awardingBody: before.awarding_body ?? "",
    level: before.level,
    ofqualNumber: before.ofqual_number,
    recognised: before.recognised === 1,
    typicalMonths: before.typical_months,
    note: before.note,
    ...input.change,
  };
  const onlyRecognised = Object.keys(input.change).length === 1 && "recognised" in input.change;
  if (!onlyRecognised) {
    const clashes = await catalogueClashes(scope, full, before.id);
    if (Object.keys(clashes).length > 0) return invalid(clashes as Record<string, string>);
  }
  await scope.write(async (w) => {
    const after = await w.updateTable("qualifications").set(columns(full)).where("id", "=", before.id).returningAll().executeTakeFirstOrThrow();
    await w.audit({
      action: onlyRecognised ? "qualification.recognise" : "qualification.update",
      entity: "qualification",
      entityId: before.id,
      summary: onlyRecognised
        ? `Marked “${after.title}” as ${after.recognised ? "recognised" : "not recognised"} for the Standard`
        : `Edited “${after.title}” in the catalogue`,
      before: auditShape(before),
      after: auditShape(after),
    });
  });
  return ok(null);
}
