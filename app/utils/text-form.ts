/**
 * Form schemas for `parseForm` (app/utils/respond.server.ts, Conform's zod integration) whose fields are written
 * against text, as `String(form.get(name) ?? "")` and `form.getAll(name)` read them: a field left blank or not
 * posted is "" (Conform drops empty strings), so the field's own rule gives its own message ("Enter the training
 * provider", not zod's "Required"); a list (tick-boxes, multi-selects) is [] when nothing is ticked and keeps a
 * blank choice as "" (the "direct employees" tick-box). Plain module: pages and pure form modules import it.
 */
import { z } from "zod";

type IsList<S> = S extends z.ZodArray<z.ZodTypeAny> ? true : S extends z.ZodEffects<infer I, unknown, unknown> ? IsList<I> : false;
type TextField<S extends z.ZodTypeAny> = IsList<S> extends true ? S : z.ZodDefault<S>;

/** A list, also behind a refinement or transform. */
function isList(schema: z.ZodTypeAny): boolean {
  return schema instanceof z.ZodEffects ? isList(schema.innerType()) : schema instanceof z.ZodArray;
}

/** The same list with each item read as text ("" kept). */
function textItems(schema: z.ZodTypeAny): z.ZodTypeAny {
  if (schema instanceof z.ZodEffects) return new z.ZodEffects({ ...schema._def, schema: textItems(schema.innerType()) });
  const list = schema as z.ZodArray<z.ZodTypeAny>;
  return new z.ZodArray({ ...list._def, type: list.element.default("") });
}

/* Conform gives one posted value as itself, not as a list of one; a lone blank would be dropped. */
const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** `z.object(shape)`, with every field read as text ("" when blank or missing) and every list as a list of text. */
export function textForm<T extends z.ZodRawShape>(shape: T): z.ZodObject<{ [K in keyof T]: TextField<T[K]> }> {
  const fields: z.ZodRawShape = {};
  for (const [name, schema] of Object.entries(shape)) fields[name] = isList(schema) ? z.preprocess(asList, textItems(schema)) : schema.default("");
  return z.object(fields) as unknown as z.ZodObject<{ [K in keyof T]: TextField<T[K]> }>;
}

/** A whole number above 0 posted as text (a row's id), or `message`. */
export const textId = (message: string) =>
  z
    .string()
    .trim()
    .refine((v) => /^\d{1,12}$/.test(v) && Number(v) > 0, message)
    .transform(Number);
