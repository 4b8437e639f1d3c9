/**
 * A conduct command's Result as the action's response: 200 with a message, or 400 / 409 / 404 with the message and
 * the field errors. Kept small until app/utils/respond.server.ts (the models helper's one helper) lands.
 */
import { data } from "@remix-run/node";
import type { FieldErrors, Result } from "../result";

export type ConductActionData = { ok: boolean; intent: string; message: string; fieldErrors: FieldErrors };

export function formResponse<T>(intent: string, result: Result<T>, success: (value: T) => string) {
  if (result.ok) return data<ConductActionData>({ ok: true, intent, message: success(result.value), fieldErrors: {} });
  const f = result.failure;
  const status = f.kind === "invalid" ? 400 : f.kind === "conflict" ? 409 : 404;
  return data<ConductActionData>({ ok: false, intent, message: f.message, fieldErrors: f.kind === "invalid" ? f.fieldErrors : {} }, { status });
}

export function unknownIntent(intent: string) {
  return data<ConductActionData>({ ok: false, intent, message: "Unknown action.", fieldErrors: {} }, { status: 400 });
}

/** The form's text values (strings; a missing field is ""). */
export function formValues<const N extends string>(form: FormData, names: readonly N[]): Record<N, string> {
  const out = {} as Record<N, string>;
  for (const n of names) {
    const v = form.get(n);
    out[n] = typeof v === "string" ? v : "";
  }
  return out;
}
