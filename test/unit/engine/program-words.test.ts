/**
 * Words that match the program (issue 14, item 7): the flags and checks a patient's decision carries name the rules
 * of the patient's own program, never another protocol's.
 */
import { describe, expect, it } from "vitest";
import { addDays, evaluate, type DailyLogFact } from "~/engine";
import { builtInPrograms } from "~/programs/index.ts";

const PROTOCOL_NAMES = [
  "Silbernagel",
  "Delaware",
  "Alfredson",
  "Askling",
  "Hickey",
  "Malliaras",
  "Crossley",
  "Grindem",
];
const TODAY = "2026-06-30";

/** Two weeks with everything a flag or a soreness or trend rule can speak about: red-flag pain, effusion 2+, soreness
 * that stayed through the warm-up, a worse week of stiffness. */
function eventfulLogs(): DailyLogFact[] {
  return Array.from({ length: 14 }, (_, i) => ({
    date: addDays(TODAY, i - 13),
    sessionDone: "done" as const,
    painDuring: i === 12 ? 9 : 2,
    morningPain: 1,
    morningStiffness: i < 7 ? 1 : 3,
    swelling: i === 11 ? ("2+" as const) : ("none" as const),
    soreness: i === 13 ? ("warmup_persisted" as const) : ("none" as const),
    runningMinutes: 20,
    sessionMinutes: 30,
  }));
}

describe("flags and checks name the patient's own program", () => {
  it.each(builtInPrograms.map((p) => [p.id, p] as const))(
    "a %s patient's flags and checks name no other protocol",
    (_id, program) => {
      const own = JSON.stringify(program);
      const foreign = PROTOCOL_NAMES.filter((name) => !own.includes(name));
      for (const stage of program.stages) {
        const decision = evaluate({
          program,
          plan: {
            timeZone: "Europe/Stockholm",
            startDate: addDays(TODAY, -40),
            involvedSide: "left",
            currentStageId: stage.id,
            stageEnteredOn: addDays(TODAY, -20),
          },
          today: TODAY,
          logs: eventfulLogs(),
          measurements: [],
          signoffs: [],
        });
        const words = [
          ...decision.flags.map((f) => f.message),
          ...decision.checks.flatMap((c) => [c.label, c.patientText, c.clinicianText]),
          decision.patientSummary,
          decision.clinicianSummary,
          decision.requiresClinician ?? "",
        ].join("\n");
        for (const name of foreign) expect(words, `${program.id}/${stage.id}`).not.toContain(name);
      }
    },
  );
});
