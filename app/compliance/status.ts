// One person's compliance on one date (rules 1–6), with the reasons a board member can read.

import { recordsOf, type ComplianceContext } from "./context";
import { formatDateLong } from "./dates";
import { Memo2 } from "./memo";
import { personalDatesInto, type PersonalDates } from "./deadlines";
import { notEnrolledText, ragOfInto } from "./rag";
import { ALWAYS, enrolmentDateOf, recordMeetsRequirement, recordWindow } from "./records";
import { equivalenceQualifiedText, equivalenceWorkingText } from "./equivalence";
import { scopeAndReasons } from "./scope-of-person";
import { statutoryPositionOf, statutoryReasonOf, type StatutoryPosition } from "./statutory";
import type {
  ComplianceStatus,
  DecidingRecord,
  IsoDate,
  PersonCompliance,
  Qualification,
  QualificationRecord,
  ScopeResult,
  StaffMember,
} from "./types";

/** Rule 1: started on or before the date (unknown start = started) and not yet left. */
export function isActive(person: Pick<StaffMember, "startDate" | "endDate">, asOf: IsoDate): boolean {
  return (person.startDate == null || person.startDate <= asOf) && (person.endDate == null || person.endDate > asOf);
}

export { scopeReason } from "./scope-of-person";

export const CATEGORY_LABELS: Record<ScopeResult["category"], string> = {
  senior_executive: "Senior housing executive",
  senior_manager: "Senior housing manager",
  frontline: "Frontline",
  out_of_scope: "Out of scope",
  unmapped: "Unmapped",
};

const leftText = new Memo2<string>();
const notEnrolledReasons = new Memo2<string[]>();
const startsText = new Memo2<string>();

function decidingRecordOf(ctx: ComplianceContext, record: QualificationRecord, qualification: Qualification): DecidingRecord {
  let deciding = ctx.caches.decidingRecords.get(record);
  if (!deciding) {
    deciding = toDecidingRecord(record, qualification);
    ctx.caches.decidingRecords.set(record, deciding);
  }
  return deciding;
}

function toDecidingRecord(record: QualificationRecord, qualification: Qualification): DecidingRecord {
  return {
    id: record.id,
    qualificationId: record.qualificationId,
    qualificationTitle: qualification.title,
    level: qualification.level,
    status: record.status,
    provider: record.provider,
    enrolledOn: record.enrolledOn,
    startedOn: record.startedOn,
    expectedCompletion: record.expectedCompletion,
    achievedOn: record.achievedOn,
    ...(record.equivalence ? { equivalence: true } : {}),
  };
}

// Earliest expected completion first; a missing expected completion last; then the lower id.
function betterWorkingRecord(a: QualificationRecord, b: QualificationRecord): boolean {
  const ea = a.expectedCompletion;
  const eb = b.expectedCompletion;
  if (ea !== eb) {
    if (ea == null) return false;
    if (eb == null) return true;
    return ea < eb;
  }
  return a.id < b.id;
}

// Earliest achievement first (the date the person became qualified); then the lower id.
function betterAchievedRecord(a: QualificationRecord, b: QualificationRecord): boolean {
  const da = a.achievedOn ?? ALWAYS;
  const db = b.achievedOn ?? ALWAYS;
  if (da !== db) return da < db;
  return a.id < b.id;
}

interface RecordScan {
  qualified: QualificationRecord | null;
  working: QualificationRecord | null;
  notes: string[];
}

// Evaluation is synchronous and never re-entered, so one scratch object per kind serves every person
// (fewer short-lived objects: pages of kept results can then be promoted whole by the garbage collector).
const NO_NOTES: readonly string[] = Object.freeze([]);
const scan: RecordScan = { qualified: null, working: null, notes: NO_NOTES as string[] };
const datesScratch: PersonalDates = { roleStart: null, enrolBy: "", qualifyBy: "", latestStart: "", pausedDays: 0, graceMonths: 0 };

function note(text: string): void {
  if (scan.notes === NO_NOTES) scan.notes = [];
  scan.notes.push(text);
}

