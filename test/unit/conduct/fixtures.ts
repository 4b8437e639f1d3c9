import type { ConductPerson } from "../../../app/conduct";

let next = 1;
export function person(over: Partial<ConductPerson> = {}): ConductPerson {
  const id = over.staffId ?? next++;
  return {
    staffId: id,
    employeeRef: `E${id}`,
    name: `Person ${id}`,
    jobTitle: "Housing Officer",
    jobTitleNormalised: "housing officer",
    department: "Housing",
    employer: null,
    category: "frontline",
    startDate: "2020-01-06",
    endDate: null,
    ...over,
  };
}
