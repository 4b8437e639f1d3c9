/**
 * Canonical import fields per kind (docs/cli.md) and the header synonyms real HR exports use
 * (iTrent, Sage, Workday, MHR, spreadsheets). Headers are compared by a key that ignores case, spaces,
 * punctuation and accents; earlier synonyms win when two headers match one field.
 */
import type { ImportKind, RowError } from "./types";

export type FieldType =
  | "text"
  | "date"
  | "number"
  | "boolean"
  | "email"
  | "status"
  | "category"
  | "units"
  | "qualification"
  | "meeting_kind";

export interface FieldSpec {
  field: string;
  label: string;
  required: boolean;
  type: FieldType;
  synonyms: readonly string[];
}

const EMPLOYEE_REF_SYNONYMS = [
  "Employee Ref", "Employee Reference", "Employee Number", "Employee No", "Employee ID", "Employee Code",
  "Emp No", "Emp Number", "Emp ID", "Emp Ref", "Payroll No", "Payroll Number", "Payroll ID", "Payroll Ref",
  "Person ID", "Person Number", "Person Ref", "Staff ID", "Staff Number", "Staff No", "Staff Ref",
  "Staff Reference", "Worker ID", "Worker Number", "Employee", "Reference", "Ref",
];

const JOB_TITLE_SYNONYMS = [
  "Job Title", "Post Title", "Position Title", "Role Title", "Job Role", "Business Title", "Job Name",
  "Post Name", "Position Name", "Role Name", "Position Description", "Post Description", "Job Description Title",
  "Current Job Title", "Current Position", "Current Post", "Current Role", "Substantive Post", "Substantive Position",
  "Substantive Job Title", "Primary Position", "Primary Job Title", "Post Held", "Position Held", "Job Position",
  "Designation", "Occupation", "Position", "Post", "Job", "Role",
];
// Not "Title": in UK HR exports that is Mr / Mrs / Ms / Dr.

