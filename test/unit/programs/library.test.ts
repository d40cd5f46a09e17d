import { describe, expect, it } from "vitest";
import { evaluate, ProgramSchema, type Criterion, type Program, type Source } from "~/engine";
import {
  BUILT_IN_FILES,
  BuiltInProgramError,
  builtInPrograms,
  isBuiltInProgramId,
  listBuiltInPrograms,
  loadBuiltInProgram,
  parseBuiltInProgram,
} from "~/programs/index.ts";
import { START } from "./helpers";

const EXPECTED_IDS = [
  "achilles-silbernagel-2007",
  "achilles-alfredson-1998",
  "hamstring-askling-2013",
  "hamstring-hickey-2020",
  "patellar-malliaras-2015",
  "acl-delaware-oslo-2016",
  "ankle-sprain-walk-run",
  "runner-5k-to-10k",
];

/** Every Source object in a program, with where it sits. */
function sources(program: Program): { where: string; source: Source }[] {
  const out: { where: string; source: Source }[] = [];
  const add = (where: string, source: Source | undefined) => source && out.push({ where, source });
  const criteria = (where: string, list: Criterion[]) => list.forEach((c) => add(`${where}.${c.id}`, c.source));
  add("painModel", program.painModel.source);
  for (const stage of program.stages) {
    add(stage.id, stage.source);
    add(`${stage.id}.prescription`, stage.prescription.source);
    for (const e of stage.prescription.exercises) add(`${stage.id}.${e.id}`, e.source);
    add(`${stage.id}.run`, stage.prescription.run?.source);
    criteria(`${stage.id}.gates`, stage.gates);
    for (const rule of stage.regressRules) {
      add(`${stage.id}.${rule.id}`, rule.source);
      criteria(`${stage.id}.${rule.id}`, rule.criteria);
    }
  }
  return out;
}

