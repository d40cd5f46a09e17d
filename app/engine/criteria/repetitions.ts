/**
 * Repetitions: the stage's session completed N times meeting its conditions (walk-run phases: "each phase at least
 * twice without swelling, stiffness or more pain"). Only fully done sessions count. A condition whose value was not
 * logged disqualifies the session (missing data never passes); a next-morning condition (pain, swelling) waits for
 * that report, so a session followed by a symptom response never counts.
 */
import { fmt } from "../compare";
import { dayAndMonth, fromDayNumber } from "../dates";
import { firstLogFrom, nextMorningOf, type EvalContext } from "../context";
import type { RepetitionsCriterion } from "../schema";
import type { Check, CheckRole, DailyLogFact } from "../types";
import { firstDayInScope } from "../windows";
import { clinicianSentence, CompiledCriterion, patientSentence, type Evaluation } from "./common";
import { SWELLING_RANK } from "./swelling-order";

type Verdict = "ok" | "failed" | "unknown";

function sessionVerdict(
  c: RepetitionsCriterion,
  log: DailyLogFact,
  nextMorning: DailyLogFact | undefined,
  waitingForMorning: boolean,
): { verdict: Verdict; why?: string } {
  const k = c.conditions;
  const inclusive = k.inclusive ?? true;
  // [name, value, bound, kind]: 'min' = value must reach bound; 'max' = value must not pass bound.
  const checks: [string, number | null | undefined, number, "min" | "max"][] = [];
  if (k.minRunningMinutes !== undefined)
    checks.push(["running minutes", log.runningMinutes, k.minRunningMinutes, "min"]);
  if (k.minSessionMinutes !== undefined)
    checks.push(["session minutes", log.sessionMinutes, k.minSessionMinutes, "min"]);
  if (k.maxPainDuring !== undefined) checks.push(["pain during", log.painDuring, k.maxPainDuring, "max"]);
  if (k.maxPainAfter !== undefined) checks.push(["pain after", log.painAfter, k.maxPainAfter, "max"]);
  if (k.maxSessionRpe !== undefined) checks.push(["session effort", log.sessionRpe, k.maxSessionRpe, "max"]);
  if (k.maxNextMorningPain !== undefined) {
    if (waitingForMorning) return { verdict: "unknown", why: "next-morning report not yet due" };
    checks.push(["next-morning pain", nextMorning?.morningPain, k.maxNextMorningPain, "max"]);
  }
  if (k.maxSwelling !== undefined) {
    const swelling = log.swelling;
    if (swelling === null || swelling === undefined) return { verdict: "unknown", why: "swelling not logged" };
    if (SWELLING_RANK[swelling] > SWELLING_RANK[k.maxSwelling])
      return { verdict: "failed", why: `swelling ${swelling}` };
  }
  if (k.maxNextMorningSwelling !== undefined) {
    // A session followed by a swelling response the next morning is not one of the level's sessions.
    if (waitingForMorning) return { verdict: "unknown", why: "next-morning swelling check not yet due" };
    const swelling = nextMorning?.swelling;
    if (swelling === null || swelling === undefined)
      return { verdict: "unknown", why: "next-morning swelling not logged" };
    if (SWELLING_RANK[swelling] > SWELLING_RANK[k.maxNextMorningSwelling])
      return { verdict: "failed", why: `swelling ${swelling} the next morning` };
  }
  if (k.soreness !== undefined) {
    const soreness = log.soreness;
    if (soreness === null || soreness === undefined) return { verdict: "unknown", why: "soreness not logged" };
    if (!k.soreness.includes(soreness)) return { verdict: "failed", why: `soreness ${soreness.replace(/_/g, " ")}` };
  }
  for (const [name, value, bound, kind] of checks) {
    if (value === null || value === undefined) return { verdict: "unknown", why: `${name} not logged` };
    const ok = kind === "min" ? value >= bound : inclusive ? value <= bound : value < bound;
    if (!ok) return { verdict: "failed", why: `${name} ${fmt(value)}` };
  }
  return { verdict: "ok" };
}