const STAFF: FieldSpec[] = [
  { field: "employee_ref", label: "Employee reference", required: true, type: "text", synonyms: EMPLOYEE_REF_SYNONYMS },
  { field: "first_name", label: "First name", required: false, type: "text",
    synonyms: ["First Name", "Forename", "Forenames", "Given Name", "Given Names", "First Names", "Christian Name", "Known As", "Preferred Name", "Preferred First Name"] },
  { field: "last_name", label: "Last name", required: false, type: "text",
    synonyms: ["Last Name", "Surname", "Family Name", "Last Names", "Legal Surname"] },
  { field: "full_name", label: "Full name", required: false, type: "text",
    synonyms: ["Full Name", "Name", "Employee Name", "Staff Name", "Person Name", "Worker Name", "Employee Full Name", "Display Name"] },
  { field: "email", label: "Email", required: false, type: "email",
    synonyms: ["Email", "Email Address", "Work Email", "Work Email Address", "Business Email", "Business Email Address", "Office Email", "Primary Email", "Primary Work Email", "Email Work", "Work E-mail"] },
  { field: "job_title", label: "Job title", required: true, type: "text", synonyms: JOB_TITLE_SYNONYMS },
  { field: "department", label: "Department", required: false, type: "text",
    synonyms: ["Department", "Dept", "Department Name", "Dept Name", "Department Description", "Home Department", "Primary Department",
      "Department/Team", "Team/Department", "Directorate", "Directorate Name", "Service", "Service Area", "Service Name", "Division",
      "Division Name", "Business Unit", "Business Area", "Team", "Team Name", "Section", "Organisation Unit", "Organisational Unit",
      "Organization Unit", "Org Unit", "Org Unit Name", "Unit", "Function"] },
  { field: "location", label: "Location", required: false, type: "text",
    synonyms: ["Location", "Work Location", "Location Name", "Base", "Work Base", "Office", "Site", "Workplace", "Place of Work"] },
  { field: "manager_ref", label: "Line manager reference", required: false, type: "text",
    synonyms: ["Manager Ref", "Manager Reference", "Manager ID", "Manager Number", "Manager Employee Number", "Line Manager Ref", "Line Manager Reference", "Line Manager ID", "Line Manager Number", "Line Manager Employee Number", "Line Manager Payroll No", "Reports To ID", "Supervisor ID"] },
  { field: "employer", label: "Employer", required: false, type: "text",
    synonyms: ["Employer", "Employing Company", "Employing Organisation", "Employing Organization", "Employing Entity", "Legal Entity", "Company", "Company Name", "Contractor", "Agency"] },
  { field: "fte", label: "FTE", required: false, type: "number",
    synonyms: ["FTE", "Full Time Equivalent", "WTE", "Whole Time Equivalent", "Contracted FTE", "FTE Value"] },
  { field: "start_date", label: "Employment start date", required: false, type: "date",
    synonyms: ["Start Date", "Date Joined", "Join Date", "Joining Date", "Date of Joining", "Joined", "Joined On", "Hire Date", "Date of Hire",
      "Date Hired", "Hired", "Hired On", "Original Hire Date", "Latest Hire Date", "Most Recent Hire Date", "Employment Start Date",
      "Employment Start", "Start of Employment", "Date Started Employment", "Date Employment Started", "Employment Commenced",
      "Started", "Started On", "Date Started", "Start", "Continuous Service Date", "Service Start Date", "Company Start Date",
      "Organisation Start Date", "Commencement Date", "Date of Commencement", "Date Commenced", "Engagement Date", "Date of Engagement",
      "First Day of Employment", "First Working Day"] },
  { field: "role_start_date", label: "Current role start date", required: false, type: "date",
    synonyms: ["Role Start Date", "Date Started In Post", "Position Start Date", "Post Start Date", "Job Start Date", "Date In Post", "In Post Since", "In Post Date", "Appointment Date", "Date Appointed", "Current Role Start Date", "Assignment Start Date"] },
  { field: "end_date", label: "Leaving date", required: false, type: "date",
    synonyms: ["End Date", "Leaving Date", "Leave Date", "Date of Leaving", "Date Leaving", "Termination Date", "Date of Termination",
      "Termination of Employment Date", "Terminated On", "Date Terminated", "Termination Effective Date", "Effective Termination Date", "Date Left",
      "Left Date", "Left On", "Date Left Organisation", "Leaver Date", "Actual Leaving Date", "Employment End Date",
      "Employment End", "End of Employment", "End of Employment Date", "Date of End of Employment", "Date Employment Ended",
      "Employment Ended", "Employment Ended On", "Last Day of Service", "Last Day of Employment", "Last Date of Employment",
      "Last Working Day", "Last Working Date", "Last Day", "Final Working Day", "Separation Date", "Date of Separation",
      "Exit Date", "Date of Exit"] },
  { field: "on_probation", label: "On probation", required: false, type: "boolean",
    synonyms: ["On Probation", "Probation", "In Probation", "Probationary", "Probationer"] },
  { field: "probation_end_date", label: "Probation end date", required: false, type: "date",
    synonyms: ["Probation End Date", "Probation End", "Probation Ends", "Probation Completion Date", "Probation Completed On", "End of Probation", "Probation Review Date"] },
];

const ENROLMENTS: FieldSpec[] = [
  { field: "employee_ref", label: "Employee reference", required: true, type: "text", synonyms: EMPLOYEE_REF_SYNONYMS },
  { field: "qualification", label: "Qualification", required: true, type: "qualification",
    synonyms: ["Qualification", "Qualification Title", "Qualification Name", "Qualification Code", "Qualification Number", "Course", "Course Title", "Course Name", "Programme", "Programme Title", "Apprenticeship", "Ofqual Number", "QAN"] },
  { field: "provider", label: "Provider", required: false, type: "text",
    synonyms: ["Provider", "Training Provider", "Learning Provider", "Provider Name", "Centre", "College"] },
  { field: "status", label: "Status", required: true, type: "status",
    synonyms: ["Status", "Qualification Status", "Course Status", "Learner Status", "Enrolment Status", "Enrollment Status", "Progress", "Outcome"] },
  { field: "enrolled_on", label: "Enrolled on", required: false, type: "date",
    synonyms: ["Enrolled On", "Enrolment Date", "Enrollment Date", "Date Enrolled", "Registration Date", "Registered On", "Date Registered"] },
  { field: "started_on", label: "Started on", required: false, type: "date",
    synonyms: ["Started On", "Start Date", "Course Start Date", "Learning Start Date", "Programme Start Date", "Date Started"] },
  { field: "expected_completion", label: "Expected completion", required: false, type: "date",
    synonyms: ["Expected Completion", "Expected Completion Date", "Expected End Date", "Expected End", "Planned End Date", "Planned Completion Date", "Target Completion Date", "Target End Date", "Due Date"] },
  { field: "achieved_on", label: "Achieved on", required: false, type: "date",
    synonyms: ["Achieved On", "Achievement Date", "Date Achieved", "Completion Date", "Date Completed", "Completed On", "Actual End Date", "Certification Date", "Date Awarded", "Awarded On"] },
  { field: "certificate_ref", label: "Certificate reference", required: false, type: "text",
    synonyms: ["Certificate Ref", "Certificate Reference", "Certificate Number", "Certificate No", "Cert No", "Cert Number", "Cert Ref", "Certificate"] },
  { field: "pathway", label: "Pathway", required: false, type: "text",
    synonyms: ["Pathway", "Route", "Option", "Specialism"] },
  { field: "units_achieved", label: "Units achieved", required: false, type: "units",
    synonyms: ["Units Achieved", "Units", "Units Passed", "Achieved Units", "Completed Units", "Unit Refs", "Unit References"] },
];

