/** One error boundary for every route, with a plain message per status. */
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const MESSAGES: Record<number, string> = {
  400: "The request could not be understood.",
  403: "You do not have permission to do that.",
  404: "We could not find that page.",
  413: "That upload is too large.",
};

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" && status !== 404 ? error.data : null;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <section className="error-panel" role="alert">
      <h1>{status === 404 ? "Not found" : status === 403 ? "Not allowed" : "Something went wrong"}</h1>
      <p>{MESSAGES[status] ?? "An unexpected error occurred. Please try again; if it keeps happening, tell your administrator."}</p>
      {detail && detail !== "Not found" && detail !== "Forbidden" ? <p>{detail}</p> : null}
      <p>
        <Link to="/">Back to the start page</Link>
      </p>
    </section>
  );
}
