// Ratings CSV import: dry run, row errors with row/column/value, atomic apply with its audit event, the web flow.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { organisationScope } from "../../helpers/scope";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { TEST_ORIGIN, call, getRequest, postRequest } from "../../helpers/requests";
import { action as importAction, loader as importLoader } from "../../../app/routes/orgs.$slug.audits.$id.import";
import { loader as errorsCsv } from "../../../app/routes/orgs.$slug.audits.$id.import-errors.$uploadId[.]csv";
import { loader as ratingsCsv } from "../../../app/routes/orgs.$slug.audits.$id.ratings[.]csv";
import { RatingsImportStateError, runRatingsImport } from "../../../importers/audit-ratings";
import { areaIds, args, skillsFixture, type SkillsFixture } from "./helpers";

let t: TestDatabase;
let f: SkillsFixture;
let area: Record<string, number>;
let campaignId: number;

async function openCampaign(): Promise<number> {
  const { id } = await t.db
    .insertInto("skills_audit_campaigns")
    .values({ organisation_id: f.acme, framework_id: f.defaultFrameworkId, name: "2026", status: "open", opens_on: "2026-10-05", closes_on: "2026-12-18", filter_json: "{}", created_by: "t", opened_at: "2026-10-05" })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [ref, category, department] of [
    ["A2", "senior_manager", "Neighbourhoods"],
    ["A3", "senior_manager", "Property Services"],
    ["A4", "frontline", "Neighbourhoods"],
  ] as const) {
    await t.db.insertInto("skills_audit_participants").values({ campaign_id: id, organisation_id: f.acme, staff_id: f.staff[ref], category, department, employer: null }).execute();
  }
  return id;
}

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  f = await skillsFixture(t.db);
  area = await areaIds(t.db, f.defaultFrameworkId);
  campaignId = await openCampaign();
});
afterEach(async () => t.close());

const bytes = (text: string) => new TextEncoder().encode(text);
const run = async (text: string, over: Partial<Parameters<typeof runRatingsImport>[1]> = {}) =>
  runRatingsImport(await organisationScope(t.db, f.acme, { actor: "hr@acme.example" }), { campaignId, fileName: "ratings.csv", bytes: bytes(text), ...over });
const stored = () => t.db.selectFrom("skills_audit_ratings").select(["staff_id", "area_id", "self_rating", "manager_rating", "agreed_rating", "note"]).orderBy("staff_id").orderBy("area_id").execute();

const GOOD = "employee_ref,area,self,manager,agreed,note\nA2,K1,3,2,2,Seen at panel\nA2,People management,4,3,3,\nA3,legislation & regulation,,,1,\nA4,C1,3,3,3,\n";

