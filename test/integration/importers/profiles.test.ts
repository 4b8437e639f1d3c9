import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getMappingProfile, listMappingProfiles, runImport, saveMappingProfile, deleteMappingProfile } from "../../../importers/index";
import { csv, openTestDb, type TestDb } from "./helpers";

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(async () => {
  await t.close();
});

describe("mapping profiles", () => {
  it("saves, lists, loads, replaces by name and deletes, per organisation", async () => {
    const other = await t.addOrganisation("other");
    const saved = await saveMappingProfile({ db: t.db, organisationId: t.organisationId, kind: "staff", name: " Our  iTrent export ", mapping: { employee_ref: "Payroll No", job_title: "Post" } });
    expect(saved).toMatchObject({ organisationId: t.organisationId, kind: "staff", name: "Our iTrent export", mapping: { employee_ref: "Payroll No", job_title: "Post" } });
    await saveMappingProfile({ db: t.db, organisationId: t.organisationId, kind: "enrolments", name: "Provider", mapping: { qualification: "Course" } });
    await saveMappingProfile({ db: t.db, organisationId: other, kind: "staff", name: "Theirs", mapping: {} });

    expect((await listMappingProfiles({ db: t.db, organisationId: t.organisationId })).map((p) => [p.kind, p.name])).toEqual([
      ["enrolments", "Provider"],
      ["staff", "Our iTrent export"],
    ]);
    expect((await listMappingProfiles({ db: t.db, organisationId: t.organisationId, kind: "staff" })).map((p) => p.name)).toEqual(["Our iTrent export"]);

    const replaced = await saveMappingProfile({ db: t.db, organisationId: t.organisationId, kind: "staff", name: "Our iTrent export", mapping: { employee_ref: "Emp No" } });
    expect(replaced.id).toBe(saved.id);
    expect(await getMappingProfile({ db: t.db, organisationId: t.organisationId, id: saved.id })).toMatchObject({ mapping: { employee_ref: "Emp No" } });
    expect(await getMappingProfile({ db: t.db, organisationId: t.organisationId, kind: "staff", name: "our itrent export" })).toBeNull();
    expect(await getMappingProfile({ db: t.db, organisationId: t.organisationId, kind: "staff", name: "Our iTrent export" })).toMatchObject({ id: saved.id });
    // Another organisation cannot read it.
    expect(await getMappingProfile({ db: t.db, organisationId: other, id: saved.id })).toBeNull();
    expect(await deleteMappingProfile({ db: t.db, organisationId: other, id: saved.id })).toBe(false);
    expect(await deleteMappingProfile({ db: t.db, organisationId: t.organisationId, id: saved.id })).toBe(true);
    expect(await getMappingProfile({ db: t.db, organisationId: t.organisationId, id: saved.id })).toBeNull();
  });

  it("refuses mappings naming fields the kind does not have", async () => {
    await expect(saveMappingProfile({ db: t.db, organisationId: t.organisationId, kind: "roles", name: "x", mapping: { employee_ref: "Ref" } })).rejects.toThrow(/'employee_ref' is not a roles field/);
    await expect(saveMappingProfile({ db: t.db, organisationId: t.organisationId, kind: "roles", name: "  ", mapping: {} })).rejects.toThrow(/needs a name/);
  });

  it("a saved profile's mapping drives an import", async () => {
    const p = await saveMappingProfile({ db: t.db, organisationId: t.organisationId, kind: "staff", name: "Sage", mapping: { employee_ref: "Ref Code", job_title: "Role Held" } });
    const loaded = await getMappingProfile({ db: t.db, organisationId: t.organisationId, id: p.id });
    const r = await runImport({ db: t.db, organisationId: t.organisationId, kind: "staff", fileName: "sage.csv", bytes: csv(["Ref Code;Role Held;Surname", "S1;Officer;Nowak"]), mapping: loaded!.mapping, actor: "hr", today: "2026-03-01" });
    expect(r).toMatchObject({ ok: true, counts: { added: 1 }, detected: { delimiter: ";", mapping: { employee_ref: "Ref Code", job_title: "Role Held", last_name: "Surname" } } });
  });
});
