/**
 * Organisation timeline settings and milestones: what the settings page reads (through the organisation scope)
 * and the commands it runs. Every write is one `scope.write` with an audit event holding the before and after.
 */
import type { Organisation } from "../../db/schema";
import {
  SMALL_PROVIDER_HOMES_THRESHOLD,
  defaultMilestones,
  defaultOrganisationSettings,
  qualifiedDeadline,
  transitionEnd,
  transitionYears,
} from "../compliance/settings";
import type { Milestone, MilestoneMeasure, OrganisationSettings } from "../compliance/types";
import { settingsFromRow } from "./organisation-data.server";
import { SETTING_COLUMN as COLUMN, TIMELINE_FIELDS, timelineFromRow, type TimelineField, type TimelineInput } from "./settings-columns";
import type { OrganisationReader, OrganisationScope, OrganisationWriter } from "./organisation-scope.server";
import { notFound, ok, type Result } from "./result";

export type { TimelineInput, TimelineField };
export { TIMELINE_FIELDS, timelineFromRow };

export interface SettingHelp {
  label: string;
  /** What the default is and why, with its source (docs: competence-conduct-standard.md). */
  help: string;
  source: string;
}

/** Help for each setting: the default and where it comes from. */
export const SETTING_HELP: Record<TimelineField | "milestones", SettingHelp> = {
  homesOwned: {
    label: "Homes owned",
    help: "Decides the transition: providers owning 1,000 or more homes have 3 years, fewer than 1,000 homes 4 years.",
    source: "gov.uk consultation outcome (30 Sept 2025); Inside Housing, 2 July 2025",
  },
  inForceDate: {
    label: "In-force date",
    help: "The Standard comes into force in October 2026. No exact day is published, so the default is 1 October 2026.",
    source: "gov.uk consultation outcome (30 Sept 2025); CIH news, 30 Sept 2025",
  },
  transitionYearsOverride: {
    label: "Transition (years)",
    help: "Leave blank to derive it from homes owned: 3 years at 1,000 homes or more, 4 years below. By the end of transition every senior housing manager and executive must hold or be working towards a relevant qualification.",
    source: "gov.uk consultation outcome (30 Sept 2025); Inside Housing, 2 July 2025",
  },
  qualifiedDeadlineOverride: {
    label: "Qualified deadline",
    help: "Leave blank to use the transition end. Boards and training providers track a ‘three-year qualified deadline’ for the stricter ‘qualified’ measure; the statutory test at that date is ‘hold or be working towards’.",
    source: "Our default (no published figure); see the product's notes on the Standard",
  },
  graceMonths: {
    label: "New-joiner grace (months)",
    help: "The duty applies once a person has been in the relevant role for this many months.",
    source: "2024 consultation; final wording not confirmed",
  },
  probationGraceMonths: {
    label: "Grace on probation (months)",
    help: "Used instead of the grace above where the person is on probation.",
    source: "2024 consultation; final wording not confirmed",
  },
  lateJoinerMonths: {
    label: "Late joiner: months to qualify",
    help: "A new joiner or promotee has this many months from the role start to qualify (36 mirrors the three-year transition).",
    source: "Our default (no published figure)",
  },
  courseMonthsLevel4: {
    label: "Level 4 course length (months)",
    help: "The CIH Level 4 Certificate takes about 12 months (about 360 hours of study). Used to work back from the qualify-by date to the latest start.",
    source: "CIH; 2024 impact assessment",
  },
  courseMonthsLevel5: {
    label: "Level 5 course length (months)",
    help: "The CIH Level 5 Diploma takes about 18 months (about 320 hours of study).",
    source: "CIH; 2024 impact assessment; our default",
  },
  absencesPauseClocks: {
    label: "Recorded absences pause the clocks",
    help: "When on, recorded maternity, adoption or shared parental leave and long-term sickness move a person's enrol-by and qualify-by dates later by the days absent.",
    source: "The consultation discussed maternity and long-term sickness; the final rule is not confirmed (low confidence)",
  },
  otherAbsencePausesClocks: {
    label: "Other absence pauses the clocks too",
    help: "Absence recorded as ‘other’ (not parental leave or long-term sickness) pauses the clocks only when this is on. Has no effect while recorded absences do not pause the clocks.",
    source: "Our default (off): only maternity and long-term sickness were discussed in the consultation",
  },
  dateOrder: {
    label: "Dates in imported files",
    help: "UK HR systems export dd/mm/yyyy. Used when a date such as 03/04/2026 could be read either way.",
    source: "Our default",
  },
  workingTowardsStartMonths: {
    label: "Working towards: start within (months)",
    help: "‘Working towards’ means enrolled and starting the course within 6 months of enrolling (12 months if no start dates are available). A person enrolled longer ago without a start date is shown amber.",
    source: "2024 consultation wording; final wording not confirmed",
  },
  milestones: {
    label: "Milestones",
    help: "Defaults: the transition end (100% meeting the legal test: everyone in scope holds or is working towards a qualification, or is not yet due), and two internal targets: the enrolment milestone at the in-force date (50% qualified or enrolled) and the qualified deadline (100% qualified). Internal targets are not the law. No official interim figure exists; CIH recommended at least 50% of enrolments in the first 18 months.",
    source: "CIH consultation response; gov.uk consultation outcome (30 Sept 2025)",
  },
};

