/** Importer writes go through the organisation scope: whole-row rewrites never cross into another organisation. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { upsertStaffRows } from "../../../importers/staff";
import { runImport } from "../../../importers/index";
import { openTestDb, type TestDb } from "./helpers";
import { organisationScope } from "../../helpers/scope";

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(async () => t.close());

const csv = (text: string) => new TextEncoder().encode(text);

const scopeOf = (organisationId: number) => organisationScope(t.db, organisationId, { today: "2025-01-01" });

it("upsertStaffRows refuses another organisation's id and never rewrites organisation_id", async () => {
  const other = await t.addOrganisation("other");
  await runImport(await organisationScope(t.db, other, { actor: "test", today: "2025-01-01" }), { kind: "staff", fileName: "s.csv", bytes: csv("employee_ref,first_name,last_name,job_title\nO1,Ann,Other,Housing Officer\n") });
  const theirs = await t.db.selectFrom("staff").selectAll().where("organisation_id", "=", other).executeTakeFirstOrThrow();
  const scope = await scopeOf(t.organisationId);
  await expect(
    scope.write((w) => upsertStaffRows(w, [{ ...theirs, organisation_id: t.organisationId, last_name: "Taken" }]), { unaudited: "test" }),
  ).rejects.toThrow(/another organisation/);
  const after = await t.db.selectFrom("staff").selectAll().where("id", "=", theirs.id).executeTakeFirstOrThrow();
  expect(after).toEqual(theirs);
});

it("an applied import bumps only its organisation's revision and records one audit event", async () => {
  const other = await t.addOrganisation("other");
  const revision = async (id: number) => (await t.db.selectFrom("organisations").select("revision").where("id", "=", id).executeTakeFirstOrThrow()).revision;
  const [mine, theirs] = [await revision(t.organisationId), await revision(other)];
  const result = await runImport(await organisationScope(t.db, t.organisationId, { actor: "test", today: "2025-01-01" }), { kind: "staff", fileName: "s.csv", bytes: csv("employee_ref,first_name,last_name,job_title\nA1,Ann,Acme,Housing Officer\n") });
  expect(result.status).toBe("applied");
  expect(await revision(t.organisationId)).toBeGreaterThan(mine);
  expect(await revision(other)).toBe(theirs);
  const audits = await t.db.selectFrom("audit_events").select(["action", "entity", "entity_id"]).where("organisation_id", "=", t.organisationId).execute();
  expect(audits).toEqual([{ action: "import.apply", entity: "import_run", entity_id: String(result.importRunId) }]);
});
