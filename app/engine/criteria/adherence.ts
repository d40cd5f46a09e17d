/**
 * Adherence: sessions done ÷ sessions prescribed in the window, as a percent. A partly done session earns
 * partialCredit. The window is clipped to the scope (by default the current stage: earlier days had another
 * prescription). Days without a log count as no session, but a window with no log at all is no data. Today counts
 * only once its session is logged: until then the day is not over, so it is not a missed session (the window ends
 * yesterday).
 *
 * The arithmetic is exported (stageAdherenceRule, which resolves the gate's settings; countSessions, creditedSessions,
 * adherenceOver, whose percent is this gate's adherencePercent) so that the app's own adherence figures (the patient's
 * Progress page, the triage home) are this gate's figures.
 */
import { fmt, requirementWords, tidy } from "../compare";
import { DEFAULTS } from "../defaults";
import { firstLogFrom, type EvalContext } from "../context";
import { fromDayNumber, toDayNumber, type LocalDate } from "../dates";
import type { AdherenceCriterion, Comparator, Stage } from "../schema";
import type { Check, CheckRole, DailyLogFact, PlanFacts } from "../types";
import { firstStageDay } from "../stage-dates";
import { firstDayInScope } from "../windows";
import {
  clinicianSentence,
  CompiledCriterion,
  isOnBoundary,
  patientSentence,
  statusOf,
  symbolic,
  type Evaluation,
  type Scale,
} from "./common";

/** Adherence starts at 0 % and has no fixed top (more sessions than prescribed exceed 100 %). */
const ADHERENCE_SCALE: Scale = { min: 0 };

const SUBJECT = "the share of your planned sessions you did";

/** The settings of an adherence criterion that decide its figure (not its threshold). */
type AdherenceSettings = Pick<AdherenceCriterion, "windowDays" | "perWeek" | "partialCredit" | "scope">;

/** Adherence settings with the engine's defaults filled in. */
export interface AdherenceRule {
  windowDays: number;
  /** Sessions per week prescribed: the criterion's, else the stage prescription's frequencyPerWeek, else 7. */
  perWeek: number;
  /** Credit for a partly done session (default 0.5). */
  partialCredit: number;
  scope: NonNullable<AdherenceCriterion["scope"]>;
}

function resolveAdherence(settings: AdherenceSettings, stage: Pick<Stage, "prescription">): AdherenceRule {
  return {
    windowDays: settings.windowDays,
    perWeek: settings.perWeek ?? stage.prescription.frequencyPerWeek ?? DEFAULTS.perWeek,
    partialCredit: settings.partialCredit ?? DEFAULTS.partialCredit,
    scope: settings.scope ?? "stage",
  };
}

/**
 * The rule of the stage's adherence gate (the first, when it has several), or, for a stage without one, the engine's
 * defaults for the stage over `windowDaysWithoutGate` days. For figures the app shows or compares beside the gates.
 */
export function stageAdherenceRule(
  stage: Pick<Stage, "prescription" | "gates">,
  windowDaysWithoutGate: number,
): AdherenceRule {
  const gate = stage.gates.find((g): g is AdherenceCriterion => g.kind === "adherence");
  return resolveAdherence(gate ?? { windowDays: windowDaysWithoutGate }, stage);
}

/** How many days were logged, and how many of those had a session done or partly done. */
export interface SessionCounts {
  logged: number;
  done: number;
  partial: number;
}

/**
 * Sessions credited: a done session counts in full, a partly done one `partialCredit` (default 0.5), a day without
 * one nothing.
 */
export function creditedSessions(
  counts: Pick<SessionCounts, "done" | "partial">,
  partialCredit: number = DEFAULTS.partialCredit,
): number {
  return counts.done + counts.partial * partialCredit;
}

/** Sessions prescribed over `days` days at `perWeek` a week (fractional: 3 a week over 10 days is 4.29). */
function prescribedSessions(perWeek: number, days: number): number {
  return (perWeek * days) / 7;
}

