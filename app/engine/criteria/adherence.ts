/**
 * Adherence: sessions done ÷ sessions prescribed in the window, as a percent. A partly done session earns
 * partialCredit. The window is clipped to the scope (by default the current stage: earlier days had another
 * prescription). Days without a log count as no session, but a window with no log at all is no data.
 */
import { fmt, requirementWords, tidy } from "../compare";
import { DEFAULTS } from "../defaults";
import { firstLogFrom, type EvalContext } from "../context";
import type { AdherenceCriterion, Comparator, Stage } from "../schema";
import type { Check, CheckRole } from "../types";
import { firstDayInScope } from "../windows";
import { clinicianSentence, CompiledCriterion, onBoundary, patientSentence, statusOf, symbolic, type EvalOut, type Scale } from "./common";

/** Adherence starts at 0 % and has no fixed top (more sessions than prescribed exceed 100 %). */
const ADHERENCE_SCALE: Scale = { min: 0 };

const SUBJECT = "the share of your planned sessions you did";

/** The counts behind the percentage. */
interface AdherenceParams {
  done: number;
  partial: number;
  days: number;
}

export class CompiledAdherence extends CompiledCriterion<AdherenceParams> {
  private readonly comparator: Comparator;
  private readonly perWeek: number;
  private readonly credit: number;
  private readonly requirement: string;
  private readonly symbolicRequirement: string;

  constructor(
    private readonly c: AdherenceCriterion,
    stage: Stage,
    role: CheckRole,
    ruleId?: string,
  ) {
    const comparator = c.comparator ?? "gte";
    super(c, role, ruleId, c.label ?? `Adherence over ${c.windowDays} days ${symbolic(comparator, `${fmt(c.threshold)}%`)}`);
    this.comparator = comparator;
    this.perWeek = c.perWeek ?? stage.prescription.frequencyPerWeek ?? DEFAULTS.perWeek;
    this.credit = c.partialCredit ?? DEFAULTS.partialCredit;
    this.requirement = requirementWords(comparator, `${fmt(c.threshold)}%`);
    this.symbolicRequirement = symbolic(comparator, `${fmt(c.threshold)}%`);
  }

  evaluate(ctx: EvalContext, out: EvalOut): Check {
    const { c, comparator } = this;
    const from = Math.max(ctx.today - c.windowDays + 1, firstDayInScope(ctx, this.role, c.scope ?? "stage"));
    const days = ctx.today - from + 1;
    let logged = 0;
    let done = 0;
    let partial = 0;
    if (days > 0) {
      const { logs } = ctx;
      for (let i = firstLogFrom(ctx, from), end = ctx.n; i < end; i++) {
        logged++;
        const s = logs[i]!.sessionDone;
        if (s === "done") done++;
        else if (s === "partial") partial++;
      }
    }
    out.params = { done, partial, days };
    out.boundary = false;
    if (logged === 0) {
      return this.check(null, c.threshold, comparator, "%", "no_data", `daily logs for the last ${Math.max(days, 0) || c.windowDays} days`);
    }
    const prescribed = (this.perWeek * days) / 7;
    const observed = tidy(((done + partial * this.credit) / prescribed) * 100);
    out.boundary = onBoundary(observed, comparator, c.threshold, ADHERENCE_SCALE);
    return this.check(observed, c.threshold, comparator, "%", statusOf(observed, comparator, c.threshold));
  }

  protected sentences(k: Check, p: AdherenceParams): void {
    const { c, role, label, requirement } = this;
    if (k.status === "no_data") {
      const missing = k.missing!;
      k.patientText = patientSentence({ role, status: "no_data", subject: SUBJECT, requirement, missing });
      k.clinicianText = clinicianSentence({ role, status: "no_data", label, requirement: this.symbolicRequirement, missing });
      return;
    }
    const obsText = `${fmt(k.observed as number)}%`;
    const prescribed = (this.perWeek * p.days) / 7;
    k.patientText = patientSentence({ role, status: k.status, subject: SUBJECT, observed: obsText, requirement });
    k.clinicianText = clinicianSentence({
      role,
      status: k.status,
      label,
      observed: obsText,
      requirement: this.symbolicRequirement,
      detail: `${p.done} done + ${p.partial} partial (× ${this.credit}) of ${fmt(prescribed)} prescribed (${fmt(this.perWeek)}/week over ${p.days} day(s)${p.days < c.windowDays ? ", window clipped to the stage" : ""}).`,
    });
  }
}
