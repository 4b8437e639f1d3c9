/**
 * Presentational pieces the audit pages share: the heat map (a real table with colour and numbers, each cell
 * linking to the people behind it), the rating scale legend, and a client-only wrapper for Recharts.
 */
import { plural } from "~/utils/plural";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { CATEGORY_LABELS } from "../compliance/status";
export { ClientOnly } from "../components/client-only";
import { heatBand, type HeatMap } from "./gaps";
import { AREA_GROUP_LABELS, RATING_LABELS } from "./types";


export function columnLabel(dimension: HeatMap["dimension"], key: string): string {
  return dimension === "category" ? (CATEGORY_LABELS as Record<string, string>)[key] ?? key : key;
}

const fmt = (n: number) => n.toFixed(1);

export function HeatMapTable({
  map,
  caption,
  peopleHref,
  testId,
}: {
  map: HeatMap;
  caption: string;
  /** Link to the people behind a cell (null for the total column). */
  peopleHref: (areaCode: string, column: string | null) => string;
  testId?: string;
}) {
  let group: string | null = null;
  const colSpan = map.columns.length + 2;
  return (
    <div className="table-wrap">
      <table className="heat-map" data-testid={testId}>
        <caption>
          <span className="visually-hidden">{caption}. </span>
          <span className="muted">Each cell: mean gap in levels (target − agreed rating) over the people rated, and how many of them have a gap. Darker is a bigger gap.</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Area</th>
            {map.columns.map((c) => (
              <th key={c} scope="col" className="num">
                {columnLabel(map.dimension, c)}
                <div className="muted heat-people">{plural(map.columnPeople[c], "person")}</div>
              </th>
            ))}
            <th scope="col" className="num">
              All
            </th>
          </tr>
        </thead>
        <tbody>
          {map.rows.flatMap((row) => {
            const out: ReactNode[] = [];
            if (row.group !== group) {
              group = row.group;
              out.push(
                <tr key={`g-${row.group}`} className="heat-group">
                  <th colSpan={colSpan} scope="colgroup">
                    {AREA_GROUP_LABELS[row.group]}
                  </th>
                </tr>,
              );
            }
            const cell = (key: string | null, c: HeatMap["rows"][number]["total"]) => {
              const band = heatBand(c.meanGap);
              const label =
                c.meanGap == null
                  ? "not rated yet"
                  : `mean gap ${fmt(c.meanGap)}; ${c.withGap} of ${plural(c.rated, "person")} rated have a gap`;
              return (
                <td key={key ?? "__all"} className={`num heat heat-${band}`} data-area={row.code} data-column={key ?? "all"} data-mean-gap={c.meanGap ?? ""}>
                  {c.meanGap == null ? (
                    <span aria-label={label}>–</span>
                  ) : c.withGap > 0 ? (
                    <Link to={peopleHref(row.code, key)} aria-label={`${row.area}, ${key === null ? "everyone" : columnLabel(map.dimension, key)}: ${label}. Show the people.`}>
                      <span className="heat-value">{fmt(c.meanGap)}</span>
                      <span className="heat-count">
                        {c.withGap}/{c.rated}
                      </span>
                    </Link>
                  ) : (
                    <span aria-label={label}>
                      <span className="heat-value">{fmt(c.meanGap)}</span>
                      <span className="heat-count">0/{c.rated}</span>
                    </span>
                  )}
                </td>
              );
            };
            out.push(
              <tr key={row.areaId}>
                <th scope="row">
                  <span className="muted">{row.code}</span> {row.area}
                </th>
                {map.columns.map((c) => cell(c, row.cells[c]))}
                {cell(null, row.total)}
              </tr>,
            );
            return out;
          })}
        </tbody>
      </table>
    </div>
  );
}

export function HeatLegend() {
  return (
    <ul className="heat-legend" aria-label="Heat map colours">
      <li>
        <span className="heat heat-0 swatch" /> 0: at or above target
      </li>
      <li>
        <span className="heat heat-1 swatch" /> under 0.5
      </li>
      <li>
        <span className="heat heat-2 swatch" /> 0.5 to 1
      </li>
      <li>
        <span className="heat heat-3 swatch" /> 1 to 1.5
      </li>
      <li>
        <span className="heat heat-4 swatch" /> 1.5 or more
      </li>
      <li>
        <span className="heat heat-none swatch" /> nobody rated
      </li>
    </ul>
  );
}

