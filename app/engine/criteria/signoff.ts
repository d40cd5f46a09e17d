/**
 * Clinician sign-off items (e.g. "clinical exam clear", "H-test without insecurity"): only a clinician can tick
 * them. Until a valid tick exists the check is no data and asks the clinician; it never passes on its own.
 */
import { fromDayNumber } from "../dates";
import type { SignoffCriterion } from "../schema";
import { firstDayInScope, type CriterionEnv } from "../windows";
import type { CheckCore } from "./common";

export function evaluateSignoff(c: SignoffCriterion, env: CriterionEnv): CheckCore {
  const { ctx, role } = env;
  const label = c.label ?? `Clinician sign-off: ${c.prompt}`;
  const first = firstDayInScope(env, c.scope ?? "stage");
  const days = (ctx.signoffs.get(c.itemId) ?? []).filter(
    (d) => d >= first && (c.validDays === undefined || ctx.today - d < c.validDays),
  );
  const latest = days[days.length - 1];
  if (latest === undefined) {
    const missing = `clinician sign-off '${c.itemId}'`;
    return {
      label,
      observed: null,
      threshold: true,
      status: "no_data",
      missing,
      awaitingClinician: role === "gate",
      patientText:
        role === "gate" ? `Your clinician will check this with you: ${c.prompt}.` : `Your clinician has not recorded this check yet.`,
      clinicianText: `${label}: not signed off${c.scope === "plan" ? " in this plan" : " since the stage began"}${c.validDays ? ` (valid ${c.validDays} days)` : ""} → no data. Awaiting your sign-off.`,
    };
  }
  return {
    label,
    observed: true,
    threshold: true,
    status: "met",
    patientText: role === "gate" ? `Your clinician has confirmed: ${c.prompt}.` : `Your clinician has recorded: ${c.prompt}, so we are easing off.`,
    clinicianText: `${label}: signed off on ${fromDayNumber(latest)} → ${role === "gate" ? "met" : "triggered"}.`,
  };
}
