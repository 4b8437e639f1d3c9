import { describe, expect, test } from "vitest";
import { acknowledgementDateProblem, completionDateProblems, meetingDateProblem } from "../../../app/conduct";
import { parseMeetingKind } from "../../../importers/values";

const today = "2026-06-01";
const code = { version: "2026", approvedOn: "2026-02-01" };

describe("what makes recorded conduct evidence acceptable", () => {
  test.each([
    ["2026-03-01", null],
    ["2026-02-01", null],
    ["2026-01-31", /approved on 2026-02-01: it cannot be acknowledged before that/],
    ["2026-06-02", /cannot be in the future/],
  ])("acknowledged on %s", (on, problem) => {
    const got = acknowledgementDateProblem(code, on, today);
    if (problem) expect(got).toMatch(problem);
    else expect(got).toBeNull();
  });

  test.each([
    ["2026-06-01", null, {}],
    ["2026-06-02", null, { completedOn: "The date cannot be in the future" }],
    ["2026-05-01", "2026-05-01", { expiresOn: "The expiry must be after the completion date" }],
    ["2026-05-01", "2028-05-01", {}],
  ])("completed %s, expires %s", (completedOn, expiresOn, problems) => {
    expect(completionDateProblems(completedOn, expiresOn, today)).toEqual(problems);
  });

  test("a meeting cannot be held in the future", () => {
    expect(meetingDateProblem("2026-06-01", today)).toBeNull();
    expect(meetingDateProblem("2026-06-02", today)).toBe("The date cannot be in the future");
  });

  test.each([
    ["Supervision", "supervision"],
    ["1:1", "one_to_one"],
    ["One-to-one", "one_to_one"],
    ["one_to_one", "one_to_one"],
    ["Annual Review", "appraisal"],
    ["PDR", "appraisal"],
  ])("meeting kind %s", (text, kind) => {
    expect(parseMeetingKind(text)).toEqual({ ok: true, value: kind });
  });
  test("an unknown meeting kind says what is accepted", () => {
    expect(parseMeetingKind("lunch")).toMatchObject({ ok: false, message: expect.stringMatching(/use supervision, one_to_one or appraisal/) });
  });
});
