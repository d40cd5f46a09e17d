import { QUESTIONNAIRE_MINUTES, questionnaireKindOf, type QuestionnaireKind } from "~/content/questionnaires.ts";
import type { DB } from "~/db/client.server.ts";
import type { Plan } from "~/db/types.ts";
import { firstStageDay, INSTRUMENT_NAMES } from "~/engine/index.ts";
import { questionnairesDue, type QuestionnaireDue, type ScheduleProgram } from "~/engine/questionnaire-schedule.ts";
import { listQuestionnaireScoreDays } from "~/models/questionnaire-score.server.ts";
import { programOfPlan } from "./evaluation.server.ts";
import { loadPatientPlan, type PatientUser } from "./patient-plan.server.ts";

// Scheduled questionnaires (docs/decisions/059-scheduled-questionnaires.md): which are due for a plan, for Today, the
// questionnaires page, the reminder sweep and triage. The dates are the engine's (questionnaire-schedule.ts).

export type SchedulePlan = Pick<
  Plan,
  | "id"
  | "status"
  | "start_date"
  | "current_stage_id"
  | "stage_entered_on"
  | "last_regress_on"
  | "program_id"
  | "program_version"
>;

/** What the schedule reads of a program: its schedule and each stage's minimum days and questionnaire gates. */
function scheduleProgramOf(plan: Pick<Plan, "program_snapshot">): ScheduleProgram | null {
  const program = programOfPlan(plan);
  if (!program.questionnaireSchedule?.length) return null;
  return {
    questionnaireSchedule: program.questionnaireSchedule,
    stages: program.stages.map((s) => ({
      id: s.id,
      minDays: s.minDays,
      gates: s.gates.filter((g) => g.kind === "questionnaire"),
    })),
  };
}

// A program version's snapshot never changes, so its schedule is worked out once per process (null: none).
const scheduleCache = new Map<string, ScheduleProgram | null>();
const keyOf = (plan: Pick<Plan, "program_id" | "program_version">) => `${plan.program_id}@${plan.program_version}`;

/** The schedules of the plans' programs, reading one snapshot per program version not seen before. */
async function schedulesOf(db: DB, plans: SchedulePlan[]): Promise<Map<string, ScheduleProgram | null>> {
  const wanted = new Map<string, string>();
  for (const plan of plans) if (!scheduleCache.has(keyOf(plan))) wanted.set(keyOf(plan), plan.id);
  if (wanted.size > 0) {
    const snapshots = await db
      .selectFrom("plan")
      .select(["program_id", "program_version", "program_snapshot"])
      .where("id", "in", [...wanted.values()])
      .execute();
    for (const s of snapshots) scheduleCache.set(keyOf(s), scheduleProgramOf(s));
  }
  return scheduleCache;
}

function dueFor(
  plan: SchedulePlan,
  schedule: ScheduleProgram,
  scores: Array<{ date: string; measure: string }>,
  today: string,
) {
  return questionnairesDue(
    schedule,
    {
      status: plan.status,
      startDate: plan.start_date,
      currentStageId: plan.current_stage_id,
      stageEnteredOn: firstStageDay({ stageEnteredOn: plan.stage_entered_on, lastRegressOn: plan.last_regress_on }),
    },
    scores,
    today,
  );
}

/**
 * The questionnaires due for each plan on its patient's today, in three queries at most whatever the number of plans:
 * plans whose program has no schedule cost nothing. Only plans with something due are in the map.
 */
export async function questionnairesDueForPlans<P extends SchedulePlan>(
  db: DB,
  plans: P[],
  todayOf: (plan: P) => string,
): Promise<Map<string, QuestionnaireDue[]>> {
  const schedules = await schedulesOf(db, plans);
  const scheduled = plans.filter((p) => p.status === "active" && schedules.get(keyOf(p)));
  const measures = new Set<string>();
  for (const plan of scheduled)
    for (const item of schedules.get(keyOf(plan))!.questionnaireSchedule ?? []) measures.add(item.instrument);
  const rows = await listQuestionnaireScoreDays(
    db,
    scheduled.map((p) => p.id),
    [...measures],
  );
  const scoresByPlan = new Map<string, Array<{ date: string; measure: string }>>();
  for (const r of rows) {
    const list = scoresByPlan.get(r.plan_id) ?? scoresByPlan.set(r.plan_id, []).get(r.plan_id)!;
    list.push({ date: r.measured_on, measure: r.measure });
  }
  const due = new Map<string, QuestionnaireDue[]>();
  for (const plan of scheduled) {
    const list = dueFor(plan, schedules.get(keyOf(plan))!, scoresByPlan.get(plan.id) ?? [], todayOf(plan));
    if (list.length > 0) due.set(plan.id, list);
  }
  return due;
}

export type DueQuestionnaire = {
  kind: QuestionnaireKind;
  /** As clinicians and the forms name it: "VISA-A". */
  name: string;
  minutes: number;
  dueOn: string;
  overdue: boolean;
};

/** A due questionnaire as the patient's pages show it (the form's address, its name, about how long it takes). */
export function dueQuestionnaireView(due: QuestionnaireDue): DueQuestionnaire {
  const kind = questionnaireKindOf(due.instrument);
  return {
    kind,
    name: INSTRUMENT_NAMES[due.instrument],
    minutes: QUESTIONNAIRE_MINUTES[kind],
    dueOn: due.dueOn,
    overdue: due.overdue,
  };
}

/** The signed-in patient's due questionnaires, overdue first, then by the day they fell due. */
export async function questionnairesDueForPatient(db: DB, patient: PatientUser): Promise<DueQuestionnaire[]> {
  const current = await loadPatientPlan(db, patient);
  if (!current) return [];
  const due = await questionnairesDueForPlans(db, [current.plan], () => current.today);
  return (due.get(current.plan.id) ?? [])
    .map(dueQuestionnaireView)
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
}
