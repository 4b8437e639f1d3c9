import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getMappingProfile, listMappingProfiles, runImport, saveMappingProfile, deleteMappingProfile } from "../../../importers/index";
import { csv, openTestDb, type TestDb } from "./helpers";
import { organisationScope } from "../../helpers/scope";

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(async () => {
  await t.close();
});

const ours = () => organisationScope(t.db, t.organisationId, { actor: "hr@example.org" });

describe("mapping profiles", () => {
  it("saves, lists, loads, replaces by name and deletes, per organisation", async () => {
    const other = await t.addOrganisation("other");
    const theirs = await organisationScope(t.db, other);
    const saved = await saveMappingProfile(await ours(), { kind: "staff", name: " Our  iTrent export ", mapping: { employee_ref: "Payroll No", job_title: "Post" } });
    expect(saved).toMatchObject({ organisationId: t.organisationId, kind: "staff", name: "Our iTrent export", mapping: { employee_ref: "Payroll No", job_title: "Post" } });
    await saveMappingProfile(await ours(), { kind: "enrolments", name: "Provider", mapping: { qualification: "Course" } });
    await saveMappingProfile(theirs, { kind: "staff", name: "Theirs", mapping: {} });

    expect((await listMappingProfiles(await ours())).map((p) => [p.kind, p.name])).toEqual([
      ["enrolments", "Provider"],
      ["staff", "Our iTrent export"],
    ]);
    expect((await listMappingProfiles(await ours(), "staff")).map((p) => p.name)).toEqual(["Our iTrent export"]);

    const replaced = await saveMappingProfile(await ours(), { kind: "staff", name: "Our iTrent export", mapping: { employee_ref: "Emp No" } });
    expect(replaced.id).toBe(saved.id);
    expect(await getMappingProfile(await ours(), { id: saved.id })).toMatchObject({ mapping: { employee_ref: "Emp No" } });
    expect(await getMappingProfile(await ours(), { kind: "staff", name: "our itrent export" })).toBeNull();
    expect(await getMappingProfile(await ours(), { kind: "staff", name: "Our iTrent export" })).toMatchObject({ id: saved.id });
    // Another organisation cannot read it.
    expect(await getMappingProfile(theirs, { id: saved.id })).toBeNull();
    expect(await deleteMappingProfile(theirs, saved.id)).toBe(false);
    expect(await deleteMappingProfile(await ours(), saved.id)).toBe(true);
    expect(await getMappingProfile(await ours(), { id: saved.id })).toBeNull();
    // Saving and removing are on the organisation's audit trail, under who did it.
    const trail = await t.db.selectFrom("audit_events").select(["action", "actor", "summary"]).where("organisation_id", "=", t.organisationId).where("entity", "=", "mapping_profile").orderBy("id").execute();
    expect(trail.map((e) => e.action)).toEqual(["mapping_profile.save", "mapping_profile.save", "mapping_profile.save", "mapping_profile.delete"]);
    expect(trail[0]).toMatchObject({ actor: "hr@example.org", summary: 'Saved the staff mapping "Our iTrent export"' });
  });

  it("refuses mappings naming fields the kind does not have", async () => {
    await expect(saveMappingProfile(await ours(), { kind: "roles", name: "x", mapping: { employee_ref: "Ref" } })).rejects.toThrow(/'employee_ref' is not a roles field/);
    await expect(saveMappingProfile(await ours(), { kind: "roles", name: "  ", mapping: {} })).rejects.toThrow(/needs a name/);
  });

  it("a saved profile's mapping drives an import", async () => {
    const p = await saveMappingProfile(await ours(), { kind: "staff", name: "Sage", mapping: { employee_ref: "Ref Code", job_title: "Role Held" } });
    const loaded = await getMappingProfile(await ours(), { id: p.id });
    const r = await runImport(await organisationScope(t.db, t.organisationId, { actor: "hr", today: "2026-03-01" }), { kind: "staff", fileName: "sage.csv", bytes: csv(["Ref Code;Role Held;Surname", "S1;Officer;Nowak"]), mapping: loaded!.mapping });
    expect(r).toMatchObject({ ok: true, counts: { added: 1 }, detected: { delimiter: ";", mapping: { employee_ref: "Ref Code", job_title: "Role Held", last_name: "Surname" } } });
  });
});
