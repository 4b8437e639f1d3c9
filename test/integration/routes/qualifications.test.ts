import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import { action, loader } from "../../../app/routes/orgs.$slug.qualifications";
import { parseRulesOfCombination } from "../../../app/models/catalogue.server";

let t: TestDatabase;
let riverside: number;
let oakfield: number;
let hr: string;
let oakfieldOwnId: number;

const args = (request: Request, params: Record<string, string> = { slug: "riverside" }) => ({ request, params, context: {} });

const valid = {
  intent: "create",
  title: "Riverside In-house Housing Diploma",
  code: "RS-DIP",
  awardingBody: "Riverside Academy",
  level: "4",
  ofqualNumber: "610/0001/X",
  recognised: "on",
  typicalMonths: "14",
  note: "",
};

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  riverside = await createTestOrganisation(t.db, "riverside", 12000);
  oakfield = await createTestOrganisation(t.db, "oakfield", 800);
  hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [riverside]));
  const row = await t.db
    .insertInto("qualifications")
    .values({ organisation_id: oakfield, code: "OAK-1", title: "Oakfield Private Certificate", awarding_body: "Oakfield", level: 4, ofqual_number: null, recognised: 1, typical_months: 12, rules_of_combination: null, note: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  oakfieldOwnId = row.id;
});
afterEach(async () => t.close());

async function ownRows() {
  return t.db.selectFrom("qualifications").selectAll().where("organisation_id", "=", riverside).execute();
}

describe("qualifications catalogue loader", () => {
  test("shows the shared catalogue with its rules of combination; another organisation's own entries are invisible", async () => {
    const res = await call(() => loader(args(getRequest("/orgs/riverside/qualifications", hr))));
    expect(res.status).toBe(200);
    const d = res.data!;
    expect(d.canEdit).toBe(true);
    // The 8 starter entries and the 5 added with the Standard's edges (CIH Level 5 Certificate, three older
    // CIH Level 4 units, the Level 3 apprenticeship).
    expect(d.entries.length).toBe(13);
    expect(d.entries.every((q) => q.shared)).toBe(true);
    expect(d.entries.map((q) => q.title)).not.toContain("Oakfield Private Certificate");
    const mhm = d.entries.find((q) => q.ofqualNumber === "603/1433/3")!;
    expect(mhm.rules).not.toBeNull();
    expect(mhm.rules!.minimumCredits).toBe(36);
    expect(mhm.rules!.mandatoryGroup).toEqual({ units: ["F/507/9169"], minimumCredits: 6 });
    expect(mhm.rules!.pathways.map((p) => p.name)).toEqual(["Planned maintenance", "Responsive repairs"]);
    expect(mhm.rules!.exemptions[0]).toEqual({ unitRef: "F/507/9169", exemptedBy: { unitRef: "R/503/5242", title: "Professional practice skills for housing" } });
    expect(mhm.rules!.units.find((u) => u.unitRef === "F/507/9169")).toMatchObject({ credits: 6, group: "mandatory", level: 4 });
    // Editing another organisation's entry by id: not found.
    expect((await call(() => loader(args(getRequest(`/orgs/riverside/qualifications?edit=${oakfieldOwnId}`, hr))))).status).toBe(404);
  });

  test("rules of combination are read leniently", () => {
    expect(parseRulesOfCombination(null)).toEqual({ rules: null, error: null });
    expect(parseRulesOfCombination("{not json").error).toMatch(/not valid JSON/);
    const nested = parseRulesOfCombination(JSON.stringify({ rulesOfCombination: { minimumCredits: "12", units: [{ unitRef: "A/1", title: "One", credits: 6 }] } }));
    expect(nested.rules).toMatchObject({ minimumCredits: 12, units: [{ unitRef: "A/1", credits: 6, group: "optional", level: null }], pathways: [], exemptions: [] });
  });
});

