/**
 * Clinician sign-off items (e.g. "clinical exam clear", "H-test without insecurity"): only a clinician can tick
 * them. Until a valid tick exists the check is no data and asks the clinician; it never passes on its own.
 */
import { fromDayNumber } from "../dates";
import type { EvalContext } from "../context";
import type { SignoffCriterion } from "../schema";
import type { Check, CheckRole } from "../types";
import { firstDayInScope } from "../windows";
import { CompiledCriterion, type Evaluation } from "./common";

/** The day of the sign-off that counts (null: none). */
type SignoffDay = number | null;

export class CompiledSignoff extends CompiledCriterion<SignoffDay> {
  private readonly missing: string;

  constructor(
    private readonly c: SignoffCriterion,
    role: CheckRole,
    ruleId?: string,
  ) {
    super(c, role, ruleId, c.label ?? `Clinician sign-off: ${c.prompt}`, { threshold: true });
    this.missing = `clinician sign-off '${c.itemId}'`;
  }

  evaluate(ctx: EvalContext): Evaluation {
    const { c } = this;
    const first = firstDayInScope(ctx, this.role, c.scope ?? "stage");
    const signoffs = ctx.input.signoffs;
    let latest: number | null = null;
    for (let i = 0; i < signoffs.length; i++) {
      const d = ctx.signoffDays[i]!;
      if (d > ctx.today || signoffs[i]!.itemId !== c.itemId) continue;
      if (d >= first && (c.validDays === undefined || ctx.today - d < c.validDays) && (latest === null || d > latest))
        latest = d;
    }
    // A gate waits for the clinician; a regress rule's sign-off is simply not there yet.
    if (latest === null) return this.noData(this.missing, latest, this.role === "gate");
    return this.measured(true, "met", latest);
  }

  protected patient(_k: Check, latest: SignoffDay): string {
    const { c, role } = this;
    if (latest === null)
      return role === "gate"
        ? `Your clinician will check this with you: ${c.prompt}.`
        : `Your clinician has not recorded this check yet.`;
    return role === "gate"
      ? `Your clinician has confirmed: ${c.prompt}.`
      : `Your clinician has recorded: ${c.prompt}, so we are easing off.`;
  }

  protected clinician(_k: Check, latest: SignoffDay): string {
    const { c, role, label } = this;
    if (latest === null) {
      return `${label}: not signed off${c.scope === "plan" ? " in this plan" : " since the stage began"}${c.validDays ? ` (valid ${c.validDays} days)` : ""} → no data. Awaiting your sign-off.`;
    }
    return `${label}: signed off on ${fromDayNumber(latest)} → ${role === "gate" ? "met" : "triggered"}.`;
  }
}
