import { plural } from "~/utils/plural";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { z } from "zod";
import { requireOrgPermission } from "~/utils/access.server";
import { parseForm, refused, respond } from "~/utils/respond.server";
import { textForm } from "~/utils/text-form";
import type { FieldErrors as Errors } from "~/models/result";
import { can } from "~/utils/permissions";
import {
  SETTING_HELP,
  addMilestone,
  loadSettingsView,
  removeMilestone,
  restoreDefaultMilestones,
  updateMilestone,
  updateTimeline,
  type TimelineField,
  confirmSettings,
} from "~/models/settings.server";
import { formatDateLong, isIsoDate } from "~/compliance/dates";
import { transitionEnd } from "~/compliance/settings";
import { MILESTONE_MEASURE_LABELS } from "~/compliance/statutory";
import { pct } from "~/components/labels";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Settings · Competence & Conduct" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const view = await loadSettingsView(scope);
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    canEdit: can(user.role, "org.settings"),
    timeline: view.timeline,
    derived: view.derived,
    defaults: view.defaults,
    usingDefaultMilestones: view.usingDefaultMilestones,
    milestones: view.milestones,
    help: SETTING_HELP,
  };
}

// ---------------------------------------------------------------------------------------------
// Validation

const whole = (min: number, max: number) =>
  z
    .string()
    .transform((v) => v.replace(/[,\s]/g, ""))
    .refine((v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max, `Enter a whole number from ${min.toLocaleString("en-GB")} to ${max.toLocaleString("en-GB")}`)
    .transform(Number);

const optionalWhole = (min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max), `Enter a whole number from ${min} to ${max}, or leave it blank`)
    .transform((v) => (v === "" ? null : Number(v)));

const date = z
  .string()
  .trim()
  .refine((v) => isIsoDate(v), "Enter a real date");

const timelineSchema = textForm({
    homesOwned: whole(0, 10_000_000),
    inForceDate: date,
    transitionYearsOverride: optionalWhole(1, 10),
    qualifiedDeadlineOverride: z
      .string()
      .trim()
      .refine((v) => v === "" || isIsoDate(v), "Enter a real date, or leave it blank")
      .transform((v) => (v === "" ? null : v)),
    graceMonths: whole(0, 36),
    probationGraceMonths: whole(0, 36),
    lateJoinerMonths: whole(1, 120),
    courseMonthsLevel4: whole(1, 60),
    courseMonthsLevel5: whole(1, 60),
    absencesPauseClocks: z.enum(["on", "off"], { errorMap: () => ({ message: "Choose on or off" }) }).transform((v) => v === "on"),
    otherAbsencePausesClocks: z.enum(["on", "off"], { errorMap: () => ({ message: "Choose on or off" }) }).transform((v) => v === "on"),
    dateOrder: z.enum(["day_first", "month_first"], { errorMap: () => ({ message: "Choose how dates are written" }) }),
    workingTowardsStartMonths: whole(1, 36),
  }).superRefine((v, ctx) => {
    if (v.qualifiedDeadlineOverride && v.qualifiedDeadlineOverride < v.inForceDate) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["qualifiedDeadlineOverride"], message: "The qualified deadline cannot be before the in-force date" });
    }
  });

const milestoneSchema = textForm({
  name: z.string().trim().min(1, "Enter a name for the milestone").max(120, "Keep the name under 120 characters"),
  date,
  measure: z.enum(["statutory", "qualified_or_enrolled", "qualified"], { errorMap: () => ({ message: "Choose what is measured" }) }),
  targetPct: z
    .string()
    .trim()
    .refine((v) => /^\d{1,3}(\.\d)?$/.test(v) && Number(v) <= 100, "Enter a percentage from 0 to 100")
    .transform(Number),
});

