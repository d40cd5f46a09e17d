/**
 * Pain limit: an aggregate (latest / max / mean) of one pain metric over a window, compared with a threshold.
 * Without an explicit threshold the pain model's limit applies, and its inclusive/exclusive setting picks the
 * comparator: a gate asks for pain within the limit, a regress rule triggers on pain beyond it.
 */
import { fmt, requirementWords, sum, tidy } from "../compare";
import { dayAndMonth } from "../dates";
import { firstLogFrom, nextMorningOf, type EvalContext } from "../context";
import type { Comparator, PainCriterion, PainModel } from "../schema";
import type { Check, CheckRole } from "../types";
import {
  describeWindow,
  firstDayInScope,
  isMorningMetric,
  lastSessions,
  painValueOf,
  quotedDays,
  shortWindow,
  sinceStageWords,
  stageCutDay,
} from "../windows";
import {
  capitalise,
  clinicianSentence,
  CompiledCriterion,
  isOnBoundary,
  PAIN_SCALE,
  patientSentence,
  statusOf,
  symbolic,
  type Evaluation,
} from "./common";
import { painMetricLabel, painSubject } from "./pain-words";

export function resolvePainLimit(
  c: PainCriterion,
  model: PainModel,
  role: "gate" | "regress",
): { threshold: number; comparator: Comparator; fromModel: boolean } | null {
  const modelLimit = c.metric === "during" ? model.duringMax : c.metric === "after" ? model.afterMax : null;
  const threshold = c.threshold ?? modelLimit;
  if (threshold === null || threshold === undefined) return null;
  const comparator: Comparator =
    c.comparator ?? (role === "gate" ? (model.inclusive ? "lte" : "lt") : model.inclusive ? "gt" : "gte");
  return { threshold, comparator, fromModel: c.threshold === undefined };
}

/**
 * The days of the values looked at (session days for morning metrics), oldest first: the sentence quotes them. With
 * too few values, `sinceStage` is the stage's entry day when the stage's start cut off entries the patient made
 * before it (their sentence then counts "since you started this stage on …"), else null.
 */
type ValueDays = number[] & { sinceStage?: number | null };

/** How many of the days the clinician's sentence quotes (the last ones). */
const QUOTED_DAYS = 5;

export class CompiledPain extends CompiledCriterion<ValueDays> {
  private readonly limit: { threshold: number; comparator: Comparator; fromModel: boolean } | null;
  private readonly subject: string;
  private readonly windowText: string;
  private readonly requirement: string;
  private readonly symbolicRequirement: string;
  private readonly modelNote: string;
  private readonly morning: boolean;
  private readonly minSamples: number;

  constructor(
    private readonly c: PainCriterion,
    model: PainModel,
    role: CheckRole,
    ruleId?: string,
  ) {
    const limit = resolvePainLimit(c, model, role);
    super(
      c,
      role,
      ruleId,
      c.label ??
        `${painMetricLabel(c.metric, c.test)} (${c.aggregate}, ${shortWindow(c.window)})` +
          (limit ? ` ${symbolic(limit.comparator, `${fmt(limit.threshold)}/10`)}` : ""),
      limit ? { threshold: limit.threshold, comparator: limit.comparator, unit: "/10" } : { threshold: null },
    );
    const aggregateWord = c.aggregate === "latest" ? "latest" : c.aggregate === "max" ? "highest" : "average";
    this.limit = limit;
    this.windowText = describeWindow(c.window);
    this.subject = `your ${aggregateWord} ${painSubject(c.metric, c.test)} ${this.windowText}`;
    this.requirement = limit ? requirementWords(limit.comparator, `${fmt(limit.threshold)}/10`) : "";
    this.symbolicRequirement = limit ? symbolic(limit.comparator, `${fmt(limit.threshold)}/10`) : "";
    this.modelNote = limit?.fromModel
      ? `; limit from the pain model (${model.name}, ${model.inclusive ? "inclusive" : "exclusive"}).`
      : ".";
    this.morning = isMorningMetric(c.metric);
    this.minSamples = c.minSamples ?? 1;
  }

