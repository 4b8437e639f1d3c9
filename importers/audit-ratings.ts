/**
 * CSV import of skills-audit ratings (`employee_ref, area, self, manager, agreed, note`) into one open campaign,
 * with the HR import's machinery: the same reading (encodings, delimiters, header row, row numbers as a
 * spreadsheet shows them), header matching by key, row errors with row/column/value, a dry run, and an atomic
 * apply in one transaction with its audit event. A blank cell leaves the stored value as it is.
 */
import type { OrganisationReader, OrganisationScope, OrganisationWriter } from "../app/models/organisation-scope.server";
import { z } from "zod";
import { parseRating } from "../app/skills/ratings";
import { FIELDS, headerKey } from "./fields";
import { ErrorList, sortErrors } from "./prepare";
import { sha256 } from "./run";
import { readSource } from "./source";
import { readTable, type Table } from "./table";
import { nowIso } from "./store";
import { DEFAULT_LIMITS, ImportUsageError, PREVIEW_LIMIT, type DetectedEncoding, type Delimiter, type ImportLimits, type RowError } from "./types";

export type RatingField = "employee_ref" | "area" | "self" | "manager" | "agreed" | "note";

export interface RatingFieldSpec {
  field: RatingField;
  label: string;
  required: boolean;
  synonyms: readonly string[];
}

const EMPLOYEE_REF_SYNONYMS = FIELDS.staff.find((f) => f.field === "employee_ref")!.synonyms;

export const RATING_FIELDS: readonly RatingFieldSpec[] = [
  { field: "employee_ref", label: "Employee reference", required: true, synonyms: EMPLOYEE_REF_SYNONYMS },
  {
    field: "area",
    label: "Area",
    required: true,
    synonyms: ["Area", "Area Name", "Area Code", "Skill Area", "Skills Area", "Framework Area", "Standard Area", "KSB", "KSB Area", "Competency", "Competence", "Skill", "Criterion"],
  },
  { field: "self", label: "Self rating", required: false, synonyms: ["Self", "Self Rating", "Self Assessment", "Self Assessed", "Self Score", "Own Rating", "Employee Rating"] },
  {
    field: "manager",
    label: "Manager rating",
    required: false,
    synonyms: ["Manager", "Manager Rating", "Manager Assessment", "Manager Score", "Line Manager", "Line Manager Rating", "Line Manager Assessment"],
  },
  { field: "agreed", label: "Agreed rating", required: false, synonyms: ["Agreed", "Agreed Rating", "Agreed Level", "Final", "Final Rating", "Moderated Rating", "Rating", "Level"] },
  { field: "note", label: "Evidence note", required: false, synonyms: ["Note", "Notes", "Evidence", "Evidence Note", "Evidence Notes", "Comment", "Comments"] },
];

const RATING_VALUE_FIELDS = ["self", "manager", "agreed"] as const;
type RatingValueField = (typeof RATING_VALUE_FIELDS)[number];
const MAX_NOTE = 2000;

const SYNONYMS = (() => {
  const index = new Map<string, { field: RatingField; priority: number }>();
  for (const spec of RATING_FIELDS) {
    [spec.field, ...spec.synonyms].forEach((name, priority) => {
      const key = headerKey(name);
      if (!index.has(key)) index.set(key, { field: spec.field, priority });
    });
  }
  return index;
})();

function matchRatingHeader(header: string): { field: RatingField; tier: number; priority: number } | null {
  const keys = [headerKey(header)];
  const noBrackets = headerKey(header.replace(/\([^)]*\)|\[[^\]]*\]/g, " "));
  if (noBrackets !== "" && noBrackets !== keys[0]) keys.push(noBrackets);
  for (let tier = 0; tier < keys.length; tier++) {
    const hit = SYNONYMS.get(keys[tier]);
    if (hit) return { ...hit, tier };
  }
  return null;
}

