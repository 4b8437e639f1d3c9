/** An organisation's reminder settings: which digests, how often, lead times, who is copied. */
import { z } from "zod";
import type { OrganisationReader, OrganisationScope } from "../organisation-scope.server";
import { invalid, ok, type Result } from "../result";
import { parseFields } from "../../utils/zod-field-errors";
import { parseCopyTo, type DigestSettings } from "../../reminders/digests";
import { DEFAULT_LEAD_TIMES, type LeadTimes } from "../../reminders/types";

export interface OrganisationReminderSettings {
  leadTimes: LeadTimes;
  digests: DigestSettings;
}

export const DEFAULT_DIGEST_SETTINGS: DigestSettings = {
  lineManagerDigest: true,
  hrDigest: true,
  executiveDigest: true,
  frequency: "weekly",
  copyTo: [],
  executiveNames: false,
};

export async function reminderSettings(scope: OrganisationReader): Promise<OrganisationReminderSettings> {
  const row = await scope.selectFrom("reminder_settings").selectAll().executeTakeFirst();
  if (!row) return { leadTimes: { ...DEFAULT_LEAD_TIMES }, digests: { ...DEFAULT_DIGEST_SETTINGS } };
  const copy = row.copy_to ? parseCopyTo(row.copy_to) : null;
  return {
    leadTimes: { enrolLeadDays: row.enrol_lead_days, dueLeadDays: row.due_lead_days },
    digests: {
      lineManagerDigest: row.line_manager_digest === 1,
      hrDigest: row.hr_digest === 1,
      executiveDigest: row.executive_digest === 1,
      frequency: row.frequency,
      copyTo: copy?.ok ? copy.addresses : [],
      executiveNames: row.executive_names === 1,
    },
  };
}

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true || v === "1", z.boolean());
const days = (label: string) =>
  z.coerce.number({ invalid_type_error: `${label} must be a number of days` }).int(`${label} must be a whole number of days`).min(0, `${label} cannot be negative`).max(730, `${label} can be at most 730 days`);

export const reminderSettingsSchema = z.object({
  lineManagerDigest: checkbox,
  hrDigest: checkbox,
  executiveDigest: checkbox,
  frequency: z.enum(["weekly", "monthly"], { errorMap: () => ({ message: "Choose weekly or monthly" }) }),
  enrolLeadDays: days("The enrol-by lead time"),
  dueLeadDays: days("The lead time for other dates"),
  copyTo: z.string().max(2000, "At most 2,000 characters").default(""),
  executiveNames: checkbox,
});
export type ReminderSettingsInput = z.input<typeof reminderSettingsSchema>;

export async function saveReminderSettings(scope: OrganisationScope, input: Record<string, unknown>): Promise<Result<OrganisationReminderSettings>> {
  const parsed = parseFields(reminderSettingsSchema, input);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const copy = parseCopyTo(parsed.value.copyTo);
  if (!copy.ok) return invalid({ copyTo: `"${copy.bad}" is not an email address` });
  const before = await reminderSettings(scope);
  const values = {
    line_manager_digest: parsed.value.lineManagerDigest ? 1 : 0,
    hr_digest: parsed.value.hrDigest ? 1 : 0,
    executive_digest: parsed.value.executiveDigest ? 1 : 0,
    frequency: parsed.value.frequency,
    enrol_lead_days: parsed.value.enrolLeadDays,
    due_lead_days: parsed.value.dueLeadDays,
    copy_to: copy.addresses.length ? copy.addresses.join(", ") : null,
    executive_names: parsed.value.executiveNames ? 1 : 0,
    updated_at: new Date().toISOString(),
  };
  await scope.write(async (w) => {
    const updated = await w.updateTable("reminder_settings").set(values).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await w.insertInto("reminder_settings", values).execute();
    await w.audit({ action: "reminders.settings", entity: "organisation", entityId: scope.organisationId, summary: "Changed the reminder and digest settings", before, after: values });
  });
  return ok(await reminderSettings(scope));
}