describe("runRatingsImport", () => {
  test("dry run: counts and a preview, nothing written", async () => {
    const r = await run(GOOD, { dryRun: true });
    expect(r).toMatchObject({ ok: true, status: "dry_run", counts: { rows: 4, added: 4, changed: 0, unchanged: 0, errors: 0 } });
    expect(r.changes[0]).toEqual({ action: "insert", row: 2, employeeRef: "A2", area: "Legislation and regulation", fields: [
      { field: "self", before: null, after: 3 },
      { field: "manager", before: null, after: 2 },
      { field: "agreed", before: null, after: 2 },
      { field: "note", before: null, after: "Seen at panel" },
    ] });
    expect(await stored()).toEqual([]);
    expect(await t.db.selectFrom("audit_events").selectAll().execute()).toEqual([]);
  });

  test("row errors list row, column (as the file names it) and value; any error rejects the whole file", async () => {
    const text = [
      "Payroll No,Skill Area,Agreed Rating,Evidence",
      "A2,K1,2,ok", // fine
      "ZZ9,K1,2,", // unknown person
      "A6,K1,2,", // in the organisation, not in the campaign
      "A3,Underwater basket weaving,2,", // unknown area
      "A3,K2,9,", // bad rating
      "A2,Legislation and regulation,3,", // A2 × K1 twice
    ].join("\n");
    const dry = await run(text, { dryRun: true });
    expect(dry.counts.errors).toBe(5);
    expect(dry.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [3, "Payroll No", "ZZ9"],
      [4, "Payroll No", "A6"],
      [5, "Skill Area", "Underwater basket weaving"],
      [6, "Agreed Rating", "9"],
      [7, "Skill Area", "Legislation and regulation"],
    ]);
    expect(dry.errors[0].message).toMatch(/not in this campaign/);
    expect(dry.errors[2].message).toMatch(/not an area of the campaign's framework/);
    expect(dry.errors[4].message).toMatch(/more than once in the file \(first on row 2\)/);
    const applied = await run(text);
    expect(applied).toMatchObject({ ok: false, status: "rejected" });
    expect(await stored()).toEqual([]);
  });

  test("apply: every rating in one transaction with one audit event; blank cells keep what is stored", async () => {
    const r = await run(GOOD);
    expect(r).toMatchObject({ ok: true, status: "applied", counts: { added: 4, changed: 0 } });
    expect(await stored()).toEqual([
      { staff_id: f.staff.A2, area_id: area.K1, self_rating: 3, manager_rating: 2, agreed_rating: 2, note: "Seen at panel" },
      { staff_id: f.staff.A2, area_id: area.S9, self_rating: 4, manager_rating: 3, agreed_rating: 3, note: null },
      { staff_id: f.staff.A3, area_id: area.K1, self_rating: null, manager_rating: null, agreed_rating: 1, note: null },
      { staff_id: f.staff.A4, area_id: area.C1, self_rating: 3, manager_rating: 3, agreed_rating: 3, note: null },
    ]);
    const events = await t.db.selectFrom("audit_events").selectAll().execute();
    expect(events.map((e) => [e.action, e.entity, e.entity_id])).toEqual([["skills_audit.import", "skills_audit_campaign", String(campaignId)]]);
    expect(events[0].summary).toMatch(/4 added, 0 changed, 0 unchanged/);

    // A second file: agreed only; self, manager and note stay as they are.
    const second = await run("employee_ref,area,agreed\nA2,K1,3\nA2,S9,3\n");
    expect(second.counts).toMatchObject({ added: 0, changed: 1, unchanged: 1 });
    expect((await stored())[0]).toMatchObject({ self_rating: 3, manager_rating: 2, agreed_rating: 3, note: "Seen at panel" });

    // The ratings CSV export imports back as it is: every row unchanged (blank cells leave blanks blank).
    const exported = await call(() => ratingsCsv(args(getRequest(`/orgs/acme/audits/${campaignId}/ratings.csv`, f.cookies.hr), { slug: "acme", id: String(campaignId) })));
    const roundTrip = await run(await exported.response!.text(), { dryRun: true });
    expect(roundTrip.detected.mapping).toEqual({ employee_ref: "employee_ref", area: "area", self: "self", manager: "manager", agreed: "agreed", note: "note" });
    expect(roundTrip.counts).toEqual({ rows: 3 * 28, added: 0, changed: 0, unchanged: 3 * 28, errors: 0 });
  });

  test("atomic: a failure part-way through the apply leaves nothing behind", async () => {
    await expect(
      run(GOOD, {
        onApplied: async () => {
          throw new Error("disk full");
        },
      }),
    ).rejects.toThrow("disk full");
    expect(await stored()).toEqual([]);
    expect(await t.db.selectFrom("audit_events").selectAll().execute()).toEqual([]);
  });

  test("only an open campaign takes ratings", async () => {
    await t.db.updateTable("skills_audit_campaigns").set({ status: "closed" }).where("id", "=", campaignId).execute();
    await expect(run(GOOD, { dryRun: true })).rejects.toBeInstanceOf(RatingsImportStateError);
    await expect(run(GOOD)).rejects.toThrow(/closed/);
  });
});

