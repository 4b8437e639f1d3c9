/**
 * The conduct pages' actions, through one helper: a page names the fields its forms post and, per form (its
 * `intent`), who may send it, the command it runs and the notice it gives. A command's Result becomes the response
 * through the one route helper (app/utils/respond.server.ts): 200 with a message naming what was done, or its
 * refusal (409 / 400 with the field errors) tagged with the form's intent so the page shows it beside the right form.
 */
import { data, type ActionFunctionArgs } from "@remix-run/node";
import type { FieldErrors, Result } from "../result";
import type { OrganisationScope } from "../organisation-scope.server";
import { formValues as allFormValues, refuse, respond } from "../../utils/respond.server";
import { requireOrgPermission } from "../../utils/access.server";
import type { Permission } from "../../utils/permissions";

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

/** One form of a conduct page: who may send it, what it does, and what the notice says when it is done. */
export interface ConductIntent<N extends string, T> {
  permission: Permission;
  run: (scope: OrganisationScope, values: Record<N, string>) => Promise<Result<T>>;
  done: (value: T, values: Record<N, string>) => string;
  /** On a refusal, send what was typed back so the form keeps it. */
  keepTyped?: boolean;
}

/**
 * A conduct page's action: reads the form, checks the permission its intent needs (an unknown intent is checked
 * against `otherwise`, then refused as "Unknown action."), runs the command and answers with its notice or refusal.
 */
export async function conductAction<const N extends string, I extends Record<string, unknown>>(
  { request, params }: Pick<ActionFunctionArgs, "request" | "params">,
  options: { fields: readonly N[]; otherwise: Permission; intents: { [K in keyof I]: ConductIntent<N, I[K]> } },
) {
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const handler = Object.hasOwn(options.intents, intent) ? (options.intents[intent] as ConductIntent<N, unknown>) : undefined;
  if (!handler) {
    await requireOrgPermission(request, params.slug, options.otherwise);
    return unknownIntent(intent);
  }
  const { scope } = await requireOrgPermission(request, params.slug, handler.permission);
  const values = formValues(form, options.fields);
  return formResponse(intent, await handler.run(scope, values), (value) => handler.done(value, values), handler.keepTyped ? form : undefined);
}