export function RatingScale() {
  return (
    <p className="muted rating-scale">
      Scale: {RATING_LABELS.map((l, i) => `${i} ${l.toLowerCase()}`).join(" · ")}
    </p>
  );
}

export interface CampaignFieldOptions {
  frameworks: Array<{ id: number; name: string; shared: boolean }>;
  departments: string[];
  employers: string[];
}

const CATEGORY_CHOICES = ["senior_executive", "senior_manager", "frontline"] as const;

/** Name, framework, dates and who is included: the create form and the draft's edit form. */
export function CampaignFields({
  idPrefix,
  values,
  errors,
  options,
}: {
  idPrefix: string;
  values: { name: string; framework_id: string; opens_on: string; closes_on: string; categories: string[]; departments: string[]; employers: string[]; refs: string };
  errors: Record<string, string> | undefined;
  options: CampaignFieldOptions;
}) {
  const id = (f: string) => `${idPrefix}-${f}`;
  const err = (f: string) =>
    errors?.[f] ? (
      <span className="field-error" id={id(`${f}-error`)}>
        {errors[f]}
      </span>
    ) : null;
  const described = (f: string) => (errors?.[f] ? id(`${f}-error`) : undefined);
  return (
    <>
      <div className="form-row">
        <div className="field">
          <label htmlFor={id("name")}>Campaign name</label>
          <input id={id("name")} name="name" type="text" defaultValue={values.name} maxLength={120} required aria-describedby={described("name")} />
          {err("name")}
        </div>
        <div className="field">
          <label htmlFor={id("framework")}>Framework</label>
          <select id={id("framework")} name="framework_id" defaultValue={values.framework_id} aria-describedby={described("framework_id")}>
            {options.frameworks.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
                {f.shared ? "" : " (this organisation's)"}
              </option>
            ))}
          </select>
          {err("framework_id")}
        </div>
        <div className="field">
          <label htmlFor={id("opens")}>Opens on</label>
          <input id={id("opens")} name="opens_on" type="date" defaultValue={values.opens_on} aria-describedby={described("opens_on")} />
          {err("opens_on")}
        </div>
        <div className="field">
          <label htmlFor={id("closes")}>Closes on</label>
          <input id={id("closes")} name="closes_on" type="date" defaultValue={values.closes_on} aria-describedby={described("closes_on")} />
          {err("closes_on")}
        </div>
      </div>
      <fieldset className="field">
        <legend>Who is included</legend>
        <p className="muted" style={{ margin: "0 0 0.4rem" }}>
          People in post matching every filter you choose (none chosen: everyone with a target category), plus anyone you list by employee ref. With only a list, just those people.
        </p>
        <div className="filter-grid">
          <fieldset>
            <legend>Category</legend>
            {CATEGORY_CHOICES.map((c) => (
              <label key={c} className="check">
                <input type="checkbox" name="categories" value={c} defaultChecked={values.categories.includes(c)} /> {CATEGORY_LABELS[c]}
              </label>
            ))}
            {err("categories")}
          </fieldset>
          <div className="field">
            <label htmlFor={id("departments")}>Departments (any if none selected)</label>
            <select id={id("departments")} name="departments" multiple size={Math.min(8, Math.max(3, options.departments.length))} defaultValue={values.departments}>
              {options.departments.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
            {err("departments")}
          </div>
          <fieldset>
            <legend>Employer</legend>
            <label className="check">
              <input type="checkbox" name="employers" value="" defaultChecked={values.employers.includes("")} /> Direct employees
            </label>
            {options.employers.map((e) => (
              <label key={e} className="check">
                <input type="checkbox" name="employers" value={e} defaultChecked={values.employers.includes(e)} /> {e}
              </label>
            ))}
            {err("employers")}
          </fieldset>
          <div className="field">
            <label htmlFor={id("refs")}>Employee refs (one per line, or separated by commas)</label>
            <textarea id={id("refs")} name="refs" rows={4} defaultValue={values.refs} aria-describedby={described("refs")} />
            {err("refs")}
          </div>
        </div>
      </fieldset>
    </>
  );
}