describe("built-in program library", () => {
  it("holds the eight programs of the catalogue, each in a file named after its stable id", () => {
    expect(builtInPrograms.map((p) => p.id)).toEqual(EXPECTED_IDS);
    expect(BUILT_IN_FILES.map(([file]) => file)).toEqual(EXPECTED_IDS.map((id) => `${id}.json`));
    expect(new Set(builtInPrograms.map((p) => p.id)).size).toBe(builtInPrograms.length);
  });

  it.each(BUILT_IN_FILES.map(([file, data]) => [file, data] as const))(
    "%s validates against the engine's ProgramSchema with no unknown or misspelled keys",
    (_file, data) => {
      const parsed = ProgramSchema.parse(data);
      // zod drops unknown keys silently: a typo ("restDaysBetween") would vanish, so the parse must lose nothing.
      expect(parsed).toEqual(data);
      expect(Number.isInteger(parsed.version) && parsed.version >= 1).toBe(true);
    },
  );

  it.each(builtInPrograms.map((p) => [p.id, p] as const))(
    "%s: every citation referenced exists and every citation is used",
    (_id, program) => {
      const cited = new Set(program.citations.map((c) => c.id));
      const used = new Set<string>();
      for (const { where, source } of sources(program)) {
        for (const id of source.citationIds ?? []) {
          expect(cited.has(id), `${where} cites unknown '${id}'`).toBe(true);
          used.add(id);
        }
      }
      for (const c of program.citations) {
        expect(used.has(c.id), `citation '${c.id}' is never referenced`).toBe(true);
        expect(c.authors.length).toBeGreaterThan(0);
        expect(c.title.length).toBeGreaterThan(10);
        expect(c.journal).toMatch(/\d{4}/);
        expect(c.journal).toContain(String(c.year));
      }
    },
  );

  it.each(builtInPrograms.map((p) => [p.id, p] as const))(
    "%s: every number marked as our reading says what is ours",
    (_id, program) => {
      const all = sources(program);
      const ours = all.filter((s) => s.source.ours);
      expect(ours.length).toBeGreaterThan(0);
      for (const { where, source } of ours)
        expect(source.note, `${where}: 'ours' without a note`).toMatch(/ours|our /i);
      // Every authored gate and regress rule carries its provenance.
      for (const stage of program.stages) {
        for (const g of stage.gates) expect(g.source, `${stage.id} gate ${g.id} has no source`).toBeDefined();
        for (const r of stage.regressRules) expect(r.source, `${stage.id} rule ${r.id} has no source`).toBeDefined();
      }
    },
  );

  it.each(builtInPrograms.map((p) => [p.id, p] as const))(
    "%s: patients get plain instructions and every stage has dosage and a way forward",
    (_id, program) => {
      for (const stage of program.stages) {
        expect(stage.instructions.length, stage.id).toBeGreaterThan(80);
        expect(
          stage.prescription.exercises.length + (stage.prescription.run ? 1 : 0),
          `${stage.id} prescribes nothing`,
        ).toBeGreaterThan(0);
        const dosed = stage.prescription.exercises.filter((e) => e.sets || e.reps || e.holdSeconds);
        expect(dosed.length > 0 || stage.prescription.run !== undefined, `${stage.id} has no dosage`).toBe(true);
        expect(stage.gates.length + stage.minDays, `${stage.id} has no gate`).toBeGreaterThan(0);
        expect(stage.regressRules.length, `${stage.id} has no regress rule`).toBeGreaterThan(0);
      }
    },
  );

  it("sets each program's pain limits as clinical-reference §1 tabulates them", () => {
    const model = (id: string) => loadBuiltInProgram(id)!.painModel;
    expect(model("hamstring-askling-2013")).toMatchObject({ duringMax: 0 });
    expect(model("patellar-malliaras-2015")).toMatchObject({ duringMax: 3, inclusive: true, settleBy: "24h" });
    expect(model("hamstring-hickey-2020")).toMatchObject({ duringMax: 4, inclusive: true });
    expect(model("achilles-silbernagel-2007")).toMatchObject({
      duringMax: 5,
      inclusive: true,
      settleBy: "next_morning",
      weekOnWeek: "no_rise",
    });
    // Alfredson allows pain unless disabling: no limit in the model; the "disabling" number is ours and labelled so.
    expect(model("achilles-alfredson-1998")).toMatchObject({ duringMax: null, source: { ours: true } });
  });

  it("evaluates every stage of every program on an empty history without errors or rule conflicts, holding for missing data", () => {
    for (const program of builtInPrograms) {
      for (const stage of program.stages) {
        const d = evaluate({
          program,
          plan: {
            timeZone: "Europe/Stockholm",
            startDate: START,
            injuryDate: START,
            surgeryDate: START,
            involvedSide: "left",
            currentStageId: stage.id,
            stageEnteredOn: START,
            lastRegressOn: null,
          },
          today: START,
          logs: [],
          measurements: [],
          signoffs: [],
        });
        expect(d.outcome, `${program.id}/${stage.id}`).toBe("hold");
        expect(
          d.flags.map((f) => f.code),
          `${program.id}/${stage.id}`,
        ).not.toContain("conflicting_rules");
        expect(
          d.flags.map((f) => f.code),
          `${program.id}/${stage.id}`,
        ).not.toContain("no_gates");
        expect(
          d.checks.filter((c) => c.role === "regress").every((c) => c.status !== "met"),
          `${program.id}/${stage.id}`,
        ).toBe(true);
      }
    }
  });

  it("lists the catalogue for the library page and finds programs by id", () => {
    const list = listBuiltInPrograms();
    expect(list).toHaveLength(8);
    for (const row of list) {
      const program = loadBuiltInProgram(row.id)!;
      expect(row).toEqual({
        id: program.id,
        version: program.version,
        name: program.name,
        condition: program.condition,
        summary: program.summary,
        stageCount: program.stages.length,
        citations: program.citations,
      });
      expect(isBuiltInProgramId(row.id)).toBe(true);
    }
    expect(list.find((r) => r.id === "hamstring-hickey-2020")!.stageCount).toBe(9);
    expect(loadBuiltInProgram("no-such-program")).toBeUndefined();
    expect(isBuiltInProgramId("no-such-program")).toBe(false);
  });

  it("keeps built-in programs read-only so a clinic edits its own copy", () => {
    const program = loadBuiltInProgram("achilles-silbernagel-2007")!;
    expect(Object.isFrozen(program)).toBe(true);
    expect(Object.isFrozen(program.stages[0]!.gates)).toBe(true);
    const copy = structuredClone(program);
    copy.stages[0]!.minDays = 3;
    expect(ProgramSchema.parse(copy).stages[0]!.minDays).toBe(3);
    expect(program.stages[0]!.minDays).toBe(7);
  });

  it("fails loudly, naming the file and the problem, when a built-in file is broken", () => {
    const [file, data] = BUILT_IN_FILES[0]!;
    const broken = structuredClone(data) as Program;
    broken.stages[0]!.gates[0]!.source = { citationIds: ["not-a-citation"] };
    expect(() => parseBuiltInProgram(file, broken)).toThrow(BuiltInProgramError);
    expect(() => parseBuiltInProgram(file, broken)).toThrow(
      /achilles-silbernagel-2007\.json[\s\S]*unknown citation 'not-a-citation'/,
    );
    expect(() => parseBuiltInProgram("renamed.json", data)).toThrow(/must be named after its id/);
  });
});