describe("the import page", () => {
  const base = () => `/orgs/acme/audits/${campaignId}/import`;
  const upload = (cookie: string, text: string, slug = "acme") => {
    const form = new FormData();
    form.set("file", new File([text], "ratings.csv", { type: "text/csv" }));
    return new Request(`${TEST_ORIGIN}/orgs/${slug}/audits/${campaignId}/import`, { method: "POST", body: form, headers: { Cookie: cookie, Origin: TEST_ORIGIN } });
  };
  const params = () => ({ slug: "acme", id: String(campaignId) });

  test("upload → mapping and dry run → apply, audited; a rejected file gives its errors as CSV", async () => {
    const staged = await call(() => importAction(args(upload(f.cookies.hr, "Who,What,Score\nA2,K1,2\nA3,K9,1\n"), params())));
    expect(staged.status).toBe(302);
    const uploadId = Number(new URL(staged.response!.headers.get("Location")!, TEST_ORIGIN).searchParams.get("upload"));
    let page = await call(() => importLoader(args(getRequest(`${base()}?upload=${uploadId}`, f.cookies.hr), params())));
    // Nothing maps "Who" or "What": both required columns are reported.
    expect(page.data!.preview!.counts.errors).toBe(2);
    expect(page.data!.preview!.errors.map((e) => e.column)).toEqual(["employee_ref", "area"]);

    const remap = await call(() => importAction(args(postRequest(base(), { intent: "remap", uploadId: String(uploadId), "map.employee_ref": "Who", "map.area": "What", "map.agreed": "Score" }, f.cookies.hr), params())));
    expect(remap.status).toBe(302);
    page = await call(() => importLoader(args(getRequest(`${base()}?upload=${uploadId}`, f.cookies.hr), params())));
    expect(page.data!.preview!.counts).toMatchObject({ rows: 2, added: 1, errors: 1 });
    expect(page.data!.preview!.errors[0]).toMatchObject({ row: 3, column: "What", value: "K9" });

    const csv = await call(() => errorsCsv(args(getRequest(`/orgs/acme/audits/${campaignId}/import-errors/${uploadId}.csv`, f.cookies.hr), { ...params(), uploadId: String(uploadId) })));
    expect(await csv.response!.text()).toContain("3,What,K9,");

    const rejected = await call(() => importAction(args(postRequest(base(), { intent: "apply", uploadId: String(uploadId) }, f.cookies.hr), params())));
    expect(rejected.status).toBe(422);
    expect(await stored()).toEqual([]);
    expect((await t.db.selectFrom("skills_audit_uploads").select("status").where("id", "=", uploadId).executeTakeFirstOrThrow()).status).toBe("rejected");
    expect((await call(() => importAction(args(postRequest(base(), { intent: "apply", uploadId: String(uploadId) }, f.cookies.hr), params())))).status).toBe(409);

    const good = await call(() => importAction(args(upload(f.cookies.hr, GOOD), params())));
    const goodId = Number(new URL(good.response!.headers.get("Location")!, TEST_ORIGIN).searchParams.get("upload"));
    const applied = await call(() => importAction(args(postRequest(base(), { intent: "apply", uploadId: String(goodId) }, f.cookies.hr), params())));
    expect(applied.status).toBe(302);
    expect(applied.response!.headers.get("Location")).toContain(encodeURIComponent("4 added"));
    expect(await stored()).toHaveLength(4);
    expect((await t.db.selectFrom("skills_audit_uploads").select(["status", "counts_json"]).where("id", "=", goodId).executeTakeFirstOrThrow()).status).toBe("applied");
    expect((await t.db.selectFrom("audit_events").select("action").execute()).map((e) => e.action)).toEqual(["skills_audit.import"]);
  });

  test("permissions, tenancy and a closed campaign", async () => {
    expect((await call(() => importAction(args(upload(f.cookies.exec, GOOD), params())))).status).toBe(403);
    expect((await call(() => importLoader(args(getRequest(base(), f.cookies.exec), params())))).status).toBe(403);
    expect((await call(() => importAction(args(upload(f.cookies.consultant, GOOD, "other"), { slug: "other", id: String(campaignId) })))).status).toBe(404);
    const staged = await call(() => importAction(args(upload(f.cookies.hr, GOOD), params())));
    const uploadId = new URL(staged.response!.headers.get("Location")!, TEST_ORIGIN).searchParams.get("upload")!;
    expect((await call(() => importLoader(args(getRequest(`/orgs/other/audits/${campaignId}/import?upload=${uploadId}`, f.cookies.consultant), { slug: "other", id: String(campaignId) })))).status).toBe(404);
    await t.db.updateTable("skills_audit_campaigns").set({ status: "closed" }).where("id", "=", campaignId).execute();
    const closed = await call(() => importAction(args(postRequest(base(), { intent: "apply", uploadId }, f.cookies.hr), params())));
    expect(closed.status).toBe(409);
    expect(await stored()).toEqual([]);
  });
});
