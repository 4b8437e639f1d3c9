/** Kysely table types for the whole domain model. Dates are ISO `YYYY-MM-DD` text; timestamps ISO text. */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

type Timestamp = ColumnType<string, string | undefined, string>;

export type UserRole = "admin" | "hr" | "consultant" | "executive";
export type CategoryValue = "senior_executive" | "senior_manager" | "frontline" | "out_of_scope";
export type RecordStatusValue = "enrolled" | "in_progress" | "referred" | "achieved" | "withdrawn" | "failed";
export type ImportKind = "staff" | "enrolments" | "roles" | "acknowledgements" | "supervisions" | "training";

export interface OrganisationTable {
  id: Generated<number>;
  slug: string;
  name: string;
  homes_owned: number;
  in_force_date: Generated<string>;
  transition_years_override: number | null;
  qualified_deadline_override: string | null;
  grace_months: Generated<number>;
  probation_grace_months: Generated<number>;
  late_joiner_months: Generated<number>;
  course_months_level4: Generated<number>;
  course_months_level5: Generated<number>;
  absences_pause_clocks: Generated<number>;
  date_order: Generated<"day_first" | "month_first">;
  working_towards_start_months: Generated<number>;
  other_absence_pauses_clocks: Generated<number>;
  /** 0 = the default milestone list (derived from the timeline); 1 = the rows in `milestones`. */
  custom_milestones: Generated<number>;
  created_at: Timestamp;
  /** Bumped by every write to this organisation's data (see app/models/organisation-scope.server.ts). */
  revision: Generated<number>;
}

export interface MilestoneTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  date: string;
  measure: "statutory" | "qualified_or_enrolled" | "qualified";
  target_pct: number;
  position: number;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: UserRole;
  password_hash: string | null;
  /** One-time set-password token (hashed) and its expiry, for invitations and resets. */
  set_password_token_hash: string | null;
  set_password_expires_at: string | null;
  created_at: Timestamp;
}

export interface MembershipTable {
  user_id: number;
  organisation_id: number;
  created_at: Timestamp;
}

export interface SessionTable {
  /** SHA-256 (hex) of the id in the cookie; the id itself is never stored. */
  id: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: string;
}

export interface SignInAttemptTable {
  id: Generated<number>;
  email: string;
  address: string;
  at: string;
  succeeded: number;
}

