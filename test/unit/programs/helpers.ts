/**
 * Synthetic patients for the built-in program scenarios: a day-by-day history fed to the engine's `evaluate` (the
 * same function the app calls), with each decision applied to the plan as the app would.
 *
 * One deliberate difference from the app's service: after an advance or a stage-changing regress, the new stage is
 * entered the *next* day, because the decision is taken after that day's session has been logged, and that session
 * belongs to the old stage. (With entry on the same day, the engine's stage scope — which includes the entry day —
 * would count the old stage's session towards the new stage's gates.)
 */
import {
  addDays,
  evaluate,
  type Check,
  type DailyLogFact,
  type Decision,
  type MeasurementFact,
  type Outcome,
  type PlanFacts,
  type Program,
  type SignoffFact,
} from "~/engine";
import { loadBuiltInProgram } from "~/programs/index.ts";

export type DayEntry = Partial<Omit<DailyLogFact, "date">>;

export const START = "2026-03-02"; // a Monday

export function builtIn(id: string): Program {
  const program = loadBuiltInProgram(id);
  if (!program) throw new Error(`no built-in program '${id}'`);
  return program;
}

/** Outcome plus every check that is not met, for assertion messages. */
export function explain(d: Decision): string {
  const open = d.checks
    .filter((c) => (c.role === "gate" ? c.status !== "met" : c.status === "met"))
    .map((c) => `  [${c.role} ${c.status}] ${c.id}: ${c.clinicianText}`);
  return `${d.evaluatedFor} ${d.fromStageId} → ${d.outcome} ${d.toStageId}${open.length ? `\n${open.join("\n")}` : ""}`;
}

export function check(d: Decision, id: string): Check {
  const found = d.checks.find((c) => c.id === id);
  if (!found)
    throw new Error(`no check '${id}' in decision:\n${explain(d)}\nchecks: ${d.checks.map((c) => c.id).join(", ")}`);
  return found;
}

export interface PatientOptions {
  start?: string;
  involvedSide?: PlanFacts["involvedSide"];
  injuryDate?: string;
  surgeryDate?: string;
  timeZone?: string;
}

export class SyntheticPatient {
  readonly program: Program;
  /** The day being lived: logs, measurements and sign-offs go here until `endDay()`. */
  today: string;
  plan: PlanFacts;
  completed = false;
  readonly logs: DailyLogFact[] = [];
  readonly measurements: MeasurementFact[] = [];
  readonly signoffs: SignoffFact[] = [];
  readonly decisions: Decision[] = [];
  /** Stage ids in the order the patient entered them (the first stage included). */
  readonly stagesVisited: string[] = [];

  constructor(programId: string, options: PatientOptions = {}) {
    this.program = builtIn(programId);
    this.today = options.start ?? START;
    const first = this.program.stages[0]!.id;
    this.plan = {
      timeZone: options.timeZone ?? "Europe/Stockholm",
      startDate: this.today,
      injuryDate: options.injuryDate ?? null,
      surgeryDate: options.surgeryDate ?? null,
      involvedSide: options.involvedSide ?? "left",
      currentStageId: first,
      stageEnteredOn: this.today,
      lastRegressOn: null,
    };
    this.stagesVisited.push(first);
  }

  get stageId(): string {
    return this.plan.currentStageId;
  }

  /** Adds to today's log (several calls merge; named test pains are merged too). */
  log(entry: DayEntry): this {
    const existing = this.logs.find((l) => l.date === this.today);
    if (existing) {
      const testPain = existing.testPain || entry.testPain ? { ...existing.testPain, ...entry.testPain } : undefined;
      Object.assign(existing, entry, testPain ? { testPain } : {});
    } else this.logs.push({ date: this.today, sessionDone: "none", ...entry });
    return this;
  }

  /** A measurement taken today; `side` is a physical side ('left'/'right') or omitted. */
  measure(measure: string, value: number, side?: "left" | "right"): this {
    this.measurements.push({ date: this.today, measure, value, side: side ?? null });
    return this;
  }

