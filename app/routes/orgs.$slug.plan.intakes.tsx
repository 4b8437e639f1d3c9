import { plural } from "~/utils/plural";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { requireOrgPermission } from "~/utils/access.server";
import { parseForm, refused, respond } from "~/utils/respond.server";
import { textForm } from "~/utils/text-form";
import { can } from "~/utils/permissions";
import { buildWorkforcePlan } from "~/models/workforce-plan/building.server";
import { addIntake, intakeQualifications, removeIntake, updateIntake, type IntakeInput } from "~/models/workforce-plan/intakes.server";
import { formatDateLong, isIsoDate } from "~/compliance/dates";
import { formatPounds, parsePounds, poundsInput } from "~/planning/summary";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Intakes · Workforce development plan · Competence & Conduct" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const asOf = scope.today;
  const [plan, qualifications] = await Promise.all([buildWorkforcePlan(scope, asOf), intakeQualifications(scope)]);
  const usage = new Map(plan.result.intakes.map((u) => [u.intakeId, u]));
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    asOf,
    canEdit: can(user.role, "org.records"),
    qualifications: qualifications.map((q) => ({ id: q.id, title: q.title, level: q.level, typicalMonths: q.typicalMonths })),
    intakes: plan.intakes.map((i) => ({ ...i, learners: usage.get(i.id)?.assigned ?? 0 })),
  };
}

// ---------------------------------------------------------------------------------------------
// Validation

const FIELDS = ["qualificationId", "provider", "startDate", "capacity", "price", "courseMonths", "note"] as const;
type Field = (typeof FIELDS)[number];
type Errors = Record<string, string>;

