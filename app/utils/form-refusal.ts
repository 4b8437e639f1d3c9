/**
 * What a refused form (app/utils/respond.server.ts `FormRefusal`) says as a whole, for the page to show above the
 * form: its "form" error, or its message when no field carries an error (a conflict: "the campaign is closed").
 * Plain module: pages import it.
 */
export function formWideError(refusal: { errors: Record<string, string>; message: string } | null | undefined): string | null {
  if (!refusal) return null;
  return refusal.errors.form ?? (Object.keys(refusal.errors).length === 0 ? refusal.message : null);
}
