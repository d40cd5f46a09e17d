/**
 * Progression rules: the engine steps the patient's own dose within a stage, explained check by check, and never
 * raises it with a regress or a red flag (docs/engine.md "Progression rules").
 */
import { describe, expect, it } from "vitest";
import { addDays, evaluate, ProgramSchema } from "~/engine";
import type {
  DailyLogFact,
  Decision,
  DoseChange,
  EvaluationInput,
  Prescription,
  Program,
  ProgressionRule,
  RegressRule,
  Stage,
} from "~/engine";
import { loadText } from "~/engine/dose-steps";
import { loadBuiltInProgram } from "~/programs/index.ts";
import { history, input, program, TODAY } from "./helpers";

const HEEL_DROP_RULE: ProgressionRule = {
  id: "heel-drop-load",
  label: "Add 2.5 kg when every set is done pain within the model",
  step: { kind: "load_step", stepKg: 2.5, maxKg: 20 },
  when: [
    { id: "all_sets", kind: "dose_done", sessions: 3 },
    { id: "pain_during", kind: "pain", metric: "during", aggregate: "max", window: { sessions: 3 }, scope: "dose" },
  ],
  stepBack: {
    when: [
      { id: "pain_after", kind: "pain", metric: "after", aggregate: "latest", window: { sessions: 1 }, scope: "dose" },
    ],
  },
};

/** Stage 'two' of the helpers' program with heel drops at `kg` under `rule`, and anything else `change` sets. */
function heelDropProgram(
  opts: { kg?: number; text?: string; rule?: ProgressionRule; regressRules?: RegressRule[] } = {},
  change: (stage: Stage) => void = () => {},
): Program {
  const p = structuredClone(program({ regressRules: opts.regressRules }));
  const stage = p.stages[1]!;
  stage.prescription.exercises = [
    {
      id: "heel_drop",
      name: "Heel drops",
      sets: 3,
      reps: 15,
      side: "involved",
      load: { text: opts.text ?? `backpack ${opts.kg ?? 10} kg`, kg: opts.kg ?? 10 },
      progression: opts.rule ?? HEEL_DROP_RULE,
    },
  ];
  change(stage);
  return ProgramSchema.parse(p);
}

type Entry = NonNullable<DailyLogFact["exercises"]>[number];

/** `n` daily sessions ending today, heel drops done 3 × 15 at `kg`, pain 2/10 during and after. */
function sessions(n: number, kg = 10, entry: (i: number) => Partial<Entry> = () => ({}), end = TODAY) {
  return history(
    n,
    (i) => ({
      painDuring: 2,
      painAfter: 2,
      exercises: [{ exerciseId: "heel_drop", status: "done", sets: 3, reps: 15, loadKg: kg, ...entry(i) }],
    }),
    end,
  );
}

function decide(prog: Program, logs: DailyLogFact[], extra: Partial<EvaluationInput> = {}): Decision {
  return evaluate({ ...input({ program: prog, logs }), ...extra });
}

type ExerciseChange = Extract<DoseChange, { part: "exercise" }>;

/** The decision's one dose change, of an exercise (`onlyChange` for any part). */
const only = (d: Decision): ExerciseChange => {
  const c = onlyChange(d);
  if (c.part !== "exercise") throw new Error(`expected an exercise's dose change, got the ${c.part}'s`);
  return c;
};
const onlyChange = (d: Decision): DoseChange => {
  expect(d.doseChanges).toHaveLength(1);
  return d.doseChanges[0]!;
};
const kgTo = (c: DoseChange) => (c.part === "exercise" ? c.to.load?.kg : undefined);

