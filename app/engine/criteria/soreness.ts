/**
 * Soreness rules (Delaware; Adams et al.): the soreness reported for a session, compared with a set of levels.
 * Typical use: gate levels ['none'] (no soreness → advance); regress levels ['warmup_persisted'] (sore through
 * warm-up → stop, 2 days off, drop a level). 'warmup_resolved' and 'after_1h_or_next_day' mean repeat the level,
 * which is what a not-met gate does (hold).
 */
import type { Soreness, SorenessCriterion } from "../schema";
import { dayAndMonth, fromDayNumber } from "../dates";
import type { EvalContext } from "../context";
import type { Check, CheckRole } from "../types";
import {
  describeWindow,
  firstDayInScope,
  sessionsInWindow,
  shortWindow,
  sinceStageWords,
  stageCutDay,
} from "../windows";
import { capitalise, clinicianSentence, CompiledCriterion, patientSentence, type Evaluation } from "./common";

/** The day of the report shown; without one, the stage's entry day when the stage's start cut the window short. */
interface SorenessDetails {
  day: number;
  since: number | null;
}

const SORENESS_WORDS: Record<Soreness, string> = {
  none: "no soreness",
  warmup_resolved: "sore at warm-up, gone during it",
  warmup_persisted: "sore at warm-up and it stayed",
  after_1h_or_next_day: "sore more than an hour after or the next day",
};

/** What the soreness rules (Adams et al.'s table) say to do for each response; shown to the clinician without the
 * protocol's name, which the criterion's own source gives (issue 14: checks name the patient's own program). */
const SORENESS_ADVICE: Record<Soreness, string> = {
  none: "advance as planned",
  warmup_resolved: "repeat the previous session",
  warmup_persisted: "stop, 2 days off, drop one level",
  after_1h_or_next_day: "1 day off, repeat the previous session",
};

/** `D`: the session day of the report shown. */
export class CompiledSoreness extends CompiledCriterion<SorenessDetails> {
  private readonly windowText: string;
  private readonly requirement: string;
  private readonly subject: string;
  private readonly levelsSet: string;

  constructor(
    private readonly c: SorenessCriterion,
    role: CheckRole,
    ruleId?: string,
  ) {
    super(
      c,
      role,
      ruleId,
      c.label ?? `Soreness (${c.aggregate}, ${shortWindow(c.window)}) in {${c.levels.join(", ")}}`,
      { threshold: c.levels.join("|") },
    );
    this.windowText = describeWindow(c.window);
    const levelsText = c.levels.map((l) => SORENESS_WORDS[l]).join(" or ");
    this.requirement = c.aggregate === "all" ? `always ${levelsText}` : levelsText;
    this.subject = `the soreness you reported ${this.windowText}`;
    this.levelsSet = `in {${c.levels.join(", ")}}`;
  }

  evaluate(ctx: EvalContext): Evaluation {
    const { c } = this;
    const sessions = sessionsInWindow(ctx, c.window, firstDayInScope(ctx, this.role, c.scope ?? "stage"), ctx.today);
    const { days, logs } = ctx;
    // Sessions with a soreness report, newest first: the one shown is the latest (latest), the latest in the levels
    // (any) or the latest outside them (all); without such a report, the latest.
    let latest = -1;
    let shown = -1;
    for (let s = sessions.length - 1; s >= 0; s--) {
      const i = sessions[s]!;
      const level = logs[i]!.soreness;
      if (!level) continue;
      if (latest < 0) latest = i;
      if (c.aggregate === "latest") break;
      if (c.levels.includes(level) === (c.aggregate === "any")) {
        shown = i;
        break;
      }
    }
    if (latest < 0) {
      const since = stageCutDay(ctx, this.role, c.scope ?? "stage", c.window);
      const where = since === null ? this.windowText : `since ${dayAndMonth(since)}`;
      return this.noData(`soreness after a session ${where}`, { day: 0, since });
    }
    let met: boolean;
    if (c.aggregate === "latest") met = c.levels.includes(logs[latest]!.soreness!);
    else met = c.aggregate === "any" ? shown >= 0 : shown < 0;
    const pick = shown >= 0 ? shown : latest;
    return this.measured(logs[pick]!.soreness!, met ? "met" : "not_met", { day: days[pick]!, since: null });
  }

  protected override noDataProgress(p: SorenessDetails): string | null {
    return p.since === null ? null : `no soreness recorded after a session yet ${sinceStageWords(p.since)}`;
  }

  protected patient(k: Check, p: SorenessDetails): string {
    const { role, subject, requirement } = this;
    const progress = k.status === "no_data" ? this.noDataProgress(p) : null;
    if (progress !== null) return `${capitalise(progress)} (goal: ${subject} ${requirement}).`;
    if (k.status === "no_data")
      return patientSentence({ role, status: "no_data", subject, requirement, missing: k.missing! });
    return patientSentence({
      role,
      status: k.status,
      subject,
      observed: SORENESS_WORDS[k.observed as Soreness],
      requirement,
    });
  }

  protected clinician(k: Check, { day }: SorenessDetails): string {
    const { role, label } = this;
    if (k.status === "no_data")
      return clinicianSentence({ role, status: "no_data", label, requirement: this.levelsSet, missing: k.missing! });
    const level = k.observed as Soreness;
    return clinicianSentence({
      role,
      status: k.status,
      label,
      observed: `${level} on ${fromDayNumber(day)}`,
      requirement: this.levelsSet,
      detail: `Soreness rule for '${level}': ${SORENESS_ADVICE[level]}.`,
    });
  }
}
