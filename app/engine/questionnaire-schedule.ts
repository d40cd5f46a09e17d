/**
 * When a program's scheduled questionnaires are due (docs/engine.md, "Questionnaire schedule"). Pure: the plan's
 * facts, its scores and the patient's today are arguments.
 *
 * - **Every N days:** due N days after the latest score of the instrument in the plan, or N days after the plan
 *   started when there is none yet.
 * - **Ahead of a gate:** when the current stage has a questionnaire gate on the instrument and no score the gate would
 *   count on the day the stage's minimum days are reached (or today, if later): none in the gate's scope, none young
 *   enough for its maxAgeDays, or for a change gate no second score after the first. Due `leadDays` (default 3, ours)
 *   before that day, never before the gate's scope begins nor before the day after the latest score. A change gate
 *   with no score at all wants its baseline at once.
 * - **Overdue** once due for OVERDUE_AFTER_DAYS (ours), and for a gate not before its day arrives: by then the missing
 *   score is what holds the patient.
 *
 * Nothing is due while the plan is not active (paused, discharged, completed). One entry per instrument: the earliest.
 */
import { addDays, type LocalDate } from "./dates";
import type { QuestionnaireCriterion, QuestionnaireScheduleItem, Stage } from "./schema";

/** Days before a gate's minimum time is reached that its questionnaire falls due (ours). */
export const DEFAULT_QUESTIONNAIRE_LEAD_DAYS = 3;
/** A due questionnaire not done this many days later is overdue (ours). */
export const OVERDUE_AFTER_DAYS = 3;

export type ScheduledInstrument = QuestionnaireScheduleItem["instrument"];

/** What of the program the schedule reads: the schedule and the stages' minimum days and gates. */
export type ScheduleProgram = {
  questionnaireSchedule?: QuestionnaireScheduleItem[];
  stages: ReadonlyArray<Pick<Stage, "id" | "minDays" | "gates">>;
};

export type SchedulePlanFacts = {
  status: "active" | "paused" | "discharged" | "completed";
  startDate: LocalDate;
  currentStageId: string;
  /** The first day whose evidence counts towards the current stage (stage-dates.ts `firstStageDay`). */
  stageEnteredOn: LocalDate;
};

/** A questionnaire score: the day and the measure it is stored under (the instrument's id). */
export type ScoreFact = { date: LocalDate; measure: string };

export type QuestionnaireDue = {
  instrument: ScheduledInstrument;
  dueOn: LocalDate;
  overdue: boolean;
  /** every_days: the repeat interval; before_gate: the current stage's gate needs a score. */
  reason: "every_days" | "before_gate";
  /** The gate's id, for before_gate. */
  gateId?: string;
};

type Candidate = Omit<QuestionnaireDue, "overdue"> & { overdueOn: LocalDate };

const later = (a: LocalDate, b: LocalDate) => (a > b ? a : b);

export function questionnairesDue(
  program: ScheduleProgram,
  plan: SchedulePlanFacts,
  scores: readonly ScoreFact[],
  today: LocalDate,
): QuestionnaireDue[] {
  if (plan.status !== "active") return [];
  const stage = program.stages.find((s) => s.id === plan.currentStageId);
  const due: QuestionnaireDue[] = [];
  for (const item of program.questionnaireSchedule ?? []) {
    const days = scores
      .filter((s) => s.measure === item.instrument && s.date <= today)
      .map((s) => s.date)
      .sort();
    const candidates: Candidate[] = [];
    if (item.everyDays !== undefined) candidates.push(everyDaysCandidate(item, item.everyDays, plan, days));
    if (item.beforeGate && stage) candidates.push(...gateCandidates(item, stage, plan, days, today));
    const first = candidates
      .filter((c) => c.dueOn <= today)
      .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0))[0];
    if (first) {
      const { overdueOn, ...rest } = first;
      due.push({ ...rest, overdue: today >= overdueOn });
    }
  }
  return due;
}

function everyDaysCandidate(
  item: QuestionnaireScheduleItem,
  everyDays: number,
  plan: SchedulePlanFacts,
  days: LocalDate[],
): Candidate {
  const dueOn = addDays(days.at(-1) ?? plan.startDate, everyDays);
  return { instrument: item.instrument, dueOn, overdueOn: addDays(dueOn, OVERDUE_AFTER_DAYS), reason: "every_days" };
}

function gateCandidates(
  item: QuestionnaireScheduleItem,
  stage: Pick<Stage, "id" | "minDays" | "gates">,
  plan: SchedulePlanFacts,
  days: LocalDate[],
  today: LocalDate,
): Candidate[] {
  const lead = item.leadDays ?? DEFAULT_QUESTIONNAIRE_LEAD_DAYS;
  const gateOn = addDays(plan.stageEnteredOn, stage.minDays);
  const judgedOn = later(gateOn, today);
  return stage.gates
    .filter(
      (g): g is QuestionnaireCriterion =>
        g.kind === "questionnaire" &&
        g.instrument === item.instrument &&
        (g.measure ?? g.instrument) === item.instrument,
    )
    .flatMap((gate) => {
      const scopeStart = (gate.scope ?? "plan") === "stage" ? plan.stageEnteredOn : plan.startDate;
      const inScope = days.filter((d) => d >= scopeStart);
      const counted = countedScore(gate, inScope, judgedOn);
      if (counted) {
        // Still counted on the gate's day: due again only when it grows too old for the gate.
        if (gate.maxAgeDays === undefined) return [];
        const expiresOn = addDays(counted, gate.maxAgeDays + 1);
        return [candidateFor(item, gate, later(gateOn, expiresOn), lead, scopeStart, inScope)];
      }
      // A change gate measures from a first score: with none yet, that baseline is wanted at once.
      const neededOn = gate.mode === "change_from_baseline" && inScope.length === 0 ? scopeStart : gateOn;
      return [candidateFor(item, gate, neededOn, lead, scopeStart, inScope)];
    });
}

/** The day of the score the gate would count on `judgedOn` (null: none). A change gate needs a later second score. */
function countedScore(gate: QuestionnaireCriterion, inScope: LocalDate[], judgedOn: LocalDate): LocalDate | null {
  const latest = inScope.at(-1);
  if (!latest) return null;
  if (gate.mode === "change_from_baseline" && latest === inScope[0]) return null;
  if (gate.maxAgeDays !== undefined && latest < addDays(judgedOn, -gate.maxAgeDays)) return null;
  return latest;
}

function candidateFor(
  item: QuestionnaireScheduleItem,
  gate: QuestionnaireCriterion,
  neededOn: LocalDate,
  lead: number,
  scopeStart: LocalDate,
  inScope: LocalDate[],
): Candidate {
  const latest = inScope.at(-1);
  let dueOn = later(addDays(neededOn, -lead), scopeStart);
  if (latest) dueOn = later(dueOn, addDays(latest, 1));
  return {
    instrument: item.instrument,
    dueOn,
    overdueOn: later(neededOn, addDays(dueOn, OVERDUE_AFTER_DAYS)),
    reason: "before_gate",
    gateId: gate.id,
  };
}
