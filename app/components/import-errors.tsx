/** The errors of a file that cannot be applied: a count, a link to all of them as CSV, and the first ones as a table. */
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
        The file has {count} errors, so it cannot be applied: nothing will be written until they are fixed. <a href={csvHref}>Download every error (CSV)</a>
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
