/**
 * Small pieces the conduct pages share: a labelled field with its error, the action's notice, a panel holding one
 * form (its `intent`), a one-button form, a table with its column heads, and a person's row heading.
 */
import type { CSSProperties, ReactNode } from "react";
import { Form, Link } from "@remix-run/react";
import type { FieldErrors } from "~/models/result";

export interface ActionNotice {
  ok: boolean;
  intent: string;
  message: string;
  errors: FieldErrors;
  /** What the form posted, echoed back with a refusal. */
  values?: Record<string, string>;
}

export function Notice({ result, intent }: { result: ActionNotice | undefined; intent?: string }) {
  if (!result || (intent !== undefined && result.intent !== intent)) return null;
  return (
    <p className={`notice ${result.ok ? "success" : "error"}`} role={result.ok ? "status" : "alert"}>
      {result.message}
    </p>
  );
}

/** Errors of this form only (the page may hold several). */
export function errorsFor(result: ActionNotice | undefined, intent: string): FieldErrors {
  return result && !result.ok && result.intent === intent ? result.errors : {};
}

/** What was typed into this form, after a refusal (so the form keeps it); empty otherwise. */
export function typedFor(result: ActionNotice | undefined, intent: string): Record<string, string> {
  return result && !result.ok && result.intent === intent ? result.values ?? {} : {};
}

export function Field({
  id,
  name,
  label,
  errors,
  type = "text",
  required,
  defaultValue,
  children,
  hint,
}: {
  id: string;
  name: string;
  label: string;
  errors: FieldErrors;
  type?: string;
  required?: boolean;
  defaultValue?: string;
  children?: ReactNode;
  hint?: string;
}) {
  const error = errors[name];
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="muted" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children ?? <input id={id} name={name} type={type} required={required} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={described} />}
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function StateTag({ state, children }: { state: string; children: ReactNode }) {
  return <span className={`conduct-state conduct-${state.replace(/_/g, "-")}`}>{children}</span>;
}

/** A labelled select of `options` with its error. */
export function SelectField({
  id,
  name,
  label,
  errors,
  options,
  defaultValue,
}: {
  id: string;
  name: string;
  label: string;
  errors: FieldErrors;
  options: ReadonlyArray<{ value: string | number; label: string }>;
  defaultValue?: string | number;
}) {
  return (
    <Field id={id} name={name} label={label} errors={errors}>
      <select id={id} name={name} defaultValue={defaultValue}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A labelled text area with its error. */
export function TextAreaField({ id, name, label, errors, defaultValue, rows = 2 }: { id: string; name: string; label: string; errors: FieldErrors; defaultValue?: string; rows?: number }) {
  return (
    <Field id={id} name={name} label={label} errors={errors}>
      <textarea id={id} name={name} rows={rows} defaultValue={defaultValue} />
    </Field>
  );
}

/** A panel with one of the page's forms: its title (`id`-title), its notice, the hidden intent, and its button. */
export function IntentFormPanel({
  id,
  title,
  intent,
  result,
  submit,
  intro,
  children,
}: {
  id: string;
  title: string;
  intent: string;
  result: ActionNotice | undefined;
  submit: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} style={{ marginTop: 0 }}>
        {title}
      </h2>
      {intro}
      <Notice result={result} intent={intent} />
      <Form method="post">
        <input type="hidden" name="intent" value={intent} />
        {children}
        <button type="submit">{submit}</button>
      </Form>
    </section>
  );
}

/** A form that is one button (remove this, undo that): the intent and the ids it needs travel as hidden fields. */
export function IntentButton({ intent, fields, label, style, children }: { intent: string; fields: Record<string, string | number>; label: string; style?: CSSProperties; children: ReactNode }) {
  return (
    <Form method="post" className="inline-form" style={style}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="secondary" aria-label={label}>
        {children}
      </button>
    </Form>
  );
}

/** A table in its scrolling wrapper, with its column heads (null heads are left out). */
export function ConductTable({ testId, columns, children }: { testId: string; columns: ReadonlyArray<ReactNode>; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c, i) =>
              c == null ? null : (
                <th scope="col" key={i}>
                  {c}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A row's heading naming a person: their name linking to their page, then a muted detail (reference, job title). */
export function PersonRowHeader({ slug, employeeRef, name, detail }: { slug: string; employeeRef: string; name: string; detail: ReactNode }) {
  return (
    <th scope="row">
      <Link to={`/orgs/${slug}/people/${encodeURIComponent(employeeRef)}`}>{name}</Link> <span className="muted">{detail}</span>
    </th>
  );
}
