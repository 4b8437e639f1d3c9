/**
 * Gathers one organisation's reminder inputs through its scope and runs the reminder rules: the action list at a
 * date, who can be reached, and the executive summary. Pages, digests and the CLI all come through here.
 */
import { isActive } from "../../compliance/status";
import { normaliseJobTitle } from "../../compliance/scope";
import type { IsoDate } from "../../compliance/types";
import { organisationActionItems, type PersonForReminders } from "../../reminders/action-items";
import { executiveSummaryOf, type ExecutiveSummary, type StaffContact, type UserContact } from "../../reminders/digests";
import type { ActionItem, DecisionUnderReview, UnverifiedAchievement } from "../../reminders/types";
import { evaluateOrganisation } from "../compliance.server";
import { conductObligations } from "./conduct-obligations.server";
import type { OrganisationReader } from "../organisation-scope.server";
import { displayName } from "../../utils/person-name";
import { reminderSettings, type OrganisationReminderSettings } from "./settings.server";

export interface OrganisationReminders {
  asOf: IsoDate;
  settings: OrganisationReminderSettings;
  items: ActionItem[];
  /** Everyone currently employed, as far as reaching them goes (line managers are found here). */
  staff: StaffContact[];
  /** Users with access to the organisation (HR leads, consultants, executives). */
  users: UserContact[];
  summary: ExecutiveSummary;
}

async function unverifiedAchievements(scope: OrganisationReader): Promise<UnverifiedAchievement[]> {
  const rows = await scope
    .selectFrom("qualification_records")
    .innerJoin("qualifications", "qualifications.id", "qualification_records.qualification_id")
    .select(["qualification_records.staff_id", "qualifications.title", "qualification_records.achieved_on"])
    .where("qualification_records.status", "=", "achieved")
    .where("qualification_records.evidence_verified_on", "is", null)
    .execute();
  return rows.map((r) => ({ staffId: r.staff_id, qualificationTitle: r.title, achievedOn: r.achieved_on }));
}

export async function organisationUsers(scope: OrganisationReader): Promise<UserContact[]> {
  const rows = await scope
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.name", "users.email", "users.role"])
    .where("users.role", "in", ["hr", "consultant", "executive"])
    .orderBy("users.email")
    .execute();
  return rows.map((r) => ({ name: r.name, email: r.email, role: r.role as UserContact["role"] }));
}

export async function organisationReminders(scope: OrganisationReader, asOf: IsoDate): Promise<OrganisationReminders> {
  const [settings, evaluated, unverified, users, conduct] = await Promise.all([
    reminderSettings(scope),
    evaluateOrganisation(scope, asOf),
    unverifiedAchievements(scope),
    organisationUsers(scope),
    conductObligations(scope, asOf),
  ]);
  const { data, measures } = evaluated;

  const people: PersonForReminders[] = [];
  for (const compliance of measures.people) {
    if (compliance.status !== "not_enrolled" && compliance.status !== "working_towards" && compliance.status !== "qualified") continue;
    const member = data.staffById.get(compliance.staffId);
    if (!member) continue;
    people.push({ staffId: member.id, employeeRef: member.employeeRef, name: displayName(member), jobTitle: member.jobTitle, compliance });
  }

  const staff: StaffContact[] = [];
  const activeByTitle = new Map<string, number>();
  for (const member of data.staff) {
    if (!isActive(member, asOf)) continue;
    staff.push({ staffId: member.id, employeeRef: member.employeeRef, name: displayName(member), email: member.email, managerRef: member.managerRef });
    const title = normaliseJobTitle(member.jobTitle);
    activeByTitle.set(title, (activeByTitle.get(title) ?? 0) + 1);
  }
  const decisions: DecisionUnderReview[] = data.decisions.map((d) => ({ jobTitle: d.jobTitle, reviewDate: d.reviewDate, people: activeByTitle.get(normaliseJobTitle(d.jobTitle)) ?? 0 }));

  const items = organisationActionItems(
    {
      people,
      unverified,
      conduct,
      decisions,
      undecided: measures.unmappedTitles.map((t) => ({ jobTitle: t.jobTitle, people: t.n })),
    },
    asOf,
    { ...settings.leadTimes, startChaseMonths: data.settings.workingTowardsStartMonths },
  );
  return { asOf, settings, items, staff, users, summary: executiveSummaryOf(items, measures.countsByStatutory, measures.inScope, measures.pctStatutory) };
}
