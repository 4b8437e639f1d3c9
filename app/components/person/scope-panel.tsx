/** Scope: the person's category, who decided it, and the individual decision (override) forms. */
import { Form, Link } from "@remix-run/react";
import { formatDateLong } from "~/compliance/dates";
import { CATEGORIES } from "~/compliance/types";
import { CATEGORY_LABELS } from "~/components/labels";
import { Field, describedBy, stateFor } from "./form-parts";
import type { PanelProps } from "./types";

export function ScopePanel({ d, actionData, formKey, busy }: PanelProps) {
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
