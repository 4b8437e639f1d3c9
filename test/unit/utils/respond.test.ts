// The one route helper that turns a model Result into the HTTP response, and the form parser beside it.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { conflict, invalid, notFound, ok } from "../../../app/models/result";
import { formValues, parseForm, refuse, respond } from "../../../app/utils/respond.server";
import { absenceForm, scopeDecisionForm } from "../../../app/compliance/record-rules";

/** Remix's `data(...)` result: the body and its status. */
function unwrap(response: unknown): { status: number | undefined; body: unknown } {
  const r = response as { data: unknown; init?: { status?: number } | null };
  return { status: r.init?.status, body: r.data };
}

function form(entries: Array<[string, string]>): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("respond", () => {
  it("passes a success to the route's own answer", () => {
    expect(respond(ok(42), (n) => ({ saved: n }))).toEqual({ saved: 42 });
  });

  it("throws not found as a 404 response", () => {
    let thrown: unknown;
    try {
      respond(notFound("No such person"), () => "never");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  });

  it("answers a conflict with 409 and its message, and no field errors", () => {
    const { status, body } = unwrap(respond(conflict("This absence has already ended"), () => null, { values: { to_date: "2026-01-01" }, context: { intent: "end-absence" } }));
    expect(status).toBe(409);
    expect(body).toEqual({ ok: false, message: "This absence has already ended", errors: {}, values: { to_date: "2026-01-01" }, intent: "end-absence" });
  });

  it("answers invalid input with 400 and the field errors for the form", () => {
    const { status, body } = unwrap(respond(invalid({ rationale: "Give the reason" }), () => null, { context: { intent: "set-override", targetId: null } }));
    expect(status).toBe(400);
    expect(body).toEqual({ ok: false, message: "Check the highlighted fields", errors: { rationale: "Give the reason" }, values: {}, intent: "set-override", targetId: null });
  });

  it("refuses a form without a model in the same shape", () => {
    const { status, body } = unwrap(refuse({ titles: "Not a job title here" }, { values: { category: "frontline" } }));
    expect(status).toBe(400);
    expect(body).toMatchObject({ ok: false, errors: { titles: "Not a job title here" }, values: { category: "frontline" } });
  });
});

describe("parseForm", () => {
  it("gives the typed value of a valid form (blanks as null)", () => {
    expect(parseForm(form([["kind", "other"], ["from_date", "2026-01-01"], ["to_date", ""], ["note", ""]]), absenceForm)).toEqual({
      ok: true,
      value: { kind: "other", from_date: "2026-01-01", to_date: null, note: null },
    });
  });

  it("gives one message per field when the form is refused", () => {
    expect(parseForm(form([["kind", ""], ["from_date", ""]]), absenceForm)).toEqual({
      ok: false,
      failure: { kind: "invalid", message: "Check the highlighted fields", fieldErrors: { kind: "Choose the kind of absence", from_date: "Enter the first day of absence" } },
    });
    expect(parseForm(form([["kind", "other"], ["from_date", "2026-01-05"], ["to_date", "2026-01-01"]]), absenceForm)).toMatchObject({
      failure: { fieldErrors: { to_date: "The last day cannot be before the first day" } },
    });
  });

  it("reads repeated fields as a list and names a nested error by its field", () => {
    expect(parseForm(form([["titles", "Housing Officer"], ["titles", "Caretaker"], ["category", "frontline"], ["rationale", "Front line"]]), scopeDecisionForm)).toMatchObject({
      ok: true,
      value: { titles: ["Housing Officer", "Caretaker"] },
    });
    const nested = parseForm(form([["items", ""]]), z.object({ items: z.array(z.string().min(2, "Too short")).min(1, "Add one") }));
    expect(nested.ok ? null : nested.failure).toMatchObject({ fieldErrors: { items: "Add one" } });
  });

  it("echoes the posted text values", () => {
    expect(formValues(form([["a", "1"], ["b", "x"], ["a", "2"]]))).toEqual({ a: "1", b: "x" });
  });
});
