import { describe, expect, test } from "vitest";
import { plural } from "../../../app/utils/plural";

describe("plural", () => {
  test.each([
    [1, "person", undefined, "1 person"],
    [2, "person", undefined, "2 people"],
    [0, "error", undefined, "0 errors"],
    [1, "error", undefined, "1 error"],
    [1204, "row", undefined, "1,204 rows"],
    [3, "existing user", undefined, "3 existing users"],
    [2, "match", undefined, "2 matches"],
    [2, "qualification body", undefined, "2 qualification bodies"],
    [2, "staff member", undefined, "2 staff members"],
    [5, "criterion", "criteria", "5 criteria"],
    [2, "new person", undefined, "2 new people"],
  ])("%i %s", (count, singular, pluralForm, expected) => {
    expect(plural(count, singular, pluralForm)).toBe(expected);
  });
});
