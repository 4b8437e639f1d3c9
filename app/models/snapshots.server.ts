/** Snapshots: immutable measures and every person's status at a moment, for board packs, regulators and trends. */
import type { OrganisationMeasures } from "../compliance/measures";
import type { MilestoneCheck } from "../compliance/milestones";
import { organisationMilestoneChecks } from "../compliance/milestones";
import { statutoryPositionOf, zeroStatutoryCounts, type StatutoryCounts } from "../compliance/statutory";
import { fullName } from "../utils/person-name";
import { evaluateOrganisation, type EvaluatedOrganisation } from "./compliance.server";
import { type OrganisationReader, type OrganisationScope, type OrganisationWriter } from "./organisation-scope.server";

export interface SnapshotMeasures {
  asOf: string;
  inScope: number;
  inScopeByLevel: { 5: number; 4: number };
  qualified: number;
  workingTowards: number;
  notEnrolled: number;
  pctQualified: number | null;
  pctQualifiedOrEnrolled: number | null;
  unmappedCount: number;
  countsByStatus: OrganisationMeasures["countsByStatus"];
  countsByRag: OrganisationMeasures["countsByRag"];
  /** The legal test. Absent from snapshots taken before it was recorded: use statutoryCountsOfRows. */
  countsByStatutory?: StatutoryCounts;
  pctStatutory?: number | null;
  worstCase?: OrganisationMeasures["worstCase"];
  milestones: MilestoneCheck[];
}

/** The legal test rebuilt from a snapshot's frozen rows (status and enrol-by as they were on its as-of date). */
export function statutoryCountsOfRows(asOf: string, rows: ReadonlyArray<{ status: string; enrol_by: string | null }>): StatutoryCounts {
  const counts = zeroStatutoryCounts();
  for (const r of rows) {
    if (r.status !== "qualified" && r.status !== "working_towards" && r.status !== "not_enrolled") continue;
    if (r.status === "not_enrolled" && r.enrol_by == null) continue;
    const position = statutoryPositionOf(r.status, asOf, r.enrol_by);
    if (position) counts[position]++;
  }
  return counts;
}

export function snapshotMeasuresOf(measures: OrganisationMeasures, milestones: MilestoneCheck[]): SnapshotMeasures {
  return {
    asOf: measures.asOf,
    inScope: measures.inScope,
    inScopeByLevel: measures.inScopeByLevel,
    qualified: measures.qualified,
    workingTowards: measures.workingTowards,
    notEnrolled: measures.notEnrolled,
    pctQualified: measures.pctQualified,
    pctQualifiedOrEnrolled: measures.pctQualifiedOrEnrolled,
    unmappedCount: measures.unmappedCount,
    countsByStatus: measures.countsByStatus,
    countsByRag: measures.countsByRag,
    countsByStatutory: measures.countsByStatutory,
    pctStatutory: measures.pctStatutory,
    worstCase: measures.worstCase,
    milestones,
  };
}

export interface SnapshotInput {
  label: string;
  trigger: "import" | "manual" | "cli";
  importRunId?: number | null;
  /** Defaults to the scope's today. */
  asOf?: string;
}

/** Freezes the organisation's measures and every person's status on `asOf` (one `scope.write`, audited, as the
 * scope's actor). It cannot be refused: any organisation can be snapshotted on any date. */
export async function takeSnapshot(scope: OrganisationScope, input: SnapshotInput): Promise<{ id: number; measures: SnapshotMeasures }> {
  const asOf = input.asOf ?? scope.today;
  const evaluated = await evaluateOrganisation(scope, asOf);
  return scope.write((w) => writeSnapshot(w, evaluated, { ...input, asOf }, scope.actor.name));
}

/** The columns of one person's frozen row, in the order `writeSnapshot` writes them. */
const SNAPSHOT_PEOPLE_COLUMNS = ["snapshot_id", "staff_id", "employee_ref", "name", "category", "status", "rag", "enrol_by", "qualify_by", "reasons_list"] as const;
const REASON_LIST_COLUMNS = ["snapshot_id", "position", "reasons_json"] as const;

