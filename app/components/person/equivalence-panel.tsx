/**
 * Equivalence assessments: an older or other qualification assessed against the criteria. "Met" counts like a
 * recognised qualification; "partly met" lists the top-up units, each marked completed here.
 */
import { Form } from "@remix-run/react";
import { EQUIVALENCE_OUTCOME_LABELS, EQUIVALENCE_OUTCOMES, MINIMUM_TQT_HOURS } from "~/compliance/equivalence";
import type { EquivalenceView } from "~/models/person/equivalence.server";
import { Field, dateText, describedBy, stateFor } from "./form-parts";
import type { PanelProps } from "./types";

export function EquivalencePanel({ d, actionData, formKey, busy }: PanelProps) {
  const assessments = (d.panels.equivalence ?? []) as EquivalenceView[];
  const addState = stateFor(actionData, "add-equivalence");
  const e = addState?.errors ?? {};
  const v = addState?.values ?? {};
  if (assessments.length === 0 && !d.canRecords) return null;
  return (
    <section className="panel" aria-labelledby="equivalence-title" data-testid="equivalence-panel">
      <h2 id="equivalence-title">Equivalence assessments</h2>
      {assessments.length === 0 ? (
        <p>No equivalence assessment recorded. Record one when an older or other qualification is assessed against the criteria.</p>
      ) : (
        assessments.map((a) => (
          <div key={a.id} className="subpanel" data-assessment={a.id}>
            <h3>
              {a.qualificationTitle} (Level {a.level}): {EQUIVALENCE_OUTCOME_LABELS[a.outcome]}
            </h3>
            <p>
              Assessed by {a.assessedBy} on {dateText(a.assessedOn)}; evidence {a.evidenceRef}
              {a.tqtHours != null ? `; total qualification time ${a.tqtHours} hours` : ""}
              {a.note ? `. ${a.note}` : ""}
            </p>
            {a.topUps.length > 0 ? (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Top-up unit</th>
                      <th scope="col">Completed</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.topUps.map((t) => {
                      const s = stateFor(actionData, "complete-top-up", t.id);
                      return (
                        <tr key={t.id}>
                          <td>{t.unit}</td>
                          <td>
                            {t.completedOn ? (
                              dateText(t.completedOn)
                            ) : d.canRecords ? (
                              <Form method="post" key={`top-up-${t.id}-${formKey}`} className="form-row" noValidate>
                                <input type="hidden" name="intent" value="complete-top-up" />
                                <input type="hidden" name="top_up_id" value={t.id} />
                                <Field id={`top-up-${t.id}-on`} label={`Completed on (${t.unit})`} error={s?.errors.completed_on}>
                                  <input id={`top-up-${t.id}-on`} name="completed_on" type="date" defaultValue={s?.values.completed_on ?? ""} {...describedBy(`top-up-${t.id}-on`, s?.errors.completed_on)} />
                                </Field>
                                <button type="submit" className="secondary" disabled={busy}>
                                  Mark completed
                                </button>
                              </Form>
                            ) : (
                              "Outstanding"
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            ) : null}
            {d.canRecords ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="remove-equivalence" />
                <input type="hidden" name="assessment_id" value={a.id} />
                <button type="submit" className="secondary" disabled={busy}>
                  Remove this assessment
                </button>
              </Form>
            ) : null}
          </div>
        ))
      )}
      {d.canRecords ? (
        <details className="subforms" open={Boolean(addState)}>
          <summary>Record an equivalence assessment</summary>
          <Form method="post" key={`equivalence-${formKey}`} className="subform" noValidate>
            <input type="hidden" name="intent" value="add-equivalence" />
            {e.form ? (
              <p className="field-error" role="alert">
                {e.form}
              </p>
            ) : null}
            <div className="form-grid">
              <Field id="eq-qualification" label="Qualification assessed" error={e.qualification_id} hint="Add an older qualification to the catalogue first if it is not listed">
                <select id="eq-qualification" name="qualification_id" defaultValue={v.qualification_id ?? ""} {...describedBy("eq-qualification", e.qualification_id)}>
                  <option value="">Choose the qualification</option>
                  {d.catalogue.map((q) => (
                    <option key={q.id} value={q.id}>
                      {q.title} (Level {q.level})
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="eq-by" label="Assessed by" error={e.assessed_by}>
                <input id="eq-by" name="assessed_by" type="text" defaultValue={v.assessed_by ?? ""} {...describedBy("eq-by", e.assessed_by)} />
              </Field>
              <Field id="eq-on" label="Assessed on" error={e.assessed_on}>
                <input id="eq-on" name="assessed_on" type="date" defaultValue={v.assessed_on ?? ""} {...describedBy("eq-on", e.assessed_on)} />
              </Field>
              <Field id="eq-evidence" label="Evidence reference" error={e.evidence_ref}>
                <input id="eq-evidence" name="evidence_ref" type="text" defaultValue={v.evidence_ref ?? ""} {...describedBy("eq-evidence", e.evidence_ref)} />
              </Field>
              <Field id="eq-tqt" label="Total qualification time (hours)" error={e.tqt_hours} hint={`The policy expects at least ${MINIMUM_TQT_HOURS}`}>
                <input id="eq-tqt" name="tqt_hours" type="text" inputMode="numeric" defaultValue={v.tqt_hours ?? ""} {...describedBy("eq-tqt", e.tqt_hours)} />
              </Field>
              <Field id="eq-outcome" label="Content criteria" error={e.outcome}>
                <select id="eq-outcome" name="outcome" defaultValue={v.outcome ?? ""} {...describedBy("eq-outcome", e.outcome)}>
                  <option value="">Choose the outcome</option>
                  {EQUIVALENCE_OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {EQUIVALENCE_OUTCOME_LABELS[o]}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="eq-top-ups" label="Top-up units (partly met: one per line)" error={e.top_ups}>
                <textarea id="eq-top-ups" name="top_ups" rows={3} defaultValue={v.top_ups ?? ""} {...describedBy("eq-top-ups", e.top_ups)} />
              </Field>
              <Field id="eq-note" label="Note (optional)" error={e.note}>
                <input id="eq-note" name="note" type="text" defaultValue={v.note ?? ""} {...describedBy("eq-note", e.note)} />
              </Field>
            </div>
            <button type="submit" disabled={busy}>
              Record assessment
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
