/** Small form pieces the conduct pages share: a labelled field with its error, and the action's notice. */
import type { ReactNode } from "react";
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
