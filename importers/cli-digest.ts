/** `digest send`: sends (or writes to the outbox) each organisation's digests for the current period; for cron. */
import { parseArgs } from "node:util";
import type { DB } from "../db/connection";
import { isIsoDate } from "../app/compliance/dates";
import { todayIso } from "../app/models/compliance.server";
import { openOrganisationScope } from "../app/models/organisation-scope.server";
import { createMailer, mailSettingsFromEnv } from "../app/models/reminders/mail-transport.server";
import { sendDigests, type DigestRun } from "../app/models/reminders/sending.server";
import { DIGEST_KIND_LABELS, SEND_STATUS_LABELS } from "../app/reminders/labels";
import { plural } from "../app/utils/plural";
import { RejectedError, UsageError } from "./cli-usage";

export interface DigestCommandContext {
  db: DB;
  json: boolean;
  databaseFile: string;
  stdout: (text: string) => void;
}


/** Exit status when every digest went, or was already sent; 5 when a delivery failed (logged; retried next run). */
export const EXIT_DELIVERY_FAILED = 5;

function describeRun(run: DigestRun): string {
  const c = run.counts;
  const head = run.dryRun
    ? `${run.organisation}: dry run, ${plural(c.would_send, "digest")} would be sent, ${c.skipped} skipped`
    : `${run.organisation}: ${c.sent} sent, ${c.written} written to the outbox, ${c.failed} failed, ${c.skipped} skipped`;
  const lines = [head];
  for (const o of run.outcomes) {
    const status = o.status === "would_send" ? "Would send" : o.status === "skipped" ? "Skipped" : SEND_STATUS_LABELS[o.status];
    lines.push(`  ${status}: ${DIGEST_KIND_LABELS[o.digest]} → ${o.recipient} (${plural(o.items, "item")})${o.detail ? `: ${o.detail}` : ""}`);
  }
  if (run.unreachable.length > 0) {
    lines.push(`  Could not be reached (${run.unreachable.length}):`);
    for (const u of run.unreachable) lines.push(`    ${u.name}${u.employeeRef ? ` (${u.employeeRef})` : ""}: ${u.why}; ${plural(u.items, "item")}`);
  }
  return lines.join("\n");
}

export async function digestSend(ctx: DigestCommandContext, args: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      options: { json: { type: "boolean" }, org: { type: "string" }, all: { type: "boolean" }, "dry-run": { type: "boolean" }, "as-of": { type: "string" } },
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (!values.all === !values.org) throw new UsageError("digest send takes --org <slug> or --all");
  const asOf = typeof values["as-of"] === "string" ? values["as-of"] : todayIso();
  if (!isIsoDate(asOf)) throw new UsageError(`--as-of must be a date YYYY-MM-DD (value "${asOf}")`);

  let query = ctx.db.selectFrom("organisations").selectAll().orderBy("slug");
  if (typeof values.org === "string") query = query.where("slug", "=", values.org);
  const organisations = await query.execute();
  if (organisations.length === 0) {
    if (typeof values.org === "string") throw new RejectedError(`No organisation with the slug "${values.org}"`);
    ctx.stdout(ctx.json ? `${JSON.stringify({ ok: true, runs: [] }, null, 2)}\n` : "No organisations\n");
    return 0;
  }
  const settings = mailSettingsFromEnv();
  const mailer = createMailer(settings, ctx.databaseFile);
  const runs: DigestRun[] = [];
  try {
    for (const organisation of organisations) {
      const scope = openOrganisationScope(ctx.db, organisation, { userId: null, name: "cli" }, todayIso());
      runs.push(await sendDigests(scope, mailer, { asOf, appUrl: settings.appUrl, dryRun: values["dry-run"] === true }));
    }
  } finally {
    mailer.close();
  }
  const failed = runs.reduce((n, r) => n + r.counts.failed, 0);
  if (ctx.json) ctx.stdout(`${JSON.stringify({ ok: failed === 0, mode: mailer.mode, destination: mailer.description, asOf, runs }, null, 2)}\n`);
  else ctx.stdout(`${mailer.mode === "smtp" ? `Mail server ${mailer.description}` : `No SMTP_URL: digests are written to ${mailer.description}`}\n${runs.map(describeRun).join("\n")}\n`);
  return failed > 0 ? EXIT_DELIVERY_FAILED : 0;
}
