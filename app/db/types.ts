import type { Generated, Insertable, Selectable } from "kysely";

// Row types for Kysely. Dates are local 'YYYY-MM-DD' strings; timestamps ISO-8601 UTC strings; JSON columns text.
// Every table's interface is exported, read or not elsewhere: with Database they are the schema, one per table.
export type Role = "clinician" | "patient";

export interface ClinicTable {
  id: string;
  name: string;
  created_at: string;
}

export interface AppUserTable {
  id: string;
  clinic_id: string;
  role: Role;
  email: string;
  name: string;
  password_hash: string | null;
  time_zone: string;
  created_at: string;
  password_changed_at: string | null;
}

export interface PatientProfileTable {
  user_id: string;
  clinic_id: string;
  clinician_id: string;
  condition: string;
  involved_side: string;
  injury_date: string | null;
  surgery_date: string | null;
  created_at: string;
  /** When the patient joined: set a password, continued from the invite without one, or signed in by a link. */
  joined_at: string | null;
}

export interface UserSessionTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  data: string;
}

export interface InviteTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** One counter per throttle key (app/services/sign-in.server.ts); `failures` counts attempts not yet succeeded. */
export interface SignInThrottleTable {
  throttle_key: string;
  failures: number;
  window_started_at: string;
  last_failure_at: string;
}

/** A one-time sign-in link for a patient (app/services/sign-in-link.server.ts): only the token's hash is kept. */
export interface SignInLinkTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A patient's reminder choice; no row means the defaults (app/services/reminder-setting.server.ts). */
export interface ReminderSettingTable {
  user_id: string;
  /** 1 = reminders on, 0 = off. */
  enabled: number;
  /** "HH:MM" in the patient's time zone. */
  remind_at: string;
  updated_at: string;
}

/** daily-log: ADR 050; questionnaire-due: ADR 059 (its local_date is the day the questionnaire fell due). */
export type ReminderKind = "daily-log" | "questionnaire-due";

/** One row per (patient, kind, local day), claimed before the reminder is sent (docs/decisions/050-reminder-sweep.md). */
export interface ReminderClaimTable {
  patient_id: string;
  kind: ReminderKind;
  local_date: string;
  claimed_at: string;
  attempts: number;
  sent_at: string | null;
  delivery: string | null;
}

