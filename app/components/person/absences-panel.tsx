/** Absences: the list (with ending an open one) and the form to record one. */
import { Form } from "@remix-run/react";
import { ABSENCE_KINDS } from "~/compliance/record-rules";
import { ABSENCE_KIND_LABELS } from "~/models/person/labels";
import { Field, dateText, describedBy, stateFor } from "./form-parts";
import type { PanelProps } from "./types";

export function AbsencesPanel({ d, actionData, formKey, busy }: PanelProps) {
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
