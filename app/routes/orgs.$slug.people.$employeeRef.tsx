import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireOrgPermission } from "~/utils/access.server";
import { can, type Permission } from "~/utils/permissions";
import { getDb } from "~/utils/db.server";
import { asOfFrom, todayIso } from "~/models/compliance.server";
import {
  NotFoundError,
  addAbsence,
  addQualificationRecord,
  addUnitResult,
  clearPersonOverride,
  endAbsence,
  findStaffByRef,
  getAbsenceOfStaff,
  getRecordOfStaff,
  loadPersonDetail,
  organisationCatalogue,
  setPersonOverride,
  updateQualificationRecord,
  type CatalogueEntry,
  type RecordInput,
} from "~/models/person.server";
import { formatDateLong, isIsoDate } from "~/compliance/dates";
import {
  ABSENCE_KINDS,
  RECORD_FORM_FIELDS,
  UNIT_RESULTS,
  absenceForm,
  achievementForm,
  checkAchievement,
  checkEndAbsence,
  checkPathway,
  clearPersonOverrideForm,
  endAbsenceForm,
  fieldErrorsOf,
  personOverrideForm,
  qualificationRecordForm,
  unitResultForm,
  type FieldErrors,
} from "~/compliance/record-rules";
import { CATEGORIES, RECORD_STATUSES } from "~/compliance/types";
import { normaliseUnitRef } from "~/compliance/rules-of-combination";
import { CATEGORY_LABELS, JudgementTag, RagBadge, STATUS_LABELS, StatutoryBadge } from "~/components/labels";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.person.name ?? "Person"} · Competence & Conduct` }];


const ABSENCE_KIND_LABELS: Record<(typeof ABSENCE_KINDS)[number], string> = {
  parental: "Maternity, adoption or shared parental leave",
  long_term_sickness: "Long-term sickness",
  other: "Other",
};
const RECORD_STATUS_LABELS: Record<(typeof RECORD_STATUSES)[number], string> = {
  enrolled: "Enrolled",
  in_progress: "In progress",
  referred: "Referred",
  achieved: "Achieved",
  withdrawn: "Withdrawn",
  failed: "Failed",
};
const UNIT_RESULT_LABELS: Record<(typeof UNIT_RESULTS)[number], string> = { pass: "Pass", refer: "Refer", fail: "Fail", exempt: "Exempt" };

function when(at: string): string {
  const date = at.slice(0, 10);
  if (!isIsoDate(date)) return at;
  const time = at.length >= 16 ? ` ${at.slice(11, 16)} UTC` : "";
  return `${formatDateLong(date)}${time}`;
}

async function personOr404(organisationId: number, employeeRef: string | undefined) {
  const staff = employeeRef ? await findStaffByRef(getDb(), organisationId, employeeRef) : undefined;
  if (!staff) throw new Response("Not found", { status: 404 });
  return staff;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation } = await requireOrgPermission(request, params.slug, "org.read");
  const staff = await personOr404(organisation.id, params.employeeRef);
  const url = new URL(request.url);
  const asOf = asOfFrom(url.searchParams.get("asOf"));
  const detail = await loadPersonDetail(getDb(), organisation.id, staff, asOf);
  const s = detail.staff;
  const manager = s.manager_ref ? await findStaffByRef(getDb(), organisation.id, s.manager_ref) : undefined;
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    asOf,
    isToday: asOf === todayIso(),
    today: todayIso(),
    canDecide: can(user.role, "org.decide"),
    canRecords: can(user.role, "org.records"),
    person: {
      employeeRef: s.employee_ref,
      name: [s.first_name, s.last_name].filter(Boolean).join(" ") || s.employee_ref,
      email: s.email,
      jobTitle: s.job_title,
      department: s.department,
      location: s.location,
      employer: s.employer,
      managerRef: s.manager_ref,
      /** The line manager's name when they are a person on record here (then the page links to them). */
      managerName: manager ? [manager.first_name, manager.last_name].filter(Boolean).join(" ") || manager.employee_ref : null,
      startDate: s.start_date,
      roleStartDate: s.role_start_date,
      endDate: s.end_date,
      onProbation: s.on_probation === 1,
    },
    compliance: detail.compliance,
    scope: detail.scope,
    records: detail.records,
    absences: detail.absences.map((a) => ({ id: a.id, kind: a.kind, from: a.from_date, to: a.to_date, note: a.note })),
    absencesPauseClocks: detail.absencesPauseClocks,
    history: detail.history.map((h) => ({ ...h, when: when(h.at) })),
    catalogue: detail.catalogue,
  };
}

// ---------------------------------------------------------------------------------------------
// Validation: the shared record rules (app/compliance/record-rules.ts), which the importers use too.

const INTENTS = {
  "set-override": { permission: "org.decide", fields: ["category", "rationale"] },
  "clear-override": { permission: "org.decide", fields: ["reason"] },
  "add-record": { permission: "org.records", fields: [] },
  "edit-record": { permission: "org.records", fields: ["record_id"] },
  "mark-achieved": { permission: "org.records", fields: ["record_id", "achieved_on", "certificate_ref", "evidence_verified_by", "evidence_verified_on"] },
  "add-unit-result": { permission: "org.records", fields: ["record_id", "unit_ref", "result", "achieved_on"] },
  "add-absence": { permission: "org.records", fields: ["kind", "from_date", "to_date", "note"] },
  "end-absence": { permission: "org.records", fields: ["absence_id", "to_date"] },
} as const satisfies Record<string, { permission: Permission; fields: readonly string[] }>;
type Intent = keyof typeof INTENTS;

const RECORD_FIELDS = RECORD_FORM_FIELDS;

type Errors = FieldErrors;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organisation } = await requireOrgPermission(request, params.slug, "org.read");
  const form = await request.formData();
  const intentValue = String(form.get("intent") ?? "");
  if (!(intentValue in INTENTS)) throw new Response("Unknown action", { status: 400 });
  const intent = intentValue as Intent;
  if (!can(user.role, INTENTS[intent].permission)) throw new Response("Forbidden", { status: 403 });
  const staff = await personOr404(organisation.id, params.employeeRef);
  const db = getDb();
  const actor = { userId: user.id, name: user.email };

  const fields: readonly string[] = intent === "add-record" || intent === "edit-record" ? [...INTENTS[intent].fields, ...RECORD_FIELDS] : INTENTS[intent].fields;
  const values: Record<string, string> = {};
  for (const f of fields) values[f] = String(form.get(f) ?? "");
  const targetId = values.record_id || values.absence_id || null;
  const fail = (errors: Errors) => data({ ok: false as const, intent, targetId, errors, values }, { status: 400 });
  const done = (message: string) => ({ ok: true as const, intent, targetId, message, savedAt: Date.now() });

  try {
    switch (intent) {
      case "set-override": {
        const parsed = personOverrideForm.safeParse(values);
        if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
        await setPersonOverride(db, actor, organisation.id, staff, { category: parsed.data.category as RecordCategory, rationale: parsed.data.rationale }, todayIso());
        return done(`Individual decision saved: ${CATEGORY_LABELS[parsed.data.category as RecordCategory]}.`);
      }
      case "clear-override": {
        const parsed = clearPersonOverrideForm.safeParse(values);
        if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
        const cleared = await clearPersonOverride(db, actor, organisation.id, staff, parsed.data.reason);
        if (!cleared) return fail({ reason: "There is no individual decision to clear" });
        return done("Individual decision cleared: the job-title decision applies.");
      }
      case "add-record":
      case "edit-record": {
        const parsed = qualificationRecordForm({ today: todayIso() }).safeParse(values);
        if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
        const input = parsed.data as RecordInput;
        const { entries } = await organisationCatalogue(db, organisation.id);
        const qualification = entries.find((q) => q.id === input.qualification_id);
        if (!qualification) return fail({ qualification_id: "Choose a qualification from the catalogue" });
        const pathway = checkPathway(qualification, input.pathway);
        if ("error" in pathway) return fail({ pathway: pathway.error });
        input.pathway = pathway.pathway;
        if (intent === "add-record") {
          await addQualificationRecord(db, actor, organisation.id, staff, input, qualification.title);
          return done(`Record added: ${qualification.title}.`);
        }
        const recordId = Number(values.record_id);
        if (!(await getRecordOfStaff(db, organisation.id, staff.id, recordId))) throw new Response("Not found", { status: 404 });
        await updateQualificationRecord(db, actor, organisation.id, staff, recordId, input, () => `Updated the ${qualification.title} record of ${staff.employee_ref}`);
        return done(`Record updated: ${qualification.title}.`);
      }
      case "mark-achieved": {
        const parsed = achievementForm({ today: todayIso() }).safeParse(values);
        if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
        const { record_id, ...achieved } = parsed.data;
        const record = await getRecordOfStaff(db, organisation.id, staff.id, record_id);
        if (!record) throw new Response("Not found", { status: 404 });
        const achievementErrors = checkAchievement(achieved, { today: todayIso(), enrolledOn: record.enrolled_on });
        if (Object.keys(achievementErrors).length > 0) return fail(achievementErrors);
        await updateQualificationRecord(
          db,
          actor,
          organisation.id,
          staff,
          record_id,
          { status: "achieved", ...achieved },
          (before) => `Marked record ${before.id} of ${staff.employee_ref} achieved on ${achieved.achieved_on} (certificate ${achieved.certificate_ref}; evidence verified by ${achieved.evidence_verified_by})`,
          "qualification_record.achieve",
        );
        return done("Marked as achieved.");
      }
      case "add-unit-result": {
        const parsed = unitResultForm({ today: todayIso() }).safeParse(values);
        if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
        const record = await getRecordOfStaff(db, organisation.id, staff.id, parsed.data.record_id);
        if (!record) throw new Response("Not found", { status: 404 });
        const { entries } = await organisationCatalogue(db, organisation.id);
        const qualification = entries.find((q) => q.id === record.qualification_id);
        const unit = qualification?.units.find((u) => normaliseUnitRef(u.unitRef) === normaliseUnitRef(parsed.data.unit_ref));
        if (!unit) return fail({ unit_ref: "Choose a unit of this qualification" });
        await addUnitResult(db, actor, organisation.id, staff, record.id, { unit_ref: unit.unitRef, result: parsed.data.result, achieved_on: parsed.data.achieved_on }, unit.title);
        return done(`Unit ${unit.unitRef}: ${UNIT_RESULT_LABELS[parsed.data.result].toLowerCase()} recorded.`);
      }
      case "add-absence": {
        const parsed = absenceForm.safeParse(values);
        if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
        await addAbsence(db, actor, organisation.id, staff, parsed.data);
        return done("Absence recorded.");
      }
      case "end-absence": {
        const parsed = endAbsenceForm.safeParse(values);
        if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
        const absence = await getAbsenceOfStaff(db, organisation.id, staff.id, parsed.data.absence_id);
        if (!absence) throw new Response("Not found", { status: 404 });
        const endErrors = checkEndAbsence(absence, parsed.data.to_date);
        if (Object.keys(endErrors).length > 0) return fail(endErrors);
        await endAbsence(db, actor, organisation.id, staff, absence.id, parsed.data.to_date);
        return done("Absence ended.");
      }
    }
  } catch (error) {
    if (error instanceof NotFoundError) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

type RecordCategory = (typeof CATEGORIES)[number];

// ---------------------------------------------------------------------------------------------
// Page

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionData = ReturnType<typeof useActionData<typeof action>>;
type FormState = { errors: Record<string, string>; values: Record<string, string> } | null;

function dateText(value: string | null | undefined): string {
  return value ? formatDateLong(value) : "–";
}

function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="muted hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children}
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error?: string): { "aria-invalid"?: true; "aria-describedby"?: string } {
  return error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
}

function stateFor(actionData: ActionData, intent: Intent, targetId?: number | string | null): FormState {
  if (!actionData || actionData.ok) return null;
  if (actionData.intent !== intent) return null;
  if (targetId != null && String(actionData.targetId) !== String(targetId)) return null;
  return { errors: actionData.errors, values: actionData.values };
}

function Notice({ actionData }: { actionData: ActionData }) {
  if (!actionData) return null;
  if (actionData.ok) {
    return (
      <p className="notice success" role="status">
        {actionData.message}
      </p>
    );
  }
  return (
    <p className="notice error" role="alert">
      Nothing was saved: please correct the {Object.keys(actionData.errors).length === 1 ? "field" : "fields"} marked below.
    </p>
  );
}

function RecordFields({ prefix, catalogue, requiredLevel, state, initial, today }: {
  prefix: string;
  catalogue: CatalogueEntry[];
  requiredLevel: number | null;
  state: FormState;
  initial: Partial<Record<(typeof RECORD_FIELDS)[number], string | null>>;
  today: string;
}) {
  const e = state?.errors ?? {};
  const v = (name: (typeof RECORD_FIELDS)[number]) => state?.values[name] ?? initial[name] ?? "";
  const fid = (name: string) => `${prefix}-${name}`;
  const withPathways = catalogue.filter((q) => q.pathways.length > 0);
  return (
    <>
      <div className="form-grid">
        <Field id={fid("qualification_id")} label="Qualification" error={e.qualification_id}>
          <select id={fid("qualification_id")} name="qualification_id" defaultValue={v("qualification_id")} {...describedBy(fid("qualification_id"), e.qualification_id)}>
            <option value="">Choose a qualification</option>
            {catalogue.map((q) => (
              <option key={q.id} value={String(q.id)}>
                {`${q.title} (Level ${q.level}${!q.recognised ? ", not recognised" : requiredLevel && q.level < requiredLevel ? `, below Level ${requiredLevel}` : ""})`}
              </option>
            ))}
          </select>
        </Field>
        <Field id={fid("status")} label="Record status" error={e.status}>
          <select id={fid("status")} name="status" defaultValue={v("status") || "enrolled"} {...describedBy(fid("status"), e.status)}>
            {RECORD_STATUSES.map((s) => (
              <option key={s} value={s}>
                {RECORD_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={fid("provider")} label="Training provider (optional)" error={e.provider}>
          <input id={fid("provider")} name="provider" type="text" defaultValue={v("provider")} {...describedBy(fid("provider"), e.provider)} />
        </Field>
        {withPathways.length > 0 ? (
          <Field id={fid("pathway")} label="Pathway (optional)" error={e.pathway}>
            <select id={fid("pathway")} name="pathway" defaultValue={v("pathway")} {...describedBy(fid("pathway"), e.pathway)}>
              <option value="">No pathway</option>
              {withPathways.map((q) => (
                <optgroup key={q.id} label={q.title}>
                  {q.pathways.map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
        ) : null}
        <Field id={fid("enrolled_on")} label="Enrolled on" error={e.enrolled_on}>
          <input id={fid("enrolled_on")} name="enrolled_on" type="date" defaultValue={v("enrolled_on")} {...describedBy(fid("enrolled_on"), e.enrolled_on)} />
        </Field>
        <Field id={fid("started_on")} label="Started on (optional)" error={e.started_on}>
          <input id={fid("started_on")} name="started_on" type="date" defaultValue={v("started_on")} {...describedBy(fid("started_on"), e.started_on)} />
        </Field>
        <Field id={fid("expected_completion")} label="Expected completion" error={e.expected_completion}>
          <input id={fid("expected_completion")} name="expected_completion" type="date" defaultValue={v("expected_completion")} {...describedBy(fid("expected_completion"), e.expected_completion)} />
        </Field>
      </div>
      <details className="achieved-fields" open={Boolean(v("achieved_on") || v("certificate_ref") || e.achieved_on || e.certificate_ref || e.evidence_verified_by || e.evidence_verified_on)}>
        <summary>Achievement and evidence (for an achieved record)</summary>
        <div className="form-grid">
          <Field id={fid("achieved_on")} label="Achieved on" error={e.achieved_on}>
            <input id={fid("achieved_on")} name="achieved_on" type="date" max={today} defaultValue={v("achieved_on")} {...describedBy(fid("achieved_on"), e.achieved_on)} />
          </Field>
          <Field id={fid("certificate_ref")} label="Certificate reference" error={e.certificate_ref}>
            <input id={fid("certificate_ref")} name="certificate_ref" type="text" defaultValue={v("certificate_ref")} {...describedBy(fid("certificate_ref"), e.certificate_ref)} />
          </Field>
          <Field id={fid("evidence_verified_by")} label="Evidence verified by" error={e.evidence_verified_by}>
            <input id={fid("evidence_verified_by")} name="evidence_verified_by" type="text" defaultValue={v("evidence_verified_by")} {...describedBy(fid("evidence_verified_by"), e.evidence_verified_by)} />
          </Field>
          <Field id={fid("evidence_verified_on")} label="Evidence verified on" error={e.evidence_verified_on}>
            <input id={fid("evidence_verified_on")} name="evidence_verified_on" type="date" max={today} defaultValue={v("evidence_verified_on")} {...describedBy(fid("evidence_verified_on"), e.evidence_verified_on)} />
          </Field>
        </div>
      </details>
    </>
  );
}

function ScopePanel({ d, actionData, formKey, busy }: { d: LoaderData; actionData: ActionData; formKey: number; busy: boolean }) {
  const { scope } = d;
  const setState = stateFor(actionData, "set-override");
  const clearState = stateFor(actionData, "clear-override");
  return (
    <section className="panel" aria-labelledby="scope-title">
      <h2 id="scope-title">Scope</h2>
      <dl className="facts">
        <dt>Category</dt>
        <dd data-testid="category">
          {CATEGORY_LABELS[scope.category]}
          {d.compliance.requiredLevel ? ` (Level ${d.compliance.requiredLevel} required)` : ""}
        </dd>
        <dt>Decided by</dt>
        <dd data-testid="scope-source">
          {scope.source === "override" && scope.override ? (
            <>
              Individual decision for this person: {scope.override.rationale}
              <div className="muted">
                {[scope.override.decidedBy, scope.override.decidedOn ? formatDateLong(scope.override.decidedOn) : null].filter(Boolean).join(", ")}
                {scope.decision ? ` · the job title "${d.person.jobTitle}" is mapped to ${CATEGORY_LABELS[scope.decision.category]}` : ""}
              </div>
            </>
          ) : scope.source === "job_title" && scope.decision ? (
            <>
              Job-title decision for "{scope.decision.jobTitle}"{scope.decision.rationale ? `: ${scope.decision.rationale}` : ""}
              <div className="muted">
                {[
                  scope.decision.timeManagingPct != null ? `${scope.decision.timeManagingPct}% of time managing housing services` : null,
                  scope.decision.decidedBy,
                  scope.decision.decidedOn ? `decided ${formatDateLong(scope.decision.decidedOn)}` : null,
                  scope.decision.reviewDate ? `review ${formatDateLong(scope.decision.reviewDate)}` : null,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </div>
            </>
          ) : (
            <>
              Unmapped: no decision for the job title "{d.person.jobTitle}".{" "}
              <Link to={`/orgs/${d.organisation.slug}/roles`}>Map the job title</Link> or record an individual decision.
            </>
          )}
        </dd>
      </dl>
      {d.canDecide ? (
        <div className="subforms">
          <details open={Boolean(setState)}>
            <summary>{scope.override ? "Change the individual decision" : "Record an individual decision (override the job title)"}</summary>
            <Form method="post" key={`set-${formKey}`} className="subform" noValidate>
              <input type="hidden" name="intent" value="set-override" />
              <Field id="override-category" label="Category for this person" error={setState?.errors.category}>
                <select id="override-category" name="category" defaultValue={setState?.values.category ?? scope.override?.category ?? ""} {...describedBy("override-category", setState?.errors.category)}>
                  <option value="">Choose a category</option>
                  {CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {CATEGORY_LABELS[c]}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="override-rationale" label="Why this person differs from their job title" error={setState?.errors.rationale}>
                <textarea id="override-rationale" name="rationale" defaultValue={setState?.values.rationale ?? ""} {...describedBy("override-rationale", setState?.errors.rationale)} />
              </Field>
              <button type="submit" disabled={busy}>
                Save individual decision
              </button>
            </Form>
          </details>
          {scope.override ? (
            <details open={Boolean(clearState)}>
              <summary>Clear the individual decision</summary>
              <Form method="post" key={`clear-${formKey}`} className="subform" noValidate>
                <input type="hidden" name="intent" value="clear-override" />
                <Field id="clear-reason" label="Reason for clearing it" error={clearState?.errors.reason}>
                  <textarea id="clear-reason" name="reason" defaultValue={clearState?.values.reason ?? ""} {...describedBy("clear-reason", clearState?.errors.reason)} />
                </Field>
                <button type="submit" className="danger" disabled={busy}>
                  Clear individual decision
                </button>
              </Form>
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function StatusPanel({ d }: { d: LoaderData }) {
  const c = d.compliance;
  return (
    <section className="panel" aria-labelledby="status-title">
      <h2 id="status-title">
        Status on {formatDateLong(d.asOf)}
        {d.isToday ? " (today)" : ""}
      </h2>
      <p className="status-line" data-testid="statutory">
        <JudgementTag kind="legal" /> <StatutoryBadge position={c.statutory} />{" "}
        <span>{c.statutoryReason ?? "No legal test applies: this person needs no qualification on this date (or their job title is undecided)."}</span>
      </p>
      <p className="status-line">
        <JudgementTag kind="target" /> <RagBadge rag={c.rag} /> <strong data-testid="status">{STATUS_LABELS[c.status]}</strong>{" "}
        <span className="muted">· against our targets: {c.ragReason}</span>
      </p>
      {c.requiredLevel ? (
        <dl className="facts dates" data-testid="personal-dates">
          <dt>Enrol by</dt>
          <dd>{dateText(c.enrolBy)}</dd>
          <dt>Qualify by</dt>
          <dd>{dateText(c.qualifyBy)}</dd>
          <dt>Latest start</dt>
          <dd>{dateText(c.latestStart)}</dd>
          <dt>Paused days</dt>
          <dd>
            {c.pausedDays}
            {!d.absencesPauseClocks ? <span className="muted"> (absences do not pause clocks in this organisation)</span> : null}
          </dd>
        </dl>
      ) : null}
      <h3>Reasons</h3>
      <ul className="reasons" data-testid="reasons">
        {c.reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
    </section>
  );
}

function RecordsPanel({ d, actionData, formKey, busy }: { d: LoaderData; actionData: ActionData; formKey: number; busy: boolean }) {
  const addState = stateFor(actionData, "add-record");
  return (
    <section className="panel" aria-labelledby="records-title">
      <h2 id="records-title">Qualification records</h2>
      {d.records.length === 0 ? <p>No qualification records.</p> : null}
      {d.records.map((r) => (
        <RecordCard key={r.id} d={d} record={r} actionData={actionData} formKey={formKey} busy={busy} />
      ))}
      {d.canRecords ? (
        <details className="subforms" open={Boolean(addState)}>
          <summary>Add a qualification record</summary>
          <Form method="post" key={`add-record-${formKey}`} className="subform" noValidate aria-label="Add a qualification record">
            <input type="hidden" name="intent" value="add-record" />
            <RecordFields prefix="new" catalogue={d.catalogue} requiredLevel={d.compliance.requiredLevel} state={addState} initial={{}} today={d.today} />
            <button type="submit" disabled={busy}>
              Add record
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

function RecordCard({ d, record: r, actionData, formKey, busy }: { d: LoaderData; record: LoaderData["records"][number]; actionData: ActionData; formKey: number; busy: boolean }) {
  const editState = stateFor(actionData, "edit-record", r.id);
  const achieveState = stateFor(actionData, "mark-achieved", r.id);
  const unitState = stateFor(actionData, "add-unit-result", r.id);
  const entry = d.catalogue.find((q) => q.id === r.qualificationId);
  const open = r.status === "enrolled" || r.status === "in_progress" || r.status === "referred";
  const p = r.progress;
  return (
    <article className="record-card" data-record-id={r.id} aria-labelledby={`record-${r.id}-title`}>
      <h3 id={`record-${r.id}-title`}>
        {r.qualificationTitle} <span className="muted">(Level {r.qualificationLevel})</span> · {RECORD_STATUS_LABELS[r.status]}
        {r.deciding ? <span className="tag">decides the status</span> : null}
      </h3>
      <dl className="facts compact">
        <dt>Provider</dt>
        <dd>{r.provider ?? "–"}</dd>
        <dt>Enrolled</dt>
        <dd>{dateText(r.enrolledOn)}</dd>
        <dt>Started</dt>
        <dd>{dateText(r.startedOn)}</dd>
        <dt>Expected completion</dt>
        <dd>{dateText(r.expectedCompletion)}</dd>
        {r.pathway ? (
          <>
            <dt>Pathway</dt>
            <dd>{r.pathway}</dd>
          </>
        ) : null}
        {r.status === "achieved" ? (
          <>
            <dt>Achieved</dt>
            <dd>{dateText(r.achievedOn)}</dd>
            <dt>Certificate</dt>
            <dd>{r.certificateRef ?? "–"}</dd>
            <dt>Evidence verified</dt>
            <dd>{r.evidenceVerifiedBy ? `${r.evidenceVerifiedBy}${r.evidenceVerifiedOn ? `, ${formatDateLong(r.evidenceVerifiedOn)}` : ""}` : "Not recorded"}</dd>
          </>
        ) : null}
      </dl>
      {p ? (
        <div className="unit-progress">
          <h4>Units against the rules of combination{p.pathway ? ` (${p.pathway} pathway)` : ""}</h4>
          <p data-testid={`unit-summary-${r.id}`}>
            <strong>{p.summary}</strong>{" "}
            <span className="muted">
              ({p.creditsAchieved} of {p.creditsNeeded} credits)
            </span>
          </p>
          {!p.pathway && p.pathwaySuggestions.length > 0 ? (
            <ul className="muted">
              {p.pathwaySuggestions.map((s) => (
                <li key={s.name}>
                  {s.name} pathway: {s.summary}
                </li>
              ))}
            </ul>
          ) : null}
          {r.unitResults.length > 0 ? (
            <table className="compact-table">
              <caption className="visually-hidden">Unit results for {r.qualificationTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">Unit</th>
                  <th scope="col">Result</th>
                  <th scope="col">Date</th>
                </tr>
              </thead>
              <tbody>
                {r.unitResults.map((u) => (
                  <tr key={u.id}>
                    <td>
                      {u.unitRef} <span className="muted">{entry?.units.find((x) => normaliseUnitRef(x.unitRef) === normaliseUnitRef(u.unitRef))?.title ?? ""}</span>
                    </td>
                    <td>{UNIT_RESULT_LABELS[u.result]}</td>
                    <td>{dateText(u.achievedOn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">No unit results recorded.</p>
          )}
          {d.canRecords && entry && entry.units.length > 0 ? (
            <details open={Boolean(unitState)}>
              <summary>Record a unit result</summary>
              <Form method="post" key={`unit-${r.id}-${formKey}`} className="subform form-row" noValidate>
                <input type="hidden" name="intent" value="add-unit-result" />
                <input type="hidden" name="record_id" value={r.id} />
                <Field id={`unit-${r.id}-ref`} label="Unit" error={unitState?.errors.unit_ref}>
                  <select id={`unit-${r.id}-ref`} name="unit_ref" defaultValue={unitState?.values.unit_ref ?? ""} {...describedBy(`unit-${r.id}-ref`, unitState?.errors.unit_ref)}>
                    <option value="">Choose a unit</option>
                    {entry.units.map((u) => (
                      <option key={u.unitRef} value={u.unitRef}>
                        {`${u.unitRef} ${u.title}${u.credits != null ? ` (${u.credits} credits)` : ""}`}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field id={`unit-${r.id}-result`} label="Result" error={unitState?.errors.result}>
                  <select id={`unit-${r.id}-result`} name="result" defaultValue={unitState?.values.result ?? "pass"} {...describedBy(`unit-${r.id}-result`, unitState?.errors.result)}>
                    {UNIT_RESULTS.map((x) => (
                      <option key={x} value={x}>
                        {UNIT_RESULT_LABELS[x]}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field id={`unit-${r.id}-date`} label="Date (optional)" error={unitState?.errors.achieved_on}>
                  <input id={`unit-${r.id}-date`} name="achieved_on" type="date" max={d.today} defaultValue={unitState?.values.achieved_on ?? ""} {...describedBy(`unit-${r.id}-date`, unitState?.errors.achieved_on)} />
                </Field>
                <button type="submit" disabled={busy}>
                  Record unit result
                </button>
              </Form>
            </details>
          ) : null}
        </div>
      ) : null}
      {d.canRecords ? (
        <div className="subforms">
          {open ? (
            <details open={Boolean(achieveState)}>
              <summary>Mark achieved</summary>
              <Form method="post" key={`achieve-${r.id}-${formKey}`} className="subform" noValidate>
                <input type="hidden" name="intent" value="mark-achieved" />
                <input type="hidden" name="record_id" value={r.id} />
                <div className="form-grid">
                  <Field id={`achieve-${r.id}-on`} label="Achieved on" error={achieveState?.errors.achieved_on}>
                    <input id={`achieve-${r.id}-on`} name="achieved_on" type="date" max={d.today} defaultValue={achieveState?.values.achieved_on ?? ""} {...describedBy(`achieve-${r.id}-on`, achieveState?.errors.achieved_on)} />
                  </Field>
                  <Field id={`achieve-${r.id}-cert`} label="Certificate reference" error={achieveState?.errors.certificate_ref}>
                    <input id={`achieve-${r.id}-cert`} name="certificate_ref" type="text" defaultValue={achieveState?.values.certificate_ref ?? ""} {...describedBy(`achieve-${r.id}-cert`, achieveState?.errors.certificate_ref)} />
                  </Field>
                  <Field id={`achieve-${r.id}-by`} label="Evidence verified by" error={achieveState?.errors.evidence_verified_by}>
                    <input id={`achieve-${r.id}-by`} name="evidence_verified_by" type="text" defaultValue={achieveState?.values.evidence_verified_by ?? ""} {...describedBy(`achieve-${r.id}-by`, achieveState?.errors.evidence_verified_by)} />
                  </Field>
                  <Field id={`achieve-${r.id}-verified`} label="Evidence verified on" error={achieveState?.errors.evidence_verified_on}>
                    <input id={`achieve-${r.id}-verified`} name="evidence_verified_on" type="date" max={d.today} defaultValue={achieveState?.values.evidence_verified_on ?? d.today} {...describedBy(`achieve-${r.id}-verified`, achieveState?.errors.evidence_verified_on)} />
                  </Field>
                </div>
                <button type="submit" disabled={busy}>
                  Mark achieved
                </button>
              </Form>
            </details>
          ) : null}
          <details open={Boolean(editState)}>
            <summary>Edit this record</summary>
            <Form method="post" key={`edit-${r.id}-${formKey}`} className="subform" noValidate>
              <input type="hidden" name="intent" value="edit-record" />
              <input type="hidden" name="record_id" value={r.id} />
              <RecordFields
                prefix={`edit-${r.id}`}
                catalogue={d.catalogue}
                requiredLevel={d.compliance.requiredLevel}
                state={editState}
                today={d.today}
                initial={{
                  qualification_id: String(r.qualificationId),
                  provider: r.provider,
                  status: r.status,
                  enrolled_on: r.enrolledOn,
                  started_on: r.startedOn,
                  expected_completion: r.expectedCompletion,
                  achieved_on: r.achievedOn,
                  certificate_ref: r.certificateRef,
                  evidence_verified_by: r.evidenceVerifiedBy,
                  evidence_verified_on: r.evidenceVerifiedOn,
                  pathway: r.pathway,
                }}
              />
              <button type="submit" disabled={busy}>
                Save changes
              </button>
            </Form>
          </details>
        </div>
      ) : null}
    </article>
  );
}

function AbsencesPanel({ d, actionData, formKey, busy }: { d: LoaderData; actionData: ActionData; formKey: number; busy: boolean }) {
  const addState = stateFor(actionData, "add-absence");
  const e = addState?.errors ?? {};
  return (
    <section className="panel" aria-labelledby="absences-title">
      <h2 id="absences-title">Absences</h2>
      {d.absences.length === 0 ? (
        <p>No absences recorded.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Note</th>
                {d.canRecords ? <th scope="col">End</th> : null}
              </tr>
            </thead>
            <tbody>
              {d.absences.map((a) => {
                const endState = stateFor(actionData, "end-absence", a.id);
                return (
                  <tr key={a.id}>
                    <td>{ABSENCE_KIND_LABELS[a.kind]}</td>
                    <td>{dateText(a.from)}</td>
                    <td>{a.to ? dateText(a.to) : "Still absent"}</td>
                    <td>{a.note ?? ""}</td>
                    {d.canRecords ? (
                      <td>
                        {!a.to ? (
                          <Form method="post" key={`end-${a.id}-${formKey}`} className="form-row" noValidate>
                            <input type="hidden" name="intent" value="end-absence" />
                            <input type="hidden" name="absence_id" value={a.id} />
                            <Field id={`end-${a.id}-to`} label="Last day of absence" error={endState?.errors.to_date}>
                              <input id={`end-${a.id}-to`} name="to_date" type="date" defaultValue={endState?.values.to_date ?? ""} {...describedBy(`end-${a.id}-to`, endState?.errors.to_date)} />
                            </Field>
                            <button type="submit" className="secondary" disabled={busy}>
                              End absence
                            </button>
                          </Form>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {!d.absencesPauseClocks ? <p className="muted">This organisation's settings do not pause the clocks for absence; absences are recorded for the evidence only.</p> : null}
      {d.canRecords ? (
        <details className="subforms" open={Boolean(addState)}>
          <summary>Record an absence</summary>
          <Form method="post" key={`absence-${formKey}`} className="subform" noValidate>
            <input type="hidden" name="intent" value="add-absence" />
            <div className="form-grid">
              <Field id="absence-kind" label="Kind" error={e.kind}>
                <select id="absence-kind" name="kind" defaultValue={addState?.values.kind ?? ""} {...describedBy("absence-kind", e.kind)}>
                  <option value="">Choose the kind</option>
                  {ABSENCE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {ABSENCE_KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="absence-from" label="First day" error={e.from_date}>
                <input id="absence-from" name="from_date" type="date" defaultValue={addState?.values.from_date ?? ""} {...describedBy("absence-from", e.from_date)} />
              </Field>
              <Field id="absence-to" label="Last day (blank if still absent)" error={e.to_date}>
                <input id="absence-to" name="to_date" type="date" defaultValue={addState?.values.to_date ?? ""} {...describedBy("absence-to", e.to_date)} />
              </Field>
              <Field id="absence-note" label="Note (optional)" error={e.note}>
                <input id="absence-note" name="note" type="text" defaultValue={addState?.values.note ?? ""} {...describedBy("absence-note", e.note)} />
              </Field>
            </div>
            <button type="submit" disabled={busy}>
              Record absence
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

function HistoryPanel({ d }: { d: LoaderData }) {
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">Change history</h2>
      {d.history.length === 0 ? (
        <p>No recorded changes.</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="history">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {d.history.map((h, i) => (
                <tr key={i}>
                  <td className="nowrap">{h.when}</td>
                  <td>{h.who}</td>
                  <td>
                    {h.source === "import" ? <span className="tag">import</span> : null} {h.summary}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default function PersonPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  // A successful save remounts the forms (empty again); after a failure they keep what was typed.
  const formKey = actionData?.ok ? actionData.savedAt : 0;
  const p = d.person;
  const peopleHref = `/orgs/${d.organisation.slug}/people${d.isToday ? "" : `?asOf=${d.asOf}`}`;
  const left = p.endDate != null && p.endDate <= d.asOf;
  return (
    <div className="person-page">
      <p className="no-print breadcrumb">
        <Link to={peopleHref}>← People</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{p.name}</h1>
          <p>
            {p.employeeRef} · {p.jobTitle}
            {p.department ? ` · ${p.department}` : ""}
            {p.employer ? ` · employed by ${p.employer}` : ""}
          </p>
        </div>
        <Form method="get" className="form-row no-print" aria-label="Choose the as-of date">
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor="person-asOf">As of date</label>
            <input id="person-asOf" name="asOf" type="date" defaultValue={d.asOf} />
          </div>
          <button type="submit">Recalculate</button>
        </Form>
      </div>
      {left ? (
        <p className="notice info">
          Left on {formatDateLong(p.endDate!)}. Leavers are kept with their history and are not counted in the measures.
        </p>
      ) : null}
      <Notice actionData={actionData} />
      <div className="grid-2">
        <StatusPanel d={d} />
        <section className="panel" aria-labelledby="details-title">
          <h2 id="details-title">Employment</h2>
          <dl className="facts">
            <dt>Employment start</dt>
            <dd>{dateText(p.startDate)}</dd>
            <dt>Current role since</dt>
            <dd>{dateText(p.roleStartDate ?? p.startDate)}</dd>
            <dt>Leaving date</dt>
            <dd>{dateText(p.endDate)}</dd>
            <dt>On probation</dt>
            <dd>{p.onProbation ? "Yes" : "No"}</dd>
            <dt>Location</dt>
            <dd>{p.location ?? "–"}</dd>
            <dt>Line manager</dt>
            <dd data-testid="line-manager">
              {p.managerRef && p.managerName ? (
                <Link to={`/orgs/${d.organisation.slug}/people/${encodeURIComponent(p.managerRef)}`}>
                  {p.managerName} ({p.managerRef})
                </Link>
              ) : p.managerRef ? (
                <>
                  {p.managerRef} <span className="muted">(not on record here)</span>
                </>
              ) : (
                "–"
              )}
            </dd>
            <dt>Email</dt>
            <dd>{p.email ?? "–"}</dd>
          </dl>
        </section>
      </div>
      <ScopePanel d={d} actionData={actionData} formKey={formKey} busy={busy} />
      <RecordsPanel d={d} actionData={actionData} formKey={formKey} busy={busy} />
      <AbsencesPanel d={d} actionData={actionData} formKey={formKey} busy={busy} />
      <HistoryPanel d={d} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
