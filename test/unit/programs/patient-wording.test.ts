import { describe, expect, it } from "vitest";
import type { Program } from "~/engine";
import { builtInPrograms, loadBuiltInProgram } from "~/programs/index.ts";

/**
 * Every text of a program that a patient reads, with where it sits: the stage's name, goal and instructions, the
 * prescription's notes, each exercise's name, load, tempo and notes, the run's notes and intensities, and the
 * plain-words criterion texts and regress advice. Provenance belongs in the clinician-only `source` fields instead.
 */
function patientTexts(program: Program): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const add = (where: string, text: string | undefined) => text && out.push({ where, text });
  for (const stage of program.stages) {
    const at = (what: string) => `${program.id} › ${stage.id} › ${what}`;
    add(at("name"), stage.name);
    add(at("goal"), stage.goal);
    add(at("instructions"), stage.instructions);
    add(at("prescription.notes"), stage.prescription.notes);
    for (const e of stage.prescription.exercises) {
      add(at(`${e.id}.name`), e.name);
      add(at(`${e.id}.notes`), e.notes);
      add(at(`${e.id}.load`), e.load?.text);
      add(at(`${e.id}.tempo`), e.tempo);
    }
    add(at("run.notes"), stage.prescription.run?.notes);
    stage.prescription.run?.blocks.forEach((b, i) => add(at(`run.blocks.${i}.intensity`), b.intensity));
    for (const c of stage.gates) add(at(`gate ${c.id}`), c.patientText);
    for (const r of stage.regressRules) {
      add(at(`rule ${r.id}.patientAdvice`), r.patientAdvice);
      for (const c of r.criteria) add(at(`rule ${r.id} › ${c.id}`), c.patientText);
    }
  }
  return out;
}

/** What a clinician's provenance looks like in a sentence: a tag, "ours", "the source('s)", or a citation. */
function provenanceIn(text: string, program: Program): string | null {
  const tag = /\[src\??\]|\[src\b/i.exec(text) ?? /\bours\b/i.exec(text) ?? /\bsources?\b|\bsource's\b/i.exec(text);
  if (tag) return tag[0];
  for (const c of program.citations) {
    const surname = c.authors.split(/[ ,]/)[0]!;
    const cited = new RegExp(`\\b${surname}\\b`).exec(text);
    if (cited) return cited[0];
  }
  return /\b\p{Lu}[\p{L}'-]+ (?:et al\.? )?(?:19|20)\d\d\b/u.exec(text)?.[0] ?? null;
}

describe("patient wording of the built-in programs", () => {
  it.each(builtInPrograms.map((p) => [p.id, p] as const))(
    "%s: no text a patient reads carries provenance ([src], 'ours', 'the source', a citation)",
    (_id, program) => {
      const offending = patientTexts(program).flatMap(({ where, text }) => {
        const found = provenanceIn(text, program);
        return found ? [`${where}: “${found}” in “${text}”`] : [];
      });
      expect(offending).toEqual([]);
    },
  );

  it("recognises the provenance the library used to show patients, and leaves plain instructions alone", () => {
    const silbernagel = loadBuiltInProgram("achilles-silbernagel-2007")!;
    const runner = loadBuiltInProgram("runner-5k-to-10k")!;
    expect(provenanceIn("Maintenance 2–3 times a week [src]; 3 is used for adherence (ours).", silbernagel)).toBe(
      "[src]",
    );
    expect(provenanceIn("'Several times a day' [src?] is left to the clinician.", silbernagel)).toBe("[src?]");
    expect(
      provenanceIn(
        "Exercise doses and running volumes are ours; the pain limit and intensity bands are the source's.",
        silbernagel,
      ),
    ).toBe("ours");
    expect(provenanceIn("Running (Praet 2019): start when hop pain is below 1–2/10.", silbernagel)).toBe("Praet");
    expect(
      provenanceIn("Session RPE × minutes is tracked as information (Foster 2001), never as a trigger.", runner),
    ).toBe("Foster");
    expect(provenanceIn("As Someone 2019 found, rest helps.", runner)).toBe("Someone 2019");
    // "hours" and "your" are not "ours".
    expect(
      provenanceIn("Heavy loading 2–3 times a week. Settle within 24 hours; tell your physio.", silbernagel),
    ).toBeNull();
  });

  it("keeps the provenance clinician-side: each prescription part that had a tagged note now has a source saying so", () => {
    // The facts moved, not vanished: spot checks of notes that used to be patient-visible.
    const stage = (programId: string, stageId: string) =>
      loadBuiltInProgram(programId)!.stages.find((s) => s.id === stageId)!;
    expect(stage("achilles-silbernagel-2007", "phase-4-return-to-sport").prescription).toMatchObject({
      notes: "Keep up the maintenance exercises 2–3 times a week.",
      source: {
        ours: true,
        note: "Maintenance 2–3 times a week [src]; 3 is used for adherence (ours).",
        citationIds: ["silbernagel-2020"],
      },
    });
    expect(stage("hamstring-hickey-2020", "running-stage-1").prescription.source).toMatchObject({
      ours: true,
      note: "Exercise doses and running volumes are ours; the pain limit and intensity bands are the source's.",
    });
    expect(stage("hamstring-hickey-2020", "running-stage-1").prescription.run?.source).toMatchObject({
      ours: true,
      note: "Volumes are ours; the intensity band is the source's.",
    });
    expect(stage("acl-delaware-oslo-2016", "running-level-1").prescription.run?.source).toMatchObject({
      ours: true,
      note: "The block times assume walking at 3 mph and jogging at 5 mph (ours); the distance is what counts.",
    });
    expect(stage("runner-5k-to-10k", "block-1-base").prescription.run?.source).toMatchObject({
      ours: true,
      citationIds: ["nielsen-2014"],
    });
  });
});
