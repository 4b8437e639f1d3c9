// How a person is named everywhere (app/utils/person-name.ts).
import { describe, expect, it } from "vitest";
import { displayName, fullName, nameWithRef } from "../../../app/utils/person-name";

describe("a person's name", () => {
  const rows = [
    { person: { first_name: "Alice", last_name: "Able", employee_ref: "R001" }, full: "Alice Able", display: "Alice Able", withRef: "Alice Able (R001)" },
    { person: { first_name: null, last_name: "Able", employee_ref: "R001" }, full: "Able", display: "Able", withRef: "Able (R001)" },
    { person: { first_name: "", last_name: null, employee_ref: "R001" }, full: "", display: "R001", withRef: "R001" },
    { person: { firstName: "Bob", lastName: "Brown", employeeRef: "R002" }, full: "Bob Brown", display: "Bob Brown", withRef: "Bob Brown (R002)" },
    { person: { firstName: null, lastName: null, employeeRef: "R002" }, full: "", display: "R002", withRef: "R002" },
  ];
  it.each(rows)("$person → $display", ({ person, full, display, withRef }) => {
    expect(fullName(person)).toBe(full);
    expect(displayName(person)).toBe(display);
    expect(nameWithRef(person)).toBe(withRef);
  });
  it("has no name for nobody, or the fallback given for someone not on record", () => {
    expect(fullName(undefined)).toBe("");
    expect(displayName(undefined)).toBe("");
    expect(displayName(undefined, "R009")).toBe("R009");
    expect(displayName({ firstName: "Cara", lastName: null, employeeRef: "R003" }, "R009")).toBe("Cara");
  });
});
