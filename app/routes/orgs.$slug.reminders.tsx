import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { formatDateLong } from "~/compliance/dates";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pager } from "~/components/pager";
import { createMailer, deliveryOf, mailSettingsFromEnv } from "~/models/reminders/mail-transport.server";
import { parseRemindersQuery, remindersView } from "~/models/reminders/page.server";
import { sendDigests } from "~/models/reminders/sending.server";
import { saveReminderSettings } from "~/models/reminders/settings.server";
import { ACTION_KIND_LABELS, ACTION_KINDS, DIGEST_KIND_LABELS, SEND_STATUS_LABELS } from "~/reminders/labels";
import { periodLabel } from "~/reminders/periods";
import { requireOrgPermission } from "~/utils/access.server";
import { appEnv } from "~/utils/env.server";
import { can } from "~/utils/permissions";
import { plural } from "~/utils/plural";
import { formValues, respond } from "~/utils/respond.server";
import { formWideError } from "~/utils/form-refusal";

export const meta: MetaFunction = () => [{ title: "Reminders · Competence & Conduct" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const mail = mailSettingsFromEnv();
  const query = parseRemindersQuery(new URL(request.url).searchParams);
  const view = await remindersView(scope, query, mail.appUrl, deliveryOf(mail, appEnv().databaseFile));
  return { organisation: { slug: organisation.slug, name: organisation.name }, canManage: can(user.role, "org.reminders"), view };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireOrgPermission(request, params.slug, "org.reminders");
  const values = formValues(await request.formData());
  if (values.intent === "settings") {
    return respond(await saveReminderSettings(scope, values), () => ({ ok: true as const, intent: "settings" as const, notice: "Reminder settings saved", failed: 0 }), {
      values,
      context: { intent: "settings" as const },
    });
  }
  if (values.intent === "send") {
    const mail = mailSettingsFromEnv();
    const mailer = createMailer(mail, appEnv().databaseFile);
    try {
      const run = await sendDigests(scope, mailer, { asOf: scope.today, appUrl: mail.appUrl });
      const c = run.counts;
      const sentWord = run.mode === "smtp" ? `${plural(c.sent, "digest")} sent` : `${plural(c.written, "digest")} written to the outbox`;
      const parts = [sentWord, c.failed ? `${c.failed} failed (retried at the next run)` : null, c.skipped ? `${c.skipped} skipped (already sent this period, or nothing due)` : null].filter(Boolean);
      return { ok: true as const, intent: "send" as const, notice: `${parts.join("; ")}.`, failed: c.failed };
    } finally {
      mailer.close();
    }
  }
  throw new Response("Unknown action", { status: 400 });
}

/** The inside of the email's <body>, to show within the page. */
function emailBody(html: string): string {
  const match = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
  return match ? match[1] : html;
}

function StatusText({ status }: { status: string }) {
  return <span className={`send-status send-${status}`}>{SEND_STATUS_LABELS[status] ?? status}</span>;
}

export default function Reminders() {
  const { organisation, canManage, view } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const base = `/orgs/${organisation.slug}`;
  const busy = navigation.state === "submitting";
  const refused = actionData && !actionData.ok ? actionData : null;
  const settingsErrors = refused?.errors ?? null;
  const values = refused?.values ?? null;
  const s = view.settings;
  const href = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v == null) next.delete(k);
    else next.set(k, v);
    const q = next.toString();
    return q ? `?${q}` : "?";
  };

  return (
    <>
      <header className="page-header">
        <h1>Reminders</h1>
        <p className="muted">
          What needs action on {formatDateLong(view.asOf)}, and the digests that tell line managers, HR and executives.
        </p>
      </header>

      {actionData?.ok ? (
        <p className={`notice ${actionData.failed ? "error" : "success"}`} role="status">
          {actionData.notice}
        </p>
      ) : null}
      {formWideError(refused) ? <p className="notice error">{formWideError(refused)}</p> : null}

      <section className="tiles" aria-label="Action list in numbers">
        <div className="tile" data-measure="actions-overdue">
          <div className="label">Overdue</div>
          <div className="value">{view.counts.overdue.toLocaleString("en-GB")}</div>
        </div>
        <div className="tile" data-measure="actions-due-soon">
          <div className="label">Due soon</div>
          <div className="value">{view.counts.dueSoon.toLocaleString("en-GB")}</div>
          <div className="sub">
            enrol-by within {plural(s.leadTimes.enrolLeadDays, "day")}; other dates within {s.leadTimes.dueLeadDays}
          </div>
        </div>
        <div className="tile" data-measure="unreachable">
          <div className="label">Could not be reached</div>
          <div className="value">{view.unreachable.length.toLocaleString("en-GB")}</div>
          <div className="sub">
            <a href="#unreachable">who and why</a>
          </div>
        </div>
        <div className="tile" data-measure="digests-planned">
          <div className="label">Digests this period</div>
          <div className="value">{view.digests.length.toLocaleString("en-GB")}</div>
          <div className="sub">{view.digests.filter((d) => d.logged?.status === "sent" || d.logged?.status === "written").length} already sent</div>
        </div>
      </section>

      <section className="panel" aria-labelledby="actions-heading">
        <h2 id="actions-heading">Action list</h2>
        <Form method="get" className="form-row no-print">
          <div className="field">
            <label htmlFor="kind">Show</label>
            <select id="kind" name="kind" defaultValue={params.get("kind") ?? ""}>
              <option value="">Everything ({view.counts.total.toLocaleString("en-GB")})</option>
              {ACTION_KINDS.filter((k) => view.counts.byKind[k]).map((k) => (
                <option key={k} value={k}>
                  {ACTION_KIND_LABELS[k]} ({view.counts.byKind[k]!.toLocaleString("en-GB")})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button secondary">
            Show
          </button>
        </Form>
        {view.items.length === 0 ? (
          <p className="muted" data-testid="no-actions">
            Nothing needs action{params.get("kind") ? " of this kind" : ""}.
          </p>
        ) : (
          <div className="table-wrap">
            <table data-testid="action-list">
              <thead>
                <tr>
                  <th scope="col">Who or what</th>
                  <th scope="col">Action</th>
                  <th scope="col">Why</th>
                  <th scope="col">Date</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {view.items.map((item, i) => (
                  <tr key={`${item.kind}-${item.staffId ?? item.jobTitle}-${i}`} data-kind={item.kind}>
                    <td>
                      {item.employeeRef ? (
                        <Link to={`${base}/people/${encodeURIComponent(item.employeeRef)}`}>{item.personName}</Link>
                      ) : (
                        <Link to={`${base}/roles`}>{item.jobTitle}</Link>
                      )}
                      {item.employeeRef && item.jobTitle ? <div className="muted">{item.jobTitle}</div> : null}
                    </td>
                    <td>{ACTION_KIND_LABELS[item.kind]}</td>
                    <td>{item.reason}</td>
                    <td>{item.date ? formatDateLong(item.date) : "–"}</td>
                    <td>{item.overdue ? <strong>Overdue</strong> : "Due soon"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager label="Action list pages" page={view.page} pageCount={view.pageCount} href={(p) => href({ page: String(p) })} />
      </section>

      <section className="panel" aria-labelledby="digests-heading">
        <h2 id="digests-heading">Digests this period</h2>
        <p>
          {view.delivery.mode === "smtp" ? (
            <>Digests are sent through the mail server {view.delivery.destination}.</>
          ) : (
            <>
              No mail server is set (<code>SMTP_URL</code>): digests are written as <code>.eml</code> files to the outbox folder{" "}
              <code>{view.delivery.destination}</code> and listed in the send log below.
            </>
          )}{" "}
          Line managers and HR hear {s.digests.frequency === "weekly" ? "weekly" : "monthly"}, executives monthly. A second send in
          the same period sends nothing again; a failed delivery is retried at the next send.
        </p>
        {view.switchedOff.length > 0 ? (
          <p className="muted">Switched off: {view.switchedOff.map((k) => DIGEST_KIND_LABELS[k as keyof typeof DIGEST_KIND_LABELS]).join(", ")}.</p>
        ) : null}
        {view.digests.length === 0 ? (
          <p className="muted">No digest has anyone to go to.</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="digests">
              <thead>
                <tr>
                  <th scope="col">Digest</th>
                  <th scope="col">To</th>
                  <th scope="col">Period</th>
                  <th scope="col">Items</th>
                  <th scope="col">This period</th>
                  <th scope="col">
                    <span className="visually-hidden">Preview</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.digests.map((d) => (
                  <tr key={d.key}>
                    <td>{DIGEST_KIND_LABELS[d.kind]}</td>
                    <td>
                      {d.recipientName} &lt;{d.recipient}&gt;
                      {d.cc.length ? <div className="muted">copied to {d.cc.join(", ")}</div> : null}
                    </td>
                    <td>{periodLabel(d.period)}</td>
                    <td>{d.kind === "executive" && d.items === 0 ? "summary" : d.items}</td>
                    <td>{d.logged ? <StatusText status={d.logged.status} /> : d.items === 0 && d.kind !== "executive" ? "Nothing due" : "Not sent yet"}</td>
                    <td>
                      <Link to={`${href({ preview: d.key })}#preview`} preventScrollReset>
                        Preview
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canManage ? (
          <Form method="post" className="no-print">
            <input type="hidden" name="intent" value="send" />
            <button type="submit" className="button" disabled={busy}>
              {busy && navigation.formData?.get("intent") === "send" ? "Sending…" : "Send now"}
            </button>{" "}
            <span className="muted">sends what this period still owes (as the scheduled send would)</span>
          </Form>
        ) : null}
      </section>

      {view.preview ? (
        <section className="panel" id="preview" aria-labelledby="preview-heading" data-testid="digest-preview">
          <h2 id="preview-heading">Preview: {view.preview.subject}</h2>
          <p>
            To {view.preview.to}
            {view.preview.cc.length ? `, copied to ${view.preview.cc.join(", ")}` : ""}.{" "}
            <Link to={href({ preview: null })} preventScrollReset>
              Close the preview
            </Link>
          </p>
          {/* The email's own HTML (composeDigest escapes every value it puts in; no scripts, only links and styles). */}
          <div className="digest-preview" data-testid="digest-html" dangerouslySetInnerHTML={{ __html: emailBody(view.preview.html) }} />
          <details>
            <summary>Plain-text part</summary>
            <pre className="digest-text">{view.preview.text}</pre>
          </details>
        </section>
      ) : null}

      <section className="panel" id="unreachable" aria-labelledby="unreachable-heading">
        <h2 id="unreachable-heading">Could not be reached</h2>
        {view.unreachable.length === 0 ? (
          <p className="muted">Every line manager with actions for their team has an email address.</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="unreachable">
              <thead>
                <tr>
                  <th scope="col">Who</th>
                  <th scope="col">Why</th>
                  <th scope="col">Items they would get</th>
                </tr>
              </thead>
              <tbody>
                {view.unreachable.map((u) => (
                  <tr key={`${u.employeeRef}-${u.why}`}>
                    <td>
                      {u.employeeRef && !u.name.startsWith("Manager ") ? <Link to={`${base}/people/${encodeURIComponent(u.employeeRef)}`}>{u.name}</Link> : u.name}
                    </td>
                    <td>{u.why}</td>
                    <td>{u.items}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted">HR's digest still lists every item, so nothing is lost; add the missing email addresses or managers in the next staff import.</p>
      </section>

      {canManage ? (
        <section className="panel" aria-labelledby="settings-heading">
          <h2 id="settings-heading">Digest settings</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="settings" />
            <fieldset>
              <legend>Which digests</legend>
              <div className="checkbox-row">
                <input type="checkbox" id="lineManagerDigest" name="lineManagerDigest" defaultChecked={values ? values.lineManagerDigest === "on" : s.digests.lineManagerDigest} />
                <label htmlFor="lineManagerDigest">Line managers: the actions for the people they manage</label>
              </div>
              <div className="checkbox-row">
                <input type="checkbox" id="hrDigest" name="hrDigest" defaultChecked={values ? values.hrDigest === "on" : s.digests.hrDigest} />
                <label htmlFor="hrDigest">HR leads and consultants: every action</label>
              </div>
              <div className="checkbox-row">
                <input type="checkbox" id="executiveDigest" name="executiveDigest" defaultChecked={values ? values.executiveDigest === "on" : s.digests.executiveDigest} />
                <label htmlFor="executiveDigest">Executives: a monthly summary</label>
              </div>
              <div className="checkbox-row">
                <input type="checkbox" id="executiveNames" name="executiveNames" defaultChecked={values ? values.executiveNames === "on" : s.digests.executiveNames} />
                <label htmlFor="executiveNames">Executive summaries name the people (otherwise counts only)</label>
              </div>
            </fieldset>
            <div className="form-row">
              <div className="field">
                <label htmlFor="frequency">Line managers and HR hear</label>
                <select id="frequency" name="frequency" defaultValue={values?.frequency ?? s.digests.frequency}>
                  <option value="weekly">Weekly</option>
                  <option value="monthly">Monthly</option>
                </select>
                {settingsErrors && "frequency" in settingsErrors ? <p className="field-error">{settingsErrors.frequency}</p> : null}
              </div>
              <div className="field">
                <label htmlFor="enrolLeadDays">Enrol-by lead time (days)</label>
                <input id="enrolLeadDays" name="enrolLeadDays" inputMode="numeric" defaultValue={values?.enrolLeadDays ?? s.leadTimes.enrolLeadDays} aria-invalid={settingsErrors && "enrolLeadDays" in settingsErrors ? true : undefined} />
                {settingsErrors && "enrolLeadDays" in settingsErrors ? <p className="field-error">{settingsErrors.enrolLeadDays}</p> : null}
              </div>
              <div className="field">
                <label htmlFor="dueLeadDays">Lead time for other dates (days)</label>
                <input id="dueLeadDays" name="dueLeadDays" inputMode="numeric" defaultValue={values?.dueLeadDays ?? s.leadTimes.dueLeadDays} aria-invalid={settingsErrors && "dueLeadDays" in settingsErrors ? true : undefined} />
                {settingsErrors && "dueLeadDays" in settingsErrors ? <p className="field-error">{settingsErrors.dueLeadDays}</p> : null}
              </div>
            </div>
            <div className="field">
              <label htmlFor="copyTo">Copy HR digests to (email addresses, separated by commas)</label>
              <input id="copyTo" name="copyTo" defaultValue={values?.copyTo ?? s.digests.copyTo.join(", ")} aria-invalid={settingsErrors && "copyTo" in settingsErrors ? true : undefined} />
              {settingsErrors && "copyTo" in settingsErrors ? <p className="field-error">{settingsErrors.copyTo}</p> : null}
            </div>
            <button type="submit" className="button" disabled={busy}>
              Save settings
            </button>
          </Form>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="log-heading">
        <h2 id="log-heading">Send log</h2>
        {view.log.length === 0 ? (
          <p className="muted">Nothing sent yet.</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="send-log">
              <thead>
                <tr>
                  <th scope="col">When (UTC)</th>
                  <th scope="col">Digest</th>
                  <th scope="col">To</th>
                  <th scope="col">Period</th>
                  <th scope="col">Result</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {view.log.map((l) => (
                  <tr key={l.id}>
                    <td>{l.updatedAt.slice(0, 16).replace("T", " ")}</td>
                    <td>{DIGEST_KIND_LABELS[l.digest]}</td>
                    <td>{l.recipient}</td>
                    <td>{periodLabel(l.period)}</td>
                    <td>
                      <StatusText status={l.status} />
                      {l.error ? <div className="muted">{l.error}</div> : null}
                      {l.outboxFile && canManage ? (
                        <div>
                          <a href={`${base}/reminders/outbox/${l.id}.eml`} download>
                            {l.outboxFile}
                          </a>
                        </div>
                      ) : null}
                    </td>
                    <td>{l.attempts}</td>
                    <td>{l.sentBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