  evaluate(ctx: EvalContext): Evaluation {
    const { c, limit } = this;
    if (!limit) {
      // The schema refuses this for validated programs; kept total for unvalidated input.
      return this.noData("a threshold (none given and the pain model has no limit for this metric)", []);
    }
    const { values, days } = this.valuesInWindow(ctx);
    const count = values.length;
    if (count < this.minSamples) {
      const since = stageCutDay(ctx, this.role, c.scope ?? "stage", c.window);
      const where = since === null ? this.windowText : `since ${dayAndMonth(since)}`;
      const scores = `${painSubject(c.metric, c.test)} scores ${where}`;
      return this.noData(
        count === 0 ? scores : `${this.minSamples} ${scores} (have ${count})`,
        Object.assign(days, { sinceStage: since }),
      );
    }
    const observed =
      c.aggregate === "latest"
        ? values[count - 1]!
        : c.aggregate === "max"
          ? Math.max(...values)
          : tidy(sum(values) / count);
    const { comparator, threshold } = limit;
    return this.measured(
      observed,
      statusOf(observed, comparator, threshold),
      days,
      isOnBoundary(observed, comparator, threshold, PAIN_SCALE),
    );
  }

  /** The metric's values in the window, oldest first, with their days (session days for morning metrics). */
  private valuesInWindow(ctx: EvalContext): { values: number[]; days: ValueDays } {
    const { c, morning } = this;
    const { metric, test } = c;
    const firstDay = firstDayInScope(ctx, this.role, c.scope ?? "stage");
    const values: number[] = [];
    const days: number[] = [];
    if ("days" in c.window) {
      // Logs dated in the last N days (today included); morning reports attributed to a session day before
      // `firstDay` are left out.
      const from = Math.max(ctx.today - c.window.days + 1, morning ? firstDay + 1 : firstDay);
      for (let i = firstLogFrom(ctx, from); i < ctx.logs.length; i++) {
        const v = painValueOf(ctx.logs[i], metric, test);
        if (v === null) continue;
        values.push(v);
        days.push(morning ? ctx.days[i]! - 1 : ctx.days[i]!);
      }
    } else {
      // The last N sessions on or after `firstDay`; for morning metrics only sessions whose next morning has come
      // (day < today), each paired with the report logged the next day.
      const sessions = lastSessions(ctx, firstDay, morning ? ctx.today - 1 : ctx.today, c.window.sessions);
      for (const i of sessions) {
        const v = painValueOf(morning ? nextMorningOf(ctx, i) : ctx.logs[i], metric, test);
        if (v === null) continue;
        values.push(v);
        days.push(ctx.days[i]!);
      }
    }
    return { values, days };
  }

  protected override noDataProgress(days: ValueDays): string | null {
    const since = days.sinceStage ?? null;
    if (this.role !== "gate" || !this.limit || (days.length === 0 && since === null)) return null;
    const { c, minSamples } = this;
    const stageStart = since !== null ? sinceStageWords(since) : null;
    if (days.length === 0) return `no ${painSubject(c.metric, c.test)} scores yet ${stageStart!}`;
    const scores = `${painSubject(c.metric, c.test)} score${minSamples === 1 ? "" : "s"}`;
    return `${days.length} of ${minSamples} ${scores} ${stageStart ?? `${this.windowText} so far`}`;
  }

  protected patient(k: Check, days: ValueDays): string {
    if (!this.limit) return "This check is not set up yet; your clinician will review it.";
    const { role, subject, requirement, minSamples } = this;
    const progress = k.status === "no_data" ? this.noDataProgress(days) : null;
    // Counted so far, and since when: never "we still need" as if nothing had been recorded.
    if (progress !== null)
      return `${capitalise(progress)}; with ${minSamples} we can check this (goal: ${subject} ${requirement}).`;
    if (k.status === "no_data")
      return patientSentence({ role, status: "no_data", subject, requirement, missing: k.missing! });
    return patientSentence({ role, status: k.status, subject, observed: painText(k.observed as number), requirement });
  }

  protected clinician(k: Check, days: ValueDays): string {
    const { c, role, label } = this;
    if (!this.limit) return `${label}: no threshold and the pain model sets no ${c.metric} limit → no data.`;
    if (k.status === "no_data")
      return clinicianSentence({
        role,
        status: "no_data",
        label,
        requirement: this.symbolicRequirement,
        missing: k.missing!,
      });
    return clinicianSentence({
      role,
      status: k.status,
      label,
      observed: painText(k.observed as number),
      requirement: this.symbolicRequirement,
      detail: `${days.length} value(s) for ${this.morning ? "sessions of " : ""}${quotedDays(days.slice(-QUOTED_DAYS), days.length)}${this.modelNote}`,
    });
  }
}

const painText = (observed: number): string => `${fmt(observed)}/10`;