const ROLES: FieldSpec[] = [
  { field: "job_title", label: "Job title", required: true, type: "text", synonyms: JOB_TITLE_SYNONYMS },
  { field: "category", label: "Category", required: true, type: "category",
    synonyms: ["Category", "Scope", "Scope Category", "Scope Decision", "Requirement", "Required Level", "Level Required", "Qualification Level Required", "Classification", "Decision", "In Scope"] },
  { field: "time_managing_pct", label: "Time managing housing (%)", required: false, type: "number",
    synonyms: ["Time Managing Pct", "Time Managing %", "% Time Managing", "Percent Time Managing", "Time Managing", "Time Managing Housing", "Time Managing Housing %", "Time Managing Housing Services %", "% of Time Managing Housing Services", "Management Time %", "Management Time"] },
  { field: "rationale", label: "Rationale", required: false, type: "text",
    synonyms: ["Rationale", "Reason", "Reasons", "Justification", "Notes", "Note", "Comments", "Comment"] },
  { field: "review_date", label: "Review date", required: false, type: "date",
    synonyms: ["Review Date", "Review By", "Review On", "Next Review", "Next Review Date"] },
];

// Conduct evidence (docs/conduct.md): one row per acknowledgement, meeting or completion, matched to a person by reference.
const ACKNOWLEDGEMENTS: FieldSpec[] = [
  { field: "employee_ref", label: "Employee reference", required: true, type: "text", synonyms: EMPLOYEE_REF_SYNONYMS },
  { field: "version", label: "Code of conduct version", required: true, type: "text",
    synonyms: ["Version", "Code Version", "Code of Conduct Version", "Code of Conduct", "Policy Version", "Document Version", "Code"] },
  { field: "acknowledged_on", label: "Acknowledged on", required: true, type: "date",
    synonyms: ["Acknowledged On", "Acknowledged", "Date Acknowledged", "Acknowledgement Date", "Acknowledged Date", "Signed On", "Date Signed", "Signed", "Accepted On", "Date Accepted", "Read On", "Date Read", "Date"] },
];

const SUPERVISIONS: FieldSpec[] = [
  { field: "employee_ref", label: "Employee reference", required: true, type: "text", synonyms: EMPLOYEE_REF_SYNONYMS },
  { field: "kind", label: "Kind of meeting", required: true, type: "meeting_kind",
    synonyms: ["Kind", "Meeting Kind", "Meeting Type", "Type", "Meeting", "Session Type", "Review Type"] },
  { field: "held_on", label: "Held on", required: true, type: "date",
    synonyms: ["Held On", "Date Held", "Meeting Date", "Date of Meeting", "Session Date", "Review Date", "Held", "Date"] },
];

const TRAINING: FieldSpec[] = [
  { field: "employee_ref", label: "Employee reference", required: true, type: "text", synonyms: EMPLOYEE_REF_SYNONYMS },
  { field: "course", label: "Course (title or code)", required: true, type: "text",
    synonyms: ["Course", "Course Title", "Course Name", "Course Code", "Training", "Training Course", "Training Title", "Module", "Module Title", "Learning Item"] },
  { field: "completed_on", label: "Completed on", required: true, type: "date",
    synonyms: ["Completed On", "Completion Date", "Date Completed", "Completed", "Date Passed", "Passed On", "Attended On", "Date Attended", "Date"] },
  { field: "expires_on", label: "Expires on", required: false, type: "date",
    synonyms: ["Expires On", "Expiry Date", "Expiry", "Expires", "Expiration Date", "Valid Until", "Renewal Date", "Renew By", "Refresh Due"] },
];