describe("load step", () => {
  it("every set done at 10 kg in the last three sessions with pain within the model: add 2.5 kg, 12.5 kg from today", () => {
    const d = decide(heelDropProgram(), sessions(3));
    const c = only(d);
    expect(c).toMatchObject({
      part: "exercise",
      exerciseId: "heel_drop",
      direction: "increase",
      reason: "progression",
    });
    expect(c.ruleId).toBe("heel-drop-load");
    expect(c.capped).toBe(false);
    expect(c.from.load).toEqual({ text: "backpack 10 kg", kg: 10 });
    expect(c.to.load).toEqual({ text: "backpack 12.5 kg", kg: 12.5 });
    expect(c.patientText).toBe("Add 2.5 kg to heel drops: backpack 12.5 kg from today.");
    expect(c.clinicianText).toMatch(/Heel drops 3 × 15 at 10 kg → 3 × 15 at 12.5 kg/);
    // Explained like gates: the implicit step-up checks first, then the rule's own, all met.
    expect(c.checks.map((k) => [k.id, k.status])).toEqual([
      ["recent_data", "met"],
      ["no_recent_red_flag", "met"],
      ["heel-drop-load.all_sets", "met"],
      ["heel-drop-load.pain_during", "met"],
    ]);
    expect(c.checks[2]!.patientText).toMatch(/Heel drops \(3 × 15 at 10 kg\) in each of your last 3 sessions/);
    expect(d.patientSummary).toContain("Add 2.5 kg to heel drops");
    expect(d.clinicianSummary).toContain("Dose changes: Heel drops 10 kg × 15 reps → 12.5 kg × 15 reps");
  });

  it("a session with fewer reps than prescribed does not count, so the load stays", () => {
    const d = decide(
      heelDropProgram(),
      sessions(3, 10, (i) => (i === 1 ? { reps: 12 } : {})),
    );
    expect(d.doseChanges).toEqual([]);
  });

  it("a session marked partial, or done at a lighter load than prescribed, is not the dose done", () => {
    const gate = (prog: Program) => {
      const p = structuredClone(prog);
      p.stages[1]!.gates = [{ id: "heel_dose", kind: "dose_done", sessions: 3, exerciseId: "heel_drop" }];
      return ProgramSchema.parse(p);
    };
    const partial = decide(
      gate(heelDropProgram()),
      sessions(3, 10, (i) => (i === 2 ? { status: "partial" } : {})),
    );
    const lighter = decide(
      gate(heelDropProgram()),
      sessions(3, 10, (i) => (i === 0 ? { loadKg: 7.5 } : {})),
    );
    for (const d of [partial, lighter]) {
      const k = d.checks.find((x) => x.id === "heel_dose")!;
      expect(k).toMatchObject({ status: "not_met", observed: 2, threshold: 3 });
    }
    expect(partial.checks.find((x) => x.id === "heel_dose")!.clinicianText).toContain("partial");
    expect(lighter.checks.find((x) => x.id === "heel_dose")!.clinicianText).toContain("at 7.5 kg, not 10 kg");
  });

  it("a session without an entry for the exercise says nothing about it: it is passed over", () => {
    const logs = sessions(4);
    logs[2] = { ...logs[2]!, exercises: [] };
    expect(kgTo(only(decide(heelDropProgram(), logs)))).toBe(12.5);
    expect(decide(heelDropProgram(), logs.slice(1)).doseChanges).toEqual([]); // only two sessions with heel drops
  });

  it("'body weight' with 2.5 kg added reads 'body weight + 2.5 kg'", () => {
    const prog = heelDropProgram({ kg: 0, text: "body weight" });
    const c = only(decide(prog, sessions(3, 0)));
    expect(c.to.load).toEqual({ text: "body weight + 2.5 kg", kg: 2.5 });
    expect(loadText("body weight + 2.5 kg", 5)).toBe("body weight + 5 kg");
    expect(loadText("body weight + 2.5 kg", 0)).toBe("body weight");
    expect(loadText("10kg dumbbell", 12.5)).toBe("12.5kg dumbbell");
  });

  it("a percent step rounds to the nearest 0.5 kg", () => {
    const rule: ProgressionRule = { ...HEEL_DROP_RULE, step: { kind: "load_step", stepPercent: 10 } };
    expect(kgTo(only(decide(heelDropProgram({ kg: 12, rule }), sessions(3, 12))))).toBe(13); // 13.2 → 13
  });
});

