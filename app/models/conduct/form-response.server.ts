/**
 * A conduct command's Result as the action's response, through the one helper (app/utils/respond.server.ts):
 * 200 with a message naming what was done, or its refusal (409 / 400 with the field errors) tagged with the form's
 * intent so the page shows it beside the right form.
 */
import { data } from "@remix-run/node";
import type { FieldErrors, Result } from "../result";
import { formValues as allFormValues, refuse, respond } from "../../utils/respond.server";

export type ConductActionData = { ok: boolean; intent: string; message: string; errors: FieldErrors };

export function formResponse<T>(intent: string, result: Result<T>, success: (value: T) => string, form?: FormData) {
  return respond(result, (value) => data({ ok: true as const, intent, message: success(value), errors: {} as FieldErrors, values: {} as Record<string, string> }), {
    context: { intent },
    values: form ? allFormValues(form) : {},
  });
}

export function unknownIntent(intent: string) {
  return refuse({ form: "Unknown action." }, { context: { intent } }, "Unknown action.");
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
