/**
 * Red flags hold progress: an implicit gate of every stage (`no_recent_red_flag`, kind `red_flag`). A high-severity
 * flag (pain at or above the program's red-flag level; effusion 2+ or worse) raised in the program's last
 * `redFlagHoldDays` days, today included (default 7, ours), keeps an advance on hold, and the check names the flag
 * and its day. It reads the same findings as the flags (flags.ts). With `redFlagHoldDays: 0` the program never holds;
 * a flagged advance then still waits for the clinician (`Decision.requiresClinician`, evaluate.ts).
 *
 * Kept on the compiled stage (`stepUp`) so that any step that raises the load (an advance today, a dose
 * increase later) evaluates the same check.
 */
import { fmt } from "../compare";
import { dayAndMonth, daysAgo, fromDayNumber } from "../dates";
import type { EvalContext } from "../context";
import { HIGH_EFFUSION, worstEffusion, worstRedFlagPain } from "../flags";
import type { Check } from "../types";
import { clinicianSentence, CompiledCriterion, type Evaluation } from "./common";

/** A red flag found in the window, as the sentences name it. */
interface Found {
  /** e.g. "effusion 2+", "pain during 8/10". */
  what: string;
  day: number;
}

/** The flags found (most recent first) and today, which the sentences count from. */
interface Details {
  found: Found[];
  today: number;
}

export class CompiledRedFlagHold extends CompiledCriterion<Details> {
  private readonly window: string;

  /** `days`: the program's `redFlagHoldDays`, or the default (our reading, said so on the check) when it sets none. */
  constructor(
    private readonly days: number,
    isDefault: boolean,
  ) {
    super(
      {
        id: "no_recent_red_flag",
        kind: "red_flag",
        source: isDefault ? { ours: true, note: `${days} days is our default, not a source's.` } : undefined,
      },
      "gate",
      undefined,
      `No red flag in the last ${days} day${days === 1 ? "" : "s"}`,
      { threshold: days, unit: "days" },
    );
    this.window = `the last ${days} day${days === 1 ? "" : "s"}`;
  }

  evaluate(ctx: EvalContext): Evaluation {
    const { today } = ctx;
    const from = today - this.days + 1;
    const found: Found[] = [];
    const pain = worstRedFlagPain(ctx, from);
    if (pain) found.push({ what: `${pain.what} ${fmt(pain.value)}/10`, day: pain.day });
    const eff = worstEffusion(ctx, from, HIGH_EFFUSION);
    if (eff) found.push({ what: `effusion ${eff.grade}`, day: eff.day });
    // The most recent first: it decides how long the hold lasts.
    if (found.length === 2 && found[1]!.day > found[0]!.day) found.reverse();
    const observed = found.length === 0 ? "none" : found.map((f) => `${f.what} on ${fromDayNumber(f.day)}`).join("; ");
    return this.measured(observed, found.length === 0 ? "met" : "not_met", { found, today });
  }

  protected patient(_k: Check, { found, today }: Details): string {
    if (found.length === 0) return `No warning signs logged in ${this.window}: goal met.`;
    // The hold ends when the most recent flag leaves the window.
    const free = found[0]!.day + this.days;
    return `A warning sign was logged: ${list(found, today)}. We wait until ${dayAndMonth(free)} at the earliest before moving you on, and your clinician will look at it.`;
  }

  protected clinician(k: Check, { found, today }: Details): string {
    return clinicianSentence({
      role: "gate",
      status: k.status,
      label: this.label,
      observed: found.length === 0 ? "none" : list(found, today),
      requirement: `no pain at or above the program's red-flag level and no effusion ${HIGH_EFFUSION} or worse in ${this.window}`,
      detail: "A high-severity flag holds an advance (program setting redFlagHoldDays; default 7 days, ours).",
    });
  }
}

/** "effusion 2+ on 5 Dec (2 days ago); pain during 8/10 on 3 Dec (4 days ago)". */
const list = (found: Found[], today: number): string =>
  found.map((f) => `${f.what} on ${dayAndMonth(f.day)} (${daysAgo(f.day, today)})`).join("; ");