describe("qualifications catalogue actions", () => {
  test("adds an own entry and edits it, with audit events", async () => {
    const added = await call(() => action(args(postRequest("/orgs/riverside/qualifications", valid, hr))));
    expect(added.status).toBe(200);
    const [row] = await ownRows();
    expect(row).toMatchObject({ title: valid.title, code: "RS-DIP", awarding_body: "Riverside Academy", level: 4, ofqual_number: "610/0001/X", recognised: 1, typical_months: 14, note: null });

    const d = (await call(() => loader(args(getRequest(`/orgs/riverside/qualifications?edit=${row.id}`, hr))))).data!;
    expect(d.entries.find((q) => q.id === row.id)?.shared).toBe(false);
    expect(d.editing?.id).toBe(row.id);

    const edited = await call(() => action(args(postRequest("/orgs/riverside/qualifications", { ...valid, intent: "update", id: String(row.id), level: "5", recognised: "", typicalMonths: "" }, hr))));
    expect(edited.status).toBe(200);
    const [after] = await ownRows();
    expect(after).toMatchObject({ level: 5, recognised: 0, typical_months: null });

    const recognised = await call(() => action(args(postRequest("/orgs/riverside/qualifications", { intent: "recognise", id: String(row.id), recognised: "1" }, hr))));
    expect(recognised.status).toBe(200);
    expect((await ownRows())[0].recognised).toBe(1);

    const audits = await t.db.selectFrom("audit_events").selectAll().where("organisation_id", "=", riverside).orderBy("id").execute();
    expect(audits.map((a) => a.action)).toEqual(["qualification.create", "qualification.update", "qualification.recognise"]);
    expect(JSON.parse(audits[1].before_json!)).toMatchObject({ level: 4, recognised: 1 });
    expect(JSON.parse(audits[1].after_json!)).toMatchObject({ level: 5, recognised: 0 });
    expect(audits.every((a) => a.actor === "hr@example.org")).toBe(true);
  });

  test("shared entries are not editable (403) and another organisation's entries are not found (404)", async () => {
    const shared = await t.db.selectFrom("qualifications").selectAll().where("organisation_id", "is", null).where("code", "=", "CIH-L4-CH").executeTakeFirstOrThrow();
    const edit = await call(() => action(args(postRequest("/orgs/riverside/qualifications", { ...valid, intent: "update", id: String(shared.id) }, hr))));
    expect(edit.status).toBe(403);
    expect((edit.data as unknown as { errors: Record<string, string> }).errors.form).toMatch(/read-only/);
    const recognise = await call(() => action(args(postRequest("/orgs/riverside/qualifications", { intent: "recognise", id: String(shared.id), recognised: "0" }, hr))));
    expect(recognise.status).toBe(403);
    const unchanged = await t.db.selectFrom("qualifications").selectAll().where("id", "=", shared.id).executeTakeFirstOrThrow();
    expect(unchanged).toEqual(shared);

    const foreign = await call(() => action(args(postRequest("/orgs/riverside/qualifications", { ...valid, intent: "update", id: String(oakfieldOwnId) }, hr))));
    expect(foreign.status).toBe(404);
    const foreignRecognise = await call(() => action(args(postRequest("/orgs/riverside/qualifications", { intent: "recognise", id: String(oakfieldOwnId), recognised: "0" }, hr))));
    expect(foreignRecognise.status).toBe(404);
    expect((await t.db.selectFrom("qualifications").select("recognised").where("id", "=", oakfieldOwnId).executeTakeFirstOrThrow()).recognised).toBe(1);
    expect(await t.db.selectFrom("audit_events").select("id").execute()).toHaveLength(0);
  });

  test("validation errors next to fields; duplicates of visible entries refused; nothing written", async () => {
    const bad = await call(() =>
      action(args(postRequest("/orgs/riverside/qualifications", { ...valid, title: " ", awardingBody: "", level: "9", ofqualNumber: "603-1433-3", typicalMonths: "0" }, hr))),
    );
    expect(bad.status).toBe(400);
    const body = bad.data as unknown as { errors: Record<string, string>; values: Record<string, unknown> };
    expect(Object.keys(body.errors).sort()).toEqual(["awardingBody", "level", "ofqualNumber", "title", "typicalMonths"]);
    expect(body.errors.ofqualNumber).toContain("603/1433/3");
    expect(body.values.ofqualNumber).toBe("603-1433-3");

    const duplicate = await call(() => action(args(postRequest("/orgs/riverside/qualifications", { ...valid, title: "cih level 4 certificate in housing", ofqualNumber: "603/1433/3" }, hr))));
    expect(duplicate.status).toBe(400);
    expect(Object.keys((duplicate.data as unknown as { errors: object }).errors).sort()).toEqual(["ofqualNumber", "title"]);
    // Another organisation's title is not a clash (it is invisible here).
    const sameAsOakfield = await call(() => action(args(postRequest("/orgs/riverside/qualifications", { ...valid, title: "Oakfield Private Certificate", code: "OAK-1", ofqualNumber: "" }, hr))));
    expect(sameAsOakfield.status).toBe(200);
    expect(await ownRows()).toHaveLength(1);
  });

  test("an executive may read but not change the catalogue; a non-member gets 404", async () => {
    const exec = await sessionCookie(await createTestUser(t.db, "exec@example.org", "executive", [riverside]));
    const read = await call(() => loader(args(getRequest("/orgs/riverside/qualifications", exec))));
    expect(read.status).toBe(200);
    expect(read.data?.canEdit).toBe(false);
    expect((await call(() => action(args(postRequest("/orgs/riverside/qualifications", valid, exec))))).status).toBe(403);
    expect((await call(() => loader(args(getRequest("/orgs/oakfield/qualifications", hr), { slug: "oakfield" })))).status).toBe(404);
    expect((await call(() => action(args(postRequest("/orgs/oakfield/qualifications", valid, hr), { slug: "oakfield" })))).status).toBe(404);
    expect(await ownRows()).toHaveLength(0);
  });
});
