/**
 * Code-of-conduct acknowledgements. The direction: a code of conduct understood and applied across the
 * organisation. Our default: when a version is approved every active person (frontline and contractor staff
 * included) owes an acknowledgement of it within the organisation's days to acknowledge (default 60); someone who
 * joins later has the same number of days from their start.
 */
import { plural } from "../utils/plural";
import { addDays, formatDateLong } from "../compliance/dates";
import type { IsoDate } from "../compliance/types";
import { isActiveOn, pct, type ConductPerson } from "./person";

export const DEFAULT_ACK_DAYS = 60;

export type AcknowledgementState = "acknowledged" | "due" | "overdue";

export interface AcknowledgementStatus {
  state: AcknowledgementState;
  dueBy: IsoDate;
  acknowledgedOn: IsoDate | null;
  reason: string;
}

export interface CodeVersion {
  id: number;
  version: string;
  approvedOn: IsoDate;
}

/** One person's position on one version of the code on a date. `acknowledgedOn`: their acknowledgement of it, if any. */
export function acknowledgementStatus(
  person: Pick<ConductPerson, "startDate">,
  code: CodeVersion,
  acknowledgedOn: IsoDate | null,
  ackDays: number,
  asOf: IsoDate,
): AcknowledgementStatus {
  const from = person.startDate && person.startDate > code.approvedOn ? person.startDate : code.approvedOn;
  const dueBy = addDays(from, ackDays);
  const joinedLater = from !== code.approvedOn;
  if (acknowledgedOn && acknowledgedOn <= asOf) {
    return { state: "acknowledged", dueBy, acknowledgedOn, reason: `Acknowledged code of conduct ${code.version} on ${formatDateLong(acknowledgedOn)}.` };
  }
  const basis = joinedLater ? `${plural(ackDays, "day")} after starting on ${formatDateLong(from)}` : `${plural(ackDays, "day")} after it was approved on ${formatDateLong(code.approvedOn)}`;
  if (asOf > dueBy) {
    return { state: "overdue", dueBy, acknowledgedOn: null, reason: `Has not acknowledged code of conduct ${code.version}: it was due by ${formatDateLong(dueBy)} (${basis}).` };
  }
  return { state: "due", dueBy, acknowledgedOn: null, reason: `Owes an acknowledgement of code of conduct ${code.version} by ${formatDateLong(dueBy)} (${basis}).` };
}

export interface AcknowledgementGroup {
  name: string;
  required: number;
  acknowledged: number;
  overdue: number;
  pct: number | null;
}

export interface AcknowledgementSummary {
  version: string | null;
  required: number;
  acknowledged: number;
  due: number;
  overdue: number;
  pct: number | null;
  byDepartment: AcknowledgementGroup[];
  byEmployer: AcknowledgementGroup[];
  people: Array<{ person: ConductPerson; status: AcknowledgementStatus }>;
}

const DIRECT = "Employed directly";
const NO_DEPARTMENT = "No department";

function grouped(rows: AcknowledgementSummary["people"], key: (p: ConductPerson) => string): AcknowledgementGroup[] {
  const groups = new Map<string, AcknowledgementGroup>();
  for (const { person, status } of rows) {
    const name = key(person);
    const g = groups.get(name) ?? { name, required: 0, acknowledged: 0, overdue: 0, pct: null };
    g.required++;
    if (status.state === "acknowledged") g.acknowledged++;
    if (status.state === "overdue") g.overdue++;
    groups.set(name, g);
  }
  return [...groups.values()].map((g) => ({ ...g, pct: pct(g.acknowledged, g.required) })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Everyone active on the date against the code in force (required = active people). `acknowledged` maps a staff
 * id to the date they acknowledged this version. No code in force: nobody owes anything and `version` is null.
 */
export function acknowledgementSummary(
  people: readonly ConductPerson[],
  code: CodeVersion | null,
  acknowledged: ReadonlyMap<number, IsoDate>,
  ackDays: number,
  asOf: IsoDate,
): AcknowledgementSummary {
  const active = people.filter((p) => isActiveOn(p, asOf));
  if (!code) return { version: null, required: 0, acknowledged: 0, due: 0, overdue: 0, pct: null, byDepartment: [], byEmployer: [], people: [] };
  const rows = active.map((person) => ({ person, status: acknowledgementStatus(person, code, acknowledged.get(person.staffId) ?? null, ackDays, asOf) }));
  const count = (s: AcknowledgementState) => rows.filter((r) => r.status.state === s).length;
  return {
    version: code.version,
    required: rows.length,
    acknowledged: count("acknowledged"),
    due: count("due"),
    overdue: count("overdue"),
    pct: pct(count("acknowledged"), rows.length),
    byDepartment: grouped(rows, (p) => p.department?.trim() || NO_DEPARTMENT),
    byEmployer: grouped(rows, (p) => p.employer?.trim() || DIRECT),
    people: rows,
  };
}