export interface MilestoneView extends Milestone {
  /** "id-<row id>" for saved milestones, "default-<index>" for the defaults (not yet saved). */
  key: string;
}

export interface SettingsView {
  organisation: Organisation;
  settings: OrganisationSettings;
  /** Form values as they are now. */
  timeline: TimelineInput;
  derived: {
    /** Years derived from homes owned (ignoring any override). */
    transitionYearsDerived: number;
    transitionYears: number;
    transitionEnd: string;
    /** Transition end derived from homes owned, ignoring the override. */
    transitionEndDerived: string;
    qualifiedDeadline: string;
    smallProviderThreshold: number;
  };
  defaults: ReturnType<typeof defaultOrganisationSettings>;
  usingDefaultMilestones: boolean;
  milestones: MilestoneView[];
}


async function organisationRow(scope: OrganisationReader): Promise<Organisation> {
  return scope.selectOrganisation().selectAll().executeTakeFirstOrThrow();
}

async function milestoneRows(scope: OrganisationReader) {
  return scope
    .selectFrom("milestones")
    .selectAll()
    .orderBy("position")
    .orderBy("date")
    .orderBy("id")
    .execute();
}

function sortByDate<T extends { date: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export async function loadSettingsView(scope: OrganisationReader): Promise<SettingsView> {
  const organisation = await organisationRow(scope);
  const rows = await milestoneRows(scope);
  const settings = settingsFromRow(
    organisation,
    rows.map((m) => ({ name: m.name, date: m.date, measure: m.measure, targetPct: m.target_pct })),
  );
  const usingDefaultMilestones = organisation.custom_milestones !== 1;
  const milestones: MilestoneView[] = usingDefaultMilestones
    ? defaultMilestones(settings).map((m, i) => ({ ...m, key: `default-${i}` }))
    : rows.map((m) => ({ key: `id-${m.id}`, name: m.name, date: m.date, measure: m.measure, targetPct: m.target_pct }));
  const derivedSettings = { ...settings, transitionYearsOverride: null };
  return {
    organisation,
    settings,
    timeline: timelineFromRow(organisation),
    derived: {
      transitionYearsDerived: transitionYears(derivedSettings),
      transitionYears: transitionYears(settings),
      transitionEnd: transitionEnd(settings),
      transitionEndDerived: transitionEnd(derivedSettings),
      qualifiedDeadline: qualifiedDeadline(settings),
      smallProviderThreshold: SMALL_PROVIDER_HOMES_THRESHOLD,
    },
    defaults: defaultOrganisationSettings(organisation.homes_owned),
    usingDefaultMilestones,
    milestones: sortByDate(milestones),
  };
}

function columnValue(field: TimelineField, input: TimelineInput): string | number | null {
  const value = input[field];
  return typeof value === "boolean" ? (value ? 1 : 0) : value;
}

/** Saves the timeline fields: the names of the fields that changed (nothing written when none did). */
export async function updateTimeline(scope: OrganisationScope, input: TimelineInput): Promise<Result<TimelineField[]>> {
  const current = timelineFromRow(await organisationRow(scope));
  const changed = TIMELINE_FIELDS.filter((f) => current[f] !== input[f]);
  if (changed.length === 0) return ok([]);
  const set: Record<string, string | number | null> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const field of changed) {
    set[COLUMN[field]] = columnValue(field, input);
    before[COLUMN[field]] = columnValue(field, current);
    after[COLUMN[field]] = columnValue(field, input);
  }
  await scope.write(async (w) => {
    await w.updateOrganisation().set(set).execute();
    await w.audit({
      action: "settings.update",
      entity: "organisation",
      entityId: scope.organisationId,
      summary: `Changed ${changed.map((f) => SETTING_HELP[f].label.toLowerCase()).join(", ")}`,
      before,
      after,
    });
  });
  return ok(changed);
}

/** Records that someone checked the settings and found them right (the getting-started checklist ticks it). */
export async function confirmSettings(scope: OrganisationScope): Promise<Result<null>> {
  await scope.write((w) => w.audit({ action: "settings.confirm", entity: "organisation", entityId: scope.organisationId, summary: "Checked the settings and kept them" }));
  return ok(null);
}

export interface MilestoneInput {
  name: string;
  date: string;
  measure: MilestoneMeasure;
  targetPct: number;
}

interface MilestoneSnapshot {
  customMilestones: number;
  milestones: Milestone[];
}

async function snapshot(scope: OrganisationReader): Promise<MilestoneSnapshot> {
  const org = await organisationRow(scope);
  const rows = await milestoneRows(scope);
  const saved = rows.map((m) => ({ name: m.name, date: m.date, measure: m.measure, targetPct: m.target_pct }));
  const settings = settingsFromRow(org, saved);
  return { customMilestones: org.custom_milestones, milestones: org.custom_milestones === 1 ? saved : defaultMilestones(settings) };
}

