// Skills-audit recommendations on the person page and in the CSV respect the required level (from the rules) and
// the role: the executive is pointed at Level 5 (Level 4 units as development only), the housing manager in
// Neighbourhoods at housing qualifications and units, the housing manager in Property Services at the maintenance
// certificate and its repairs units.
import { afterEach, beforeEach, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, getRequest, postRequest } from "../../helpers/requests";
import { action as listAction } from "../../../app/routes/orgs.$slug.audits._index";
import { action as campaignAction } from "../../../app/routes/orgs.$slug.audits.$id._index";
import { action as personAction, loader as personLoader } from "../../../app/routes/orgs.$slug.audits.$id.people.$employeeRef";
import { loader as recommendationsCsv } from "../../../app/routes/orgs.$slug.audits.$id.recommendations[.]csv";
import { areaIds, args, skillsFixture, type SkillsFixture } from "./helpers";

let t: TestDatabase;
let f: SkillsFixture;

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  f = await skillsFixture(t.db);
});
afterEach(async () => t.close());

test("executive → Level 5, housing manager → housing units, property manager → repairs units", async () => {
  const area = await areaIds(t.db, f.defaultFrameworkId);
  const created = await call(() =>
    listAction(args(postRequest("/orgs/acme/audits", { intent: "create", name: "Roles", framework_id: String(f.defaultFrameworkId), opens_on: "2026-10-05", closes_on: "2026-12-18", refs: "" }, f.cookies.hr), { slug: "acme" })),
  );
  const id = Number(/audits\/(\d+)/.exec(created.response!.headers.get("Location")!)![1]);
  await call(() => campaignAction(args(postRequest(`/orgs/acme/audits/${id}`, { intent: "open" }, f.cookies.hr), { slug: "acme", id: String(id) })));
  for (const ref of ["A1", "A2", "A3"]) {
    const saved = await call(() =>
      personAction(args(postRequest(`/orgs/acme/audits/${id}/people/${ref}`, { intent: "save-ratings", [`agreed.${area.K1}`]: "0" }, f.cookies.hr), { slug: "acme", id: String(id), employeeRef: ref })),
    );
    expect(saved.status).toBe(200);
  }
  const page = async (ref: string) => (await call(() => personLoader(args(getRequest(`/orgs/acme/audits/${id}/people/${ref}`, f.cookies.hr), { slug: "acme", id: String(id), employeeRef: ref })))).data!.recommendations;

  const exec = await page("A1");
  expect(exec.advice?.text).toMatch(/^Level 5 required: CIH Level 5/);
  expect(exec.advice?.text).not.toContain("Level 4 Certificate");
  expect(exec.development).toBe(true);
  expect(exec.units.map((u) => [u.unitRef, u.kind])).toEqual([["Y/503/1175", "development"]]);

  const housing = await page("A2");
  expect(housing.advice?.text).toMatch(/^Level 4 required, in a housing role: CIH Level 4 Certificate in Housing/);
  expect(housing.advice?.qualifications).not.toContain("CIH Level 4 Certificate in Managing Housing Maintenance");
  expect(housing.units.map((u) => u.unitRef)).toEqual(["Y/503/1175"]);

  const property = await page("A3");
  expect(property.advice?.qualifications[0]).toBe("CIH Level 4 Certificate in Managing Housing Maintenance");
  expect(property.units.map((u) => u.unitRef)).toContain("F/504/4180");
  expect(property.units.every((u) => u.kind === "qualification_unit")).toBe(true);

  const csv = await call(() => recommendationsCsv(args(getRequest(`/orgs/acme/audits/${id}/recommendations.csv`, f.cookies.hr), { slug: "acme", id: String(id) })));
  const lines = (await csv.response!.text()).split("\r\n");
  const of = (ref: string) => lines.filter((l) => l.startsWith(`${ref},`));
  expect(of("A1").some((l) => l.includes("Level 5 qualification,1,,CIH Level 5"))).toBe(true);
  expect(of("A1").some((l) => l.includes("development unit,1,Y/503/1175"))).toBe(true);
  expect(of("A2").some((l) => l.includes("F/504/4180"))).toBe(false);
  expect(of("A3").some((l) => l.includes("qualification unit") && l.includes("F/504/4180"))).toBe(true);
});
