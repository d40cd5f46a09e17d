/**
 * Swelling / effusion grade (none < trace < 1+ < 2+ < 3+, stroke test) over a window: the latest or the worst
 * grade logged, compared on that order.
 */
import { compare, requirementWords } from "../compare";
import { endLogAt, firstLogFrom, type EvalContext } from "../context";
import { dayAndMonth, fromDayNumber } from "../dates";
import type { SwellingCriterion, SwellingGrade } from "../schema";
import type { Check, CheckRole } from "../types";
import { describeWindow, firstDayInScope, shortWindow, sinceStageWords, stageCutDay } from "../windows";
import { capitalise, clinicianSentence, CompiledCriterion, patientSentence, symbolic, type Evaluation } from "./common";
import { SWELLING_RANK } from "./swelling-order";

/** How many grades were looked at and the day of the one shown. */
interface SwellingDetails {
  graded: number;
  day: number;
  /** Without a grade: the stage's entry day when the stage's start cut the window short, else null. */
  since: number | null;
}

export class CompiledSwelling extends CompiledCriterion<SwellingDetails> {
  private readonly windowText: string;
  private readonly requirement: string;
  private readonly subject: string;
  private readonly symbolicRequirement: string;

  constructor(
    private readonly c: SwellingCriterion,
    role: CheckRole,
    ruleId?: string,
  ) {
    super(
      c,
      role,
      ruleId,
      c.label ?? `Swelling (${c.aggregate}, ${shortWindow(c.window)}) ${symbolic(c.comparator, c.grade)}`,
      { threshold: c.grade, comparator: c.comparator },
    );
    this.windowText = describeWindow(c.window);
    this.requirement = requirementWords(c.comparator, c.grade === "none" ? "none" : `grade ${c.grade}`);
    this.subject = `the ${c.aggregate === "latest" ? "latest" : "most"} swelling you recorded ${this.windowText}`;
    this.symbolicRequirement = symbolic(c.comparator, c.grade);
  }

  evaluate(ctx: EvalContext): Evaluation {
    const { c } = this;
    const first = firstDayInScope(ctx, this.role, c.scope ?? "stage");
    const { days, logs } = ctx;
    const from = "days" in c.window ? Math.max(ctx.today - c.window.days + 1, first) : first;
    const end = from > ctx.today ? 0 : endLogAt(ctx, ctx.today);
    let start = from > ctx.today ? 0 : firstLogFrom(ctx, from);
    if ("sessions" in c.window) {
      // A sessions window keeps the last N graded logs: start at the Nth graded log from the end.
      let seen = 0;
      let i = end - 1;
      for (; i >= start; i--) if (logs[i]!.swelling && ++seen > c.window.sessions) break;
      start = i + 1;
    }
    // Logs with a grade, oldest first. latest: the last one; max: the first of the worst.
    let graded = 0;
    let pickGrade: SwellingGrade | null = null;
    let pickDay = 0;
    for (let i = start; i < end; i++) {
      const g = logs[i]!.swelling;
      if (!g) continue;
      graded++;
      if (c.aggregate === "latest" || pickGrade === null || SWELLING_RANK[g] > SWELLING_RANK[pickGrade]) {
        pickGrade = g;
        pickDay = days[i]!;
      }
    }
    const details: SwellingDetails = { graded, day: pickDay, since: null };
    if (pickGrade === null) {
      details.since = stageCutDay(ctx, this.role, c.scope ?? "stage", c.window);
      const where = details.since === null ? this.windowText : `since ${dayAndMonth(details.since)}`;
      return this.noData(`a swelling grade ${where}`, details);
    }
    const met = compare(SWELLING_RANK[pickGrade], c.comparator, SWELLING_RANK[c.grade]);
    return this.measured(pickGrade, met ? "met" : "not_met", details);
  }

  protected override noDataProgress(p: SwellingDetails): string | null {
    return p.since === null ? null : `no swelling grade recorded yet ${sinceStageWords(p.since)}`;
  }

  protected patient(k: Check, p: SwellingDetails): string {
    const { role, subject, requirement } = this;
    const progress = k.status === "no_data" ? this.noDataProgress(p) : null;
    if (progress !== null) return `${capitalise(progress)} (goal: ${subject} ${requirement}).`;
    if (k.status === "no_data")
      return patientSentence({ role, status: "no_data", subject, requirement, missing: k.missing! });
    const grade = k.observed as SwellingGrade;
    return patientSentence({
      role,
      status: k.status,
      subject,
      observed: grade === "none" ? "none" : `grade ${grade}`,
      requirement,
    });
  }

  protected clinician(k: Check, p: SwellingDetails): string {
    const { c, role, label, symbolicRequirement } = this;
    if (k.status === "no_data")
      return clinicianSentence({
        role,
        status: "no_data",
        label,
        requirement: symbolicRequirement,
        missing: k.missing!,
      });
    return clinicianSentence({
      role,
      status: k.status,
      label,
      observed: k.observed as SwellingGrade,
      requirement: symbolicRequirement,
      detail: `${c.aggregate === "latest" ? "Latest" : "Worst"} of ${p.graded} grade(s), on ${fromDayNumber(p.day)}.`,
    });
  }
}
