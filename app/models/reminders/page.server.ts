/** What the reminders page shows: the action list (filtered and paged), this period's digests with their
 * previews and send status, who could not be reached, the send log and the outbox. */
import type { IsoDate } from "../../compliance/types";
import { ACTION_KINDS } from "../../reminders/labels";
import type { ActionItem, ActionKind } from "../../reminders/types";
import type { OrganisationScope } from "../organisation-scope.server";
import { planDigests, digestLog, type DigestLogEntry } from "./sending.server";
import type { Mailer } from "./mail-transport.server";
import type { Unreachable } from "../../reminders/digests";
import type { OrganisationReminderSettings } from "./settings.server";

export const ACTIONS_PAGE_SIZE = 100;

export interface RemindersQuery {
  kind: ActionKind | null;
  page: number;
  /** `${digest}:${recipient}` of the digest to preview. */
  preview: string | null;
}

export function parseRemindersQuery(params: URLSearchParams): RemindersQuery {
  const kind = params.get("kind");
  const page = Number(params.get("page") ?? "1");
  return {
    kind: kind && (ACTION_KINDS as string[]).includes(kind) ? (kind as ActionKind) : null,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    preview: params.get("preview"),
  };
}

export interface DigestRow {
  key: string;
  kind: "line_manager" | "hr" | "executive";
  recipient: string;
  recipientName: string;
  cc: string[];
  period: string;
  items: number;
  subject: string;
  /** The send log's status for this period, if any. */
  logged: { status: string; updatedAt: string; error: string | null } | null;
}

export interface RemindersView {
  asOf: IsoDate;
  settings: OrganisationReminderSettings;
  counts: { total: number; overdue: number; dueSoon: number; byKind: Partial<Record<ActionKind, number>> };
  items: ActionItem[];
  page: number;
  pageCount: number;
  digests: DigestRow[];
  preview: { key: string; subject: string; to: string; cc: string[]; text: string; html: string } | null;
  unreachable: Unreachable[];
  switchedOff: string[];
  log: DigestLogEntry[];
  delivery: { mode: Mailer["mode"]; destination: string };
}

export async function remindersView(scope: OrganisationScope, query: RemindersQuery, appUrl: string, delivery: RemindersView["delivery"]): Promise<RemindersView> {
  const asOf = scope.today;
  const [plan, log] = await Promise.all([planDigests(scope, asOf, appUrl), digestLog(scope)]);
  const all = plan.reminders.items;
  const byKind: Partial<Record<ActionKind, number>> = {};
  let overdue = 0;
  for (const i of all) {
    byKind[i.kind] = (byKind[i.kind] ?? 0) + 1;
    if (i.overdue) overdue++;
  }
  const filtered = query.kind ? all.filter((i) => i.kind === query.kind) : all;
  const pageCount = Math.max(1, Math.ceil(filtered.length / ACTIONS_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const loggedByKey = new Map(log.map((l) => [`${l.digest}:${l.recipient}:${l.period}`, l]));
  const digests: DigestRow[] = plan.digests.map((d) => {
    const key = `${d.kind}:${d.recipient.email.toLowerCase()}`;
    const logged = loggedByKey.get(`${key}:${d.period}`);
    return {
      key,
      kind: d.kind,
      recipient: d.recipient.email,
      recipientName: d.recipient.name,
      cc: d.cc,
      period: d.period,
      items: d.items.length,
      subject: d.message.subject,
      logged: logged ? { status: logged.status, updatedAt: logged.updatedAt, error: logged.error } : null,
    };
  });
  const previewed = query.preview ? plan.digests.find((d) => `${d.kind}:${d.recipient.email.toLowerCase()}` === query.preview) : undefined;
  return {
    asOf,
    settings: plan.reminders.settings,
    counts: { total: all.length, overdue, dueSoon: all.length - overdue, byKind },
    items: filtered.slice((page - 1) * ACTIONS_PAGE_SIZE, page * ACTIONS_PAGE_SIZE),
    page,
    pageCount,
    digests,
    preview: previewed
      ? { key: query.preview!, subject: previewed.message.subject, to: previewed.recipient.email, cc: previewed.cc, text: previewed.message.text, html: previewed.message.html }
      : null,
    unreachable: plan.unreachable,
    switchedOff: plan.switchedOff,
    log,
    delivery,
  };
}
