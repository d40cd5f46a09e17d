/**
 * The Decision object evaluate() returns, with the checks' sentences written on first read.
 *
 * Every check is complete when evaluate() returns (observed, threshold, status, label, what is missing, …) except
 * its two sentences, patientText and clinicianText, which are most of the work of a decision and are often not
 * needed (a caseload triaged by outcome and flags; the bench). The decision keeps what the sentences need (each
 * check's compiled criterion and the values it copied out of the history) and writes every check's sentences the
 * first time `decision.checks` is read, before handing the array out. A caller therefore never sees a check without
 * its sentences, and the sentences are exactly what writing them during evaluate() would give.
 *
 * Why the decision and not each check: the app hands checks to serialisers that copy *own* enumerable properties
 * (JSON.stringify, structuredClone, object spread, Remix single-fetch's turbo-stream, which encodes class instances
 * through Object.entries), so sentences behind prototype getters would be lost there. Own accessors survive all of
 * those but cost ~130 ns each to define (V8, Node 20), twice per check; one own accessor per decision costs the same
 * once. `checks` is therefore an own, enumerable accessor property in its usual place among the keys, so
 * JSON.stringify, spread, structuredClone, Object.keys/entries and turbo-stream see exactly the plain decision they
 * saw before; assigning to it replaces it with a plain data property.
 */
import type { CompiledCriterion } from "./criteria";
import type { Check, Decision, Flag, LoadSummary, Outcome, RegressDetail } from "./types";

/** What the sentences of a decision's checks are written from: per check, its compiled criterion and params. */
export interface PendingSentences {
  criteria: readonly CompiledCriterion[];
  params: unknown[];
}

function readChecks(this: EngineDecision): Check[] {
  return EngineDecision.checksOf(this);
}

function replaceChecks(this: EngineDecision, value: Check[]): void {
  Object.defineProperty(this, "checks", { value, writable: true, enumerable: true, configurable: true });
}

const CHECKS_PROPERTY: PropertyDescriptor = {
  get: readChecks,
  set: replaceChecks,
  enumerable: true,
  configurable: true,
};

export class EngineDecision implements Decision {
  declare outcome: Outcome;
  declare fromStageId: string;
  declare toStageId: string;
  declare checks: Check[];
  declare flags: Flag[];
  declare load: LoadSummary;
  declare regress?: RegressDetail;
  declare patientSummary: string;
  declare clinicianSummary: string;
  declare engineVersion: string;
  declare programId: string;
  declare programVersion: number;
  declare evaluatedFor: string;

  #checks: Check[];
  #pending: PendingSentences | null;

  constructor(
    outcome: Outcome,
    fromStageId: string,
    toStageId: string,
    checks: Check[],
    pending: PendingSentences,
    flags: Flag[],
    load: LoadSummary,
    regress: RegressDetail | undefined,
    patientSummary: string,
    clinicianSummary: string,
    engineVersion: string,
    programId: string,
    programVersion: number,
    evaluatedFor: string,
  ) {
    this.#checks = checks;
    this.#pending = pending;
    // Keys in the order of the Decision interface (and of every decision stored so far): JSON output is unchanged.
    this.outcome = outcome;
    this.fromStageId = fromStageId;
    this.toStageId = toStageId;
    Object.defineProperty(this, "checks", CHECKS_PROPERTY);
    this.flags = flags;
    this.load = load;
    this.regress = regress;
    this.patientSummary = patientSummary;
    this.clinicianSummary = clinicianSummary;
    this.engineVersion = engineVersion;
    this.programId = programId;
    this.programVersion = programVersion;
    this.evaluatedFor = evaluatedFor;
  }

  /** The checks, their sentences written (once). */
  static checksOf(d: EngineDecision): Check[] {
    if (!(#checks in d)) return undefined as unknown as Check[]; // the getter copied onto a foreign object
    const pending = d.#pending;
    if (pending) {
      d.#pending = null;
      writeSentences(d.#checks, pending);
    }
    return d.#checks;
  }
}

export function writeSentences(checks: Check[], pending: PendingSentences): void {
  const { criteria, params } = pending;
  for (let i = 0; i < checks.length; i++) criteria[i]!.writeTexts(checks[i]!, params[i]);
}