  /** Both limbs measured today: the involved side first (the plan's involved side must be left or right). */
  limbs(measure: string, involved: number, uninvolved: number): this {
    const inv = this.plan.involvedSide;
    if (inv !== "left" && inv !== "right") throw new Error("limbs() needs a single involved side");
    this.measure(measure, involved, inv);
    return this.measure(measure, uninvolved, inv === "left" ? "right" : "left");
  }

  signOff(itemId: string): this {
    this.signoffs.push({ itemId, date: this.today, clinicianId: "clinician-1" });
    return this;
  }

  /** Runs the engine for today and applies the outcome to the plan. */
  evaluate(): Decision {
    if (this.completed) throw new Error(`${this.program.id}: the plan is already complete`);
    const decision = evaluate({
      program: this.program,
      plan: { ...this.plan },
      today: this.today,
      logs: this.logs.map((l) => ({ ...l })),
      measurements: [...this.measurements],
      signoffs: [...this.signoffs],
    });
    this.decisions.push(decision);
    const next = addDays(this.today, 1);
    if (decision.outcome === "complete") this.completed = true;
    if (decision.outcome === "advance") this.enter(decision.toStageId, next);
    if (decision.outcome === "regress") {
      this.plan.lastRegressOn = this.today;
      if (decision.toStageId !== this.plan.currentStageId) this.enter(decision.toStageId, next);
      // A repeat starts the stage over on the day it is applied, as the app does (the day's session stays out).
      else if (decision.regress?.action.to === "repeat") this.plan.stageEnteredOn = this.today;
    }
    return decision;
  }

  private enter(stageId: string, on: string): void {
    this.plan.currentStageId = stageId;
    this.plan.stageEnteredOn = on;
    this.stagesVisited.push(stageId);
  }

  endDay(days = 1): this {
    this.today = addDays(this.today, days);
    return this;
  }

  /** One day: log (optional), evaluate, move to the next day. */
  day(entry?: DayEntry): Decision {
    if (entry) this.log(entry);
    const decision = this.evaluate();
    this.endDay();
    return decision;
  }

  /** Days with nothing done but the morning report (and an evaluation, as the app does on each check-in). */
  rest(days: number, entry: DayEntry = {}): Decision[] {
    return Array.from({ length: days }, () => this.day({ sessionDone: "none", ...entry }));
  }

  /**
   * Lives day after day with `entry(i)` until the engine gives `outcome`; every other decision must be a hold.
   * Returns the decision that produced the outcome.
   */
  until(
    outcome: Outcome,
    maxDays: number,
    entry: (i: number) => DayEntry | undefined,
    onDay?: (i: number) => void,
  ): Decision {
    let last: Decision | undefined;
    for (let i = 0; i < maxDays; i++) {
      onDay?.(i);
      last = this.day(entry(i));
      if (last.outcome === outcome) return last;
      if (last.outcome !== "hold") throw new Error(`expected holds until '${outcome}', got:\n${explain(last)}`);
    }
    throw new Error(`no '${outcome}' within ${maxDays} days; last decision:\n${last ? explain(last) : "(none)"}`);
  }

  /** Like `until`, but every day must be a hold (nothing may move the patient). Returns the last decision. */
  holds(days: number, entry: (i: number) => DayEntry | undefined): Decision {
    let last: Decision | undefined;
    for (let i = 0; i < days; i++) {
      last = this.day(entry(i));
      if (last.outcome !== "hold") throw new Error(`expected a hold on day ${i}, got:\n${explain(last)}`);
    }
    return last!;
  }
}

/** Alternating training and rest days: a session on even days (counted from 0), rest on odd ones. */
export const everyOtherDay =
  (session: DayEntry, restDay: DayEntry = {}) =>
  (i: number): DayEntry =>
    i % 2 === 0 ? { sessionDone: "done", ...session } : { sessionDone: "none", ...restDay };

/** A session every day. */
export const daily = (session: DayEntry) => (): DayEntry => ({ sessionDone: "done", ...session });
