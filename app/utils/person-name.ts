/**
 * How a person is named everywhere (pages, exports, reports, audit summaries). A plain module: pages import it.
 * Accepts a staff row (`first_name`) or the compliance rules' staff (`firstName`).
 */
type Named =
  | { first_name?: string | null; last_name?: string | null; employee_ref: string }
  | { firstName?: string | null; lastName?: string | null; employeeRef: string };

function parts(p: Named): { first: string | null | undefined; last: string | null | undefined; ref: string } {
  return "employee_ref" in p ? { first: p.first_name, last: p.last_name, ref: p.employee_ref } : { first: p.firstName, last: p.lastName, ref: p.employeeRef };
}

/** First and last name, or "" when the record has neither. */
export function fullName(p: Named | null | undefined): string {
  if (!p) return "";
  // Written out rather than through parts(): a snapshot names 100,000 people at once.
  const first = ("employee_ref" in p ? p.first_name : p.firstName)?.trim();
  const last = ("employee_ref" in p ? p.last_name : p.lastName)?.trim();
  if (!first) return last || "";
  return last ? `${first} ${last}` : first;
}

/** The name, or the employee reference when there is no name; `fallback` when there is no such person on record. */
export function displayName(p: Named | null | undefined, fallback = ""): string {
  if (!p) return fallback;
  return fullName(p) || parts(p).ref;
}

/** "Alice Able (R001)", or "R001" when there is no name: for audit summaries and notices. */
export function nameWithRef(p: Named): string {
  const name = fullName(p);
  const { ref } = parts(p);
  return name ? `${name} (${ref})` : ref;
}
