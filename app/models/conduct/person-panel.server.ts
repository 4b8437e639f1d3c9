/**
 * The person page's conduct panel: the person's code-of-conduct acknowledgements, their supervisions, one-to-ones
 * and appraisals with when the next is due, and their training with expiry, all from the conduct rules on the
 * page's date. Hooked in by one line in app/models/person/panel-data.server.ts.
 */
import type { Staff } from "../../../db/schema";
import {
  acknowledgementStatus,
  currentVersions,
  intervalFor,
  isActiveOn,
  MEETING_KINDS,
  meetingStatus,
  trainingMatrix,
  type AcknowledgementState,
  type MeetingKind,
  type MeetingState,
  type TrainingState,
} from "../../conduct";
import type { OrganisationReader } from "../organisation-scope.server";
import { meetingIntervals } from "./meetings.server";
import { loadConductPerson } from "./people.server";
import { ackDaysOf, listPolicyVersions } from "./policies.server";
import { trainingCourses, trainingRequirements } from "./training.server";

export interface ConductPanelData {
  active: boolean;
  code: { versionId: number; version: string; state: AcknowledgementState; dueBy: string; acknowledgedOn: string | null; reason: string } | null;
  acknowledgements: Array<{ version: string; acknowledgedOn: string }>;
  /** Code versions for the record form, newest first. */
  versions: Array<{ id: number; version: string }>;
  meetings: Array<{ kind: MeetingKind; state: MeetingState; lastHeldOn: string | null; dueBy: string | null; reason: string }>;
  recentMeetings: Array<{ kind: MeetingKind; heldOn: string; note: string | null }>;
  training: Array<{ courseId: number; title: string; required: boolean; state: TrainingState; completedOn: string | null; expiresOn: string | null; reason: string }>;
  courses: Array<{ id: number; title: string }>;
}

export async function conductPanelData(scope: OrganisationReader, staff: Staff, asOf: string): Promise<ConductPanelData | null> {
  const person = await loadConductPerson(scope, staff.id);
  if (!person) return null;
  const [versions, ackDays, acks, intervals, meetings, courses, requirements, completions] = await Promise.all([
    listPolicyVersions(scope).then((all) => all.filter((v) => v.kind === "code_of_conduct")),
    ackDaysOf(scope),
    scope
      .selectFrom("conduct_acknowledgements")
      .innerJoin("policy_versions", "policy_versions.id", "conduct_acknowledgements.policy_version_id")
      .select(["conduct_acknowledgements.policy_version_id", "policy_versions.version", "conduct_acknowledgements.acknowledged_on"])
      .where("conduct_acknowledgements.staff_id", "=", staff.id)
      .orderBy("conduct_acknowledgements.acknowledged_on", "desc")
      .execute(),
    meetingIntervals(scope),
    scope.selectFrom("supervision_meetings").select(["kind", "held_on", "note"]).where("staff_id", "=", staff.id).orderBy("held_on", "desc").execute(),
    trainingCourses(scope),
    trainingRequirements(scope),
    scope.selectFrom("training_completions").select(["staff_id", "course_id", "completed_on", "expires_on"]).where("staff_id", "=", staff.id).execute(),
  ]);
  const code = currentVersions(versions, asOf).get("code_of_conduct") ?? null;
  const ackOfCode = code ? (acks.find((a) => a.policy_version_id === code.id)?.acknowledged_on ?? null) : null;
  const codeStatus = code ? acknowledgementStatus(person, code, ackOfCode, ackDays, asOf) : null;
  const matrix = trainingMatrix(
    [person],
    courses,
    requirements,
    completions.map((c) => ({ staffId: c.staff_id, courseId: c.course_id, completedOn: c.completed_on, expiresOn: c.expires_on })),
    asOf,
  );
  const cells = matrix.rows[0]?.cells ?? [];
  return {
    active: isActiveOn(person, asOf),
    code: code && codeStatus ? { versionId: code.id, version: code.version, state: codeStatus.state, dueBy: codeStatus.dueBy, acknowledgedOn: codeStatus.acknowledgedOn, reason: codeStatus.reason } : null,
    acknowledgements: acks.map((a) => ({ version: a.version, acknowledgedOn: a.acknowledged_on })),
    versions: versions.map((v) => ({ id: v.id, version: v.version })),
    meetings: MEETING_KINDS.map((kind) => {
      const s = meetingStatus(person, kind, intervalFor(intervals, kind, person.category), meetings.filter((m) => m.kind === kind).map((m) => m.held_on), asOf);
      return { kind, state: s.state, lastHeldOn: s.lastHeldOn, dueBy: s.dueBy, reason: s.reason };
    }),
    recentMeetings: meetings.slice(0, 10).map((m) => ({ kind: m.kind, heldOn: m.held_on, note: m.note })),
    training: cells
      .map((c, i) => ({ courseId: c.courseId, title: matrix.courses[i].course.title, required: c.required, state: c.state, completedOn: c.completedOn, expiresOn: c.expiresOn, reason: c.reason }))
      .filter((t) => t.required || t.completedOn !== null),
    courses: courses.map((c) => ({ id: c.id, title: c.title })),
  };
}