export interface RatingMapping {
  columns: Map<RatingField, number>;
  mapping: Record<string, string>;
  unmappedHeaders: string[];
  missingRequired: RatingField[];
  errors: RowError[];
}

/** The caller's mapping first (field → header; "" = leave the field out), then every other field by synonym. */
export function resolveRatingMapping(headers: readonly string[], headerRow: number, given: Record<string, string> | undefined): RatingMapping {
  const known = new Set<string>(RATING_FIELDS.map((s) => s.field));
  const columns = new Map<RatingField, number>();
  const claimed = new Set<number>();
  const excluded = new Set<string>();
  const errors: RowError[] = [];
  const find = (wanted: string) => {
    let i = headers.indexOf(wanted);
    if (i < 0) i = headers.findIndex((h) => h.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (i < 0 && headerKey(wanted) !== "") i = headers.findIndex((h) => headerKey(h) === headerKey(wanted));
    return i;
  };
  for (const [field, header] of Object.entries(given ?? {})) {
    if (!known.has(field)) {
      errors.push({ row: headerRow, column: String(header ?? ""), value: field, message: `The mapping names '${field}', which is not a ratings field (fields: ${[...known].join(", ")}).` });
      continue;
    }
    if (typeof header !== "string" || header.trim() === "") {
      excluded.add(field);
      continue;
    }
    const index = find(header);
    if (index < 0) {
      errors.push({ row: headerRow, column: header, value: header, message: `The mapping takes ${field} from the column '${header}', but the file has no such column (columns: ${headers.filter(Boolean).join(", ")}).` });
      excluded.add(field);
      continue;
    }
    if (claimed.has(index)) {
      errors.push({ row: headerRow, column: header, value: header, message: `The mapping takes two fields from the column '${header}'.` });
      continue;
    }
    columns.set(field as RatingField, index);
    claimed.add(index);
  }
  const candidates: Array<{ field: RatingField; index: number; tier: number; priority: number }> = [];
  headers.forEach((header, index) => {
    if (claimed.has(index) || header === "") return;
    const m = matchRatingHeader(header);
    if (m && !columns.has(m.field) && !excluded.has(m.field)) candidates.push({ index, ...m });
  });
  candidates.sort((a, b) => a.tier - b.tier || a.priority - b.priority || a.index - b.index);
  for (const c of candidates) {
    if (columns.has(c.field) || claimed.has(c.index)) continue;
    columns.set(c.field, c.index);
    claimed.add(c.index);
  }
  const mapping: Record<string, string> = {};
  for (const spec of RATING_FIELDS) {
    const i = columns.get(spec.field);
    if (i !== undefined) mapping[spec.field] = headers[i];
  }
  const missingRequired = RATING_FIELDS.filter((s) => s.required && !columns.has(s.field)).map((s) => s.field);
  for (const field of missingRequired) {
    const spec = RATING_FIELDS.find((s) => s.field === field)!;
    errors.push({
      row: headerRow,
      column: field,
      value: "",
      message: `The required column '${spec.label}' (${field}) is missing: no header matches it (e.g. ${spec.synonyms.slice(0, 4).map((s) => `'${s}'`).join(", ")}). Name the column in the mapping.`,
    });
  }
  if (missingRequired.length === 0 && !["self", "manager", "agreed", "note"].some((f) => columns.has(f as RatingField))) {
    errors.push({ row: headerRow, column: "", value: "", message: "The file has no rating columns: expected at least one of self, manager, agreed or note." });
  }
  return { columns, mapping, unmappedHeaders: headers.filter((h, i) => h !== "" && !claimed.has(i)), missingRequired, errors };
}

/** One valid row: undefined = not in the file or blank (leave as is). */
export interface RatingRecord {
  row: number;
  employeeRef: string;
  area: string;
  self: number | undefined;
  manager: number | undefined;
  agreed: number | undefined;
  note: string | undefined;
}

export interface RatingsDetected {
  encoding: DetectedEncoding;
  delimiter: Delimiter;
  headerRow: number;
  mapping: Record<string, string>;
  unmappedHeaders: string[];
}

export interface PreparedRatings {
  table: Table;
  detected: RatingsDetected;
  resolved: RatingMapping;
  records: RatingRecord[];
  errors: ErrorList;
  fatal: boolean;
  sampleRows: Array<{ row: number; cells: Record<string, string> }>;
}

const textCell = (label: string, max: number) => z.string().max(max, `${label} is longer than ${max} characters; check for a stray quote that joined several rows.`);
const REF = textCell("The employee reference", 100).min(1, "Employee reference is required.");
const AREA = textCell("The area", 200).min(1, "Area is required.");
const NOTE = textCell("The evidence note", MAX_NOTE);

/** Everything that can be checked without the database: read, map, check each cell. */
export function prepareRatings(
  bytes: Uint8Array,
  opts: { mapping?: Record<string, string>; limits?: Partial<ImportLimits>; sampleSize?: number; fileErrors?: readonly RowError[] } = {},
): PreparedRatings {
  const limits: ImportLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const errors = new ErrorList(limits.maxErrors);
  const wanted = [
    ...RATING_FIELDS.flatMap((s) => [s.field, ...s.synonyms]),
    ...Object.values(opts.mapping ?? {}).filter((h): h is string => typeof h === "string" && h.trim() !== ""),
  ];
  let resolved = resolveRatingMapping([], 1, undefined);
  let headers: string[] = [];
  let ready = false;
  const records: RatingRecord[] = [];
  const sampleRows: PreparedRatings["sampleRows"] = [];
  const sampleSize = opts.sampleSize ?? 5;

  const table = readTable(bytes, "staff", {
    limits,
    fileErrors: opts.fileErrors,
    wantedHeaders: wanted,
    onHeader: (hs, headerRow) => {
      headers = hs;
      resolved = resolveRatingMapping(hs, headerRow, opts.mapping);
      errors.addAll(resolved.errors);
      ready = resolved.errors.length === 0;
    },
    onRow: (row, cells) => {
      if (sampleRows.length < sampleSize) {
        const out: Record<string, string> = {};
        headers.forEach((h, i) => {
          if (h !== "" && !(h in out)) out[h] = cells[i] ?? "";
        });
        sampleRows.push({ row, cells: out });
      }
      if (!ready) return;
      const cell = (f: RatingField) => {
        const i = resolved.columns.get(f);
        return i === undefined ? undefined : (cells[i] ?? "");
      };
      const header = (f: RatingField) => resolved.mapping[f] ?? f;
      let failed = false;
      const check = (f: RatingField, schema: z.ZodString, v: string) => {
        const r = schema.safeParse(v);
        if (!r.success) {
          failed = true;
          for (const issue of r.error.issues) errors.add({ row, column: header(f), value: v.slice(0, 200), message: issue.message });
        }
      };
      const ref = cell("employee_ref") ?? "";
      const area = cell("area") ?? "";
      check("employee_ref", REF, ref);
      check("area", AREA, area);
      const rec: RatingRecord = { row, employeeRef: ref, area, self: undefined, manager: undefined, agreed: undefined, note: undefined };
      for (const f of RATING_VALUE_FIELDS) {
        const v = cell(f);
        if (v === undefined || v === "") continue;
        const parsed = parseRating(v);
        if (!parsed.ok) {
          failed = true;
          errors.add({ row, column: header(f), value: v.slice(0, 200), message: parsed.message });
        } else if (parsed.value !== null) rec[f] = parsed.value;
      }
      const note = cell("note");
      if (note !== undefined && note !== "") {
        check("note", NOTE, note);
        rec.note = note;
      }
      if (!failed) records.push(rec);
    },
  });
  errors.addAll(table.errors);
  sortErrors(errors.items, table.headers);
  return {
    table,
    detected: { encoding: table.encoding, delimiter: table.delimiter, headerRow: table.headerRow, mapping: resolved.mapping, unmappedHeaders: resolved.unmappedHeaders },
    resolved,
    records,
    errors,
    fatal: table.fatal || resolved.errors.length > 0,
    sampleRows,
  };
}

// ---------------------------------------------------------------------------------------------
// Against the campaign

export interface RatingsImportArea {
  id: number;
  code: string;
  name: string;
  retired: boolean;
}

export interface RatingValues {
  self: number | null;
  manager: number | null;
  agreed: number | null;
  note: string | null;
}

export interface RatingChangePreview {
  action: "insert" | "update";
  row: number;
  employeeRef: string;
  area: string;
  fields: Array<{ field: string; before: string | number | null; after: string | number | null }>;
}

export interface RatingsCounts {
  rows: number;
  added: number;
  changed: number;
  unchanged: number;
  errors: number;
}

export interface RatingsImportResult {
  ok: boolean;
  status: "applied" | "rejected" | "dry_run";
  detected: RatingsDetected;
  headers: string[];
  sampleRows: PreparedRatings["sampleRows"];
  fields: Array<{ field: string; label: string; required: boolean; header: string | null }>;
  counts: RatingsCounts;
  errors: RowError[];
  changes: RatingChangePreview[];
}

/** The campaign is not open (draft, or closed and read-only): nothing can be imported. */
export class RatingsImportStateError extends Error {}


interface PlannedWrite {
  staffId: number;
  areaId: number;
  insert: boolean;
  values: RatingValues;
}

interface RatingsPlan {
  writes: PlannedWrite[];
  changes: RatingChangePreview[];
  added: number;
  changed: number;
  unchanged: number;
  errors: RowError[];
}

/** A loose key for area names: case, spaces, punctuation and accents ignored; & reads as "and". */
function areaKey(text: string): string {
  return headerKey(text);
}

async function checkCampaign(db: OrganisationReader, campaignId: number) {
  const campaign = await db.selectFrom("skills_audit_campaigns").select(["id", "name", "status", "framework_id"]).where("id", "=", campaignId).executeTakeFirst();
  if (!campaign) throw new ImportUsageError(`There is no skills audit campaign ${campaignId} in this organisation.`);
  if (campaign.status !== "open") {
    throw new RatingsImportStateError(campaign.status === "closed" ? "The campaign is closed: its ratings are read-only." : "The campaign is a draft: open it before importing ratings.");
  }
  return campaign;
}

async function planRatings(
  db: OrganisationReader,
  campaign: { id: number; framework_id: number },
  records: readonly RatingRecord[],
  mapping: Record<string, string>,
): Promise<RatingsPlan> {
  const refColumn = mapping.employee_ref ?? "employee_ref";
  const areaColumn = mapping.area ?? "area";
  const areas: RatingsImportArea[] = (
    await db.selectVisible("skill_areas").select(["id", "code", "name", "retired_at"]).where("framework_id", "=", campaign.framework_id).orderBy("position").execute()
  ).map((a) => ({ id: a.id, code: a.code, name: a.name, retired: a.retired_at !== null }));
  const byCode = new Map(areas.map((a) => [a.code.toLowerCase(), a]));
  const byName = new Map<string, RatingsImportArea>();
  for (const a of areas) if (!a.retired || !byName.has(areaKey(a.name))) byName.set(areaKey(a.name), a);
  const people = await db
    .selectFrom("skills_audit_participants")
    .innerJoin("staff", "staff.id", "skills_audit_participants.staff_id")
    .select(["skills_audit_participants.staff_id", "staff.employee_ref"])
    .where("skills_audit_participants.campaign_id", "=", campaign.id)
    .where("staff.organisation_id", "=", db.organisationId)
    .execute();
  const exact = new Map(people.map((p) => [p.employee_ref, p]));
  const loose = new Map(people.map((p) => [p.employee_ref.trim().toLowerCase(), p]));
  const existing = new Map<string, RatingValues>();
  for (const r of await db
    .selectFrom("skills_audit_ratings")
    .select(["staff_id", "area_id", "self_rating", "manager_rating", "agreed_rating", "note"])
    .where("campaign_id", "=", campaign.id)
    .execute()) {
    existing.set(`${r.staff_id}:${r.area_id}`, { self: r.self_rating, manager: r.manager_rating, agreed: r.agreed_rating, note: r.note });
  }

  const plan: RatingsPlan = { writes: [], changes: [], added: 0, changed: 0, unchanged: 0, errors: [] };
  const seen = new Map<string, number>();
  const examples = areas.filter((a) => !a.retired).slice(0, 3).map((a) => `'${a.code}' or '${a.name}'`).join(", ");
  for (const rec of records) {
    const person = exact.get(rec.employeeRef) ?? loose.get(rec.employeeRef.trim().toLowerCase());
    const area = byCode.get(rec.area.trim().toLowerCase()) ?? byName.get(areaKey(rec.area));
    let bad = false;
    if (!person) {
      plan.errors.push({ row: rec.row, column: refColumn, value: rec.employeeRef, message: `Employee ref ${rec.employeeRef} is not in this campaign (${people.length} people are).` });
      bad = true;
    }
    if (!area) {
      plan.errors.push({ row: rec.row, column: areaColumn, value: rec.area, message: `'${rec.area}' is not an area of the campaign's framework: use an area code or name, e.g. ${examples}.` });
      bad = true;
    } else if (area.retired) {
      plan.errors.push({ row: rec.row, column: areaColumn, value: rec.area, message: `The area '${area.name}' is retired: its ratings are kept but cannot change.` });
      bad = true;
    }
    if (bad || !person || !area) continue;
    const key = `${person.staff_id}:${area.id}`;
    const first = seen.get(key);
    if (first !== undefined) {
      plan.errors.push({ row: rec.row, column: areaColumn, value: rec.area, message: `${person.employee_ref} is rated on '${area.name}' more than once in the file (first on row ${first}).` });
      continue;
    }
    seen.set(key, rec.row);
    const before = existing.get(key);
    const after: RatingValues = {
      self: rec.self ?? before?.self ?? null,
      manager: rec.manager ?? before?.manager ?? null,
      agreed: rec.agreed ?? before?.agreed ?? null,
      note: rec.note ?? before?.note ?? null,
    };
    const fields = (["self", "manager", "agreed", "note"] as const)
      .filter((f) => (before?.[f] ?? null) !== after[f])
      .map((f) => ({ field: f, before: before?.[f] ?? null, after: after[f] }));
    if (fields.length === 0) {
      plan.unchanged++;
      continue;
    }
    if (before) plan.changed++;
    else plan.added++;
    plan.writes.push({ staffId: person.staff_id, areaId: area.id, insert: !before, values: after });
    plan.changes.push({ action: before ? "update" : "insert", row: rec.row, employeeRef: person.employee_ref, area: area.name, fields });
  }
  return plan;
}

/** What to import; the organisation and who imports come from the scope `runRatingsImport` is given. */
export interface RunRatingsImportOptions {
  campaignId: number;
  fileName: string;
  bytes: Uint8Array;
  /** Field → file header (fields not named are matched automatically; "" = leave the field out). */
  mapping?: Record<string, string>;
  dryRun?: boolean;
  limits?: Partial<ImportLimits>;
  /** Runs inside the apply transaction after the ratings are written (e.g. to mark the upload applied). */
  onApplied?: (w: OrganisationWriter, result: { counts: RatingsCounts }) => Promise<void>;
}

function fieldsReport(mapping: Record<string, string>) {
  return RATING_FIELDS.map((s) => ({ field: s.field, label: s.label, required: s.required, header: mapping[s.field] ?? null }));
}

/**
 * Dry run: everything checked, nothing written. Apply: any error rejects the whole file; otherwise every rating
 * is written in one transaction (re-planned against the rows as they are at that moment) with one audit event.
 */
export async function runRatingsImport(scope: OrganisationScope, opts: RunRatingsImportOptions): Promise<RatingsImportResult> {
  const { campaignId, bytes } = opts;
  const actor = scope.actor.name;
  if (!(bytes instanceof Uint8Array)) throw new ImportUsageError("bytes must be a Uint8Array or Buffer.");
  if (typeof actor !== "string" || actor.trim() === "") throw new ImportUsageError("actor (who is importing) is required.");
  const campaign = await checkCampaign(scope, campaignId);
  // Excel workbooks (first sheet) are read as well as CSV.
  const source = await readSource(bytes, { maxBytes: opts.limits?.maxBytes ?? DEFAULT_LIMITS.maxBytes });
  const prepared = prepareRatings(source.bytes, { mapping: opts.mapping, limits: opts.limits, fileErrors: source.errors });
  const errors = prepared.errors;

  const result = (status: RatingsImportResult["status"], p: RatingsPlan | null): RatingsImportResult => {
    sortErrors(errors.items, prepared.table.headers);
    return {
      ok: errors.count === 0 && status !== "rejected",
      status,
      detected: prepared.detected,
      headers: prepared.table.headers,
      sampleRows: prepared.sampleRows,
      fields: fieldsReport(prepared.detected.mapping),
      counts: { rows: prepared.table.rowCount, added: p?.added ?? 0, changed: p?.changed ?? 0, unchanged: p?.unchanged ?? 0, errors: errors.count },
      errors: errors.listed(),
      changes: p ? p.changes.slice(0, PREVIEW_LIMIT) : [],
    };
  };

  if (prepared.fatal) return result(opts.dryRun ? "dry_run" : "rejected", null);
  if (opts.dryRun || errors.count > 0) {
    const p = await planRatings(scope, campaign, prepared.records, prepared.detected.mapping);
    errors.addAll(p.errors);
    return result(opts.dryRun ? "dry_run" : "rejected", p);
  }

  const outcome = await scope.writeOrRefuse(async (w, refuse: (errors: RowError[]) => never) => {
    const current = await checkCampaign(w, campaignId);
    const p = await planRatings(w, current, prepared.records, prepared.detected.mapping);
    // Nothing written: leave (rolling back the revision bump) with the errors.
    if (p.errors.length > 0) refuse(p.errors);
    const now = nowIso();
    for (const rating of p.writes) {
      const values = { self_rating: rating.values.self, manager_rating: rating.values.manager, agreed_rating: rating.values.agreed, note: rating.values.note, updated_by: actor, updated_at: now };
      if (rating.insert) {
        await w.insertInto("skills_audit_ratings", { campaign_id: campaignId, staff_id: rating.staffId, area_id: rating.areaId, ...values }).execute();
      } else {
        await w
          .updateTable("skills_audit_ratings")
          .set(values)
          .where("campaign_id", "=", campaignId)
          .where("staff_id", "=", rating.staffId)
          .where("area_id", "=", rating.areaId)
          .execute();
      }
    }
    const counts: RatingsCounts = { rows: prepared.table.rowCount, added: p.added, changed: p.changed, unchanged: p.unchanged, errors: 0 };
    await w.audit({
      action: "skills_audit.import",
      entity: "skills_audit_campaign",
      entityId: campaignId,
      summary: `Imported skills audit ratings from '${opts.fileName}' into "${current.name}": ${p.added} added, ${p.changed} changed, ${p.unchanged} unchanged.`,
      after: { fileName: opts.fileName, sha256: sha256(bytes), mapping: prepared.detected.mapping, counts },
    });
    await opts.onApplied?.(w, { counts });
    return p;
  });
  if ("refused" in outcome) {
    errors.addAll(outcome.refused);
    return result("rejected", null);
  }
  return result("applied", outcome.done);
}

export { errorsToCsv } from "./errors-csv";
