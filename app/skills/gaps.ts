/**
 * Gaps between target and agreed ratings, each person's progress, and the heat maps of gaps by area × department
 * and area × category. Pure: the callers load the areas, participants and ratings.
 */
import type { AuditCategory, Gap, Rating, SkillArea } from "./types";

export function targetFor(area: SkillArea, category: AuditCategory): number {
  return area.targets[category];
}

/** target − agreed, never below 0; null while there is no agreed rating. */
export function gapFor(target: number, agreed: number | null | undefined): number | null {
  return agreed == null ? null : Math.max(0, target - agreed);
}

export interface ProfileRow {
  areaId: number;
  code: string;
  area: string;
  group: SkillArea["group"];
  retired: boolean;
  target: number;
  self: number | null;
  manager: number | null;
  agreed: number | null;
  note: string | null;
  gap: number | null;
}

/** Every area of the campaign for one person, with the ratings and the gap. */
export function personProfile(areas: readonly SkillArea[], ratings: ReadonlyMap<number, Rating>, category: AuditCategory): ProfileRow[] {
  return [...areas]
    .sort((a, b) => a.position - b.position)
    .map((area) => {
      const r = ratings.get(area.id);
      const target = targetFor(area, category);
      return {
        areaId: area.id,
        code: area.code,
        area: area.name,
        group: area.group,
        retired: area.retired,
        target,
        self: r?.self ?? null,
        manager: r?.manager ?? null,
        agreed: r?.agreed ?? null,
        note: r?.note ?? null,
        gap: gapFor(target, r?.agreed),
      };
    });
}

/** The person's gaps (gap > 0), largest first, then in framework order. */
export function personGaps(areas: readonly SkillArea[], ratings: ReadonlyMap<number, Rating>, category: AuditCategory): Gap[] {
  return personProfile(areas, ratings, category)
    .filter((row): row is ProfileRow & { agreed: number; gap: number } => row.gap != null && row.gap > 0)
    .map((row, order) => ({ row, order }))
    .sort((a, b) => b.row.gap - a.row.gap || a.order - b.order)
    .map(({ row }) => ({ areaId: row.areaId, code: row.code, area: row.area, group: row.group, target: row.target, agreed: row.agreed, gap: row.gap }));
}

export type Progress = "complete" | "partial" | "not_started";
export const PROGRESS_LABELS: Record<Progress, string> = { complete: "Complete", partial: "Partly done", not_started: "Not started" };

/** Complete when every area still in use has an agreed rating; partly done when anything has been entered. */
export function progressOf(areas: readonly SkillArea[], ratings: ReadonlyMap<number, Rating> | undefined): Progress {
  if (!ratings || ratings.size === 0) return "not_started";
  const live = areas.filter((a) => !a.retired);
  const agreed = live.filter((a) => ratings.get(a.id)?.agreed != null).length;
  if (live.length > 0 && agreed === live.length) return "complete";
  for (const r of ratings.values()) {
    if (r.self != null || r.manager != null || r.agreed != null || (r.note ?? "") !== "") return "partial";
  }
  return "not_started";
}

export interface ProgressCounts {
  complete: number;
  partial: number;
  not_started: number;
  total: number;
}

