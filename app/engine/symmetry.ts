/**
 * Limb symmetry index (LSI), as the capacity criterion computes it, for every page that shows one. No zod and no
 * criterion machinery here, so browser code (the clinician's charts) can import this file directly.
 *
 * LSI = involved ÷ uninvolved × 100. For timed tests (lowerIsBetter) it is inverted to uninvolved ÷ involved × 100,
 * so 100 % still means "as good as the other leg" and higher is still better. Whether a test is timed is never
 * guessed from its id: the program's capacity criteria say so with `lowerIsBetter`.
 */
import { tidy } from "./compare";
import type { CapacityCriterion, Program } from "./schema";

/** The LSI in percent, or null when the denominator is 0 (no index can be formed). */
export function limbSymmetryIndex(involved: number, uninvolved: number, lowerIsBetter: boolean): number | null {
  const numerator = lowerIsBetter ? uninvolved : involved;
  const denominator = lowerIsBetter ? involved : uninvolved;
  if (denominator === 0) return null;
  return tidy((numerator / denominator) * 100);
}

/**
 * The involved side's value that gives `lsi` against `uninvolved` (the inverse of limbSymmetryIndex, for made-up
 * histories); null when no finite value does (a timed test at 0 %).
 */
export function involvedValueForSymmetry(lsi: number, uninvolved: number, lowerIsBetter: boolean): number | null {
  if (!lowerIsBetter) return (lsi / 100) * uninvolved;
  return lsi === 0 ? null : (uninvolved * 100) / lsi;
}

/** The program's capacity criteria (gates and regress rules, every stage) on `measure`. */
export function capacityCriteriaOn(program: Program, measure: string): CapacityCriterion[] {
  const out: CapacityCriterion[] = [];
  for (const stage of program.stages) {
    for (const c of stage.gates) if (c.kind === "capacity" && c.measure === measure) out.push(c);
    for (const rule of stage.regressRules)
      for (const c of rule.criteria) if (c.kind === "capacity" && c.measure === measure) out.push(c);
  }
  return out;
}

/** Whether the program reads `measure` as lower-is-better (a timed test): one of its capacity criteria on it says so. */
export function measureIsLowerBetter(program: Program, measure: string): boolean {
  return capacityCriteriaOn(program, measure).some((c) => c.lowerIsBetter === true);
}
