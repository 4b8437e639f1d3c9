/** Reading the audit trail of one organisation, with filters. */
import { sql } from "kysely";
import { escapeLike, likeIgnoringCase } from "../../db/dialect";
import type { OrganisationReader } from "./organisation-scope.server";

export interface AuditFilter {
  action?: string | null;
  actor?: string | null;
  entity?: string | null;
  from?: string | null;
  to?: string | null;
}

export const AUDIT_PAGE_SIZE = 100;

function filtered(scope: OrganisationReader, f: AuditFilter) {
  let q = scope.selectAuditEvents();
  if (f.action) q = q.where("action", "=", f.action);
  if (f.actor) {
    q = q.where(likeIgnoringCase(sql.ref("actor"), `%${escapeLike(f.actor)}%`));
  }
  if (f.entity) q = q.where("entity", "=", f.entity);
  if (f.from) q = q.where("at", ">=", f.from);
  if (f.to) q = q.where("at", "<", `${f.to}T99`);
  return q;
}

export async function auditEvents(scope: OrganisationReader, f: AuditFilter, page = 1, pageSize = AUDIT_PAGE_SIZE) {
  const [rows, total, actions] = await Promise.all([
    filtered(scope, f).selectAll().orderBy("at", "desc").orderBy("id", "desc").limit(pageSize).offset((page - 1) * pageSize).execute(),
    filtered(scope, f).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    scope.selectAuditEvents().select("action").distinct().orderBy("action").execute(),
  ]);
  return { rows, total: Number(total.n), actions: actions.map((a) => a.action) };
}

export async function allAuditEvents(scope: OrganisationReader, f: AuditFilter) {
  return filtered(scope, f).selectAll().orderBy("at", "desc").orderBy("id", "desc").execute();
}
