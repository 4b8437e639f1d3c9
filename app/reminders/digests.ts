/**
 * Who hears of which action items: line managers of their own reports, HR leads and consultants of the whole
 * organisation, executives a monthly summary (names only when the organisation allows). Pure: the model gives
 * the items, the staff contacts and the users; sending is elsewhere.
 */
import type { StatutoryCounts } from "../compliance/statutory";
import type { ActionItem, ActionKind } from "./types";

export type DigestKind = "line_manager" | "hr" | "executive";
export const DIGEST_KINDS: readonly DigestKind[] = ["line_manager", "hr", "executive"];
export type DigestFrequency = "weekly" | "monthly";

export interface DigestSettings {
  lineManagerDigest: boolean;
  hrDigest: boolean;
  executiveDigest: boolean;
  /** How often line managers and HR hear; executives always monthly. */
  frequency: DigestFrequency;
  /** Copied on every HR digest (e.g. a shared HR mailbox). */
  copyTo: string[];
  /** Executive summaries list people by name. */
  executiveNames: boolean;
}

/** A person in the staff file, as far as reaching them goes. */
export interface StaffContact {
  staffId: number;
  employeeRef: string;
  name: string;
  email: string | null;
  managerRef: string | null;
}

/** A user of the product with access to the organisation. */
export interface UserContact {
  name: string;
  email: string;
  role: "hr" | "consultant" | "executive";
}

export interface Recipient {
  name: string;
  email: string;
}

export interface PlannedDigest {
  kind: DigestKind;
  recipient: Recipient;
  cc: string[];
  items: ActionItem[];
  /** For line managers: the people whose items these are. */
  reports?: number;
}

export interface Unreachable {
  /** The manager (or person) who could not be reached. */
  name: string;
  employeeRef: string | null;
  why: string;
  /** How many action items they would have received. */
  items: number;
}

export interface ExecutiveSummary {
  countsByKind: Partial<Record<ActionKind, number>>;
  overdue: number;
  dueSoon: number;
  statutory: StatutoryCounts;
  peopleInScope: number;
  pctStatutory: number | null;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export function isEmailAddress(value: string | null | undefined): value is string {
  return value != null && EMAIL.test(value.trim());
}

/** One digest per line manager who has reports with items; the managers nobody can reach, apart. */
export function lineManagerDigests(items: readonly ActionItem[], staff: readonly StaffContact[]): { digests: PlannedDigest[]; unreachable: Unreachable[] } {
  const byId = new Map(staff.map((s) => [s.staffId, s]));
  const byRef = new Map(staff.map((s) => [s.employeeRef.trim().toLowerCase(), s]));
  const perManager = new Map<string, { manager: StaffContact | null; ref: string; items: ActionItem[]; reports: Set<number> }>();
  const noManager = new Map<number, { person: StaffContact; items: number }>();
  for (const item of items) {
    if (item.staffId == null) continue;
    const person = byId.get(item.staffId);
    if (!person) continue;
    const ref = person.managerRef?.trim();
    if (!ref) {
      const entry = noManager.get(person.staffId) ?? { person, items: 0 };
      entry.items++;
      noManager.set(person.staffId, entry);
      continue;
    }
    const key = ref.toLowerCase();
    const entry = perManager.get(key) ?? { manager: byRef.get(key) ?? null, ref, items: [], reports: new Set<number>() };
    entry.items.push(item);
    entry.reports.add(person.staffId);
    perManager.set(key, entry);
  }
  const digests: PlannedDigest[] = [];
  const unreachable: Unreachable[] = [];
  for (const entry of perManager.values()) {
    if (!entry.manager) {
      unreachable.push({ name: `Manager ${entry.ref}`, employeeRef: entry.ref, why: "The manager reference matches nobody currently in the staff file", items: entry.items.length });
    } else if (!isEmailAddress(entry.manager.email)) {
      unreachable.push({ name: entry.manager.name, employeeRef: entry.manager.employeeRef, why: "No email address in the staff file", items: entry.items.length });
    } else {
      digests.push({ kind: "line_manager", recipient: { name: entry.manager.name, email: entry.manager.email.trim() }, cc: [], items: entry.items, reports: entry.reports.size });
    }
  }
  for (const { person, items: count } of noManager.values()) {
    unreachable.push({ name: person.name, employeeRef: person.employeeRef, why: "No line manager recorded in the staff file", items: count });
  }
  digests.sort((a, b) => a.recipient.email.localeCompare(b.recipient.email));
  unreachable.sort((a, b) => a.name.localeCompare(b.name));
  return { digests, unreachable };
}

/** One digest per HR lead and consultant with access, copied to the organisation's copy-to addresses. */
export function hrDigests(items: readonly ActionItem[], users: readonly UserContact[], settings: DigestSettings): PlannedDigest[] {
  return users
    .filter((u) => (u.role === "hr" || u.role === "consultant") && isEmailAddress(u.email))
    .sort((a, b) => a.email.localeCompare(b.email))
    .map((u) => ({ kind: "hr" as const, recipient: { name: u.name, email: u.email }, cc: settings.copyTo.filter((c) => c.toLowerCase() !== u.email.toLowerCase()), items: [...items] }));
}

/** One summary per executive; the items only when names are allowed. */
export function executiveDigests(items: readonly ActionItem[], users: readonly UserContact[], settings: DigestSettings): PlannedDigest[] {
  return users
    .filter((u) => u.role === "executive" && isEmailAddress(u.email))
    .sort((a, b) => a.email.localeCompare(b.email))
    .map((u) => ({ kind: "executive" as const, recipient: { name: u.name, email: u.email }, cc: [], items: settings.executiveNames ? [...items] : [] }));
}

export function executiveSummaryOf(items: readonly ActionItem[], statutory: StatutoryCounts, peopleInScope: number, pctStatutory: number | null): ExecutiveSummary {
  const countsByKind: Partial<Record<ActionKind, number>> = {};
  let overdue = 0;
  for (const i of items) {
    countsByKind[i.kind] = (countsByKind[i.kind] ?? 0) + 1;
    if (i.overdue) overdue++;
  }
  return { countsByKind, overdue, dueSoon: items.length - overdue, statutory, peopleInScope, pctStatutory };
}

/** Parses a copy-to setting ("a@x.org, b@x.org"): the addresses, or the first that is not one. */
export function parseCopyTo(value: string): { ok: true; addresses: string[] } | { ok: false; bad: string } {
  const parts = value.split(/[\s,;]+/).map((p) => p.trim()).filter(Boolean);
  const bad = parts.find((p) => !isEmailAddress(p));
  if (bad) return { ok: false, bad };
  return { ok: true, addresses: [...new Set(parts.map((p) => p.toLowerCase()))] };
}
