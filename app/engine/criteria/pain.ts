/**
 * Pain limit: an aggregate (latest / max / mean) of one pain metric over a window, compared with a threshold.
 * Without an explicit threshold the pain model's limit applies, and its inclusive/exclusive setting picks the
 * comparator: a gate asks for pain within the limit, a regress rule triggers on pain beyond it.
 */
import { fmt, requirementWords, tidy } from "../compare";
import { endLogAt, firstLogFrom, nextMorningOf, type EvalContext } from "../context";
import type { Comparator, PainCriterion, PainModel } from "../schema";
import type { Check, CheckRole } from "../types";
import {
  describeWindow,
  firstDayInScope,
  isMorningMetric,
  lastSessions,
  PAIN_METRIC_CODE,
  painValueOf,
  quotedDays,
  shortWindow,
} from "../windows";
import {
  clinicianSentence,
  CompiledCriterion,
  onBoundary,
  PAIN_SCALE,
  patientSentence,
  statusOf,
  symbolic,
  type EvalOut,
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
 * How many values there were, and the days (session days for morning metrics) of the last five at most, oldest
 * first: all that the sentence quotes. Fields rather than an array: one small object per check.
 */
interface PainParams {
  count: number;
  d0: number;
  d1: number;
  d2: number;
  d3: number;
  d4: number;
}

const NO_VALUES: PainParams = { count: 0, d0: 0, d1: 0, d2: 0, d3: 0, d4: 0 };

function quotedDaysOf(p: PainParams): string {
  const shown = p.count < 5 ? p.count : 5;
  const all = [p.d0, p.d1, p.d2, p.d3, p.d4];
  return quotedDays(all.slice(0, shown), p.count);
}

/** Observed pain texts for whole scores 0–10 (the app records pain as integers), built once. */
const PAIN_TEXT = Array.from({ length: 11 }, (_, v) => `${v}/10`);

export class CompiledPain extends CompiledCriterion<PainParams> {
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

  evaluate(ctx: EvalContext, out: EvalOut): Check {
    const { c, limit, morning } = this;
    out.boundary = false;
    out.params = NO_VALUES;
    if (!limit) {
      // The schema refuses this for validated programs; kept total for unvalidated input.
      return this.check(
        null,
        null,
        undefined,
        undefined,
        "no_data",
        "a threshold (none given and the pain model has no limit for this metric)",
      );
    }
    const firstDay = firstDayInScope(ctx, this.role, c.scope ?? "stage");
    const { days, logs, scratch } = ctx;
    const { metric, test, aggregate } = c;
    const code = PAIN_METRIC_CODE[metric];
    // Values of the metric in the window, oldest first: their days go to scratch, the aggregate is kept running.
    let count = 0;
    let latest = 0;
    let max = 0;
    let sum = 0;
    if ("days" in c.window) {
      // Logs dated in the last N days (today included); morning reports attributed to a session day before
      // `firstDay` are left out.
      const from = Math.max(ctx.today - c.window.days + 1, morning ? firstDay + 1 : firstDay);
      for (let i = firstLogFrom(ctx, from), end = ctx.n; i < end; i++) {
        const v = painValueOf(logs[i], code, test);
        if (v === null) continue;
        scratch[count++] = morning ? days[i]! - 1 : days[i]!;
        latest = v;
        if (count === 1 || v > max) max = v;
        sum += v;
      }
    } else {
      // The last N sessions on or after `firstDay`; for morning metrics only sessions whose next morning has come
      // (day < today), each paired with the report logged the next day.
      const sessions = lastSessions(ctx, firstDay, morning ? ctx.today - 1 : ctx.today, c.window.sessions);
      let k = 0;
      for (let s = 0; s < sessions; s++) {
        const i = scratch[s]!;
        const v = painValueOf(morning ? nextMorningOf(ctx, i) : logs[i], code, test);
        if (v === null) continue;
        scratch[k++] = days[i]!; // k <= s: overwrites only indices already read
        latest = v;
        if (k === 1 || v > max) max = v;
        sum += v;
      }
      count = k;
    }
    // The last five days, oldest first (d0 … d[shown-1]).
    const j = count <= 5 ? 0 : count - 5;
    out.params = {
      count,
      d0: scratch[j]!,
      d1: scratch[j + 1]!,
      d2: scratch[j + 2]!,
      d3: scratch[j + 3]!,
      d4: scratch[j + 4]!,
    };
    if (count < this.minSamples) {
      const missing =
        count === 0
          ? `${painSubject(metric, test)} scores ${this.windowText}`
          : `${this.minSamples} ${painSubject(metric, test)} scores ${this.windowText} (have ${count})`;
      return this.check(null, limit.threshold, limit.comparator, "/10", "no_data", missing);
    }
    const observed = aggregate === "latest" ? latest : aggregate === "max" ? max : tidy(sum / count);
    out.boundary = onBoundary(observed, limit.comparator, limit.threshold, PAIN_SCALE);
    return this.check(
      observed,
      limit.threshold,
      limit.comparator,
      "/10",
      statusOf(observed, limit.comparator, limit.threshold),
    );
  }

  protected patient(k: Check): string {
    if (!this.limit) return "This check is not set up yet; your clinician will review it.";
    const { role, subject, requirement } = this;
    if (k.status === "no_data")
      return patientSentence({ role, status: "no_data", subject, requirement, missing: k.missing! });
    return patientSentence({ role, status: k.status, subject, observed: painText(k.observed as number), requirement });
  }

  protected clinician(k: Check, p: PainParams): string {
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
      detail: `${p.count} value(s) for ${this.morning ? "sessions of " : ""}${quotedDaysOf(p)}${this.modelNote}`,
    });
  }
}

const painText = (observed: number): string =>
  Number.isInteger(observed) && observed >= 0 && observed <= 10 ? PAIN_TEXT[observed]! : `${fmt(observed)}/10`;