describe("which exercises a rule steps", () => {
  const stageRule: ProgressionRule = {
    id: "stage-load",
    step: { kind: "load_step", stepKg: 2.5 },
    when: [HEEL_DROP_RULE.when[1]!],
  };

  it("the stage's rule steps each exercise with a load and no rule of its own, and leaves the others", () => {
    const prog = heelDropProgram({}, (stage) => {
      stage.progression = stageRule;
      stage.prescription.exercises.push(
        { id: "calf_press", name: "Calf press", sets: 3, reps: 12, side: "involved", load: { text: "20 kg", kg: 20 } },
        { id: "balance", name: "Balance on one leg", sets: 3, holdSeconds: 30, side: "involved" },
      );
    });
    const d = decide(prog, sessions(3));
    expect(d.doseChanges.map((c) => [c.exerciseId, c.ruleId, kgTo(c as ExerciseChange)])).toEqual([
      ["heel_drop", "heel-drop-load", 12.5],
      ["calf_press", "stage-load", 22.5],
    ]);
  });

  it("a load in words only ('15RM') does not step until the clinician sets its kg in the patient's dose", () => {
    const prog = heelDropProgram({}, (stage) => {
      stage.prescription.exercises[0]!.load = { text: "15RM" };
    });
    expect(decide(prog, sessions(3)).doseChanges).toEqual([]);
    const prescription = structuredClone(prog.stages[1]!.prescription);
    prescription.exercises[0]!.load = { text: "15RM + 10 kg", kg: 10 };
    const c = only(decide(prog, sessions(3), { dose: { prescription, since: addDays(TODAY, -10) } }));
    expect(c.to.load).toEqual({ text: "15RM + 12.5 kg", kg: 12.5 });
  });
});

describe("the cap", () => {
  it("a step that would pass the cap stops at it, and says so", () => {
    const c = only(decide(heelDropProgram({ kg: 19 }), sessions(3, 19)));
    expect(c).toMatchObject({ direction: "increase", capped: true });
    expect(kgTo(c)).toBe(20);
    expect(c.patientText).toMatch(/the most this stage asks for/);
  });

  it("at the cap nothing changes at all", () => {
    expect(decide(heelDropProgram({ kg: 20 }), sessions(3, 20)).doseChanges).toEqual([]);
  });
});

describe("double progression", () => {
  const rule: ProgressionRule = {
    id: "split-squat",
    step: { kind: "double_progression", repsFrom: 8, repsTo: 12, repsStep: 2, stepKg: 2.5 },
    when: [{ id: "all_sets", kind: "dose_done", sessions: 2 }],
  };
  const squatProgram = (reps: number) =>
    heelDropProgram({}, (stage) => {
      stage.prescription.exercises = [
        {
          id: "split_squat",
          name: "Split squat",
          sets: 3,
          reps,
          side: "both",
          load: { text: "20 kg", kg: 20 },
          progression: rule,
        },
      ];
    });
  const squatLogs = (reps: number) =>
    history(2, () => ({ exercises: [{ exerciseId: "split_squat", status: "done", sets: 3, reps, loadKg: 20 }] }));

  it("below the top of the range the reps rise and the load stays", () => {
    const c = only(decide(squatProgram(8), squatLogs(8)));
    expect(c.to).toMatchObject({ reps: 10, load: { kg: 20 } });
    expect(c.patientText).toBe("Split squat: 10 reps per set from today (was 8).");
  });

  it("at the top of the range the load rises and the reps return to the bottom", () => {
    const c = only(decide(squatProgram(12), squatLogs(12)));
    expect(c.to).toMatchObject({ reps: 8, load: { text: "22.5 kg", kg: 22.5 } });
    expect(c.patientText).toBe("Add 2.5 kg to split squat: 22.5 kg from today, 8 reps per set.");
  });
});

describe("step back", () => {
  it("pain after the session above the model's limit: one step down, before any step up is looked at", () => {
    const logs = sessions(3);
    logs[2] = { ...logs[2]!, painAfter: 7 };
    const c = only(decide(heelDropProgram({ kg: 15 }), logs));
    expect(c).toMatchObject({ direction: "decrease", reason: "step_back", ruleId: "heel-drop-load" });
    expect(c.to.load).toEqual({ text: "backpack 12.5 kg", kg: 12.5 });
    expect(c.checks.map((k) => [k.id, k.status])).toEqual([["heel-drop-load.pain_after", "met"]]);
    expect(c.patientText).toBe("Heel drops: backpack 12.5 kg from today (2.5 kg less), so your symptoms can settle.");
    expect(c.clinicianText).toMatch(/^Step back by .*Triggered: .*observed 7/);
  });
});