/**
 * Credited ÷ prescribed × 100, not capped (more sessions than prescribed is over 100 %); null (no data) when
 * nothing was logged in the window.
 */
function adherencePercent(counts: SessionCounts, days: number, perWeek: number, partialCredit: number): number | null {
  if (counts.logged === 0 || days <= 0) return null;
  return tidy((creditedSessions(counts, partialCredit) / prescribedSessions(perWeek, days)) * 100);
}

/** First day of an adherence window: the last `windowDays` days (today included), clipped to the scope's first day. */
function windowStart(today: number, windowDays: number, firstDay: number): number {
  return Math.max(today - windowDays + 1, firstDay);
}

/** Last day of an adherence window: today once its session is logged (done or partly), else yesterday. */
function windowEnd(today: number, sessionLoggedToday: boolean): number {
  return sessionLoggedToday ? today : today - 1;
}

const isSession = (s: DailyLogFact["sessionDone"] | undefined): boolean => s === "done" || s === "partial";

/**
 * The logs dated `from` … `to` (inclusive), counted. One log per day, as the engine reads a history: a later
 * entry for the same day replaces an earlier one.
 */
export function countSessions(
  logs: readonly Pick<DailyLogFact, "date" | "sessionDone">[],
  from: LocalDate,
  to: LocalDate,
): SessionCounts {
  const byDay = new Map<LocalDate, DailyLogFact["sessionDone"]>();
  for (const log of logs) if (log.date >= from && log.date <= to) byDay.set(log.date, log.sessionDone);
  const counts: SessionCounts = { logged: byDay.size, done: 0, partial: 0 };
  for (const s of byDay.values()) {
    if (s === "done") counts.done++;
    else if (s === "partial") counts.partial++;
  }
  return counts;
}

/** An adherence figure with what it was made of. `percent` is null when nothing was logged in the window. */
export interface AdherenceReading extends SessionCounts {
  from: LocalDate;
  to: LocalDate;
  /** True when today has no session logged yet: it is left out (not a miss before the day is over). */
  todayPending: boolean;
  days: number;
  /** True when the window was cut short by the start of the stage (or plan, with plan scope). */
  clipped: boolean;
  perWeek: number;
  partialCredit: number;
  prescribed: number;
  percent: number | null;
}

/**
 * The figure an adherence gate with this rule computes today, from the app's logs: the same window, scope, credit
 * and prescription as the gate's check (`observed`). As a gate reads it: a regress rule's criterion would also skip
 * the days up to the last regress.
 */
export function adherenceOver(
  logs: readonly Pick<DailyLogFact, "date" | "sessionDone">[],
  rule: AdherenceRule,
  at: { today: LocalDate; plan: Pick<PlanFacts, "startDate" | "stageEnteredOn" | "movedOn"> },
): AdherenceReading {
  const today = toDayNumber(at.today);
  const firstDay = toDayNumber(rule.scope === "stage" ? firstStageDay(at.plan) : at.plan.startDate);
  const from = windowStart(today, rule.windowDays, firstDay);
  let todays: DailyLogFact["sessionDone"] | undefined;
  for (const log of logs) if (log.date === at.today) todays = log.sessionDone;
  const todayPending = !isSession(todays);
  const to = windowEnd(today, !todayPending);
  const days = to - from + 1;
  const counts =
    days > 0 ? countSessions(logs, fromDayNumber(from), fromDayNumber(to)) : { logged: 0, done: 0, partial: 0 };
  return {
    ...counts,
    from: fromDayNumber(from),
    to: fromDayNumber(to),
    todayPending,
    days: Math.max(days, 0),
    clipped: from > today - rule.windowDays + 1,
    perWeek: rule.perWeek,
    partialCredit: rule.partialCredit,
    prescribed: prescribedSessions(rule.perWeek, Math.max(days, 0)),
    percent: adherencePercent(counts, days, rule.perWeek, rule.partialCredit),
  };
}

