// Consultants' campaigns: a unique default name, no comparing a campaign with itself, a notice when two campaigns
// rated different groups (and only the people in both compared).
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, getRequest, postRequest } from "../../helpers/requests";
import { action as listAction, loader as listLoader } from "../../../app/routes/orgs.$slug.audits._index";
import { action as campaignAction } from "../../../app/routes/orgs.$slug.audits.$id._index";
import { action as personAction } from "../../../app/routes/orgs.$slug.audits.$id.people.$employeeRef";
import { loader as compareLoader } from "../../../app/routes/orgs.$slug.audits.compare";
import { groupOverlap, uniqueCampaignName } from "../../../app/skills/comparison";
import { areaIds, args, skillsFixture, type SkillsFixture } from "./helpers";

let t: TestDatabase;
let f: SkillsFixture;
let area: Record<string, number>;

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  f = await skillsFixture(t.db);
  area = await areaIds(t.db, f.defaultFrameworkId);
});
afterEach(async () => t.close());

const list = async () => (await call(() => listLoader(args(getRequest("/orgs/acme/audits", f.cookies.consultant), { slug: "acme" })))).data!;
async function create(name: string, categories: string[], opens = "2026-10-05", closes = "2026-12-18"): Promise<number> {
  const form = { intent: "create", name, framework_id: String(f.defaultFrameworkId), opens_on: opens, closes_on: closes, refs: "", categories };
  const res = await call(() => listAction(args(postRequest("/orgs/acme/audits", form, f.cookies.consultant), { slug: "acme" })));
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  return Number(/audits\/(\d+)/.exec(res.response!.headers.get("Location")!)![1]);
}
const post = (id: number, form: Record<string, string>) => call(() => campaignAction(args(postRequest(`/orgs/acme/audits/${id}`, form, f.cookies.consultant), { slug: "acme", id: String(id) })));
const rate = (id: number, ref: string, form: Record<string, string>) =>
  call(() => personAction(args(postRequest(`/orgs/acme/audits/${id}/people/${ref}`, { intent: "save-ratings", ...form }, f.cookies.consultant), { slug: "acme", id: String(id), employeeRef: ref })));
const compare = (a: number, b: number) => call(() => compareLoader(args(getRequest(`/orgs/acme/audits/compare?a=${a}&b=${b}`, f.cookies.consultant), { slug: "acme" })));

describe("campaign names", () => {
  test("uniqueCampaignName adds (2), (3)… to a name already used, ignoring case", () => {
    expect(uniqueCampaignName("Skills audit 2026", [])).toBe("Skills audit 2026");
    expect(uniqueCampaignName("Skills audit 2026", ["skills audit 2026"])).toBe("Skills audit 2026 (2)");
    expect(uniqueCampaignName("Skills audit 2026", ["Skills audit 2026", "Skills audit 2026 (2)"])).toBe("Skills audit 2026 (3)");
  });

  test("the new-campaign form's default name is one no campaign has yet", async () => {
    const first = (await list()).defaults.name;
    await create(first, ["senior_manager"]);
    const second = (await list()).defaults.name;
    expect(second).not.toBe(first);
    expect(second).toBe(`${first} (2)`);
    await create(second, ["senior_manager"]);
    expect((await list()).defaults.name).toBe(`${first} (3)`);
  });
});

describe("comparing campaigns", () => {
  test("a campaign cannot be compared with itself", async () => {
    const id = await create("2026", ["senior_manager"]);
    const res = await compare(id, id);
    expect(res.status).toBe(400);
    expect(res.data).toMatchObject({ sameCampaign: true, result: null });
  });

  test("campaigns that rated different groups say so and compare the people rated in both", async () => {
    expect(groupOverlap([{ staffId: 1 }, { staffId: 2 }], [{ staffId: 2 }, { staffId: 3 }, { staffId: 4 }])).toEqual({ both: 1, onlyBefore: 1, onlyAfter: 2, differ: true });
    const managers = await create("2025 managers", ["senior_manager"], "2025-10-06", "2025-11-28"); // A2, A3
    await post(managers, { intent: "open" });
    await rate(managers, "A2", { [`agreed.${area.K1}`]: "1" });
    await rate(managers, "A3", { [`agreed.${area.K1}`]: "1" });
    await post(managers, { intent: "close" });
    const everyone = await create("2026 everyone", ["senior_executive", "senior_manager"]); // A1, A2, A3
    await post(everyone, { intent: "open" });
    await rate(everyone, "A1", { [`agreed.${area.K1}`]: "4" });
    await rate(everyone, "A2", { [`agreed.${area.K1}`]: "2" });
    await rate(everyone, "A3", { [`agreed.${area.K1}`]: "2" });

    const res = await compare(managers, everyone);
    expect(res.status).toBe(200);
    const r = res.data!.result!;
    expect(r.overlap).toEqual({ both: 2, onlyBefore: 0, onlyAfter: 1, differ: true });
    // The director rated only in 2026 is left out of the area figures: the mean moves 1 → 2, not 1 → 2.67.
    expect(r.areas.find((a) => a.code === "K1")!.after).toMatchObject({ rated: 2, meanAgreed: 2 });
    expect(r.people.map((p) => p.employeeRef).sort()).toEqual(["A2", "A3"]);

    const managersAgain = await create("2026 managers", ["senior_manager"], "2026-10-05", "2026-12-18");
    expect((await compare(managers, managersAgain)).data!.result!.overlap.differ).toBe(false);
  });
});