describe("no increase with a red flag or a regress", () => {
  it("pain at the red-flag level yesterday holds the increase, though every rule check is met", () => {
    const logs = sessions(3);
    logs[1] = { ...logs[1]!, painAtRest: 9 };
    const d = decide(heelDropProgram(), logs);
    expect(d.flags.some((f) => f.severity === "high")).toBe(true);
    expect(d.doseChanges).toEqual([]);
  });

  it("a program that never holds for a red flag still raises no dose while the flag is high", () => {
    const p = structuredClone(heelDropProgram());
    p.redFlagHoldDays = 0;
    const logs = sessions(3);
    logs[1] = { ...logs[1]!, painAtRest: 9 };
    expect(decide(ProgramSchema.parse(p), logs).doseChanges).toEqual([]);
  });

  it("no recent log: the increase waits for fresh data", () => {
    const logs = sessions(3, 10, () => ({}), addDays(TODAY, -5));
    expect(decide(heelDropProgram(), logs).doseChanges).toEqual([]);
  });

  const swellingRule = (action: RegressRule["action"]): RegressRule => ({
    id: "swelling",
    label: "Swelling after loading",
    criteria: [
      {
        id: "swelling",
        kind: "swelling",
        aggregate: "latest",
        window: { sessions: 1 },
        comparator: "gte",
        grade: "1+",
      },
    ],
    action,
  });

  it("a regress that keeps the patient in the stage with 20 % less load lowers every kg load (nearest 0.5 kg)", () => {
    const logs = sessions(3);
    logs[2] = { ...logs[2]!, swelling: "1+" };
    const prog = heelDropProgram({ kg: 12.5, regressRules: [swellingRule({ to: "stay", loadReductionPercent: 20 })] });
    const d = decide(
      prog,
      sessions(3, 12.5).map((l, i) => (i === 2 ? { ...l, swelling: "1+" } : l)),
    );
    expect(d.outcome).toBe("regress");
    const c = only(d);
    expect(c).toMatchObject({ direction: "decrease", reason: "regress", ruleId: "swelling" });
    expect(c.to.load).toEqual({ text: "backpack 10 kg", kg: 10 });
    expect(c.checks.map((k) => k.id)).toEqual(["swelling.swelling"]);
    expect(c.patientText).toBe("Heel drops: backpack 10 kg from today (20 % less), so your symptoms can settle.");
    expect(d.patientSummary).toContain("Reduce the load by 20 %.");
  });

  it("a regress without a load reduction raises nothing, though the rule's checks are all met", () => {
    const prog = heelDropProgram({ regressRules: [swellingRule({ to: "stay" })] });
    const d = decide(
      prog,
      sessions(3).map((l, i) => (i === 2 ? { ...l, swelling: "1+" } : l)),
    );
    expect(d.outcome).toBe("regress");
    expect(d.doseChanges).toEqual([]);
  });

  it("a regress back a stage changes no dose: the earlier stage starts from its own", () => {
    const prog = heelDropProgram({ regressRules: [swellingRule({ to: "previous", loadReductionPercent: 20 })] });
    const d = decide(
      prog,
      sessions(3).map((l, i) => (i === 2 ? { ...l, swelling: "1+" } : l)),
    );
    expect(d).toMatchObject({ outcome: "regress", toStageId: "one", doseChanges: [] });
  });
});

describe("the patient's own dose", () => {
  const tailored = (kg: number, since: string): EvaluationInput["dose"] => {
    const prog = heelDropProgram();
    const prescription: Prescription = structuredClone(prog.stages[1]!.prescription);
    prescription.exercises[0]!.load = { text: `backpack ${kg} kg`, kg };
    delete prescription.exercises[0]!.progression;
    return { prescription, since };
  };

  it("a tailored dose is what progresses, not the program's", () => {
    const d = decide(heelDropProgram(), sessions(3, 15), { dose: tailored(15, addDays(TODAY, -10)) });
    const c = only(d);
    expect(c.from.load?.kg).toBe(15);
    expect(c.to.load).toEqual({ text: "backpack 17.5 kg", kg: 17.5 });
  });

  it("sessions before the dose took effect do not count", () => {
    // Four sessions at 15 kg, but the dose took effect yesterday: two at this dose, not yet three.
    const logs = [...sessions(3, 15, () => ({}), addDays(TODAY, -1)).slice(0, 2), ...sessions(2, 15)];
    const dose = tailored(15, addDays(TODAY, -1));
    expect(decide(heelDropProgram(), logs, { dose }).doseChanges).toEqual([]);
    expect(kgTo(only(decide(heelDropProgram(), logs, { dose: { ...dose!, since: addDays(TODAY, -10) } })))).toBe(17.5);
  });

  it("an advance changes no dose: the next stage starts from its own", () => {
    const prog = heelDropProgram({}, (stage) => {
      stage.gates = [{ id: "days", kind: "time", from: "stage_entry", days: 1 }];
    });
    const d = decide(prog, sessions(3));
    expect(d.outcome).toBe("advance");
    expect(d.doseChanges).toEqual([]);
  });
});