export interface StaffTable {
  id: Generated<number>;
  organisation_id: number;
  employee_ref: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  job_title: string;
  job_title_normalised: string;
  department: string | null;
  location: string | null;
  manager_ref: string | null;
  employer: string | null;
  fte: number | null;
  start_date: string | null;
  role_start_date: string | null;
  end_date: string | null;
  on_probation: Generated<number>;
  probation_end_date: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ScopeDecisionTable {
  id: Generated<number>;
  organisation_id: number;
  job_title: string;
  job_title_normalised: string;
  category: CategoryValue;
  time_managing_pct: number | null;
  rationale: string | null;
  decided_by: string | null;
  decided_on: string | null;
  review_date: string | null;
}

export interface PersonOverrideTable {
  id: Generated<number>;
  organisation_id: number;
  staff_id: number;
  category: CategoryValue;
  rationale: string;
  decided_by: string | null;
  decided_on: string | null;
}

export interface QualificationTable {
  id: Generated<number>;
  /** null = the shared catalogue every organisation sees. */
  organisation_id: number | null;
  code: string | null;
  title: string;
  awarding_body: string | null;
  level: number;
  ofqual_number: string | null;
  recognised: number;
  typical_months: number | null;
  /** JSON of the rules of combination (units, credits, pathways, exemptions), or null. */
  rules_of_combination: string | null;
  note: string | null;
  /** regulated_housing | foundation_degree | degree | apprenticeship | assessed_equivalent | unit | other */
  basis: string | null;
  /** Total qualification time in hours, where the source gives it. */
  tqt_hours: number | null;
}

export interface QualificationRecordTable {
  id: Generated<number>;
  organisation_id: number;
  staff_id: number;
  qualification_id: number;
  provider: string | null;
  status: RecordStatusValue;
  enrolled_on: string | null;
  started_on: string | null;
  expected_completion: string | null;
  achieved_on: string | null;
  certificate_ref: string | null;
  evidence_verified_by: string | null;
  evidence_verified_on: string | null;
  pathway: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UnitResultTable {
  id: Generated<number>;
  organisation_id: number;
  record_id: number;
  unit_ref: string;
  result: "pass" | "refer" | "fail" | "exempt";
  achieved_on: string | null;
}

export interface AbsenceTable {
  id: Generated<number>;
  organisation_id: number;
  staff_id: number;
  kind: "parental" | "long_term_sickness" | "other";
  from_date: string;
  to_date: string | null;
  note: string | null;
}

export interface MappingProfileTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  kind: ImportKind;
  mapping_json: string;
  created_at: Timestamp;
}

export interface ImportRunTable {
  id: Generated<number>;
  organisation_id: number;
  user_id: number | null;
  actor: string;
  kind: ImportKind;
  mode: "full" | "partial";
  file_name: string;
  file_sha256: string;
  mapping_json: string;
  status: "applied" | "rejected" | "undone";
  counts_json: string;
  /** The staged web upload this run applied (at most one applied run per upload); null for the CLI and API. */
  upload_token: string | null;
  created_at: Timestamp;
  undone_at: string | null;
  undone_by: string | null;
}

export interface ImportRowErrorTable {
  id: Generated<number>;
  import_run_id: number;
  row_number: number;
  column_name: string;
  value: string;
  message: string;
}

export interface ImportChangeTable {
  id: Generated<number>;
  import_run_id: number;
  entity: "staff" | "qualification_record" | "scope_decision";
  entity_id: number;
  action: "insert" | "update" | "leaver";
  before_json: string | null;
  after_json: string | null;
}

export interface SnapshotTable {
  id: Generated<number>;
  organisation_id: number;
  label: string;
  taken_at: string;
  as_of: string;
  trigger: "import" | "manual" | "cli";
  import_run_id: number | null;
  taken_by: string;
  measures_json: string;
}

export interface SnapshotPersonTable {
  snapshot_id: number;
  staff_id: number;
  employee_ref: string;
  name: string;
  category: string;
  status: string;
  rag: string;
  enrol_by: string | null;
  qualify_by: string | null;
  /** The `position` of this person's reasons among the snapshot's lists (snapshot_reason_lists). */
  reasons_list: number;
}

/** Each distinct list of reasons a snapshot's people have, once, numbered within the snapshot (decision 0072). */
export interface SnapshotReasonListTable {
  snapshot_id: number;
  position: number;
  /** A JSON array of plain-English reasons. */
  reasons_json: string;
}

export interface AuditEventTable {
  id: Generated<number>;
  organisation_id: number | null;
  user_id: number | null;
  actor: string;
  at: string;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string;
  before_json: string | null;
  after_json: string | null;
}

export interface PlanIntakeTable {
  id: Generated<number>;
  organisation_id: number;
  qualification_id: number;
  provider: string;
  start_date: string;
  capacity: number;
  /** Price per learner in pence for the whole qualification (top-ups pro rata by credits). */
  price_pence: number;
  /** null = the qualification's typical months, else the organisation's course length for its level. */
  course_months: number | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanPinTable {
  id: Generated<number>;
  organisation_id: number;
  staff_id: number;
  intake_id: number;
  pathway: string | null;
  pinned_by: string;
  pinned_at: string;
}

export interface PlanRunTable {
  id: Generated<number>;
  organisation_id: number;
  user_id: number | null;
  actor: string;
  as_of: string;
  status: "accepted" | "undone";
  summary_json: string;
  accepted_at: string;
  undone_at: string | null;
  undone_by: string | null;
}

export interface PlanRunRecordTable {
  id: Generated<number>;
  plan_run_id: number;
  record_id: number;
  staff_id: number;
  intake_id: number | null;
  row_json: string;
}

// ---- Skills audits (issue 7) ----------------------------------------------------------------

export type SkillAreaGroup = "knowledge" | "skills" | "behaviours" | "conduct";
export type SkillsAuditStatus = "draft" | "open" | "closed";
/** Categories that have target levels in a skills framework. */
export type SkillsAuditCategory = "senior_executive" | "senior_manager" | "frontline";

export interface SkillFrameworkTable {
  id: Generated<number>;
  /** null = the shared default framework every organisation sees (read-only; copy it to change it). */
  organisation_id: number | null;
  name: string;
  description: string | null;
  based_on_id: number | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface SkillAreaTable {
  id: Generated<number>;
  organisation_id: number | null;
  framework_id: number;
  /** Stable across copies and renames (K1…K7, S1…S11, B1…B9, C1; X1… for added areas). */
  code: string;
  name: string;
  area_group: SkillAreaGroup;
  position: number;
  target_senior_executive: number;
  target_senior_manager: number;
  target_frontline: number;
  /** Retired areas keep their ratings (history) but are not offered in new entries. */
  retired_at: string | null;
}

export interface SkillsAuditCampaignTable {
  id: Generated<number>;
  organisation_id: number;
  framework_id: number;
  name: string;
  status: Generated<SkillsAuditStatus>;
  opens_on: string;
  closes_on: string;
  /** Who is included: { categories, departments, employers, refs }. */
  filter_json: string;
  created_by: string | null;
  created_at: Timestamp;
  opened_at: string | null;
  closed_at: string | null;
  closed_by: string | null;
}

export interface SkillsAuditParticipantTable {
  campaign_id: number;
  organisation_id: number;
  staff_id: number;
  /** Category, department and employer when the person was included. */
  category: SkillsAuditCategory;
  department: string | null;
  employer: string | null;
}

export interface SkillsAuditRatingTable {
  id: Generated<number>;
  organisation_id: number;
  campaign_id: number;
  staff_id: number;
  area_id: number;
  self_rating: number | null;
  manager_rating: number | null;
  agreed_rating: number | null;
  note: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** The areas and targets of a campaign frozen when it closes (later framework edits do not change it). */
export interface SkillsAuditCampaignAreaTable {
  campaign_id: number;
  area_id: number;
  code: string;
  name: string;
  area_group: SkillAreaGroup;
  position: number;
  target_senior_executive: number;
  target_senior_manager: number;
  target_frontline: number;
  retired: Generated<number>;
}

export interface SkillsAuditUploadTable {
  id: Generated<number>;
  organisation_id: number;
  campaign_id: number;
  user_id: number | null;
  actor: string;
  file_name: string;
  file_sha256: string;
  content: Uint8Array;
  mapping_json: string | null;
  status: Generated<"staged" | "applied" | "rejected" | "discarded">;
  counts_json: string | null;
  errors_json: string | null;
  created_at: Timestamp;
  finished_at: string | null;
}

export interface SkillCourseTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  provider: string | null;
  hours: number | null;
  description: string | null;
  retired_at: string | null;
  created_at: Timestamp;
  /** Short code for imports (training matrix, migration 0012). */
  code: string | null;
  /** Months a completion stays current; null = it does not expire. */
  refresh_months: number | null;
}

export interface SkillCourseAreaTable {
  course_id: number;
  organisation_id: number;
  area_code: string;
}

/** What each write to an organisation changed, one row per revision (migration 0020, decision 0056). */
export interface OrganisationChangeTable {
  organisation_id: number;
  revision: number;
  /** Comma-separated ChangedPart names (app/models/organisation-data.server.ts): the evaluated parts, and "other" for any other table; empty when the write touched no table through the writer. */
  parts: string;
}

export interface ServiceProviderTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  name_normalised: string;
  comprehensive: number;
  contract_ref: string | null;
  review_date: string | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Contractor assurance (migration 0012): the contract carries competence / conduct clauses. */
  competence_clause: Generated<number>;
  conduct_clause: Generated<number>;
  /** Months between the assurance returns the contract asks for. */
  assurance_months: Generated<number>;
}

// ---- Conduct (issue [2.7], migration 0012) ---------------------------------------------------

export type PolicyKind = "code_of_conduct" | "learning_development" | "appraisal" | "poor_performance";
export type MeetingKind = "supervision" | "one_to_one" | "appraisal";
export type ConductSource = "recorded" | "import" | "seed";

export interface ConductSettingsTable {
  id: Generated<number>;
  organisation_id: number;
  /** Days everyone has to acknowledge a newly approved code of conduct (default 60). */
  code_ack_days: Generated<number>;
}

export interface PolicyVersionTable {
  id: Generated<number>;
  organisation_id: number;
  kind: PolicyKind;
  version: string;
  approved_by: string | null;
  approved_on: string;
  review_by: string | null;
  tenant_url: string | null;
  document_ref: string | null;
  note: string | null;
  recorded_by: string;
  created_at: Timestamp;
}

export interface ConductAcknowledgementTable {
  id: Generated<number>;
  organisation_id: number;
  staff_id: number;
  policy_version_id: number;
  acknowledged_on: string;
  source: ConductSource;
  recorded_by: string;
  created_at: Timestamp;
}

export interface SupervisionMeetingTable {
  id: Generated<number>;
  organisation_id: number;
  staff_id: number;
  kind: MeetingKind;
  held_on: string;
  note: string | null;
  source: ConductSource;
  recorded_by: string;
  created_at: Timestamp;
}

export interface ConductIntervalTable {
  id: Generated<number>;
  organisation_id: number;
  kind: MeetingKind;
  category: CategoryValue;
  months: number | null;
}

export interface TrainingRequirementTable {
  id: Generated<number>;
  organisation_id: number;
  course_id: number;
  applies_to: "everyone" | "job_title" | "category" | "department";
  value: string | null;
  value_normalised: string | null;
  created_at: Timestamp;
}

export interface TrainingCompletionTable {
  id: Generated<number>;
  organisation_id: number;
  staff_id: number;
  course_id: number;
  completed_on: string;
  expires_on: string | null;
  source: ConductSource;
  recorded_by: string;
  created_at: Timestamp;
}

/** A completed course that closed a person's course recommendation in a skills audit (migration 0016). */
export interface SkillRecommendationClosureTable {
  id: Generated<number>;
  organisation_id: number;
  campaign_id: number;
  staff_id: number;
  course_id: number;
  completion_id: number;
  closed_on: string;
  recorded_by: string;
  created_at: Timestamp;
}

/** An upload waiting between the web import steps, or what became of it (migration 0018). */
export interface StagedUploadTable {
  token: string;
  organisation_id: number;
  uploaded_at: string;
  bytes: Buffer | null;
  settings: string | null;
  preview: string | null;
  progress: string | null;
  outcome: string | null;
  outcome_at: string | null;
}

export interface TenantEngagementTable {
  id: Generated<number>;
  organisation_id: number;
  held_on: string;
  kind: "panel" | "survey" | "scrutiny_meeting" | "other";
  policy_version_id: number | null;
  title: string;
  influence: string | null;
  outcome: string | null;
  recorded_by: string;
  created_at: Timestamp;
}

export interface ProviderAssuranceReturnTable {
  id: Generated<number>;
  organisation_id: number;
  provider_id: number;
  received_on: string;
  summary: string | null;
  recorded_by: string;
  created_at: Timestamp;
}

export interface EquivalenceAssessmentTable {
  id: Generated<number>;
  organisation_id: number;
  staff_id: number;
  qualification_id: number;
  assessed_by: string;
  assessed_on: string;
  evidence_ref: string;
  tqt_hours: number | null;
  outcome: "met" | "partly_met";
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EquivalenceTopUpTable {
  id: Generated<number>;
  organisation_id: number;
  assessment_id: number;
  unit: string;
  completed_on: string | null;
  position: number;
}

export type DigestKindValue = "line_manager" | "hr" | "executive";
export type DigestSendStatus = "sending" | "sent" | "written" | "failed";

export interface ReminderSettingsTable {
  organisation_id: number;
  line_manager_digest: Generated<number>;
  hr_digest: Generated<number>;
  executive_digest: Generated<number>;
  frequency: ColumnType<"weekly" | "monthly", "weekly" | "monthly" | undefined, "weekly" | "monthly">;
  enrol_lead_days: Generated<number>;
  due_lead_days: Generated<number>;
  copy_to: string | null;
  executive_names: Generated<number>;
  updated_at: string;
}

export interface DigestSendTable {
  id: Generated<number>;
  organisation_id: number;
  digest: DigestKindValue;
  recipient: string;
  cc: string | null;
  period: string;
  subject: string;
  item_count: number;
  status: DigestSendStatus;
  error: string | null;
  attempts: Generated<number>;
  message_id: string | null;
  outbox_file: string | null;
  sent_by: string;
  created_at: string;
  updated_at: string;
}

export interface Database {
  conduct_settings: ConductSettingsTable;
  policy_versions: PolicyVersionTable;
  conduct_acknowledgements: ConductAcknowledgementTable;
  supervision_meetings: SupervisionMeetingTable;
  conduct_intervals: ConductIntervalTable;
  training_requirements: TrainingRequirementTable;
  training_completions: TrainingCompletionTable;
  skill_recommendation_closures: SkillRecommendationClosureTable;
  staged_uploads: StagedUploadTable;
  tenant_engagements: TenantEngagementTable;
  provider_assurance_returns: ProviderAssuranceReturnTable;
  reminder_settings: ReminderSettingsTable;
  digest_sends: DigestSendTable;
  service_providers: ServiceProviderTable;
  equivalence_assessments: EquivalenceAssessmentTable;
  equivalence_top_ups: EquivalenceTopUpTable;
  organisations: OrganisationTable;
  organisation_changes: OrganisationChangeTable;
  milestones: MilestoneTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  sign_in_attempts: SignInAttemptTable;
  staff: StaffTable;
  scope_decisions: ScopeDecisionTable;
  person_overrides: PersonOverrideTable;
  qualifications: QualificationTable;
  qualification_records: QualificationRecordTable;
  unit_results: UnitResultTable;
  absences: AbsenceTable;
  mapping_profiles: MappingProfileTable;
  import_runs: ImportRunTable;
  import_row_errors: ImportRowErrorTable;
  import_changes: ImportChangeTable;
  snapshots: SnapshotTable;
  snapshot_people: SnapshotPersonTable;
  snapshot_reason_lists: SnapshotReasonListTable;
  audit_events: AuditEventTable;
  plan_intakes: PlanIntakeTable;
  plan_pins: PlanPinTable;
  plan_runs: PlanRunTable;
  plan_run_records: PlanRunRecordTable;
  skill_frameworks: SkillFrameworkTable;
  skill_areas: SkillAreaTable;
  skills_audit_campaigns: SkillsAuditCampaignTable;
  skills_audit_participants: SkillsAuditParticipantTable;
  skills_audit_ratings: SkillsAuditRatingTable;
  skills_audit_campaign_areas: SkillsAuditCampaignAreaTable;
  skills_audit_uploads: SkillsAuditUploadTable;
  skill_courses: SkillCourseTable;
  skill_course_areas: SkillCourseAreaTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type OrganisationUpdate = Updateable<OrganisationTable>;
export type User = Selectable<UserTable>;
export type Staff = Selectable<StaffTable>;
export type NewStaff = Insertable<StaffTable>;
export type ScopeDecisionRow = Selectable<ScopeDecisionTable>;
export type PersonOverrideRow = Selectable<PersonOverrideTable>;
export type QualificationRow = Selectable<QualificationTable>;
export type QualificationRecordRow = Selectable<QualificationRecordTable>;
export type NewQualificationRecord = Insertable<QualificationRecordTable>;

/** Every column of a qualification record, in table order (for change sets that store whole rows). */
export const QUALIFICATION_RECORD_COLUMNS = [
  "id",
  "organisation_id",
  "staff_id",
  "qualification_id",
  "provider",
  "status",
  "enrolled_on",
  "started_on",
  "expected_completion",
  "achieved_on",
  "certificate_ref",
  "evidence_verified_by",
  "evidence_verified_on",
  "pathway",
  "created_at",
  "updated_at",
] as const satisfies ReadonlyArray<keyof QualificationRecordRow>;
export type AbsenceRow = Selectable<AbsenceTable>;
export type ImportRun = Selectable<ImportRunTable>;
export type SnapshotRow = Selectable<SnapshotTable>;
export type AuditEvent = Selectable<AuditEventTable>;
