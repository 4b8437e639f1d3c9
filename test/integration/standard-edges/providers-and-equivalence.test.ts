// The service-provider register and equivalence assessments through the organisation scope, and what they do to
// the evaluation: a non-comprehensive provider's manager needs no qualification; a "met" assessment qualifies;
// a "partly met" one is working towards until its top-up units are done. Neither reaches another organisation.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, type TestDatabase } from "../../helpers/database";
import { createTestOrganisation } from "../../helpers/requests";
import { OrganisationReader, type OrganisationScope } from "../../../app/models/organisation-scope.server";
import { evaluateOrganisation } from "../../../app/models/compliance.server";
import { deleteServiceProvider, saveServiceProvider, serviceProviderRegister } from "../../../app/models/service-providers/register.server";
import { addEquivalence, completeTopUp, personEquivalences, removeEquivalence } from "../../../app/models/person/equivalence.server";
import { equivalenceAssessmentForm, serviceProviderForm } from "../../../app/compliance/edge-forms";
import { organisationScope } from "../../helpers/scope";

let t: TestDatabase;
let riverside: OrganisationScope;
let oakfield: OrganisationScope;
let riversideId: number;
let ilm: number;

const TODAY = "2026-06-01";

const scopeOf = (organisationId: number) => organisationScope(t.db, organisationId, { actor: "hr@example.org", today: TODAY });