type MilestoneField = "name" | "date" | "measure" | "targetPct";
const TIMELINE_NAMES: TimelineField[] = [
  "homesOwned",
  "inForceDate",
  "transitionYearsOverride",
  "qualifiedDeadlineOverride",
  "graceMonths",
  "probationGraceMonths",
  "lateJoinerMonths",
  "courseMonthsLevel4",
  "courseMonthsLevel5",
  "absencesPauseClocks",
  "otherAbsencePausesClocks",
  "dateOrder",
  "workingTowardsStartMonths",
];

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireOrgPermission(request, params.slug, "org.settings");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const text = (name: string) => String(form.get(name) ?? "");

  if (intent === "timeline") {
    const values = Object.fromEntries(TIMELINE_NAMES.map((n) => [n, text(n)])) as Record<TimelineField, string>;
    const parsed = parseForm(form, timelineSchema);
    if (!parsed.ok) return refused(parsed, { values, context: { intent, key: null } });
    const timeline = parsed.value;
    return respond(await updateTimeline(scope, timeline), (changed) => {
      if (changed.length === 0) return { ok: true as const, intent, notice: "Nothing changed." };
      const end = transitionEnd({ ...timeline, milestones: null });
      return {
        ok: true as const,
        intent,
        notice: `Saved: ${changed.map((f) => SETTING_HELP[f].label.toLowerCase()).join(", ")}. The transition ends on ${formatDateLong(end)}.`,
      };
    }, { values, context: { intent, key: null } });
  }

  if (intent === "milestone-add" || intent === "milestone-update") {
    const key = intent === "milestone-update" ? text("key") : null;
    const values: Record<MilestoneField, string> = { name: text("name"), date: text("date"), measure: text("measure"), targetPct: text("targetPct") };
    const parsed = parseForm(form, milestoneSchema);
    if (!parsed.ok) return refused(parsed, { values, context: { intent, key } });
    const milestone = parsed.value;
    if (key == null) return respond(await addMilestone(scope, milestone), () => ({ ok: true as const, intent, notice: `Added the milestone “${milestone.name}”.` }), { values, context: { intent, key } });
    return respond(await updateMilestone(scope, { key, ...milestone }), () => ({ ok: true as const, intent, notice: `Saved the milestone “${milestone.name}”.` }), { values, context: { intent, key } });
  }

  if (intent === "milestone-remove") {
    return respond(await removeMilestone(scope, { key: text("key") }), () => ({ ok: true as const, intent, notice: "Removed the milestone." }), { context: { intent, key: text("key") } });
  }

  if (intent === "confirm") {
    return respond(await confirmSettings(scope), () => ({ ok: true as const, intent, notice: "Recorded that you checked the settings and kept them." }), { context: { intent, key: null } });
  }

  if (intent === "milestones-restore") {
    return respond(await restoreDefaultMilestones(scope), ({ restored }) => ({
      ok: true as const,
      intent,
      notice: restored ? "Restored the default milestones." : "The default milestones are already in use.",
    }), { context: { intent, key: null } });
  }

  throw new Response("Unknown action", { status: 400 });
}

// ---------------------------------------------------------------------------------------------
// Page

type Help = { label: string; help: string; source: string };

function Field({
  name,
  help,
  error,
  defaultText,
  extra,
  children,
}: {
  name: string;
  help: Help;
  error?: string;
  defaultText?: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="field setting-field">
      <label htmlFor={name}>{help.label}</label>
      {children}
      {error ? (
        <span className="field-error" id={`${name}-error`}>
          {error}
        </span>
      ) : null}
      {extra}
      <span className="muted setting-help" id={`${name}-hint`}>
        {help.help}
        {defaultText ? ` Default: ${defaultText}.` : ""} <span className="setting-source">Source: {help.source}.</span>
      </span>
    </div>
  );
}

function describedBy(name: string, error: string | undefined) {
  return { "aria-describedby": error ? `${name}-error ${name}-hint` : `${name}-hint`, "aria-invalid": error ? (true as const) : undefined };
}

const MEASURE_LABELS = MILESTONE_MEASURE_LABELS;

