/**
 * Routes turn a model `Result` (app/models/result.ts) into the HTTP response here, and nowhere else:
 * - ok          → whatever the route makes of the value (a notice, a redirect);
 * - not_found   → thrown 404 (the route's error boundary shows it);
 * - conflict    → 409 with the message, for the page to show;
 * - invalid     → 400 with the field errors, for the form to show beside its fields.
 * Every refused form answers with the same shape, `FormRefusal`, so every page reads its field errors the same way:
 * `errors` (the `FieldErrors` of the failure: field name → message, "form" for the form as a whole).
 *
 * Forms are parsed with Conform's zod integration (`parseForm`), so a page and its action share one schema.
 */
import { data } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import type { z } from "zod";
import { invalid, ok, type Failure, type FieldErrors, type Result } from "../models/result";

export type { FieldErrors };

/** What the form posted, as text, to fill the form again after a refusal. */
export type FormValues = Record<string, string>;

/** The one shape of a refused form (400 invalid, 409 conflict). `context` adds what the page needs to place it. */
export type FormRefusal<C extends object = {}, V = FormValues> = {
  ok: false;
  message: string;
  /** Field name → message ("form": the form as a whole). Empty for a conflict. */
  errors: FieldErrors;
  values: V;
} & C;

/** The text values of a form (files and repeated names: the first text value). */
export function formValues(form: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !(key in values)) values[key] = value;
  return values;
}

/**
 * Parses a posted form with a zod schema through Conform (blank fields arrive as missing, numbers and arrays are
 * coerced): the typed value, or `invalid` with the first message per field.
 */
export function parseForm<S extends z.ZodTypeAny>(form: FormData, schema: S): Result<z.output<S>> {
  const submission = parseWithZod(form, { schema, formatError: (issues: z.ZodIssue[]) => issues[0]?.message ?? "Check this value" });
  if (submission.status === "success") return ok(submission.value as z.output<S>);
  const fieldErrors: FieldErrors = {};
  for (const [name, message] of Object.entries(submission.error ?? {})) {
    if (message == null) continue;
    // Conform names nested fields `titles[0]`, `a.b`; the form shows them on the top-level field.
    const field = name === "" ? "form" : name.split(/[.[]/)[0]!;
    fieldErrors[field] ??= message;
  }
  return invalid(fieldErrors);
}

export interface RespondOptions<C extends object, V = FormValues> {
  /** What the form posted (echoed back so the form keeps what was typed). */
  values?: V;
  /** Extra fields for the page to know which form the refusal belongs to (intent, row id…). */
  context?: C;
}

/** A refusal of this form with field errors, without a model involved (e.g. a check only the route can make). */
export function refuse<C extends object = {}, V = FormValues>(fieldErrors: FieldErrors, options: RespondOptions<C, V> = {}, message = "Check the highlighted fields") {
  return respond(invalid(fieldErrors, message), () => null as never, options);
}

/** The response for a form `parseForm` refused (or any failed result), in the same shape as `respond`'s refusals. */
export function refused<C extends object = {}, V = FormValues>(result: { ok: false; failure: Failure }, options: RespondOptions<C, V> = {}) {
  return respond(result, () => null as never, options);
}

/**
 * The value of a result that must have succeeded for the page to go on (a loader's reads): not found is a 404;
 * any other failure is a 409 or 400 with its message (there is no form to show it beside).
 */
export function required<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const { failure } = result;
  throw new Response(failure.message, { status: failure.kind === "not_found" ? 404 : failure.kind === "conflict" ? 409 : 400 });
}

/**
 * The response for a model's result: `onOk(value)` when it succeeded; otherwise the failure as 404 (thrown),
 * 409 or 400 with the `FormRefusal` shape.
 */
export function respond<T, R, C extends object = {}, V = FormValues>(result: Result<T>, onOk: (value: T) => R, options: RespondOptions<C, V> = {}) {
  if (result.ok) return onOk(result.value);
  const { failure } = result;
  if (failure.kind === "not_found") throw new Response(failure.message, { status: 404 });
  const status = failure.kind === "conflict" ? 409 : 400;
  const body = {
    ...((options.context ?? {}) as C),
    ok: false as const,
    message: failure.message,
    errors: failure.kind === "invalid" ? failure.fieldErrors : {},
    values: options.values ?? {},
  } as FormRefusal<C, V>;
  return data(body, { status });
}