/** The qualifying session days and the reasons others did not count. */
interface RepetitionsDetails {
  qualifying: number[];
  excluded: string[];
  /** The stage's entry day when a gate counts only this stage's sessions (its sentence says since when), else null. */
  since: number | null;
}

const SUBJECT = "the number of sessions you completed as planned";
const MISSING = "a logged session in this stage";

export class CompiledRepetitions extends CompiledCriterion<RepetitionsDetails> {
  private readonly requirement: string;

  constructor(
    private readonly c: RepetitionsCriterion,
    role: CheckRole,
    ruleId?: string,
  ) {
    super(
      c,
      role,
      ruleId,
      c.label ??
        `Sessions completed meeting the conditions ≥ ${c.count}${c.restDayBetween ? " (rest day between)" : ""}`,
      { threshold: c.count, comparator: "gte", unit: "sessions" },
    );
    this.requirement = `at least ${c.count} time${c.count === 1 ? "" : "s"}`;
  }

  evaluate(ctx: EvalContext): Evaluation {
    const { c } = this;
    const first = firstDayInScope(ctx, this.role, c.scope ?? "stage");
    const { days, logs } = ctx;
    const qualifying: number[] = [];
    const excluded: string[] = [];
    let sessions = 0;
    let previousSessionDay: number | null = null;
    for (let i = firstLogFrom(ctx, first); i < ctx.logs.length; i++) {
      const log = logs[i]!;
      if (log.sessionDone === "none") continue;
      sessions++;
      const day = days[i]!;
      const backToBack = previousSessionDay !== null && day - previousSessionDay === 1;
      previousSessionDay = day;
      if (log.sessionDone !== "done") {
        excluded.push(`${fromDayNumber(day)} partial`);
        continue;
      }
      if (c.restDayBetween && backToBack) {
        excluded.push(`${fromDayNumber(day)} no rest day before`);
        continue;
      }
      const { verdict, why } = sessionVerdict(c, log, nextMorningOf(ctx, i), day + 1 > ctx.today);
      if (verdict === "ok") qualifying.push(day);
      else excluded.push(`${fromDayNumber(day)} ${why}`);
    }
    const since = this.role === "gate" && (c.scope ?? "stage") === "stage" ? ctx.stageEntered : null;
    const details = { qualifying, excluded, since };
    if (sessions === 0) return this.noData(MISSING, details);
    const observed = qualifying.length;
    return this.measured(observed, observed >= c.count ? "met" : "not_met", details);
  }

  protected override noDataProgress(p: RepetitionsDetails): string | null {
    return p.since === null ? null : `no session logged yet since you started this stage on ${dayAndMonth(p.since)}`;
  }

  protected patient(k: Check, p: RepetitionsDetails): string {
    const { c, role, requirement } = this;
    const since = p.since === null ? "" : ` since you started this stage on ${dayAndMonth(p.since)}`;
    if (k.status === "no_data")
      return p.since === null
        ? patientSentence({ role, status: "no_data", subject: SUBJECT, requirement, missing: MISSING })
        : `No session logged yet${since}; this stage asks for its session completed as planned ${requirement}.`;
    const observed = k.observed as number;
    return role === "gate" && k.status === "not_met"
      ? `You have completed this stage's session as planned ${observed} of ${c.count} times${since}.`
      : patientSentence({ role, status: k.status, subject: SUBJECT, observed: String(observed), requirement });
  }

  protected clinician(k: Check, p: RepetitionsDetails): string {
    const { c, role, label } = this;
    if (k.status === "no_data")
      return clinicianSentence({ role, status: "no_data", label, requirement: `≥ ${c.count}`, missing: MISSING });
    return clinicianSentence({
      role,
      status: k.status,
      label,
      observed: `${k.observed as number} qualifying`,
      requirement: `≥ ${c.count}`,
      detail:
        (p.qualifying.length > 0 ? `Qualifying: ${p.qualifying.map(fromDayNumber).join(", ")}.` : "") +
        (p.excluded.length > 0 ? ` Not counted: ${p.excluded.slice(-6).join("; ")}.` : ""),
    });
  }
}