async function manager(organisationId: number, ref: string, employer: string | null = null): Promise<number> {
  const row = await t.db
    .insertInto("staff")
    .values({ organisation_id: organisationId, employee_ref: ref, first_name: "Pat", last_name: ref, job_title: "Neighbourhood Manager", job_title_normalised: "neighbourhood manager", start_date: "2020-01-06", employer })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function statusOf(organisationId: number, ref: string, asOf = TODAY) {
  const { measures } = await evaluateOrganisation(new OrganisationReader(t.db, organisationId), asOf);
  return measures.people.find((p) => p.employeeRef === ref)!;
}

const provider = (name: string, comprehensive: "yes" | "no", extra: Record<string, string> = {}) => serviceProviderForm.parse({ name, comprehensive, ...extra });
const assessment = (values: Record<string, string>) => equivalenceAssessmentForm.parse({ qualification_id: String(ilm), assessed_by: "Jo Smith", assessed_on: "2026-03-04", evidence_ref: "HR/EQ/12", tqt_hours: "240", outcome: "met", ...values });

beforeEach(async () => {
  t = freshDatabase();
  riversideId = await createTestOrganisation(t.db, "riverside");
  const o = await createTestOrganisation(t.db, "oakfield");
  riverside = await scopeOf(riversideId);
  oakfield = await scopeOf(o);
  await t.db
    .insertInto("scope_decisions")
    .values({ organisation_id: riversideId, job_title: "Neighbourhood Manager", job_title_normalised: "neighbourhood manager", category: "senior_manager", decided_on: "2026-03-03" })
    .execute();
  ilm = (await t.db.selectFrom("qualifications").select("id").where("code", "=", "ILM-L5-LM").executeTakeFirstOrThrow()).id;
  await manager(riversideId, "R001", "Acme Repairs Ltd");
  await manager(riversideId, "R002");
  await manager(o, "O001", "Acme Repairs Ltd");
});
afterEach(async () => t.close());

describe("the service-provider register", () => {
  test("recording a non-comprehensive provider takes its manager out of the requirement, and removing it brings them back", async () => {
    expect((await statusOf(riversideId, "R001")).status).toBe("not_enrolled");
    const before = await serviceProviderRegister(riverside, TODAY);
    expect(before.unregistered).toEqual([{ employer: "Acme Repairs Ltd", activeStaff: 1 }]);

    const saved = await saveServiceProvider(riverside, provider("acme repairs  ltd", "no", { contract_ref: "C-114", review_date: "2026-01-31" }));
    expect(saved.ok).toBe(true);
    const person = await statusOf(riversideId, "R001");
    expect(person.status).toBe("not_required");
    expect(person.reasons[0]).toContain("employed by acme repairs ltd, a service provider that does not provide a comprehensive housing management service");
    expect((await statusOf(riversideId, "R002")).status).toBe("not_enrolled");

    const register = await serviceProviderRegister(riverside, TODAY);
    expect(register.unregistered).toEqual([]);
    expect(register.providers).toMatchObject([{ name: "acme repairs ltd", comprehensive: false, contractRef: "C-114", activeStaff: 1, reviewOverdue: true }]);

    if (!saved.ok) throw new Error("unreachable");
    expect((await deleteServiceProvider(riverside, { provider_id: saved.value.id })).ok).toBe(true);
    expect((await statusOf(riversideId, "R001")).status).toBe("not_enrolled");
  });

  test("changing a provider to comprehensive puts its staff back in scope; a second entry of the same name is refused", async () => {
    const saved = await saveServiceProvider(riverside, provider("Acme Repairs Ltd", "no"));
    if (!saved.ok) throw new Error("not saved");
    expect(await saveServiceProvider(riverside, provider("ACME Repairs Ltd", "yes"))).toMatchObject({ ok: false, failure: { kind: "conflict" } });
    expect((await saveServiceProvider(riverside, { ...provider("Acme Repairs Ltd", "yes"), provider_id: saved.value.id })).ok).toBe(true);
    expect((await statusOf(riversideId, "R001")).status).toBe("not_enrolled");
  });

  test("one organisation's register neither shows in nor changes another's", async () => {
    const saved = await saveServiceProvider(riverside, provider("Acme Repairs Ltd", "no"));
    if (!saved.ok) throw new Error("not saved");
    const oakId = oakfield.organisationId;
    expect((await statusOf(oakId, "O001")).requiredLevel).toBe(null); // Oakfield has no decision for the title: undecided
    expect((await serviceProviderRegister(oakfield, TODAY)).providers).toEqual([]);
    expect(await deleteServiceProvider(oakfield, { provider_id: saved.value.id })).toMatchObject({ ok: false, failure: { kind: "not_found" } });
    expect(await saveServiceProvider(oakfield, { ...provider("Hijack", "yes"), provider_id: saved.value.id })).toMatchObject({ ok: false, failure: { kind: "not_found" } });
    expect((await serviceProviderRegister(riverside, TODAY)).providers[0].name).toBe("Acme Repairs Ltd");
  });
});

describe("equivalence assessments", () => {
  test("met counts as qualified from the assessment date", async () => {
    const added = await addEquivalence(riverside, { employeeRef: "R002", assessment: assessment({}) });
    expect(added.ok).toBe(true);
    const person = await statusOf(riversideId, "R002");
    expect(person.status).toBe("qualified");
    expect(person.statutory).toBe("compliant");
    expect(person.reasons.join(" | ")).toContain("assessed as equivalent, content criteria met, assessed by Jo Smith on 4 Mar 2026 (evidence HR/EQ/12)");
    expect((await statusOf(riversideId, "R002", "2026-02-01")).status).toBe("not_enrolled");
  });

  test("partly met is working towards until every top-up unit is completed", async () => {
    const added = await addEquivalence(riverside, { employeeRef: "R002", assessment: assessment({ outcome: "partly_met", top_ups: "Housing law\nTenancy management\n" }) });
    expect(added.ok).toBe(true);
    expect((await statusOf(riversideId, "R002")).status).toBe("working_towards");
    const [view] = await personEquivalences(riverside, (await t.db.selectFrom("staff").select("id").where("employee_ref", "=", "R002").executeTakeFirstOrThrow()).id);
    expect(view.topUps.map((u) => u.unit)).toEqual(["Housing law", "Tenancy management"]);

    expect(await completeTopUp(riverside, { employeeRef: "R002", topUpId: view.topUps[0].id, completedOn: "2026-01-01" })).toMatchObject({
      ok: false,
      failure: { kind: "invalid", fieldErrors: { completed_on: expect.stringContaining("on or after the assessment") } },
    });
    expect((await completeTopUp(riverside, { employeeRef: "R002", topUpId: view.topUps[0].id, completedOn: "2026-04-01" })).ok).toBe(true);
    expect((await statusOf(riversideId, "R002")).status).toBe("working_towards");
    expect(await completeTopUp(riverside, { employeeRef: "R002", topUpId: view.topUps[0].id, completedOn: "2026-04-02" })).toMatchObject({ ok: false, failure: { kind: "conflict" } });
    expect((await completeTopUp(riverside, { employeeRef: "R002", topUpId: view.topUps[1].id, completedOn: "2026-05-15" })).ok).toBe(true);
    const person = await statusOf(riversideId, "R002");
    expect(person.status).toBe("qualified");
    expect(person.decidingRecord?.achievedOn).toBe("2026-05-15");
  });

  test("the form refuses 'met' below the expected total qualification time and 'partly met' without top-ups", () => {
    const below = equivalenceAssessmentForm.safeParse({ qualification_id: "1", assessed_by: "Jo", assessed_on: "2026-03-04", evidence_ref: "E1", tqt_hours: "90", outcome: "met" });
    expect(below.success).toBe(false);
    expect(JSON.stringify(below.error?.issues)).toContain("at least 120 hours");
    const noTopUps = equivalenceAssessmentForm.safeParse({ qualification_id: "1", assessed_by: "Jo", assessed_on: "2026-03-04", evidence_ref: "E1", tqt_hours: "200", outcome: "partly_met", top_ups: "  \n" });
    expect(JSON.stringify(noTopUps.error?.issues)).toContain("List the top-up units needed");
  });

  test("a second assessment of the same qualification is refused; removing it restores the status; another organisation cannot touch it", async () => {
    const added = await addEquivalence(riverside, { employeeRef: "R002", assessment: assessment({}) });
    if (!added.ok) throw new Error("not added");
    expect(await addEquivalence(riverside, { employeeRef: "R002", assessment: assessment({}) })).toMatchObject({ ok: false, failure: { kind: "conflict" } });
    expect(await addEquivalence(oakfield, { employeeRef: "R002", assessment: assessment({}) })).toMatchObject({ ok: false, failure: { kind: "not_found" } });
    expect(await removeEquivalence(oakfield, { employeeRef: "O001", assessmentId: added.value.id })).toMatchObject({ ok: false, failure: { kind: "not_found" } });
    expect((await removeEquivalence(riverside, { employeeRef: "R002", assessmentId: added.value.id })).ok).toBe(true);
    expect((await statusOf(riversideId, "R002")).status).toBe("not_enrolled");
    const audit = await t.db.selectFrom("audit_events").select("action").where("organisation_id", "=", riversideId).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["equivalence.create", "equivalence.delete"]));
  });
});