export const FIELDS: Record<ImportKind, readonly FieldSpec[]> = {
  staff: STAFF,
  enrolments: ENROLMENTS,
  roles: ROLES,
  acknowledgements: ACKNOWLEDGEMENTS,
  supervisions: SUPERVISIONS,
  training: TRAINING,
};

export function fieldsOf(kind: ImportKind): readonly FieldSpec[] {
  return FIELDS[kind];
}

/** Case, spacing, punctuation and accents ignored; `%` `#` `&` read as words. */
export function headerKey(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/%/g, " pct ")
    .replace(/#/g, " no ")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "");
}

const PREFIX = /^(employee|employees|staff|worker|person|learner|emp)(?=.)/;

const PREFIX_WORDS = new Set(["employee", "employees", "staff", "worker", "person", "learner", "emp"]);

/** Little words that do not change what a header means ("Date of Termination" = "Termination Date"). */
const FILLER_WORDS = new Set(["of", "the", "a", "an", "for"]);

/** The header's words, whatever separates them: spaces, underscores, hyphens, dots, camelCase ("TerminationDate"). */
export function headerWords(header: string): string[] {
  return header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/%/g, " pct ")
    .replace(/#/g, " no ")
    .replace(/&/g, " and ")
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

/** A key that ignores word order and filler words: "Date of Termination", "termination_date" and "TerminationDate" agree. */
export function wordBagKey(header: string): string {
  const words = [...new Set(headerWords(header).filter((w) => !FILLER_WORDS.has(w)))].sort();
  return words.join(" ");
}

/** Fallback keys for a header: without bracketed notes ("Start Date (dd/mm/yyyy)"), then without a leading "Employee"/"Staff". */
function headerKeys(header: string): string[] {
  const keys = [headerKey(header)];
  const noBrackets = headerKey(header.replace(/\([^)]*\)|\[[^\]]*\]/g, " "));
  if (noBrackets !== "" && noBrackets !== keys[0]) keys.push(noBrackets);
  const base = keys[keys.length - 1];
  const noPrefix = base.replace(PREFIX, "");
  if (noPrefix !== base) keys.push(noPrefix);
  return keys;
}

interface SynonymIndexEntry {
  field: string;
  priority: number;
}

const INDEX = new Map<ImportKind, Map<string, SynonymIndexEntry>>();
const BAG_INDEX = new Map<ImportKind, Map<string, SynonymIndexEntry>>();
function wordBagIndex(kind: ImportKind): Map<string, SynonymIndexEntry> {
  let index = BAG_INDEX.get(kind);
  if (!index) {
    index = new Map();
    for (const spec of FIELDS[kind]) {
      [spec.field, ...spec.synonyms].forEach((name, priority) => {
        const key = wordBagKey(name);
        if (key !== "" && !index!.has(key)) index!.set(key, { field: spec.field, priority });
      });
    }
    BAG_INDEX.set(kind, index);
  }
  return index;
}
function synonymIndex(kind: ImportKind): Map<string, SynonymIndexEntry> {
  let index = INDEX.get(kind);
  if (!index) {
    index = new Map();
    for (const spec of FIELDS[kind]) {
      const names = [spec.field, ...spec.synonyms];
      names.forEach((name, priority) => {
        const key = headerKey(name);
        if (!index!.has(key)) index!.set(key, { field: spec.field, priority });
      });
    }
    INDEX.set(kind, index);
  }
  return index;
}

/** The canonical field a header matches on its own (ignoring other headers), or null. */
export function matchHeader(kind: ImportKind, header: string): { field: string; tier: number; priority: number } | null {
  const index = synonymIndex(kind);
  const keys = headerKeys(header);
  for (let tier = 0; tier < keys.length; tier++) {
    const hit = index.get(keys[tier]);
    if (hit) return { field: hit.field, tier, priority: hit.priority };
  }
  // Single words such as "Leaver", "Left" or "Termination" are often yes/no flags or reasons, so they are not
  // synonyms; an unmapped column like that holding dates is warned about instead (see leavingDateSuspects).
  // Last: the same words in another order or with "of"/"the" ("Date of Termination", "Employment_End_Date").
  const bag = wordBagKey(header);
  const hit = bag === "" ? undefined : wordBagIndex(kind).get(bag);
  if (hit) return { field: hit.field, tier: 10, priority: hit.priority };
  const noPrefix = bag.split(" ").filter((w) => !PREFIX_WORDS.has(w)).join(" ");
  const hit2 = noPrefix === "" || noPrefix === bag ? undefined : wordBagIndex(kind).get(noPrefix);
  if (hit2) return { field: hit2.field, tier: 11, priority: hit2.priority };
  return null;
}

