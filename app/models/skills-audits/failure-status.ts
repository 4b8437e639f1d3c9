/** The HTTP status the audit pages answer a failed command with (until app/utils/respond.server.ts lands on main). */
import type { Failure } from "../result";

export function failureStatus(failure: Failure): 400 | 404 | 409 {
  return failure.kind === "not_found" ? 404 : failure.kind === "conflict" ? 409 : 400;
}
