/**
 * The words of one digest email: subject, plain text and HTML, with links back to the pages and a footer that
 * says why the reader gets it. Pure: the same function renders the preview page and the message sent.
 */
import { formatDateLong } from "../compliance/dates";
import type { IsoDate } from "../compliance/types";
import { plural } from "../utils/plural";
import { ACTION_KIND_LABELS } from "./labels";
import type { ExecutiveSummary, PlannedDigest } from "./digests";
import type { ActionItem } from "./types";
import { periodLabel } from "./periods";

export interface DigestContext {
  organisationName: string;
  slug: string;
  /** The product's address as readers reach it, e.g. https://compliance.example.org (no trailing slash). */
  baseUrl: string;
  asOf: IsoDate;
  period: string;
  /** For executive digests. */
  summary?: ExecutiveSummary;
}

export interface DigestMessage {
  subject: string;
  text: string;
  html: string;
}

const MAX_ITEMS_IN_EMAIL = 200;

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export function itemLink(item: ActionItem, ctx: Pick<DigestContext, "baseUrl" | "slug">): string {
  const base = `${ctx.baseUrl}/orgs/${encodeURIComponent(ctx.slug)}`;
  if (item.employeeRef) return `${base}/people/${encodeURIComponent(item.employeeRef)}`;
  return `${base}/roles`;
}

function subjectOf(digest: PlannedDigest, ctx: DigestContext): string {
  const overdue = digest.items.filter((i) => i.overdue).length;
  switch (digest.kind) {
    case "line_manager":
      return `${ctx.organisationName}: ${plural(digest.items.length, "action")} for your team${overdue ? ` (${overdue} overdue)` : ""}`;
    case "hr":
      return `${ctx.organisationName}: ${plural(digest.items.length, "action")} to follow up${overdue ? ` (${overdue} overdue)` : ""}, ${periodLabel(ctx.period)}`;
    case "executive":
      return `${ctx.organisationName}: competence and conduct summary, ${periodLabel(ctx.period)}`;
  }
}

function footerOf(digest: PlannedDigest, ctx: DigestContext): string {
  const page = `${ctx.baseUrl}/orgs/${encodeURIComponent(ctx.slug)}/reminders`;
  switch (digest.kind) {
    case "line_manager":
      return `You get this because the staff file of ${ctx.organisationName} names you as the line manager of ${plural(digest.reports ?? 0, "person")} listed above. HR decides who receives these digests: ${page}`;
    case "hr":
      return `You get this because you are an HR lead or consultant for ${ctx.organisationName} in the Competence & Conduct dashboard. Digest settings: ${page}`;
    case "executive":
      return `You get this monthly summary because you are an executive of ${ctx.organisationName} in the Competence & Conduct dashboard. HR sets these digests: ${page}`;
  }
}

function summaryLines(summary: ExecutiveSummary): string[] {
  const s = summary.statutory;
  const lines = [
    `The legal test: ${s.compliant + s.not_yet_due} of ${plural(summary.peopleInScope, "person")} in scope meet it (${summary.pctStatutory ?? "–"}%); ${s.in_breach} in breach.`,
    `Actions open: ${summary.overdue} overdue, ${summary.dueSoon} due soon.`,
  ];
  for (const [kind, count] of Object.entries(summary.countsByKind)) lines.push(`  ${ACTION_KIND_LABELS[kind as keyof typeof ACTION_KIND_LABELS]}: ${count}`);
  return lines;
}

function itemText(item: ActionItem): string {
  const who = item.personName ? `${item.personName}${item.jobTitle ? `, ${item.jobTitle}` : ""}: ` : "";
  return `${who}${item.reason}`;
}

/** Groups items by kind, in the order the items arrive (overdue first from the rules). */
function byKind(items: readonly ActionItem[]): Array<[string, ActionItem[]]> {
  const groups = new Map<string, ActionItem[]>();
  for (const i of items) {
    const label = ACTION_KIND_LABELS[i.kind];
    const list = groups.get(label) ?? [];
    list.push(i);
    groups.set(label, list);
  }
  return [...groups.entries()];
}

export function composeDigest(digest: PlannedDigest, ctx: DigestContext): DigestMessage {
  const subject = subjectOf(digest, ctx);
  const footer = footerOf(digest, ctx);
  const shown = digest.items.slice(0, MAX_ITEMS_IN_EMAIL);
  const more = digest.items.length - shown.length;
  const remindersPage = `${ctx.baseUrl}/orgs/${encodeURIComponent(ctx.slug)}/reminders`;
  const greeting = `Dear ${digest.recipient.name},`;
  const intro =
    digest.kind === "executive"
      ? `Where ${ctx.organisationName} stands on ${formatDateLong(ctx.asOf)}.`
      : `As of ${formatDateLong(ctx.asOf)}, these need action${digest.kind === "line_manager" ? " for people you manage" : ""}:`;

  const text: string[] = [greeting, "", intro, ""];
  const html: string[] = [`<p>${escapeHtml(greeting)}</p>`, `<p>${escapeHtml(intro)}</p>`];
  if (ctx.summary && digest.kind === "executive") {
    const lines = summaryLines(ctx.summary);
    text.push(...lines, "");
    html.push(`<ul>${lines.map((l) => `<li>${escapeHtml(l.trim())}</li>`).join("")}</ul>`);
  }
  for (const [label, items] of byKind(shown)) {
    text.push(`${label} (${items.length})`);
    html.push(`<h3 style="margin:16px 0 4px;font-size:15px">${escapeHtml(label)} (${items.length})</h3><ul>`);
    for (const i of items) {
      const link = itemLink(i, ctx);
      text.push(`- ${itemText(i)}${i.overdue ? " [overdue]" : ""}`, `  ${link}`);
      html.push(`<li><a href="${escapeHtml(link)}">${escapeHtml(itemText(i))}</a>${i.overdue ? " <strong>overdue</strong>" : ""}</li>`);
    }
    text.push("");
    html.push("</ul>");
  }
  if (more > 0) {
    const line = `…and ${plural(more, "more item")}: see ${remindersPage}`;
    text.push(line, "");
    html.push(`<p>${escapeHtml(line)}</p>`);
  }
  text.push(`The full action list: ${remindersPage}`, "", "--", footer, "");
  html.push(
    `<p><a href="${escapeHtml(remindersPage)}">The full action list</a></p>`,
    `<hr><p style="color:#555;font-size:12px">${escapeHtml(footer)}</p>`,
  );
  return {
    subject,
    text: text.join("\n"),
    html: `<!doctype html><html><body style="font-family:Arial,sans-serif;font-size:14px;color:#111">${html.join("\n")}</body></html>`,
  };
}
