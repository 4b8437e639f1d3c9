/** Qualification records: one card per record (units, mark achieved, edit) and the form to add one. */
import { pluralNoun } from "~/utils/plural";
import { Form } from "@remix-run/react";
import { formatDateLong } from "~/compliance/dates";
import { RECORD_FORM_FIELDS, UNIT_RESULTS } from "~/compliance/record-rules";
import { RECORD_STATUSES } from "~/compliance/types";
import { normaliseUnitRef } from "~/compliance/rules-of-combination";
import type { CatalogueEntry } from "~/models/person/detail.server";
import { RECORD_STATUS_LABELS, UNIT_RESULT_LABELS } from "~/models/person/labels";
import { Field, dateText, describedBy, stateFor, type FormState } from "./form-parts";
import type { PanelProps, PersonPageData } from "./types";

const RECORD_FIELDS = RECORD_FORM_FIELDS;

export function RecordFields({ prefix, catalogue, requiredLevel, state, initial, today }: {
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

export function RecordsPanel({ d, actionData, formKey, busy }: PanelProps) {
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

function RecordCard({ d, record: r, actionData, formKey, busy }: { d: PersonPageData; record: PersonPageData["records"][number]; actionData: PanelProps["actionData"]; formKey: number; busy: boolean }) {
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
              ({p.creditsAchieved} of {p.creditsNeeded} {pluralNoun(p.creditsNeeded ?? 0, "credit")})
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
                        {`${u.unitRef} ${u.title}${u.credits != null ? ` (${u.credits} ${pluralNoun(u.credits ?? 0, "credit")})` : ""}`}
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
