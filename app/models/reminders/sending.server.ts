/**
 * Plans and sends an organisation's digests for the current period. Idempotent per period: each (digest,
 * recipient, period) is claimed once in the send log; a second run in the same period sends nothing and says
 * so; a failed delivery stays in the log as failed and is retried at the next run. Every outcome is logged.
 */
import type { DigestKindValue } from "../../../db/schema";
import type { IsoDate } from "../../compliance/types";
import { composeDigest, type DigestMessage } from "../../reminders/digest-content";
import { executiveDigests, hrDigests, lineManagerDigests, type PlannedDigest, type Unreachable } from "../../reminders/digests";
import { periodLabel, periodOf } from "../../reminders/periods";
import type { OrganisationScope } from "../organisation-scope.server";
import { organisationReminders, type OrganisationReminders } from "./action-list.server";
import type { Mailer } from "./mail-transport.server";

export interface DigestToSend extends PlannedDigest {
  period: string;
  message: DigestMessage;
}

export interface DigestPlan {
  reminders: OrganisationReminders;
  digests: DigestToSend[];
  unreachable: Unreachable[];
  /** Digest kinds the settings switch off. */
  switchedOff: DigestKindValue[];
}

/** Every digest the organisation would send at `asOf`, with its words (the preview page shows these). */
export async function planDigests(scope: OrganisationScope, asOf: IsoDate, appUrl: string): Promise<DigestPlan> {
  const reminders = await organisationReminders(scope, asOf);
  const { digests: settings } = reminders.settings;
  const lineManagers = lineManagerDigests(reminders.items, reminders.staff);
  const planned: PlannedDigest[] = [
    ...(settings.lineManagerDigest ? lineManagers.digests : []),
    ...(settings.hrDigest ? hrDigests(reminders.items, reminders.users, settings) : []),
    ...(settings.executiveDigest ? executiveDigests(reminders.items, reminders.users, settings) : []),
  ];
  const digests = planned.map((d) => {
    const period = periodOf(d.kind === "executive" ? "monthly" : settings.frequency, asOf);
    const message = composeDigest(d, {
      organisationName: scope.organisation.name,
      slug: scope.organisation.slug,
      baseUrl: appUrl,
      asOf,
      period,
      summary: reminders.summary,
    });
    return { ...d, period, message };
  });
  const switchedOff: DigestKindValue[] = [];
  if (!settings.lineManagerDigest) switchedOff.push("line_manager");
  if (!settings.hrDigest) switchedOff.push("hr");
  if (!settings.executiveDigest) switchedOff.push("executive");
  return { reminders, digests, unreachable: lineManagers.unreachable, switchedOff };
}

export type SendOutcomeStatus = "sent" | "written" | "failed" | "skipped" | "would_send";

export interface SendOutcome {
  digest: DigestKindValue;
  recipient: string;
  period: string;
  subject: string;
  items: number;
  status: SendOutcomeStatus;
  /** Why it was skipped, or the delivery error. */
  detail: string | null;
  attempts: number;
}

export interface DigestRun {
  organisation: string;
  mode: Mailer["mode"];
  destination: string;
  dryRun: boolean;
  outcomes: SendOutcome[];
  unreachable: Unreachable[];
  counts: Record<SendOutcomeStatus, number>;
}

/** A claim older than this is taken to be from a run that died mid-send, and is retried. */
export const STALE_CLAIM_MS = 15 * 60 * 1000;

export interface SendOptions {
  asOf: IsoDate;
  appUrl: string;
  dryRun?: boolean;
  now?: Date;
}

function countOutcomes(outcomes: readonly SendOutcome[]): Record<SendOutcomeStatus, number> {
  const counts: Record<SendOutcomeStatus, number> = { sent: 0, written: 0, failed: 0, skipped: 0, would_send: 0 };
  for (const o of outcomes) counts[o.status]++;
  return counts;
}