export interface ResolvedMapping {
  /** Canonical field → column index. */
  columns: Map<string, number>;
  /** Canonical field → header, for reports. */
  mapping: Record<string, string>;
  unmappedHeaders: string[];
  missingRequired: string[];
  errors: RowError[];
}

/** Finds a header named by the caller: exactly, then ignoring case and spaces, then by key. */
function findHeader(headers: readonly string[], wanted: string): number {
  let i = headers.indexOf(wanted);
  if (i >= 0) return i;
  const lower = wanted.trim().toLowerCase();
  i = headers.findIndex((h) => h.trim().toLowerCase() === lower);
  if (i >= 0) return i;
  const key = headerKey(wanted);
  return key === "" ? -1 : headers.findIndex((h) => headerKey(h) === key);
}

/**
 * Maps headers to canonical fields: the caller's mapping first (canonical field → header; "" = leave the
 * field out), then every other field automatically by synonym.
 */
export function resolveMapping(
  kind: ImportKind,
  headers: readonly string[],
  headerRow: number,
  given: Record<string, string> | undefined,
): ResolvedMapping {
  const specs = FIELDS[kind];
  const known = new Set(specs.map((s) => s.field));
  const columns = new Map<string, number>();
  const claimed = new Set<number>();
  const excluded = new Set<string>();
  const errors: RowError[] = [];

  for (const [field, header] of Object.entries(given ?? {})) {
    if (!known.has(field)) {
      errors.push({
        row: headerRow,
        column: typeof header === "string" ? header : "",
        value: field,
        message: `The mapping names '${field}', which is not a ${kind} field (fields: ${specs.map((s) => s.field).join(", ")}).`,
      });
      continue;
    }
    if (typeof header !== "string" || header.trim() === "") {
      excluded.add(field);
      continue;
    }
    const index = findHeader(headers, header);
    if (index < 0) {
      errors.push({
        row: headerRow,
        column: header,
        value: header,
        message: `The mapping takes ${field} from the column '${header}', but the file has no such column (columns: ${headers.filter((h) => h !== "").join(", ")}).`,
      });
      excluded.add(field);
      continue;
    }
    if (claimed.has(index)) {
      const other = [...columns].find(([, i]) => i === index)?.[0];
      errors.push({
        row: headerRow,
        column: header,
        value: header,
        message: `The mapping takes both ${other} and ${field} from the column '${header}'.`,
      });
      continue;
    }
    columns.set(field, index);
    claimed.add(index);
  }

  // Automatic: for every field not named by the caller, the best-matching unclaimed header.
  const candidates: { field: string; index: number; tier: number; priority: number }[] = [];
  headers.forEach((header, index) => {
    if (claimed.has(index) || header === "") return;
    const m = matchHeader(kind, header);
    if (m && !columns.has(m.field) && !excluded.has(m.field)) candidates.push({ index, ...m });
  });
  candidates.sort((a, b) => a.tier - b.tier || a.priority - b.priority || a.index - b.index);
  for (const c of candidates) {
    if (columns.has(c.field) || claimed.has(c.index)) continue;
    // A full-name column only helps when there are no separate name columns.
    if (c.field === "full_name" && (columns.has("first_name") || columns.has("last_name"))) continue;
    if ((c.field === "first_name" || c.field === "last_name") && columns.has("full_name") && !given?.full_name) {
      const fullIndex = columns.get("full_name")!;
      columns.delete("full_name");
      claimed.delete(fullIndex);
    }
    columns.set(c.field, c.index);
    claimed.add(c.index);
  }

  const mapping: Record<string, string> = {};
  for (const spec of specs) {
    const index = columns.get(spec.field);
    if (index !== undefined) mapping[spec.field] = headers[index];
  }
  const unmappedHeaders = headers.filter((h, i) => !claimed.has(i) && h !== "");
  const missingRequired = specs.filter((s) => s.required && !columns.has(s.field)).map((s) => s.field);
  for (const field of missingRequired) {
    const spec = specs.find((s) => s.field === field)!;
    errors.push({
      row: headerRow,
      column: field,
      value: "",
      message: `The required column '${spec.label}' (${field}) is missing: no header matches it (e.g. ${spec.synonyms
        .slice(0, 4)
        .map((s) => `'${s}'`)
        .join(", ")}). Name the column in the mapping.`,
    });
  }
  return { columns, mapping, unmappedHeaders, missingRequired, errors };
}
