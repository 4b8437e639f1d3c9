/** Pieces the person page's forms share: a labelled field with its error, the refusal of one form, the notice. */
import type { ReactNode } from "react";
import { formatDateLong } from "~/compliance/dates";
import type { FieldErrors } from "~/models/result";
import type { PersonIntent } from "~/models/person/intents";
import type { PersonActionData } from "./types";

export type FormState = { errors: FieldErrors; values: Record<string, string> } | null;

export function dateText(value: string | null | undefined): string {
  return value ? formatDateLong(value) : "–";
}

export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
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

export function describedBy(id: string, error?: string): { "aria-invalid"?: true; "aria-describedby"?: string } {
  return error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
}

/** The refusal of this form (this intent, this record or absence), to show its errors and keep what was typed. */
export function stateFor(actionData: PersonActionData, intent: PersonIntent, targetId?: number | string | null): FormState {
  if (!actionData || actionData.ok) return null;
  if (actionData.intent !== intent) return null;
  if (targetId != null && String(actionData.targetId) !== String(targetId)) return null;
  return { errors: actionData.errors, values: actionData.values };
}

export function Notice({ actionData }: { actionData: PersonActionData }) {
  if (!actionData) return null;
  if (actionData.ok) {
    return (
      <p className="notice success" role="status">
        {actionData.message}
      </p>
    );
  }
  const fields = Object.keys(actionData.errors).length;
  return (
    <p className="notice error" role="alert">
      {fields === 0 ? `Nothing was saved: ${actionData.message}` : `Nothing was saved: please correct the ${fields === 1 ? "field" : "fields"} marked below.`}
    </p>
  );
}
