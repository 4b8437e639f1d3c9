/** Pieces the import pages share: the errors of a file that cannot be applied, and the editable column mapping. */
import { plural } from "~/utils/plural";
export interface ShownRowError {
  row: number;
  column: string;
  value: string;
  message: string;
}

export function ImportErrors({ count, errors, csvHref, testId }: { count: number; errors: ShownRowError[]; csvHref: string; testId: string }) {
  return (
    <>
      <p className="notice error">
        The file has {plural(count, "error")}, so it cannot be applied: nothing will be written until they are fixed. <a href={csvHref}>Download every error (CSV)</a>
      </p>
      <table data-testid={testId}>
        <thead>
          <tr>
            <th className="num">Row</th>
            <th>Column</th>
            <th>Value</th>
            <th>Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={`${e.row}-${e.column}-${i}`}>
              <td className="num">{e.row}</td>
              <td>{e.column}</td>
              <td>{e.value}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export interface MappedField {
  field: string;
  label: string;
  required: boolean;
  header: string | null;
}

/** The editable column mapping of an uploaded file: one select per field (form names `map.<field>`), with a sample value. */
export function ColumnMappingTable({ fields, headers, sample }: { fields: MappedField[]; headers: string[]; sample: Record<string, string> }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Field</th>
            <th>Column in your file</th>
            <th>First value</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.field}>
              <td>
                <label htmlFor={`map-${f.field}`}>
                  {f.label}
                  {f.required ? " (required)" : ""}
                </label>
              </td>
              <td>
                <select id={`map-${f.field}`} name={`map.${f.field}`} defaultValue={f.header ?? ""}>
                  <option value="">— not in this file —</option>
                  {headers.filter(Boolean).map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </td>
              <td className="muted">{f.header ? sample[f.header] ?? "" : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
