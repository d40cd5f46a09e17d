/**
 * Recent data: a patient who has logged nothing for days has shown nothing about today, so a step up waits for a
 * fresh log. An implicit gate of every stage (`recent_data`, kind `time`): met when the latest log, of any kind, is at
 * most the program's `freshDataDays` old (today − latest log ≤ freshDataDays; default 3, ours).
 *
 * It is a compiled criterion of its own, kept on the compiled stage (`stepUp`), so that any step that raises the
 * load (an advance today, a dose increase later) evaluates the same check and says the same words.
 */
import { dayAndMonth, daysAgo } from "../dates";
import type { EvalContext } from "../context";
import type { Check } from "../types";
import { clinicianSentence, CompiledCriterion, type Evaluation } from "./common";

/** "today (7 Dec)", "on 2 Dec, 5 days ago". */
const lastLogWords = (last: number, age: number): string =>
  age === 0 ? `today (${dayAndMonth(last)})` : `on ${dayAndMonth(last)}, ${daysAgo(last, last + age)}`;

/** The latest log's day, or null when nothing was logged. */
type LastLog = number | null;

export class CompiledFreshData extends CompiledCriterion<LastLog> {
  /** What the patient is asked for: "a log no more than 3 days old", "a log from today". */
  private readonly want: string;

  /** `maxDays`: the program's `freshDataDays`, or the default (our reading, said so on the check) when it sets none. */
  constructor(
    private readonly maxDays: number,
    isDefault: boolean,
  ) {
    super(
      {
        id: "recent_data",
        kind: "time",
        source: isDefault ? { ours: true, note: `${maxDays} days is our default, not a source's.` } : undefined,
      },
      "gate",
      undefined,
      `Recent data: last log at most ${maxDays} day${maxDays === 1 ? "" : "s"} ago`,
      { threshold: maxDays, comparator: "lte", unit: "days" },
    );
    this.want = maxDays === 0 ? "a log from today" : `a log no more than ${maxDays} day${maxDays === 1 ? "" : "s"} old`;
  }

  evaluate(ctx: EvalContext): Evaluation {
    const { days, today } = ctx;
    const last = days.length > 0 ? days[days.length - 1]! : null;
    if (last === null) return this.noData("a log", last);
    const age = today - last;
    return this.measured(age, age <= this.maxDays ? "met" : "not_met", last);
  }

  protected patient(k: Check, last: LastLog): string {
    if (last === null)
      return `Recent data: nothing logged yet. Log how you are so we can see how you are doing before moving you on (we need ${this.want}).`;
    const when = lastLogWords(last, k.observed as number);
    return k.status === "met"
      ? `Recent data: your last log was ${when}: goal met (${this.want}).`
      : `Recent data: your last log was ${when}. Log how you are today so we can see how you are doing before moving you on (we need ${this.want}).`;
  }

  protected clinician(k: Check, last: LastLog): string {
    const requirement = `≤ ${this.maxDays} d since the latest log`;
    const detail = "Advances wait for fresh data (program setting freshDataDays; default 3 days, ours).";
    if (last === null)
      return clinicianSentence({
        role: "gate",
        status: "no_data",
        label: this.label,
        requirement,
        missing: k.missing!,
        detail,
      });
    return clinicianSentence({
      role: "gate",
      status: k.status,
      label: this.label,
      observed: `last log ${lastLogWords(last, k.observed as number)}`,
      requirement,
      detail,
    });
  }
}