/**
 * Writes a snapshot of an evaluation already made (`evaluated` at `input.asOf`) inside the caller's write: the
 * snapshot row, every person's row (multi-row inserts) and its audit event. `snapshotOrganisation` evaluates first;
 * an import evaluates the rows it holds, in its own transaction (importers/snapshot.ts).
 */
export async function writeSnapshot(w: OrganisationWriter, evaluated: EvaluatedOrganisation, input: SnapshotInput & { asOf: string }, takenBy: string): Promise<{ id: number; measures: SnapshotMeasures }> {
  const { ctx, data, measures } = evaluated;
  const asOf = input.asOf;
  const snapshotMeasures = snapshotMeasuresOf(measures, organisationMilestoneChecks(ctx, data.staff, measures));
  const staffById = data.staffById;
  const row = await w
    .insertInto("snapshots", {
      label: input.label.trim() || `Snapshot ${asOf}`,
      taken_at: new Date().toISOString(),
      as_of: asOf,
      trigger: input.trigger,
      import_run_id: input.importRunId ?? null,
      taken_by: takenBy,
      measures_json: JSON.stringify(snapshotMeasures),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // Each distinct list of reasons is written once and people name theirs by number (decision 0072). The rules share
  // one frozen list between people with the same reasons, so most people are found by the list itself; lists built
  // per person are matched by their text.
  const byList = new Map<readonly string[], number>();
  const byJson = new Map<string, number>();
  const lists: (readonly unknown[])[] = [];
  const listOf = (reasons: readonly string[]): number => {
    let position = byList.get(reasons);
    if (position !== undefined) return position;
    const json = JSON.stringify(reasons);
    position = byJson.get(json);
    if (position === undefined) {
      position = lists.length;
      lists.push([row.id, position, json]);
      byJson.set(json, position);
    }
    byList.set(reasons, position);
    return position;
  };
  const people = measures.people.map((p) => [row.id, p.staffId, p.employeeRef, fullName(staffById.get(p.staffId)), p.category, p.status, p.rag, p.enrolBy, p.qualifyBy, listOf(p.reasons)]);
  await w.insertChildRows("snapshot_reason_lists", REASON_LIST_COLUMNS, lists);
  await w.insertChildRows("snapshot_people", SNAPSHOT_PEOPLE_COLUMNS, people);
  await w.audit({ action: "snapshot.take", entity: "snapshot", entityId: row.id, summary: `Snapshot "${input.label}" as of ${asOf}` });
  return { id: row.id, measures: snapshotMeasures };
}

export interface SnapshotSummary {
  id: number;
  label: string;
  takenAt: string;
  asOf: string;
  trigger: string;
  takenBy: string;
  measures: SnapshotMeasures;
}

function toSummary(row: { id: number; label: string; taken_at: string; as_of: string; trigger: string; taken_by: string; measures_json: string }): SnapshotSummary {
  return { id: row.id, label: row.label, takenAt: row.taken_at, asOf: row.as_of, trigger: row.trigger, takenBy: row.taken_by, measures: JSON.parse(row.measures_json) as SnapshotMeasures };
}

export async function listSnapshots(scope: OrganisationReader): Promise<SnapshotSummary[]> {
  const rows = await scope.selectFrom("snapshots").selectAll().orderBy("taken_at", "desc").orderBy("id", "desc").execute();
  return rows.map(toSummary);
}

/**
 * The snapshot "change since" compares today with. The user's choice when they made one; otherwise the previous
 * import's snapshot. An import (or an undo) freezes the picture straight after it changes the data, so the newest
 * import snapshot is the current picture and comparing with it would always say "no change".
 */
export async function baselineSnapshot(scope: OrganisationReader, chosenId: number | null): Promise<{ snapshot: SnapshotSummary | null; chosen: boolean }> {
  if (chosenId != null) {
    const chosen = await getSnapshot(scope, chosenId);
    if (chosen) return { snapshot: chosen, chosen: true };
  }
  const rows = await scope
    .selectFrom("snapshots")
    .select(["id", "trigger"])
    .orderBy("taken_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const latestImport = rows.findIndex((r) => r.trigger === "import");
  let pick: number | undefined;
  if (latestImport < 0) pick = rows[0]?.id;
  else pick = rows.slice(latestImport + 1).find((r) => r.trigger === "import")?.id ?? rows[latestImport + 1]?.id;
  return { snapshot: pick == null ? null : await getSnapshot(scope, pick), chosen: false };
}

export interface SnapshotOption {
  id: number;
  label: string;
  takenAt: string;
}

/** Every snapshot of the organisation, newest first, for a chooser. */
export async function snapshotOptions(scope: OrganisationReader): Promise<SnapshotOption[]> {
  const rows = await scope.selectFrom("snapshots").select(["id", "label", "taken_at"]).orderBy("taken_at", "desc").orderBy("id", "desc").limit(200).execute();
  return rows.map((r) => ({ id: r.id, label: r.label, takenAt: r.taken_at }));
}

export async function getSnapshot(scope: OrganisationReader, snapshotId: number): Promise<SnapshotSummary | null> {
  const row = await scope.selectFrom("snapshots").selectAll().where("id", "=", snapshotId).executeTakeFirst();
  return row ? toSummary(row) : null;
}

/** Every person frozen in a snapshot, by employee reference, each with their reasons (a JSON array). */
export async function snapshotPeople(scope: OrganisationReader, snapshotId: number) {
  return scope
    .selectFromChild("snapshot_people")
    .innerJoin("snapshot_reason_lists", (join) => join.onRef("snapshot_reason_lists.snapshot_id", "=", "snapshot_people.snapshot_id").onRef("snapshot_reason_lists.position", "=", "snapshot_people.reasons_list"))
    .select([
      "snapshot_people.snapshot_id",
      "snapshot_people.staff_id",
      "snapshot_people.employee_ref",
      "snapshot_people.name",
      "snapshot_people.category",
      "snapshot_people.status",
      "snapshot_people.rag",
      "snapshot_people.enrol_by",
      "snapshot_people.qualify_by",
      "snapshot_reason_lists.reasons_json",
    ])
    .where("snapshot_people.snapshot_id", "=", snapshotId)
    .orderBy("snapshot_people.employee_ref")
    .execute();
}

export interface SnapshotComparison {
  before: SnapshotSummary;
  after: SnapshotSummary;
  changedPeople: Array<{ employeeRef: string; name: string; before: { status: string; rag: string } | null; after: { status: string; rag: string } | null }>;
}

/** Measures side by side and the people whose status or RAG differs between two snapshots of one organisation. */
export async function compareSnapshots(scope: OrganisationReader, beforeId: number, afterId: number): Promise<SnapshotComparison | null> {
  const [before, after] = await Promise.all([getSnapshot(scope, beforeId), getSnapshot(scope, afterId)]);
  if (!before || !after) return null;
  const [a, b] = await Promise.all([snapshotPeople(scope, beforeId), snapshotPeople(scope, afterId)]);
  const beforeByRef = new Map(a.map((p) => [p.employee_ref, p]));
  const afterByRef = new Map(b.map((p) => [p.employee_ref, p]));
  const refs = [...new Set([...beforeByRef.keys(), ...afterByRef.keys()])].sort();
  const changedPeople: SnapshotComparison["changedPeople"] = [];
  for (const ref of refs) {
    const x = beforeByRef.get(ref);
    const y = afterByRef.get(ref);
    if (x && y && x.status === y.status && x.rag === y.rag) continue;
    changedPeople.push({ employeeRef: ref, name: (y ?? x)!.name, before: x ? { status: x.status, rag: x.rag } : null, after: y ? { status: y.status, rag: y.rag } : null });
  }
  return { before, after, changedPeople };
}