function scanRecords(
  records: readonly QualificationRecord[],
  ctx: ComplianceContext,
  requiredLevel: 4 | 5,
  asOf: IsoDate,
): RecordScan {
  let qualified: QualificationRecord | null = null;
  let working: QualificationRecord | null = null;
  scan.notes = NO_NOTES as string[];
  for (const record of records) {
    const qualification = ctx.qualificationsById.get(record.qualificationId);
    if (!qualification) {
      note(`Record ${record.id} refers to a qualification that is not in the catalogue`);
      continue;
    }
    if (!recordMeetsRequirement(record, qualification, requiredLevel)) {
      if (record.status === "withdrawn" || record.status === "failed") continue;
      note(
        qualification.recognised
          ? `${qualification.title} does not count: Level ${qualification.level} is below the Level ${requiredLevel} required`
          : `${qualification.title} does not count: not a recognised housing management qualification`,
      );
      continue;
    }
    const window = recordWindow(record);
    if (asOf >= window.qualifiedFrom) {
      if (!qualified || betterAchievedRecord(record, qualified)) qualified = record;
    } else if (asOf >= window.workingFrom) {
      if (!working || betterWorkingRecord(record, working)) working = record;
    } else if (record.status === "withdrawn") {
      note(`Withdrawn from ${qualification.title}`);
    } else if (record.status === "failed") {
      note(`Failed ${qualification.title}`);
    } else {
      const enrolled = enrolmentDateOf(record);
      if (enrolled) note(`Enrolment on ${qualification.title} from ${formatDateLong(enrolled)} does not count yet`);
    }
  }
  scan.qualified = qualified;
  scan.working = working;
  return scan;
}

function workingReason(record: QualificationRecord, title: string, asOf: IsoDate): string {
  if (record.equivalence) return equivalenceWorkingText(title, record.equivalence, formatDateLong, record.achievedOn);
  const enrolled = enrolmentDateOf(record);
  let text = enrolled ? `Enrolled on ${title} ${formatDateLong(enrolled)}` : `Enrolled on ${title} (enrolment date not recorded)`;
  text += record.expectedCompletion ? `; expected ${formatDateLong(record.expectedCompletion)}` : "; no expected completion date";
  if (record.status === "referred") text += "; referred (work to resubmit)";
  if (record.status === "achieved" && record.achievedOn && record.achievedOn > asOf) {
    text += `; achieved ${formatDateLong(record.achievedOn)}`;
  }
  return text;
}

const datesReasonCache = new Memo2<string>();

function datesReason(dates: PersonalDates): string {
  if (dates.pausedDays === 0) {
    const cached = datesReasonCache.get(dates.enrolBy, dates.qualifyBy);
    if (cached !== undefined) return cached;
  }
  const text = `Enrol by ${formatDateLong(dates.enrolBy)}; qualify by ${formatDateLong(dates.qualifyBy)}`;
  if (dates.pausedDays > 0) {
    return `${text} (moved ${dates.pausedDays} day${dates.pausedDays === 1 ? "" : "s"} later for recorded absence)`;
  }
  return datesReasonCache.set(dates.enrolBy, dates.qualifyBy, text);
}

