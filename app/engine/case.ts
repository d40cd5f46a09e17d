/**
 * Case files: a program (inline, or a built-in program's id), plan facts, history and "today", optionally with the
 * decision expected. Used by `npm run engine -- evaluate <case.json>`, by the tests and by docs/engine.md.
 * Pure: reading the file and finding built-in programs is the caller's job.
 */
import * as z from "zod";
import { localDateOf } from "./dates";
import { DailyLogFactSchema, MeasurementFactSchema, PlanFactsSchema, SignoffFactSchema } from "./facts";
import { LocalDateSchema, ProgramSchema, type Program } from "./schema";
import type { Decision, EvaluationInput } from "./types";

const CheckStatusSchema = z.enum(["met", "not_met", "no_data"]);

const CaseExpectationSchema = z.object({
  outcome: z.enum(["advance", "hold", "regress", "complete"]).optional(),
  toStageId: z.string().optional(),
  /** Check id → expected status. */
  checks: z.record(z.string(), CheckStatusSchema).optional(),
  /** Flag codes that must be present. */
  flags: z.array(z.string()).optional(),
});

export const CaseFileSchema = z
  .object({
    description: z.string().optional(),
    /** Inline program. */
    program: ProgramSchema.optional(),
    /** Or a built-in program's id (issue 4's library). */
    programId: z.string().optional(),
    plan: PlanFactsSchema,
    /** The patient's local date of the decision… */
    today: LocalDateSchema.optional(),
    /** …or an instant, turned into the local date in plan.timeZone. */
    now: z.string().optional(),
    logs: z.array(DailyLogFactSchema).optional(),
    measurements: z.array(MeasurementFactSchema).optional(),
    signoffs: z.array(SignoffFactSchema).optional(),
    expect: CaseExpectationSchema.optional(),
  })
  .refine((c) => (c.program === undefined) !== (c.programId === undefined), {
    message: "give exactly one of 'program' (inline) or 'programId' (built-in)",
    path: ["program"],
  })
  .refine((c) => (c.today === undefined) !== (c.now === undefined), {
    message: "give exactly one of 'today' (local date) or 'now' (an instant)",
    path: ["today"],
  });

export type CaseFile = z.infer<typeof CaseFileSchema>;
export type CaseExpectation = z.infer<typeof CaseExpectationSchema>;

/** Turns a parsed case into engine input; `builtIn` supplies the program when the case names one by id. */
export function caseToInput(c: CaseFile, builtIn?: Program): EvaluationInput {
  const program = c.program ?? builtIn;
  if (!program) throw new Error(`case names built-in program '${c.programId}' but none was supplied`);
  return {
    program,
    plan: c.plan,
    today: c.today ?? localDateOf(c.now!, c.plan.timeZone),
    logs: c.logs ?? [],
    measurements: c.measurements ?? [],
    signoffs: c.signoffs ?? [],
  };
}

/** Differences between a decision and a case's expectation (empty = as expected). */
export function expectationMismatches(decision: Decision, e: CaseExpectation | undefined): string[] {
  if (!e) return [];
  const out: string[] = [];
  if (e.outcome && decision.outcome !== e.outcome) out.push(`outcome: expected ${e.outcome}, got ${decision.outcome}`);
  if (e.toStageId && decision.toStageId !== e.toStageId)
    out.push(`toStageId: expected ${e.toStageId}, got ${decision.toStageId}`);
  for (const [id, status] of Object.entries(e.checks ?? {})) {
    const check = decision.checks.find((k) => k.id === id);
    if (!check) out.push(`check ${id}: missing`);
    else if (check.status !== status) out.push(`check ${id}: expected ${status}, got ${check.status}`);
  }
  const codes = new Set(decision.flags.map((f) => f.code as string));
  for (const f of e.flags ?? []) if (!codes.has(f)) out.push(`flag ${f}: missing`);
  return out;
}
