import type { Program } from "~/engine/index.ts";

// The dates a program counts time from (days since surgery or injury), and which of them a plan lacks.

type Anchor = "surgery" | "injury";

/** Each date a program counts days from, with the stages that do (gates and regress rules). */
export function timeAnchorsOf(program: Program): Map<Anchor, string[]> {
  const anchors = new Map<Anchor, string[]>();
  for (const stage of program.stages) {
    const criteria = [...stage.gates, ...stage.regressRules.flatMap((r) => r.criteria)];
    for (const c of criteria) {
      if (c.kind !== "time" || (c.from !== "surgery" && c.from !== "injury")) continue;
      const stages = anchors.get(c.from) ?? [];
      if (!stages.includes(stage.name)) stages.push(stage.name);
      anchors.set(c.from, stages);
    }
  }
  return anchors;
}

/** A date the program's gates or regress rules count from, which the plan does not have. */
export type MissingPlanDate = { anchor: Anchor; what: string; stages: string[] };

const ANCHOR_WORDS = { surgery: "the surgery date", injury: "the injury date" } as const;

/**
 * The dates a program counts time from ("21 days since surgery") that the plan lacks: such a gate can never be met
 * (the engine reports it as no data), so the clinician is warned when the plan starts and on the patient's page.
 */
export function datesTheProgramLacks(
  program: Program,
  facts: { injuryDate: string | null; surgeryDate: string | null },
): MissingPlanDate[] {
  const known = { surgery: facts.surgeryDate, injury: facts.injuryDate };
  return [...timeAnchorsOf(program)]
    .filter(([anchor]) => known[anchor] === null)
    .map(([anchor, stages]) => ({ anchor, what: ANCHOR_WORDS[anchor], stages }));
}