/** Status, RAG, personal dates and reasons of one person on one date. */
export function evaluatePerson(person: StaffMember, ctx: ComplianceContext, asOf: IsoDate): PersonCompliance {
  const { scope, reasons: scopeReasons } = scopeAndReasons(person, ctx);
  const requiredLevel = scope.requiredLevel;
  const scopeText = scopeReasons[0];
  const dates = requiredLevel != null ? personalDatesInto(datesScratch, person, ctx, requiredLevel, asOf) : null;

  // Reasons arrays are built at their exact length: 100,000 of them are kept, so slack costs memory and GC.
  let reasons: string[];
  let status: ComplianceStatus;
  let deciding: DecidingRecord | null = null;
  let decidingRaw: QualificationRecord | null = null;

  if (person.startDate != null && person.startDate > asOf) {
    status = "not_started";
    const date = person.startDate;
    reasons = [scopeText, startsText.get(0, date) ?? startsText.set(0, date, `Starts ${formatDateLong(date)}: not counted until then`)];
  } else if (person.endDate != null && person.endDate <= asOf) {
    status = "left";
    const date = person.endDate;
    reasons = [scopeText, leftText.get(0, date) ?? leftText.set(0, date, `Left ${formatDateLong(date)}: not counted`)];
  } else if (requiredLevel == null) {
    status = scope.category === "unmapped" ? "decision_needed" : "not_required";
    reasons = scopeReasons;
  } else {
    const d = dates!;
    const found = scanRecords(recordsOf(ctx, person.id), ctx, requiredLevel, asOf);
    if (found.qualified) {
      status = "qualified";
      decidingRaw = found.qualified;
      const q = ctx.qualificationsById.get(decidingRaw.qualificationId)!;
      deciding = decidingRecordOf(ctx, decidingRaw, q);
      reasons = [
        scopeText,
        decidingRaw.equivalence
          ? equivalenceQualifiedText(q.title, decidingRaw.equivalence, formatDateLong, decidingRaw.achievedOn)
          : decidingRaw.achievedOn
            ? `Qualified: achieved ${q.title} ${formatDateLong(decidingRaw.achievedOn)}`
            : `Qualified: achieved ${q.title} (achievement date not recorded)`,
      ];
    } else if (found.working) {
      status = "working_towards";
      decidingRaw = found.working;
      const q = ctx.qualificationsById.get(decidingRaw.qualificationId)!;
      deciding = decidingRecordOf(ctx, decidingRaw, q);
      reasons = [scopeText, workingReason(decidingRaw, q.title, asOf), datesReason(d)];
      if (found.notes.length > 0) reasons = reasons.concat(found.notes);
    } else {
      status = "not_enrolled";
      const text = notEnrolledText(asOf, d.enrolBy, d.latestStart);
      if (d.pausedDays > 0 || found.notes.length > 0) {
        reasons = d.pausedDays > 0 ? [scopeText, text, datesReason(d)] : [scopeText, text];
        if (found.notes.length > 0) reasons = reasons.concat(found.notes);
      } else {
        // Thousands of people share these two sentences: share one frozen array too.
        reasons =
          notEnrolledReasons.get(scopeText, text) ?? notEnrolledReasons.set(scopeText, text, Object.freeze([scopeText, text]) as string[]);
      }
    }
  }

  let statutory: StatutoryPosition | null = null;
  let statutoryReason: string | null = null;
  let worstCaseStatutory: StatutoryPosition | null = null;
  if (dates != null && (status === "qualified" || status === "working_towards" || status === "not_enrolled")) {
    statutory = statutoryPositionOf(status, asOf, dates.enrolBy)!;
    statutoryReason = statutoryReasonOf(statutory, status, dates.enrolBy, requiredLevel, deciding);
    worstCaseStatutory = statutory;
  } else if (status === "decision_needed") {
    // The worst case counts an undecided title as needing a qualification and not enrolled (enrol-by does not
    // depend on the level, so Level 4's dates serve).
    const assumed = personalDatesInto(datesScratch, person, ctx, 4, asOf);
    worstCaseStatutory = statutoryPositionOf("not_enrolled", asOf, assumed.enrolBy);
  }

  const rag = ragOfInto(
    status,
    asOf,
    dates?.enrolBy ?? null,
    dates?.qualifyBy ?? null,
    dates?.latestStart ?? null,
    decidingRaw,
    ctx.settings.workingTowardsStartMonths,
  );

  return {
    staffId: person.id,
    employeeRef: person.employeeRef,
    category: scope.category,
    requiredLevel,
    scopeSource: scope.source,
    status,
    rag: rag.rag,
    enrolBy: dates?.enrolBy ?? null,
    qualifyBy: dates?.qualifyBy ?? null,
    latestStart: dates?.latestStart ?? null,
    pausedDays: dates?.pausedDays ?? 0,
    decidingRecord: deciding,
    reasons,
    ragReason: rag.ragReason,
    statutory,
    statutoryReason,
    worstCaseStatutory,
    nextDate: rag.nextDate,
  };
}

/** Evaluates everyone (in the order given). */
export function evaluateAll(staff: readonly StaffMember[], ctx: ComplianceContext, asOf: IsoDate): PersonCompliance[] {
  const out = new Array<PersonCompliance>(staff.length);
  for (let i = 0; i < staff.length; i++) out[i] = evaluatePerson(staff[i], ctx, asOf);
  return out;
}
