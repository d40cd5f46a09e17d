/**
 * Pain limit: an aggregate (latest / max / mean) of one pain metric over a window, compared with a threshold.
 * Without an explicit threshold the pain model's limit applies, and its inclusive/exclusive setting picks the
 * comparator: a gate asks for pain within the limit, a regress rule triggers on pain beyond it.
 */
import { fmt, requirementWords, tidy } from "../compare";
import { endLogAt, firstLogFrom, nextMorningOf, type EvalContext } from "../context";
import type { Comparator, PainCriterion, PainModel } from "../schema";
import type { Check, CheckRole } from "../types";
import { describeWindow, firstDayInScope, isMorningMetric, lastSessions, painValue, quotedDays, shortWindow } from "../windows";
import { clinicianSentence, CompiledCriterion, onBoundary, PAIN_SCALE, patientSentence, statusOf, symbolic, type EvalOut } from "./common";
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

/** The days (session days for morning metrics) of the values, oldest first, and how many there were. */
interface PainParams {
  count: number;
  /** The last five days at most (all that the sentence quotes). */
  days: number[];
}

const NO_VALUES: PainParams = { count: 0, days: [] };

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
    this.modelNote = limit?.fromModel ? `; limit from the pain model (${model.name}, ${model.inclusive ? "inclusive" : "exclusive"}).` : ".";
    this.morning = isMorningMetric(c.metric);
    this.minSamples = c.minSamples ?? 1;
  }

  evaluate(ctx: EvalContext, out: EvalOut): Check {
    const { c, limit, morning } = this;
    out.boundary = false;
    out.params = NO_VALUES;
    if (!limit) {
      // The schema refuses this for validated programs; kept total for unvalidated input.
      return this.check(null, null, undefined, undefined, "no_data", "a threshold (none given and the pain model has no limit for this metric)");
    }
    const firstDay = firstDayInScope(ctx, this.role, c.scope ?? "stage");
    const { days, logs, scratch } = ctx;
    const { metric, test, aggregate } = c;
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
        const v = painValue(logs[i], metric, test);
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
        const v = painValue(morning ? nextMorningOf(ctx, i) : logs[i], metric, test);
        if (v === null) continue;
        scratch[k++] = days[i]!; // k <= s: overwrites only indices already read
        latest = v;
        if (k === 1 || v > max) max = v;
        sum += v;
      }
      count = k;
    }
    const recent = count <= 5 ? count : 5;
    const valueDays: number[] = [];
    for (let j = count - recent; j < count; j++) valueDays.push(scratch[j]!);
    out.params = { count, days: valueDays };
    if (count < this.minSamples) {
      const missing =
        count === 0
          ? `${painSubject(metric, test)} scores ${this.windowText}`
          : `${this.minSamples} ${painSubject(metric, test)} scores ${this.windowText} (have ${count})`;
      return this.check(null, limit.threshold, limit.comparator, "/10", "no_data", missing);
    }
    const observed = aggregate === "latest" ? latest : aggregate === "max" ? max : tidy(sum / count);
    out.boundary = onBoundary(observed, limit.comparator, limit.threshold, PAIN_SCALE);
    return this.check(observed, limit.threshold, limit.comparator, "/10", statusOf(observed, limit.comparator, limit.threshold));
  }

  protected sentences(k: Check, p: PainParams): void {
    const { c, role, label } = this;
    if (!this.limit) {
      k.patientText = "This check is not set up yet; your clinician will review it.";
      k.clinicianText = `${label}: no threshold and the pain model sets no ${c.metric} limit → no data.`;
      return;
    }
    const { subject, requirement } = this;
    if (k.status === "no_data") {
      const missing = k.missing!;
      k.patientText = patientSentence({ role, status: "no_data", subject, requirement, missing });
      k.clinicianText = clinicianSentence({ role, status: "no_data", label, requirement: this.symbolicRequirement, missing });
      return;
    }
    const observed = k.observed as number;
    const obsText = Number.isInteger(observed) && observed >= 0 && observed <= 10 ? PAIN_TEXT[observed]! : `${fmt(observed)}/10`;
    k.patientText = patientSentence({ role, status: k.status, subject, observed: obsText, requirement });
    k.clinicianText = clinicianSentence({
      role,
      status: k.status,
      label,
      observed: obsText,
      requirement: this.symbolicRequirement,
      detail: `${p.count} value(s) for ${this.morning ? "sessions of " : ""}${quotedDays(p.days, p.count)}${this.modelNote}`,
    });
  }
}