describe("run progression", () => {
  const runProgram = () =>
    heelDropProgram({}, (stage) => {
      stage.prescription.exercises = [];
      stage.prescription.run = {
        blocks: [{ walkSeconds: 90, runSeconds: 60, repeats: 6 }],
        progression: {
          id: "longer-runs",
          step: {
            kind: "run_progression",
            runSecondsStep: 30,
            walkSecondsStep: 30,
            maxRunSeconds: 120,
            minWalkSeconds: 60,
          },
          when: [
            {
              id: "easy_runs",
              kind: "repetitions",
              count: 2,
              conditions: { maxPainDuring: 3, maxSessionRpe: 6 },
              scope: "dose",
            },
          ],
        },
      };
    });

  it("two easy runs at this dose: each run 30 s longer, walks 30 s shorter", () => {
    const c = onlyChange(
      decide(
        runProgram(),
        history(2, () => ({ painDuring: 1, sessionRpe: 5 })),
      ),
    );
    expect(c).toMatchObject({ part: "run", exerciseId: null, direction: "increase" });
    expect(c.to).toMatchObject({ blocks: [{ runSeconds: 90, walkSeconds: 60, repeats: 6 }] });
    expect(c.patientText).toBe(
      "Your run: run 1 min 30 s, walk 1 min, 6 times from today (was run 1 min, walk 1 min 30 s, 6 times).",
    );
  });

  it("a regress that keeps the phase with 20 % less load shortens each run by 20 %", () => {
    const prog = runProgram();
    const p = structuredClone(prog);
    p.stages[1]!.regressRules = [
      {
        id: "pain-flare",
        label: "Pain during above the model",
        criteria: [{ id: "pain", kind: "pain", metric: "during", aggregate: "latest", window: { sessions: 1 } }],
        action: { to: "stay", loadReductionPercent: 20 },
      },
    ];
    const d = decide(
      ProgramSchema.parse(p),
      history(2, (i) => ({ painDuring: i === 1 ? 7 : 1, sessionRpe: 5 })),
    );
    const c = onlyChange(d);
    expect(c).toMatchObject({ part: "run", direction: "decrease", reason: "regress", ruleId: "pain-flare" });
    expect(c.to).toMatchObject({ blocks: [{ runSeconds: 48, walkSeconds: 90, repeats: 6 }] });
    expect(c.patientText).toBe(
      "Your run: run 48 s, walk 1 min 30 s, 6 times from today (20 % less running), so your symptoms can settle.",
    );
  });

  it("a session that felt hard (effort 8/10) does not count towards the next step", () => {
    const d = decide(
      runProgram(),
      history(2, (i) => ({ painDuring: 1, sessionRpe: i === 0 ? 8 : 5 })),
    );
    expect(d.doseChanges).toEqual([]);
  });
});

