/**
 * Swelling / effusion grade (none < trace < 1+ < 2+ < 3+, stroke test) over a window: the latest or the worst
 * grade logged, compared on that order.
 */
import { compare, requirementWords } from "../compare";
import { endLogAt, firstLogFrom, type EvalContext } from "../context";
import { fromDayNumber } from "../dates";
import type { SwellingCriterion, SwellingGrade } from "../schema";
import type { Check, CheckRole } from "../types";
import { describeWindow, firstDayInScope, shortWindow } from "../windows";
import { clinicianSentence, CompiledCriterion, patientSentence, symbolic, type EvalOut } from "./common";
import { SWELLING_RANK } from "./swelling-order";

/** How many grades were looked at and the day of the one shown. */
interface SwellingParams {
  graded: number;
  day: number;
}

export class CompiledSwelling extends CompiledCriterion<SwellingParams> {
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
    );
    this.windowText = describeWindow(c.window);
    this.requirement = requirementWords(c.comparator, c.grade === "none" ? "none" : `grade ${c.grade}`);
    this.subject = `the ${c.aggregate === "latest" ? "latest" : "most"} swelling you recorded ${this.windowText}`;
    this.symbolicRequirement = symbolic(c.comparator, c.grade);
  }

  evaluate(ctx: EvalContext, out: EvalOut): Check {
    const { c } = this;
    out.boundary = false;
    const first = firstDayInScope(ctx, this.role, c.scope ?? "stage");
    const { days, logs } = ctx;
    const byDays = "days" in c.window;
    const from = byDays ? Math.max(ctx.today - (c.window as { days: number }).days + 1, first) : first;
    const end = from > ctx.today ? 0 : endLogAt(ctx, ctx.today);
    const start = from > ctx.today ? 0 : firstLogFrom(ctx, from);
    // Logs with a grade, oldest first; a sessions window keeps the last N of them.
    let graded = 0;
    let i = start;
    if (!byDays) {
      const keep = (c.window as { sessions: number }).sessions;
      let seen = 0;
      for (i = end - 1; i >= start; i--) {
        if (logs[i]!.swelling && ++seen > keep) break;
      }
      i++;
    }
    let pickGrade: SwellingGrade | null = null;
    let pickDay = 0;
    for (; i < end; i++) {
      const g = logs[i]!.swelling;
      if (!g) continue;
      graded++;
      // latest: the last one; max: the first of the worst.
      if (c.aggregate === "latest" || pickGrade === null || SWELLING_RANK[g] > SWELLING_RANK[pickGrade]) {
        pickGrade = g;
        pickDay = days[i]!;
      }
    }
    out.params = { graded, day: pickDay };
    if (pickGrade === null)
      return this.check(null, c.grade, c.comparator, undefined, "no_data", `a swelling grade ${this.windowText}`);
    const status = compare(SWELLING_RANK[pickGrade], c.comparator, SWELLING_RANK[c.grade]) ? "met" : "not_met";
    return this.check(pickGrade, c.grade, c.comparator, undefined, status);
  }

  protected patient(k: Check): string {
    const { role, subject, requirement } = this;
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

  protected clinician(k: Check, p: SwellingParams): string {
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
