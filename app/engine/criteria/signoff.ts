/**
 * Clinician sign-off items (e.g. "clinical exam clear", "H-test without insecurity"): only a clinician can tick
 * them. Until a valid tick exists the check is no data and asks the clinician; it never passes on its own.
 */
import { fromDayNumber } from "../dates";
import type { EvalContext } from "../context";
import type { SignoffCriterion } from "../schema";
import type { Check, CheckRole } from "../types";
import { firstDayInScope } from "../windows";
import { CompiledCriterion, type EvalOut } from "./common";

/** The day of the sign-off that counts (null: none). */
type SignoffParams = number | null;

export class CompiledSignoff extends CompiledCriterion<SignoffParams> {
  private readonly missing: string;

  constructor(
    private readonly c: SignoffCriterion,
    role: CheckRole,
    ruleId?: string,
  ) {
    super(c, role, ruleId, c.label ?? `Clinician sign-off: ${c.prompt}`);
    this.missing = `clinician sign-off '${c.itemId}'`;
  }

  evaluate(ctx: EvalContext, out: EvalOut): Check {
    const { c } = this;
    out.boundary = false;
    const first = firstDayInScope(ctx, this.role, c.scope ?? "stage");
    const signoffs = ctx.input.signoffs;
    const sdays = ctx.signoffDays;
    let latest: number | null = null;
    for (let i = 0; i < signoffs.length; i++) {
      const d = sdays[i]!;
      if (d > ctx.today || signoffs[i]!.itemId !== c.itemId) continue;
      if (d >= first && (c.validDays === undefined || ctx.today - d < c.validDays) && (latest === null || d > latest))
        latest = d;
    }
    out.params = latest;
    if (latest === null)
      return this.check(null, true, undefined, undefined, "no_data", this.missing, this.role === "gate");
    return this.check(true, true, undefined, undefined, "met");
  }

  protected patient(_k: Check, latest: SignoffParams): string {
    const { c, role } = this;
    if (latest === null)
      return role === "gate"
        ? `Your clinician will check this with you: ${c.prompt}.`
        : `Your clinician has not recorded this check yet.`;
    return role === "gate"
      ? `Your clinician has confirmed: ${c.prompt}.`
      : `Your clinician has recorded: ${c.prompt}, so we are easing off.`;
  }

  protected clinician(_k: Check, latest: SignoffParams): string {
    const { c, role, label } = this;
    if (latest === null) {
      return `${label}: not signed off${c.scope === "plan" ? " in this plan" : " since the stage began"}${c.validDays ? ` (valid ${c.validDays} days)` : ""} → no data. Awaiting your sign-off.`;
    }
    return `${label}: signed off on ${fromDayNumber(latest)} → ${role === "gate" ? "met" : "triggered"}.`;
  }
}