export async function sendDigests(scope: OrganisationScope, mailer: Mailer, options: SendOptions): Promise<DigestRun> {
  const now = options.now ?? new Date();
  const plan = await planDigests(scope, options.asOf, options.appUrl);
  const outcomes: SendOutcome[] = [];
  const toSend: Array<{ digest: DigestToSend; id: number; attempts: number }> = [];

  const existing = await scope.selectFrom("digest_sends").selectAll().where("period", "in", [...new Set(plan.digests.map((d) => d.period)), ""]).execute();
  const logged = new Map(existing.map((r) => [`${r.digest}|${r.recipient.toLowerCase()}|${r.period}`, r]));

  const claimable: DigestToSend[] = [];
  for (const digest of plan.digests) {
    const base = { digest: digest.kind, recipient: digest.recipient.email, period: digest.period, subject: digest.message.subject, items: digest.items.length };
    if (digest.items.length === 0 && digest.kind !== "executive") {
      outcomes.push({ ...base, status: "skipped", detail: "Nothing due", attempts: 0 });
      continue;
    }
    const row = logged.get(`${digest.kind}|${digest.recipient.email.toLowerCase()}|${digest.period}`);
    if (row && (row.status === "sent" || row.status === "written")) {
      outcomes.push({ ...base, status: "skipped", detail: `Already ${row.status === "sent" ? "sent" : "written to the outbox"} for ${periodLabel(digest.period)} (${row.updated_at.slice(0, 16).replace("T", " ")} UTC)`, attempts: row.attempts });
      continue;
    }
    if (row && row.status === "sending" && now.getTime() - Date.parse(row.updated_at) < STALE_CLAIM_MS) {
      outcomes.push({ ...base, status: "skipped", detail: "Another run is sending it now", attempts: row.attempts });
      continue;
    }
    if (options.dryRun) {
      outcomes.push({ ...base, status: "would_send", detail: row?.status === "failed" ? `Retry: the last attempt failed (${row.error ?? "no reason given"})` : null, attempts: row?.attempts ?? 0 });
      continue;
    }
    claimable.push(digest);
  }

  if (claimable.length > 0) {
    const stamp = now.toISOString();
    const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
    // One transaction claims every digest of this run; a concurrent run waits, then finds them claimed.
    await scope.write(
      async (w) => {
        for (const digest of claimable) {
          const values = {
            digest: digest.kind,
            recipient: digest.recipient.email.toLowerCase(),
            cc: digest.cc.length ? digest.cc.join(", ") : null,
            period: digest.period,
            subject: digest.message.subject,
            item_count: digest.items.length,
            sent_by: scope.actor.name,
          };
          const inserted = await w
            .insertInto("digest_sends", { ...values, status: "sending", attempts: 1, created_at: stamp, updated_at: stamp })
            .onConflict((oc) => oc.columns(["organisation_id", "digest", "recipient", "period"]).doNothing())
            .returning(["id", "attempts"])
            .executeTakeFirst();
          if (inserted) {
            toSend.push({ digest, id: inserted.id, attempts: inserted.attempts });
            continue;
          }
          const retried = await w
            .updateTable("digest_sends")
            .set((eb) => ({ ...values, status: "sending", error: null, attempts: eb("attempts", "+", 1), updated_at: stamp }))
            .where("digest", "=", digest.kind)
            .where("recipient", "=", digest.recipient.email.toLowerCase())
            .where("period", "=", digest.period)
            .where((eb) => eb.or([eb("status", "=", "failed"), eb.and([eb("status", "=", "sending"), eb("updated_at", "<", staleBefore)])]))
            .returning(["id", "attempts"])
            .executeTakeFirst();
          if (retried) toSend.push({ digest, id: retried.id, attempts: retried.attempts });
          else
            outcomes.push({
              digest: digest.kind,
              recipient: digest.recipient.email,
              period: digest.period,
              subject: digest.message.subject,
              items: digest.items.length,
              status: "skipped",
              detail: "Another run sent it or is sending it",
              attempts: 0,
            });
        }
      },
      { unaudited: "claims in the digest send log, which is itself the record; the run's audit event follows" },
    );
  }

  for (const { digest, id, attempts } of toSend) {
    const base = { digest: digest.kind, recipient: digest.recipient.email, period: digest.period, subject: digest.message.subject, items: digest.items.length, attempts };
    let outcome: SendOutcome;
    let update: { status: "sent" | "written" | "failed"; error: string | null; message_id: string | null; outbox_file: string | null };
    try {
      const delivery = await mailer.send(
        { to: digest.recipient.email, cc: digest.cc, subject: digest.message.subject, text: digest.message.text, html: digest.message.html },
        `${scope.organisation.slug}-${digest.kind}`,
      );
      const status = mailer.mode === "smtp" ? "sent" : "written";
      update = { status, error: null, message_id: delivery.messageId, outbox_file: delivery.outboxFile };
      outcome = { ...base, status, detail: delivery.outboxFile };
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      update = { status: "failed", error: message, message_id: null, outbox_file: null };
      outcome = { ...base, status: "failed", detail: message };
    }
    await scope.write(
      async (w) => {
        await w.updateTable("digest_sends").set({ ...update, updated_at: new Date().toISOString() }).where("id", "=", id).execute();
      },
      { unaudited: "a delivery result in the digest send log; the run's audit event follows" },
    );
    outcomes.push(outcome);
  }

  const counts = countOutcomes(outcomes);
  if (!options.dryRun && toSend.length > 0) {
    await scope.write(async (w) => {
      await w.audit({
        action: "reminders.send",
        entity: "digest",
        summary: `Digests: ${counts.sent} sent, ${counts.written} written to the outbox, ${counts.failed} failed, ${counts.skipped} skipped`,
        after: { counts, mode: mailer.mode },
      });
    });
  }
  return {
    organisation: scope.organisation.slug,
    mode: mailer.mode,
    destination: mailer.description,
    dryRun: options.dryRun ?? false,
    outcomes,
    unreachable: plan.unreachable,
    counts,
  };
}

export interface DigestLogEntry {
  id: number;
  digest: DigestKindValue;
  recipient: string;
  cc: string | null;
  period: string;
  subject: string;
  items: number;
  status: string;
  error: string | null;
  attempts: number;
  outboxFile: string | null;
  sentBy: string;
  updatedAt: string;
}

/** The send log, newest first. */
export async function digestLog(scope: OrganisationScope, limit = 100): Promise<DigestLogEntry[]> {
  const rows = await scope.selectFrom("digest_sends").selectAll().orderBy("updated_at", "desc").orderBy("id", "desc").limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    digest: r.digest,
    recipient: r.recipient,
    cc: r.cc,
    period: r.period,
    subject: r.subject,
    items: r.item_count,
    status: r.status,
    error: r.error,
    attempts: r.attempts,
    outboxFile: r.outbox_file,
    sentBy: r.sent_by,
    updatedAt: r.updated_at,
  }));
}

/** One logged send with an outbox file, if it is this organisation's. */
export async function outboxEntry(scope: OrganisationScope, id: number): Promise<{ file: string; subject: string } | null> {
  const row = await scope.selectFrom("digest_sends").select(["outbox_file", "subject"]).where("id", "=", id).executeTakeFirst();
  return row?.outbox_file ? { file: row.outbox_file, subject: row.subject } : null;
}