describe("the schema refuses impossible rules, with paths", () => {
  const issues = (change: (stage: Stage) => void) => {
    const p = structuredClone(heelDropProgram());
    change(p.stages[1]!);
    const r = ProgramSchema.safeParse(p);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };
  const at = "stages.1.prescription.exercises.0.progression";
  const rule = (stage: Stage) => stage.prescription.exercises[0]!.progression!;

  it("a load step with both a kg and a percent step, or neither", () => {
    expect(issues((s) => (rule(s).step = { kind: "load_step", stepKg: 2.5, stepPercent: 5 }))).toEqual([
      `${at}.step.stepKg: give exactly one of stepKg or stepPercent`,
    ]);
    expect(issues((s) => (rule(s).step = { kind: "load_step" }))).toEqual([
      `${at}.step.stepKg: give exactly one of stepKg or stepPercent`,
    ]);
  });

  it("a double progression whose top is not above its bottom", () => {
    expect(
      issues((s) => (rule(s).step = { kind: "double_progression", repsFrom: 12, repsTo: 8, stepKg: 2.5 })),
    ).toEqual([`${at}.step.repsTo: the top of the rep range must be above its bottom`]);
  });

  it("a cap below the exercise's current load", () => {
    expect(issues((s) => (rule(s).step = { kind: "load_step", stepKg: 2.5, maxKg: 5 }))).toEqual([
      `${at}.step.maxKg: the cap 5 kg is below the current load of 10 kg`,
    ]);
  });

  it("a run progression on an exercise, a load step on the run, a run progression with no step", () => {
    expect(issues((s) => (rule(s).step = { kind: "run_progression", runSecondsStep: 30 }))).toEqual([
      `${at}.step.kind: a run progression belongs on the stage's run`,
    ]);
    const runIssues = issues((s) => {
      s.prescription.run = {
        blocks: [{ walkSeconds: 60, runSeconds: 60, repeats: 5 }],
        progression: { id: "run", step: { kind: "load_step", stepKg: 1 }, when: HEEL_DROP_RULE.when },
      };
    });
    expect(runIssues).toContain(
      "stages.1.prescription.run.progression.step.kind: the run progresses by run_progression, not by load",
    );
    expect(runIssues).toContain(
      "stages.1.prescription.run.progression.when.0.exerciseId: name the exercise whose dose must be done",
    );
    expect(
      issues((s) => {
        s.prescription.run = {
          blocks: [{ walkSeconds: 60, runSeconds: 60, repeats: 5 }],
          progression: { id: "run", step: { kind: "run_progression" }, when: [HEEL_DROP_RULE.when[1]!] },
        };
      }),
    ).toEqual([
      "stages.1.prescription.run.progression.step: give at least one step: runSecondsStep, walkSecondsStep or repeatsStep",
    ]);
  });

  it("dose_done naming an exercise the stage does not have, and two rules with one id", () => {
    expect(issues((s) => (rule(s).when = [{ id: "x", kind: "dose_done", sessions: 2, exerciseId: "nordic" }]))).toEqual(
      [`${at}.when.0.exerciseId: 'nordic' is not an exercise of this stage`],
    );
    expect(issues((s) => (s.progression = { ...HEEL_DROP_RULE }))).toEqual([
      "stages.1.progression.id: duplicate progression rule id 'heel-drop-load' in this stage",
    ]);
  });

  it("a dose_done gate must name its exercise", () => {
    expect(issues((s) => (s.gates = [{ id: "d", kind: "dose_done", sessions: 2 }]))).toEqual([
      "stages.1.gates.0.exerciseId: name the exercise whose dose must be done",
    ]);
  });
});

describe("a decision with dose changes", () => {
  it("is plain data: it survives JSON and structuredClone as it is", () => {
    const d = decide(heelDropProgram(), sessions(3));
    expect(d.doseChanges).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(structuredClone(d)).toEqual(d);
  });

  it("is the same every time the same history is evaluated, and evaluating leaves the input untouched", () => {
    const prog = heelDropProgram();
    const logs = sessions(3);
    const before = structuredClone({ prog, logs });
    const first = decide(prog, logs);
    decide(
      prog,
      sessions(3, 10, () => ({ reps: 10 })),
    ); // another patient on the same program in between
    expect(decide(prog, logs)).toEqual(first);
    expect({ prog, logs }).toEqual(before);
  });
});

describe("built-in programs", () => {
  it("runner block 1: split squats at the top of 8–10 reps with body weight go to 'body weight + 2.5 kg' and 8 reps", () => {
    const runner = loadBuiltInProgram("runner-5k-to-10k")!;
    const block = runner.stages.find((st) => st.id === "block-1-base")!;
    const prescription: Prescription = structuredClone(block.prescription);
    prescription.exercises.find((e) => e.id === "split-squat")!.reps = 10;
    const logs = history(2, () => ({
      painDuring: 2,
      exercises: [{ exerciseId: "split-squat", status: "done", sets: 3, reps: 10, loadKg: 0 }],
    }));
    const d = evaluate({
      ...input({ program: runner, logs, plan: { currentStageId: "block-1-base", stageEnteredOn: addDays(TODAY, -5) } }),
      dose: { prescription, since: addDays(TODAY, -5) },
    });
    expect(d.outcome).toBe("hold");
    const c = only(d);
    expect(c).toMatchObject({ exerciseId: "split-squat", ruleId: "split-squat-progression", direction: "increase" });
    expect(c.to).toMatchObject({ reps: 8, load: { text: "body weight + 2.5 kg", kg: 2.5 } });
  });
});