/**
 * When the organisation still uses the default milestones, writes them into `milestones` (custom_milestones = 1)
 * so that they can be edited. Returns the keys of the defaults mapped to their new row ids.
 */
async function materialise(w: OrganisationWriter): Promise<Map<string, number>> {
  const org = await organisationRow(w);
  const keys = new Map<string, number>();
  if (org.custom_milestones === 1) return keys;
  const settings = settingsFromRow(org, []);
  await w.deleteFrom("milestones").execute();
  const defaults = defaultMilestones(settings);
  for (const [i, m] of defaults.entries()) {
    const row = await w.insertInto("milestones", { name: m.name, date: m.date, measure: m.measure, target_pct: m.targetPct, position: i }).returning("id").executeTakeFirstOrThrow();
    keys.set(`default-${i}`, row.id);
  }
  await w.updateOrganisation().set({ custom_milestones: 1 }).execute();
  return keys;
}

/** The row id a milestone key stands for (after materialising), or null when it is not this organisation's. */
async function resolveKey(w: OrganisationWriter, key: string, materialised: Map<string, number>): Promise<number | null> {
  if (materialised.has(key)) return materialised.get(key)!;
  const match = /^id-(\d+)$/.exec(key);
  if (!match) return null;
  const row = await w.selectFrom("milestones").select("id").where("id", "=", Number(match[1])).executeTakeFirst();
  return row?.id ?? null;
}

async function auditMilestones(w: OrganisationWriter, action: string, entityId: number | null, summary: string, before: MilestoneSnapshot) {
  await w.audit({ action, entity: "milestone", entityId, summary, before, after: await snapshot(w) });
}

export async function addMilestone(scope: OrganisationScope, input: MilestoneInput): Promise<Result<{ id: number }>> {
  const id = await scope.write(async (w) => {
    const before = await snapshot(w);
    await materialise(w);
    const last = await w
      .selectFrom("milestones")
      .select((eb) => eb.fn.max("position").as("position"))
      .executeTakeFirst();
    const row = await w
      .insertInto("milestones", { name: input.name, date: input.date, measure: input.measure, target_pct: input.targetPct, position: Number(last?.position ?? -1) + 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditMilestones(w, "milestone.create", row.id, `Added the milestone “${input.name}”`, before);
    return row.id;
  });
  return ok({ id });
}

/** A key that is not one of this organisation's milestones is not found (nothing written). */
async function milestoneKeyExists(scope: OrganisationReader, key: string): Promise<boolean> {
  const state = await snapshot(scope);
  if (!isKnownKey(key, state)) return false;
  if (state.customMilestones !== 1) return true;
  return (await scope.selectFrom("milestones").select("id").where("id", "=", Number(key.slice(3))).executeTakeFirst()) !== undefined;
}

export async function updateMilestone(scope: OrganisationScope, input: MilestoneInput & { key: string }): Promise<Result<null>> {
  if (!(await milestoneKeyExists(scope, input.key))) return notFound("No such milestone in this organisation");
  await scope.write(async (w) => {
    const before = await snapshot(w);
    const id = (await resolveKey(w, input.key, await materialise(w)))!;
    await w.updateTable("milestones").set({ name: input.name, date: input.date, measure: input.measure, target_pct: input.targetPct }).where("id", "=", id).execute();
    await auditMilestones(w, "milestone.update", id, `Changed the milestone “${input.name}”`, before);
  });
  return ok(null);
}

export async function removeMilestone(scope: OrganisationScope, input: { key: string }): Promise<Result<null>> {
  if (!(await milestoneKeyExists(scope, input.key))) return notFound("No such milestone in this organisation");
  await scope.write(async (w) => {
    const before = await snapshot(w);
    const id = (await resolveKey(w, input.key, await materialise(w)))!;
    const row = await w.selectFrom("milestones").select("name").where("id", "=", id).executeTakeFirstOrThrow();
    await w.deleteFrom("milestones").where("id", "=", id).execute();
    await auditMilestones(w, "milestone.delete", id, `Removed the milestone “${row.name}”`, before);
  });
  return ok(null);
}

/** Back to the default milestones derived from the timeline (custom_milestones = 0): false when already in use. */
export async function restoreDefaultMilestones(scope: OrganisationScope): Promise<Result<{ restored: boolean }>> {
  const before = await snapshot(scope);
  if (before.customMilestones !== 1) return ok({ restored: false });
  await scope.write(async (w) => {
    await w.deleteFrom("milestones").execute();
    await w.updateOrganisation().set({ custom_milestones: 0 }).execute();
    await auditMilestones(w, "milestones.restore_defaults", null, "Restored the default milestones", before);
  });
  return ok({ restored: true });
}

function isKnownKey(key: string, state: MilestoneSnapshot): boolean {
  if (state.customMilestones === 1) return /^id-\d+$/.test(key);
  const match = /^default-(\d+)$/.exec(key);
  return match != null && Number(match[1]) < state.milestones.length;
}