export default function Settings() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const addRef = useRef<HTMLFormElement>(null);
  const base = `/orgs/${d.organisation.slug}`;
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  const failed = actionData && "errors" in actionData ? actionData : null;
  const timelineErrors: Errors = failed?.intent === "timeline" ? failed.errors : {};
  const timelineValues = failed?.intent === "timeline" ? (failed.values as Record<string, string>) : null;
  const submitting = navigation.state === "submitting";

  useEffect(() => {
    if (notice && actionData && "intent" in actionData && actionData.intent === "milestone-add") addRef.current?.reset();
  }, [actionData, notice]);

  const t = d.timeline;
  const v = (name: TimelineField, current: string | number | boolean | null): string => {
    if (timelineValues) return timelineValues[name] ?? "";
    if (typeof current === "boolean") return current ? "on" : "off";
    return current == null ? "" : String(current);
  };
  const derivedYearsText = `${d.derived.transitionYearsDerived} years (${d.timeline.homesOwned < d.derived.smallProviderThreshold ? "fewer than" : "at least"} ${d.derived.smallProviderThreshold.toLocaleString("en-GB")} homes)`;
  const milestoneErrorsFor = (intent: string, key: string | null) =>
    failed && failed.intent === intent && failed.key === key ? { errors: failed.errors, values: failed.values as Record<string, string> } : null;
  const addState = milestoneErrorsFor("milestone-add", null);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Settings</h1>
          <p>The timeline and milestones the compliance rules use for {d.organisation.name}. Every change is recorded with who made it and when.</p>
        </div>
      </div>

      {notice ? (
        <p className="notice success" role="status" data-testid="settings-notice">
          {notice}
        </p>
      ) : null}
      {failed ? (
        <p className="notice error" role="alert">
          Nothing was saved. Check the fields marked below.
        </p>
      ) : null}
      {!d.canEdit ? <p className="notice info">You can read the settings. HR leads and consultants change them.</p> : null}
      {d.canEdit ? (
        <Form method="post" action={`${base}/settings`} className="form-row no-print">
          <input type="hidden" name="intent" value="confirm" />
          <span className="muted">Read through the timeline and milestones below. If they are right for {d.organisation.name}:</span>
          <button type="submit" className="secondary">
            These settings are right
          </button>
        </Form>
      ) : null}

      <section className="tiles" aria-label="Timeline now">
        <div className="tile" data-measure="transition-end">
          <div className="label">Transition ends</div>
          <div className="value">{formatDateLong(d.derived.transitionEnd)}</div>
          <div className="sub">
            {d.derived.transitionYears} years after {formatDateLong(t.inForceDate)}
            {t.transitionYearsOverride != null ? " (set by you)" : " (derived from homes owned)"}
          </div>
        </div>
        <div className="tile" data-measure="qualified-deadline">
          <div className="label">Qualified deadline</div>
          <div className="value">{formatDateLong(d.derived.qualifiedDeadline)}</div>
          <div className="sub">{t.qualifiedDeadlineOverride ? "Set by you" : "The transition end"}</div>
        </div>
      </section>

      <section className="panel" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" style={{ marginTop: 0 }}>
          Timeline
        </h2>
        <Form method="post" action={`${base}/settings`} noValidate>
          <input type="hidden" name="intent" value="timeline" />
          <fieldset disabled={!d.canEdit} className="plain-fieldset">
            <legend className="visually-hidden">Timeline settings</legend>
            <div className="settings-grid">
              <Field name="homesOwned" help={d.help.homesOwned} error={timelineErrors.homesOwned}>
                <input id="homesOwned" name="homesOwned" type="text" inputMode="numeric" defaultValue={v("homesOwned", t.homesOwned)} {...describedBy("homesOwned", timelineErrors.homesOwned)} />
              </Field>
              <Field name="inForceDate" help={d.help.inForceDate} error={timelineErrors.inForceDate}>
                <input id="inForceDate" name="inForceDate" type="date" defaultValue={v("inForceDate", t.inForceDate)} {...describedBy("inForceDate", timelineErrors.inForceDate)} />
              </Field>
              <Field
                name="transitionYearsOverride"
                help={d.help.transitionYearsOverride}
                error={timelineErrors.transitionYearsOverride}
                extra={
                  <span className="derived" data-testid="derived-transition">
                    Derived: {derivedYearsText}, ending {formatDateLong(d.derived.transitionEndDerived)}.
                    {t.transitionYearsOverride != null ? ` In use: ${t.transitionYearsOverride} years, ending ${formatDateLong(d.derived.transitionEnd)}.` : ""}
                  </span>
                }
              >
                <input
                  id="transitionYearsOverride"
                  name="transitionYearsOverride"
                  type="number"
                  min={1}
                  max={10}
                  placeholder={`Derived: ${d.derived.transitionYearsDerived}`}
                  defaultValue={v("transitionYearsOverride", t.transitionYearsOverride)}
                  {...describedBy("transitionYearsOverride", timelineErrors.transitionYearsOverride)}
                />
              </Field>
              <Field
                name="qualifiedDeadlineOverride"
                help={d.help.qualifiedDeadlineOverride}
                error={timelineErrors.qualifiedDeadlineOverride}
                extra={<span className="derived">In use: {formatDateLong(d.derived.qualifiedDeadline)}.</span>}
              >
                <input
                  id="qualifiedDeadlineOverride"
                  name="qualifiedDeadlineOverride"
                  type="date"
                  defaultValue={v("qualifiedDeadlineOverride", t.qualifiedDeadlineOverride)}
                  {...describedBy("qualifiedDeadlineOverride", timelineErrors.qualifiedDeadlineOverride)}
                />
              </Field>
              <Field name="graceMonths" help={d.help.graceMonths} error={timelineErrors.graceMonths} defaultText={`${plural(d.defaults.graceMonths, "month")}`}>
                <input id="graceMonths" name="graceMonths" type="number" min={0} max={36} defaultValue={v("graceMonths", t.graceMonths)} {...describedBy("graceMonths", timelineErrors.graceMonths)} />
              </Field>
              <Field name="probationGraceMonths" help={d.help.probationGraceMonths} error={timelineErrors.probationGraceMonths} defaultText={`${plural(d.defaults.probationGraceMonths, "month")}`}>
                <input
                  id="probationGraceMonths"
                  name="probationGraceMonths"
                  type="number"
                  min={0}
                  max={36}
                  defaultValue={v("probationGraceMonths", t.probationGraceMonths)}
                  {...describedBy("probationGraceMonths", timelineErrors.probationGraceMonths)}
                />
              </Field>
              <Field name="lateJoinerMonths" help={d.help.lateJoinerMonths} error={timelineErrors.lateJoinerMonths} defaultText={`${plural(d.defaults.lateJoinerMonths, "month")}`}>
                <input
                  id="lateJoinerMonths"
                  name="lateJoinerMonths"
                  type="number"
                  min={1}
                  max={120}
                  defaultValue={v("lateJoinerMonths", t.lateJoinerMonths)}
                  {...describedBy("lateJoinerMonths", timelineErrors.lateJoinerMonths)}
                />
              </Field>
              <Field name="courseMonthsLevel4" help={d.help.courseMonthsLevel4} error={timelineErrors.courseMonthsLevel4} defaultText={`${plural(d.defaults.courseMonthsLevel4, "month")}`}>
                <input
                  id="courseMonthsLevel4"
                  name="courseMonthsLevel4"
                  type="number"
                  min={1}
                  max={60}
                  defaultValue={v("courseMonthsLevel4", t.courseMonthsLevel4)}
                  {...describedBy("courseMonthsLevel4", timelineErrors.courseMonthsLevel4)}
                />
              </Field>
              <Field name="courseMonthsLevel5" help={d.help.courseMonthsLevel5} error={timelineErrors.courseMonthsLevel5} defaultText={`${plural(d.defaults.courseMonthsLevel5, "month")}`}>
                <input
                  id="courseMonthsLevel5"
                  name="courseMonthsLevel5"
                  type="number"
                  min={1}
                  max={60}
                  defaultValue={v("courseMonthsLevel5", t.courseMonthsLevel5)}
                  {...describedBy("courseMonthsLevel5", timelineErrors.courseMonthsLevel5)}
                />
              </Field>
              <Field name="absencesPauseClocks" help={d.help.absencesPauseClocks} error={timelineErrors.absencesPauseClocks} defaultText={d.defaults.absencesPauseClocks ? "on" : "off"}>
                <select id="absencesPauseClocks" name="absencesPauseClocks" defaultValue={v("absencesPauseClocks", t.absencesPauseClocks)} {...describedBy("absencesPauseClocks", timelineErrors.absencesPauseClocks)}>
                  <option value="on">On: recorded absences pause the clocks</option>
                  <option value="off">Off: absences do not move dates</option>
                </select>
              </Field>
              <Field name="otherAbsencePausesClocks" help={d.help.otherAbsencePausesClocks} error={timelineErrors.otherAbsencePausesClocks} defaultText={d.defaults.otherAbsencePausesClocks ? "on" : "off"}>
                <select id="otherAbsencePausesClocks" name="otherAbsencePausesClocks" defaultValue={v("otherAbsencePausesClocks", t.otherAbsencePausesClocks)} {...describedBy("otherAbsencePausesClocks", timelineErrors.otherAbsencePausesClocks)}>
                  <option value="off">Off: only parental leave and long-term sickness pause the clocks</option>
                  <option value="on">On: other recorded absence pauses the clocks too</option>
                </select>
              </Field>
              <Field name="dateOrder" help={d.help.dateOrder} error={timelineErrors.dateOrder} defaultText={d.defaults.dateOrder === "day_first" ? "day first" : "month first"}>
                <select id="dateOrder" name="dateOrder" defaultValue={v("dateOrder", t.dateOrder)} {...describedBy("dateOrder", timelineErrors.dateOrder)}>
                  <option value="day_first">Day first (03/04/2026 = 3 April 2026)</option>
                  <option value="month_first">Month first (03/04/2026 = 4 March 2026)</option>
                </select>
              </Field>
              <Field
                name="workingTowardsStartMonths"
                help={d.help.workingTowardsStartMonths}
                error={timelineErrors.workingTowardsStartMonths}
                defaultText={`${plural(d.defaults.workingTowardsStartMonths, "month")}`}
              >
                <input
                  id="workingTowardsStartMonths"
                  name="workingTowardsStartMonths"
                  type="number"
                  min={1}
                  max={36}
                  defaultValue={v("workingTowardsStartMonths", t.workingTowardsStartMonths)}
                  {...describedBy("workingTowardsStartMonths", timelineErrors.workingTowardsStartMonths)}
                />
              </Field>
            </div>
            {d.canEdit ? (
              <button type="submit" disabled={submitting}>
                Save timeline
              </button>
            ) : null}
          </fieldset>
        </Form>
      </section>

      <section className="panel" aria-labelledby="milestones-heading">
        <h2 id="milestones-heading" style={{ marginTop: 0 }}>
          Milestones
        </h2>
        <p className="muted">
          {d.help.milestones.help} <span className="setting-source">Source: {d.help.milestones.source}.</span>
        </p>
        {d.usingDefaultMilestones ? (
          <p className="notice info" data-testid="milestones-defaults">
            These are the default milestones, derived from the timeline above. Changing, removing or adding one saves the whole list as your own; its dates then
            stay as saved when the timeline changes (restore the defaults to derive them again).
          </p>
        ) : (
          <div className="notice info" data-testid="milestones-custom">
            <p style={{ margin: 0 }}>These are your own milestones: their dates do not follow changes to the timeline.</p>
            {d.canEdit ? (
              <Form method="post" action={`${base}/settings`} className="inline-form">
                <input type="hidden" name="intent" value="milestones-restore" />
                <button type="submit" className="secondary" disabled={submitting}>
                  Restore the default milestones
                </button>
              </Form>
            ) : null}
          </div>
        )}

        {d.milestones.length === 0 ? <p>No milestones. Add one below.</p> : null}
        <ul className="milestone-list">
          {d.milestones.map((m) => {
            const state = milestoneErrorsFor("milestone-update", m.key);
            const errors: Errors = state?.errors ?? {};
            const values = state?.values ?? { name: m.name, date: m.date, measure: m.measure, targetPct: String(m.targetPct) };
            const id = (f: string) => `${m.key}-${f}`;
            return (
              <li key={m.key} className="milestone-item" data-milestone={m.name}>
                <Form method="post" action={`${base}/settings`} noValidate className="milestone-form" key={`${m.key}-${m.name}-${m.date}-${m.measure}-${m.targetPct}`}>
                  <input type="hidden" name="intent" value="milestone-update" />
                  <input type="hidden" name="key" value={m.key} />
                  <fieldset disabled={!d.canEdit} className="plain-fieldset">
                    <legend className="visually-hidden">Milestone: {m.name}</legend>
                    <MilestoneFields id={id} values={values} errors={errors} />
                    {d.canEdit ? (
                      <button type="submit" disabled={submitting}>
                        Save<span className="visually-hidden"> {m.name}</span>
                      </button>
                    ) : (
                      <span className="muted">
                        {MEASURE_LABELS[m.measure]} at least {pct(m.targetPct)} by {formatDateLong(m.date)}
                      </span>
                    )}
                  </fieldset>
                </Form>
                {d.canEdit ? (
                  <Form method="post" action={`${base}/settings`} className="inline-form">
                    <input type="hidden" name="intent" value="milestone-remove" />
                    <input type="hidden" name="key" value={m.key} />
                    <button type="submit" className="danger" disabled={submitting}>
                      Remove<span className="visually-hidden"> {m.name}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>

        {d.canEdit ? (
          <Form method="post" action={`${base}/settings`} noValidate ref={addRef} className="milestone-form add-milestone">
            <input type="hidden" name="intent" value="milestone-add" />
            <fieldset className="plain-fieldset">
              <legend>
                <strong>Add a milestone</strong>
              </legend>
              <MilestoneFields
                id={(f) => `new-${f}`}
                values={addState?.values ?? { name: "", date: "", measure: "qualified_or_enrolled", targetPct: "" }}
                errors={addState?.errors ?? {}}
              />
              <button type="submit" disabled={submitting}>
                Add milestone
              </button>
            </fieldset>
          </Form>
        ) : null}
      </section>
    </>
  );
}

function MilestoneFields({ id, values, errors }: { id: (field: string) => string; values: Record<string, string>; errors: Errors }) {
  const err = (f: MilestoneField) =>
    errors[f] ? (
      <span className="field-error" id={`${id(f)}-error`}>
        {errors[f]}
      </span>
    ) : null;
  const aria = (f: MilestoneField) => (errors[f] ? { "aria-invalid": true as const, "aria-describedby": `${id(f)}-error` } : {});
  return (
    <div className="form-row">
      <div className="field">
        <label htmlFor={id("name")}>Name</label>
        <input id={id("name")} name="name" type="text" defaultValue={values.name} {...aria("name")} />
        {err("name")}
      </div>
      <div className="field">
        <label htmlFor={id("date")}>Date</label>
        <input id={id("date")} name="date" type="date" defaultValue={values.date} {...aria("date")} />
        {err("date")}
      </div>
      <div className="field">
        <label htmlFor={id("measure")}>Measure</label>
        <select id={id("measure")} name="measure" defaultValue={values.measure} {...aria("measure")}>
          <option value="statutory">{MEASURE_LABELS.statutory} (the legal test)</option>
          <option value="qualified_or_enrolled">{MEASURE_LABELS.qualified_or_enrolled} (internal target)</option>
          <option value="qualified">{MEASURE_LABELS.qualified} (internal target)</option>
        </select>
        {err("measure")}
      </div>
      <div className="field">
        <label htmlFor={id("targetPct")}>Target (%)</label>
        <input id={id("targetPct")} name="targetPct" type="number" min={0} max={100} step={0.1} defaultValue={values.targetPct} {...aria("targetPct")} />
        {err("targetPct")}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