function intakeSchema(qualificationIds: ReadonlySet<number>) {
  return textForm({
    qualificationId: z
      .string()
      .trim()
      .refine((v) => /^\d{1,12}$/.test(v) && qualificationIds.has(Number(v)), "Choose a recognised Level 4 or 5 qualification")
      .transform(Number),
    provider: z.string().trim().min(1, "Enter the training provider").max(120, "Keep the provider under 120 characters"),
    startDate: z
      .string()
      .trim()
      .refine((v) => isIsoDate(v) && v >= "2000-01-01" && v <= "2099-12-31", "Enter a real start date"),
    capacity: z
      .string()
      .trim()
      .refine((v) => /^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 10000, "Enter the number of places, from 1 to 10,000")
      .transform(Number),
    price: z
      .string()
      .trim()
      .refine((v) => parsePounds(v) != null, "Enter the price per learner in pounds, e.g. 1650 or 1650.50")
      .transform((v) => parsePounds(v)!),
    courseMonths: z
      .string()
      .trim()
      .refine((v) => v === "" || (/^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 72), "Enter months from 1 to 72, or leave it blank")
      .transform((v) => (v === "" ? null : Number(v))),
    note: z
      .string()
      .trim()
      .max(500, "Keep the note under 500 characters")
      .transform((v) => (v === "" ? null : v)),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireOrgPermission(request, params.slug, "org.records");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const text = (name: string) => String(form.get(name) ?? "");
  const key = text("id");

  if (intent === "intake-add" || intent === "intake-update") {
    const values = Object.fromEntries(FIELDS.map((f) => [f, text(f)])) as Record<Field, string>;
    const qualifications = await intakeQualifications(scope);
    const parsed = parseForm(form, intakeSchema(new Set(qualifications.map((q) => q.id))));
    const id = intent === "intake-update" ? (/^\d{1,12}$/.test(key) ? Number(key) : null) : null;
    if (intent === "intake-update" && id == null) throw new Response("Not found", { status: 404 });
    if (!parsed.ok) return refused(parsed, { values, context: { intent, key: id } });
    const { price: pricePence, ...intake } = parsed.value;
    const input: IntakeInput = { ...intake, pricePence };
    if (id == null) {
      await addIntake(scope, input);
      return { ok: true as const, intent, key: null, notice: `Added the intake with ${input.provider} starting ${formatDateLong(input.startDate)}.` };
    }
    return respond(await updateIntake(scope, { ...input, intakeId: id }), () => ({ ok: true as const, intent, key: id, notice: `Saved the intake with ${input.provider} starting ${formatDateLong(input.startDate)}.` }), { values, context: { intent, key: id } });
  }

  if (intent === "intake-remove") {
    if (!/^\d{1,12}$/.test(key)) throw new Response("Not found", { status: 404 });
    return respond(await removeIntake(scope, { intakeId: Number(key) }), ({ pins }) => ({ ok: true as const, intent, key: null, notice: `Removed the intake${pins ? ` and ${pins} pin${pins === 1 ? "" : "s"} onto it` : ""}.` }), { context: { intent, key: Number(key) } });
  }

  throw new Response("Unknown action", { status: 400 });
}

// ---------------------------------------------------------------------------------------------
// Page

type Values = Partial<Record<Field, string>>;

function IntakeFields({ prefix, values, errors, qualifications }: { prefix: string; values: Values; errors: Errors; qualifications: Array<{ id: number; title: string; level: number; typicalMonths: number | null }> }) {
  const field = (name: Field, label: string, input: JSX.Element, hint?: string) => (
    <div className="field">
      <label htmlFor={`${prefix}-${name}`}>{label}</label>
      {input}
      {hint ? <span className="muted">{hint}</span> : null}
      {errors[name] ? (
        <span className="field-error" id={`${prefix}-${name}-error`}>
          {errors[name]}
        </span>
      ) : null}
    </div>
  );
  const invalid = (name: Field) => (errors[name] ? { "aria-invalid": true as const, "aria-describedby": `${prefix}-${name}-error` } : {});
  return (
    <div className="form-grid">
      {field(
        "qualificationId",
        "Qualification",
        <select id={`${prefix}-qualificationId`} name="qualificationId" defaultValue={values.qualificationId ?? ""} {...invalid("qualificationId")}>
          <option value="">Choose a qualification</option>
          {qualifications.map((q) => (
            <option key={q.id} value={q.id}>
              Level {q.level}: {q.title}
              {q.typicalMonths ? ` (${plural(q.typicalMonths, "month")})` : ""}
            </option>
          ))}
        </select>,
      )}
      {field("provider", "Provider", <input id={`${prefix}-provider`} name="provider" defaultValue={values.provider ?? ""} maxLength={120} {...invalid("provider")} />)}
      {field("startDate", "Starts", <input id={`${prefix}-startDate`} name="startDate" type="date" defaultValue={values.startDate ?? ""} {...invalid("startDate")} />)}
      {field("capacity", "Places", <input id={`${prefix}-capacity`} name="capacity" inputMode="numeric" defaultValue={values.capacity ?? ""} {...invalid("capacity")} />)}
      {field("price", "Price per learner (£)", <input id={`${prefix}-price`} name="price" inputMode="decimal" defaultValue={values.price ?? ""} {...invalid("price")} />, "Whole qualification; top-ups pay pro rata by credits")}
      {field(
        "courseMonths",
        "Course length (months)",
        <input id={`${prefix}-courseMonths`} name="courseMonths" inputMode="numeric" defaultValue={values.courseMonths ?? ""} {...invalid("courseMonths")} />,
        "Blank = the qualification's typical length",
      )}
      {field("note", "Note", <input id={`${prefix}-note`} name="note" defaultValue={values.note ?? ""} maxLength={500} {...invalid("note")} />)}
    </div>
  );
}

export default function Intakes() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const addRef = useRef<HTMLFormElement>(null);
  const busy = navigation.state !== "idle";
  const base = `/orgs/${d.organisation.slug}`;
  const notice = actionData && actionData.ok ? actionData.notice : null;
  const failed = actionData && !actionData.ok ? actionData : null;
  const stateFor = (intent: string, key: number | null) =>
    failed && failed.intent === intent && failed.key === key ? { errors: failed.errors as Errors, values: failed.values as Values } : null;
  const addState = stateFor("intake-add", null);

  useEffect(() => {
    if (notice && actionData && actionData.intent === "intake-add") addRef.current?.reset();
  }, [actionData, notice]);

  return (
    <>
      <div className="page-header">
        <div>
          <p className="breadcrumb">
            <Link to={`${base}/plan`}>Workforce development plan</Link> ›
          </p>
          <h1>Intakes</h1>
          <p>Course intakes the plan can place people on: provider, qualification, start date, places and price per learner.</p>
        </div>
      </div>
      {notice ? (
        <p className="notice success" role="status">
          {notice}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="intake-list-title">
        <h2 id="intake-list-title" style={{ marginTop: 0 }}>
          Intakes ({d.intakes.length})
        </h2>
        {d.intakes.length === 0 ? <p>No intakes yet. Add the courses your providers offer below.</p> : null}
        <ul className="milestone-list">
          {d.intakes.map((i) => {
            const state = stateFor("intake-update", i.id);
            const values: Values = state?.values ?? {
              qualificationId: String(i.qualificationId),
              provider: i.provider,
              startDate: i.startDate,
              capacity: String(i.capacity),
              price: poundsInput(i.pricePence),
              courseMonths: i.courseMonths == null ? "" : String(i.courseMonths),
              note: i.note ?? "",
            };
            return (
              <li key={i.id} className="milestone-item" data-intake-id={i.id}>
                <div style={{ flex: "1 1 100%" }}>
                  <strong>{i.qualificationTitle}</strong> · {i.provider} · {formatDateLong(i.startDate)} to {formatDateLong(i.expectedCompletion)} ({plural(i.effectiveMonths, "month")}) · {i.capacity} places at{" "}
                  {formatPounds(i.pricePence)} · <span data-learners={i.learners}>{i.learners} in today's plan</span>
                  {i.startDate < d.asOf ? <span className="muted"> · already started (not bookable)</span> : null}
                  {i.note ? <div className="muted">{i.note}</div> : null}
                </div>
                {d.canEdit ? (
                  <details className="milestone-form" open={state != null}>
                    <summary>Change or remove</summary>
                    <Form method="post">
                      <input type="hidden" name="intent" value="intake-update" />
                      <input type="hidden" name="id" value={i.id} />
                      <IntakeFields prefix={`intake-${i.id}`} values={values} errors={state?.errors ?? {}} qualifications={d.qualifications} />
                      <button type="submit" disabled={busy}>
                        Save the intake
                      </button>
                    </Form>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="intake-remove" />
                      <input type="hidden" name="id" value={i.id} />
                      <button type="submit" className="danger" disabled={busy}>
                        Remove the intake
                      </button>
                    </Form>
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      {d.canEdit ? (
        <section className="panel" aria-labelledby="intake-add-title">
          <h2 id="intake-add-title" style={{ marginTop: 0 }}>
            Add an intake
          </h2>
          <Form method="post" ref={addRef}>
            <input type="hidden" name="intent" value="intake-add" />
            <IntakeFields prefix="add" values={addState?.values ?? {}} errors={addState?.errors ?? {}} qualifications={d.qualifications} />
            <button type="submit" disabled={busy}>
              Add the intake
            </button>
          </Form>
        </section>
      ) : (
        <p className="muted">Only HR, consultants and administrators can add, change or remove intakes.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