/** The counts behind the percentage, the window's length in days, and whether today was left out (not logged yet). */
type AdherenceDetails = SessionCounts & { days: number; todayPending: boolean };

export class CompiledAdherence extends CompiledCriterion<AdherenceDetails> {
  private readonly comparator: Comparator;
  private readonly rule: AdherenceRule;
  private readonly requirement: string;
  private readonly symbolicRequirement: string;

  constructor(
    private readonly c: AdherenceCriterion,
    stage: Stage,
    role: CheckRole,
    ruleId?: string,
  ) {
    const comparator = c.comparator ?? "gte";
    super(
      c,
      role,
      ruleId,
      c.label ?? `Adherence over ${c.windowDays} days ${symbolic(comparator, `${fmt(c.threshold)}%`)}`,
      { threshold: c.threshold, comparator, unit: "%" },
    );
    this.comparator = comparator;
    this.rule = resolveAdherence(c, stage);
    this.requirement = requirementWords(comparator, `${fmt(c.threshold)}%`);
    this.symbolicRequirement = symbolic(comparator, `${fmt(c.threshold)}%`);
  }

  evaluate(ctx: EvalContext): Evaluation {
    const { c, comparator, rule } = this;
    const from = windowStart(ctx.today, rule.windowDays, firstDayInScope(ctx, this.role, rule.scope));
    const last = ctx.logs.length - 1;
    const todayPending = !(last >= 0 && ctx.days[last] === ctx.today && isSession(ctx.logs[last]!.sessionDone));
    const to = windowEnd(ctx.today, !todayPending);
    const days = to - from + 1;
    const counts: SessionCounts = { logged: 0, done: 0, partial: 0 };
    if (days > 0) {
      for (let i = firstLogFrom(ctx, from); i < ctx.logs.length && ctx.days[i]! <= to; i++) {
        counts.logged++;
        const s = ctx.logs[i]!.sessionDone;
        if (s === "done") counts.done++;
        else if (s === "partial") counts.partial++;
      }
    }
    const details = { ...counts, days, todayPending };
    const observed = adherencePercent(counts, days, rule.perWeek, rule.partialCredit);
    if (observed === null)
      return this.noData(`daily logs for the last ${Math.max(days, 0) || c.windowDays} days`, details);
    const status = statusOf(observed, comparator, c.threshold);
    return this.measured(observed, status, details, isOnBoundary(observed, comparator, c.threshold, ADHERENCE_SCALE));
  }

  protected patient(k: Check): string {
    const { role, requirement } = this;
    if (k.status === "no_data")
      return patientSentence({ role, status: "no_data", subject: SUBJECT, requirement, missing: k.missing! });
    return patientSentence({
      role,
      status: k.status,
      subject: SUBJECT,
      observed: `${fmt(k.observed as number)}%`,
      requirement,
    });
  }

  protected clinician(k: Check, p: AdherenceDetails): string {
    const { c, role, label } = this;
    if (k.status === "no_data")
      return clinicianSentence({
        role,
        status: "no_data",
        label,
        requirement: this.symbolicRequirement,
        missing: k.missing!,
      });
    const { perWeek, partialCredit } = this.rule;
    return clinicianSentence({
      role,
      status: k.status,
      label,
      observed: `${fmt(k.observed as number)}%`,
      requirement: this.symbolicRequirement,
      detail: `${p.done} done + ${p.partial} partial (× ${partialCredit}) of ${fmt(prescribedSessions(perWeek, p.days))} prescribed (${fmt(perWeek)}/week over ${p.days} day(s)${p.days + (p.todayPending ? 1 : 0) < c.windowDays ? ", window clipped to the stage" : ""}${p.todayPending ? ", today not counted until its session is logged" : ""}).`,
    });
  }
}
