/**
 * Field errors from zod, in the one shape every form shows (app/models/result.ts `FieldErrors`: field name →
 * its first message, "form" for the form as a whole). Pure: pages, models, importers and the CLI share it.
 */
import type { z } from "zod";
import type { FieldErrors } from "../models/result";

/** The first message per field of a zod error (a form-wide message under "form"). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}

/** Parses with a schema: the typed value, or the field errors. */
export function parseFields<S extends z.ZodTypeAny>(schema: S, values: unknown): { ok: true; value: z.output<S> } | { ok: false; fieldErrors: FieldErrors } {
  const parsed = schema.safeParse(values);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
}
