/**
 * Gathers what people owe under the conduct half of the Standard, through the organisation scope, and runs the
 * conduct reminder rules (app/reminders/conduct-obligations.ts over app/conduct/): code-of-conduct
 * acknowledgements, supervisions and one-to-ones, appraisals, training.
 */
import type { IsoDate } from "../../compliance/types";
import { meetingObligations, trainingObligations } from "../../reminders/conduct-obligations";
import type { ConductObligation } from "../../reminders/types";
import { acknowledgementPicture } from "../conduct/acknowledgements.server";
import { meetingIntervals, meetingsHeld } from "../conduct/meetings.server";
import { loadConductPeople } from "../conduct/people.server";
import { trainingCompletions, trainingCourses, trainingRequirements } from "../conduct/training.server";
import type { OrganisationReader } from "../organisation-scope.server";

async function acknowledgementObligations(scope: OrganisationReader, asOf: IsoDate): Promise<ConductObligation[]> {
  const acknowledgements = await acknowledgementPicture(scope, asOf);
  const owed: ConductObligation[] = [];
  for (const { person, status } of acknowledgements.people) {
    if (status.state === "acknowledged") continue;
    owed.push({
      staffId: person.staffId,
      employeeRef: person.employeeRef,
      name: person.name,
      jobTitle: person.jobTitle,
      kind: "conduct_due",
      what: `Code of conduct ${acknowledgements.version ?? ""} acknowledgement`.replace("  ", " "),
      dueOn: status.dueBy,
    });
  }
  return owed;
}

/** True once the organisation has recorded a meeting or set an interval of its own (decision 0041). */
async function tracksMeetings(scope: OrganisationReader): Promise<boolean> {
  const [meeting, interval] = await Promise.all([
    scope.selectFrom("supervision_meetings").select("id").limit(1).executeTakeFirst(),
    scope.selectFrom("conduct_intervals").select("kind").limit(1).executeTakeFirst(),
  ]);
  return meeting !== undefined || interval !== undefined;
}

export async function conductObligations(scope: OrganisationReader, asOf: IsoDate): Promise<ConductObligation[]> {
  const [acknowledgements, people, intervals, held, tracked, courses, requirements, completions] = await Promise.all([
    acknowledgementObligations(scope, asOf),
    loadConductPeople(scope),
    meetingIntervals(scope),
    meetingsHeld(scope),
    tracksMeetings(scope),
    trainingCourses(scope),
    trainingRequirements(scope),
    trainingCompletions(scope),
  ]);
  return [
    ...acknowledgements,
    ...meetingObligations({ people, intervals, held, tracked }, asOf),
    ...trainingObligations({ people, courses, requirements, completions }, asOf),
  ];
}
