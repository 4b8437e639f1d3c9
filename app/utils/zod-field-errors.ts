/**
 * Input that is not a posted form (a command's own input from the CLI or an importer, a list of rows built from a
 * form) checked with a zod schema, with its errors in the one shape every form shows (app/models/result.ts
 * `FieldErrors`: field name → its first message, "form" for the input as a whole). A posted form is parsed with
 * `parseForm` (app/utils/respond.server.ts, Conform) instead. Pure: pages, models, importers and the CLI share it.
 */
import type { z } from "zod";
import type { FieldErrors } from "../models/result";

/** Parses with a schema: the typed value, or the first message per field. */
export function parseFields<S extends z.ZodTypeAny>(schema: S, values: unknown): { ok: true; value: z.output<S> } | { ok: false; fieldErrors: FieldErrors } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { ok: false, fieldErrors };
}
