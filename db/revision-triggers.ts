/**
 * A transitional safety net for the revision-keyed evaluation cache (docs/decisions/0030-revision-keyed-cache.md).
 *
 * `scope.write` bumps `organisations.revision`, and the cache trusts the revision. Until every writer is on the
 * scope (test/unit/architecture/scope-writes.test.ts lists those that are not, in NOT_YET_ON_THE_SCOPE), a write
 * that bypasses it would leave the cache stale. So each connection this app opens carries TEMP triggers (they live
 * only on that connection and are never stored in the database file) that bump the revision of the organisation
 * whose rows the rules read when any of those rows changes, or when the organisation's settings change. A write
 * through the scope therefore bumps more than once, which is harmless (only equality with the cached revision
 * matters). Delete this module, and its two calls in connection.ts, when NOT_YET_ON_THE_SCOPE is empty.
 */

/** The tables `loadOrganisationData` reads, each with an `organisation_id` column. */
export const EVALUATED_TABLES = [
  "staff",
  "scope_decisions",
  "person_overrides",
  "qualifications",
  "qualification_records",
  "unit_results",
  "absences",
  "milestones",
] as const;

const bump = (ref: string) => `update organisations set revision = revision + 1 where id = ${ref};`;

/** The CREATE TEMP TRIGGER statements for the tables present in the database. */
export function revisionTriggerStatements(existingTables: ReadonlySet<string>): string[] {
  // Before migration 0010 there is no revision to bump.
  if (!existingTables.has("organisations.revision")) return [];
  const statements: string[] = [];
  for (const table of EVALUATED_TABLES) {
    if (!existingTables.has(table)) continue;
    statements.push(
      `create temp trigger if not exists cc_revision_${table}_insert after insert on main.${table} begin ${bump("new.organisation_id")} end`,
      `create temp trigger if not exists cc_revision_${table}_delete after delete on main.${table} begin ${bump("old.organisation_id")} end`,
      `create temp trigger if not exists cc_revision_${table}_update after update on main.${table} begin ${bump("new.organisation_id")} ` +
        `update organisations set revision = revision + 1 where id = old.organisation_id and old.organisation_id is not new.organisation_id; end`,
    );
  }
  // A settings change (anything but the revision itself; recursive triggers are off, so the bump does not re-fire).
  statements.push(
    `create temp trigger if not exists cc_revision_organisation_settings after update on main.organisations when new.revision = old.revision begin ${bump("new.id")} end`,
  );
  return statements;
}

/** The tables present, plus "organisations.revision" when that column exists. */
export const LIST_TABLES =
  `select name from main.sqlite_master where type = 'table' ` +
  `union all select 'organisations.' || name from pragma_table_info('organisations') where name = 'revision'`;