export interface ProgramTable {
  id: string;
  clinic_id: string;
  name: string;
  condition: string;
  based_on: string | null;
  current_version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface ProgramVersionTable {
  program_id: string;
  version: number;
  definition: string;
  created_by: string;
  created_at: string;
}

export type PlanStatus = "active" | "paused" | "discharged" | "completed";
export type ApprovalMode = "confirm" | "automatic";

export interface PlanTable {
  id: string;
  clinic_id: string;
  patient_id: string;
  clinician_id: string;
  program_id: string;
  program_version: number;
  program_snapshot: string;
  current_stage_id: string;
  stage_entered_on: string;
  last_regress_on: string | null;
  start_date: string;
  injury_date: string | null;
  surgery_date: string | null;
  involved_side: string;
  status: PlanStatus;
  approval_mode: ApprovalMode;
  goal_text: string | null;
  goal_activity: string | null;
  goal_target_date: string | null;
  created_at: string;
  updated_at: string;
  /** Moved on by every write that records a decision or changes the plan (ADR 047); 0 when created. */
  version: Generated<number>;
  /** Whether the engine's dose changes wait for a clinician ('confirm') or apply at once (ADR 056). */
  dose_approval_mode: Generated<ApprovalMode>;
}

export interface DailyLogTable {
  id: string;
  clinic_id: string;
  plan_id: string;
  patient_id: string;
  log_date: string;
  morning_pain: number | null;
  morning_stiffness: number | null;
  session_done: "done" | "partial" | "none";
  pain_during: number | null;
  pain_after: number | null;
  pain_at_rest: number | null;
  session_minutes: number | null;
  session_rpe: number | null;
  running_minutes: number | null;
  swelling: string | null;
  soreness: string | null;
  exercises: string | null;
  other_activities: string | null;
  test_pain: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  edit_count: Generated<number>;
}

export interface MeasurementTable {
  id: string;
  clinic_id: string;
  plan_id: string;
  patient_id: string;
  measured_on: string;
  measure: string;
  side: string | null;
  value: number;
  answers: string | null;
  recorded_by: string;
  created_at: string;
}

export interface SignoffTable {
  id: string;
  clinic_id: string;
  plan_id: string;
  item_id: string;
  stage_id: string;
  signed_on: string;
  clinician_id: string;
  note: string | null;
  created_at: string;
}

export type DecisionStatus = "pending" | "applied" | "overridden" | "superseded" | "info";

export interface DecisionTable {
  id: string;
  clinic_id: string;
  plan_id: string;
  evaluated_for: string;
  outcome: "advance" | "hold" | "regress" | "complete";
  from_stage_id: string;
  to_stage_id: string;
  checks: string;
  flags: string;
  load: string | null;
  patient_summary: string;
  clinician_summary: string;
  engine_version: string;
  program_version: number;
  status: DecisionStatus;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_reason: string | null;
  created_at: string;
  /** JSON: the engine's DoseChange[]; null on decisions made before ADR 056 (none). */
  dose_changes: string | null;
}

export interface AuditEventTable {
  id: string;
  clinic_id: string;
  actor_id: string | null;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string;
  plan_id: string | null;
  detail: string | null;
  at: string;
}

/** A message in the thread of a plan, between the patient and their clinic's clinicians. */
export interface MessageTable {
  id: string;
  clinic_id: string;
  plan_id: string;
  patient_id: string;
  author_id: string;
  author_role: Role;
  body: string;
  created_at: string;
  /** When the other side first saw it (any clinician of the clinic, for a patient's message). */
  read_at: string | null;
}

/** When a side (the patient, or the clinic) was last emailed about new messages on a plan. */
export interface MessageNoticeTable {
  plan_id: string;
  recipient_role: Role;
  last_sent_at: string;
}

/** One version of a plan's personal dose for one stay in a stage (docs/decisions/052-personal-prescription.md). */
export interface PersonalDoseTable {
  id: string;
  clinic_id: string;
  plan_id: string;
  /** 1, 2, 3… per plan, across its stages: the number a form posts back to detect a concurrent change. */
  version: number;
  stage_id: string;
  /** The plan's stage_entered_on when this version was written: which stay in the stage it belongs to. */
  stage_entered_on: string;
  program_version: number;
  /** JSON: PersonalExerciseEntry[] (app/models/personal-dose.server.ts). */
  exercises: string;
  /** JSON: the tailored run, or null for the program's. */
  run: string | null;
  /** "tailored" (a clinician), "version_move" (the plan moved to a program version without some exercises). */
  cause: string;
  reason: string;
  changed_by: string | null;
  created_at: string;
}

/** A clinician of the clinic marked a log's note read; `note` is the text as read (an edited note is unread again). */
export interface LogNoteReadTable {
  log_id: string;
  clinic_id: string;
  plan_id: string;
  note: string;
  read_by: string;
  read_at: string;
}

/** A clinician reviewed the engine's flags on a plan; `flags` is a JSON list of "code: message", as they read then. */
export interface FlagReviewTable {
  id: string;
  clinic_id: string;
  plan_id: string;
  decision_id: string;
  flags: string;
  note: string | null;
  reviewed_by: string;
  reviewed_at: string;
}

export interface Database {
  clinic: ClinicTable;
  app_user: AppUserTable;
  patient_profile: PatientProfileTable;
  user_session: UserSessionTable;
  invite: InviteTable;
  sign_in_throttle: SignInThrottleTable;
  message: MessageTable;
  message_notice: MessageNoticeTable;
  sign_in_link: SignInLinkTable;
  reminder_setting: ReminderSettingTable;
  reminder_claim: ReminderClaimTable;
  program: ProgramTable;
  program_version: ProgramVersionTable;
  plan: PlanTable;
  daily_log: DailyLogTable;
  measurement: MeasurementTable;
  signoff: SignoffTable;
  decision: DecisionTable;
  audit_event: AuditEventTable;
  personal_dose: PersonalDoseTable;
  log_note_read: LogNoteReadTable;
  flag_review: FlagReviewTable;
}

export type Plan = Selectable<PlanTable>;
export type DailyLog = Selectable<DailyLogTable>;
export type NewDailyLog = Insertable<DailyLogTable>;
export type NewDecision = Insertable<DecisionTable>;
export type Decision = Selectable<DecisionTable>;
export type PersonalDose = Selectable<PersonalDoseTable>;