export function progressCounts(areas: readonly SkillArea[], people: readonly { staffId: number }[], ratingsByStaff: ReadonlyMap<number, ReadonlyMap<number, Rating>>): ProgressCounts {
  const counts: ProgressCounts = { complete: 0, partial: 0, not_started: 0, total: people.length };
  for (const p of people) counts[progressOf(areas, ratingsByStaff.get(p.staffId))]++;
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Heat maps

export interface HeatMapPerson {
  staffId: number;
  category: AuditCategory;
  department: string | null;
  employer: string | null;
}

export type HeatMapDimension = "department" | "category";

export const NO_DEPARTMENT = "(No department)";

export interface HeatCell {
  /** People in this column with an agreed rating for the area. */
  rated: number;
  /** Of those, people with a gap. */
  withGap: number;
  /** Mean gap over the rated people (0 when everyone meets the target); null when nobody is rated. */
  meanGap: number | null;
  /** The people behind the cell (those with a gap). */
  staffIds: number[];
}

export interface HeatMapRow {
  areaId: number;
  code: string;
  area: string;
  group: SkillArea["group"];
  cells: Record<string, HeatCell>;
  total: HeatCell;
}

export interface HeatMap {
  dimension: HeatMapDimension;
  columns: string[];
  /** People per column (participants, rated or not). */
  columnPeople: Record<string, number>;
  rows: HeatMapRow[];
}

export function dimensionKey(person: HeatMapPerson, dimension: HeatMapDimension): string {
  return dimension === "category" ? person.category : person.department?.trim() || NO_DEPARTMENT;
}

const CATEGORY_ORDER: Record<string, number> = { senior_executive: 0, senior_manager: 1, frontline: 2 };

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function emptyCell(): HeatCell & { sum: number } {
  return { rated: 0, withGap: 0, meanGap: null, staffIds: [], sum: 0 };
}

function finish(cell: HeatCell & { sum: number }): HeatCell {
  return { rated: cell.rated, withGap: cell.withGap, meanGap: cell.rated === 0 ? null : round2(cell.sum / cell.rated), staffIds: cell.staffIds };
}

export function heatMap(
  dimension: HeatMapDimension,
  areas: readonly SkillArea[],
  people: readonly HeatMapPerson[],
  ratingsByStaff: ReadonlyMap<number, ReadonlyMap<number, Rating>>,
): HeatMap {
  const columnPeople: Record<string, number> = {};
  for (const p of people) {
    const key = dimensionKey(p, dimension);
    columnPeople[key] = (columnPeople[key] ?? 0) + 1;
  }
  const columns = Object.keys(columnPeople).sort((a, b) =>
    dimension === "category" ? (CATEGORY_ORDER[a] ?? 9) - (CATEGORY_ORDER[b] ?? 9) : a === NO_DEPARTMENT ? 1 : b === NO_DEPARTMENT ? -1 : a.localeCompare(b, "en-GB"),
  );
  const rows = [...areas]
    .sort((a, b) => a.position - b.position)
    .map((area) => {
      const cells = new Map(columns.map((c) => [c, emptyCell()]));
      const total = emptyCell();
      for (const p of people) {
        const agreed = ratingsByStaff.get(p.staffId)?.get(area.id)?.agreed;
        const gap = gapFor(targetFor(area, p.category), agreed);
        if (gap == null) continue;
        for (const cell of [cells.get(dimensionKey(p, dimension))!, total]) {
          cell.rated++;
          cell.sum += gap;
          if (gap > 0) {
            cell.withGap++;
            cell.staffIds.push(p.staffId);
          }
        }
      }
      return {
        areaId: area.id,
        code: area.code,
        area: area.name,
        group: area.group,
        cells: Object.fromEntries([...cells].map(([k, v]) => [k, finish(v)])),
        total: finish(total),
      };
    });
  return { dimension, columns, columnPeople, rows };
}

/** Colour band of a mean gap, for the heat map (the number is always shown too). */
export function heatBand(meanGap: number | null): "none" | "0" | "1" | "2" | "3" | "4" {
  if (meanGap == null) return "none";
  if (meanGap <= 0) return "0";
  if (meanGap < 0.5) return "1";
  if (meanGap < 1) return "2";
  if (meanGap < 1.5) return "3";
  return "4";
}

/** The same map without the people lists (what a page needs to draw it). */
export function withoutPeople(map: HeatMap): HeatMap {
  const slim = (c: HeatCell): HeatCell => ({ ...c, staffIds: [] });
  return {
    ...map,
    rows: map.rows.map((r) => ({ ...r, total: slim(r.total), cells: Object.fromEntries(Object.entries(r.cells).map(([k, c]) => [k, slim(c)])) })),
  };
}
