/**
 * What a model command returns: the value, or one of three failures. Routes turn a failure into the HTTP response
 * and the form's field errors with one helper (app/utils/respond.server.ts); the CLI into its exit status.
 * A plain module (not .server) so pages can type the field errors they show.
 */
export type FieldErrors = Record<string, string>;

export type Failure =
  | { kind: "not_found"; message: string }
  | { kind: "conflict"; message: string }
  | { kind: "invalid"; message: string; fieldErrors: FieldErrors };

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const notFound = (message: string): Result<never> => ({ ok: false, failure: { kind: "not_found", message } });
export const conflict = (message: string): Result<never> => ({ ok: false, failure: { kind: "conflict", message } });
export const invalid = (fieldErrors: FieldErrors, message = "Check the highlighted fields"): Result<never> => ({
  ok: false,
  failure: { kind: "invalid", message, fieldErrors },
});

/** Runs `next` on the value of a success; a failure passes through unchanged. */
export async function andThen<T, U>(result: Result<T> | Promise<Result<T>>, next: (value: T) => Promise<Result<U>> | Result<U>): Promise<Result<U>> {
  const r = await result;
  return r.ok ? next(r.value) : r;
}

/**
 * The same result with its field errors renamed for the form that shows them: `rename(field)` gives the form's
 * field and a prefix for the message, or null to keep the field as it is.
 */
export function mapFailureFields<T>(result: Result<T>, rename: (field: string) => { field: string; prefix: string } | null): Result<T> {
  if (result.ok || result.failure.kind !== "invalid") return result;
  const fieldErrors: FieldErrors = {};
  for (const [field, message] of Object.entries(result.failure.fieldErrors)) {
    const renamed = rename(field);
    if (renamed) fieldErrors[renamed.field] = `${renamed.prefix}${message}`;
    else fieldErrors[field] = message;
  }
  return invalid(fieldErrors, result.failure.message);
}

/** The same result with the message an invalid input is refused with (the form's own words above its fields). */
export function withInvalidMessage<T>(result: Result<T>, message: string): Result<T> {
  return result.ok || result.failure.kind !== "invalid" ? result : invalid(result.failure.fieldErrors, message);
}
