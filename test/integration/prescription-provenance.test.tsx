import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PrescriptionTable } from "~/components/clinic/prescription-table.tsx";
import { ExerciseList } from "~/components/patient/exercise-list.tsx";
import { addDays, type Program, type Source } from "~/engine/index.ts";
import * as patientPage from "~/routes/clinic.patients.$patientId/route.tsx";
import * as programPage from "~/routes/clinic.programs.$programId._index.tsx";
import * as logRoute from "~/routes/me.log/route.tsx";
import * as today from "~/routes/me._index.tsx";
import { startPlan } from "~/services/plan.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { builtInPrograms, loadBuiltInProgram } from "~/programs/index.ts";
import { createClinicWithCast } from "../support/factories.ts";
import { getRequest, postRequest, run } from "../support/requests.ts";

/**
 * Provenance ("[src]", "ours", "the source's", "(Praet 2019)", the `source` fields) is for clinicians. These tests
 * walk a patient through every stage of every built-in program and read what the patient's pages are sent, and what
 * the clinician's prescription view shows for the same stage.
 */
const PROVENANCE = [
  /\[src/i,
  /\bours\b/i,
  /"source"/,
  /\bsource's\b/i,
  /\(\p{Lu}[\p{L}'-]+ (?:et al\.? )?(?:19|20)\d\d\)/u,
];
const provenanceIn = (text: string) => PROVENANCE.map((re) => re.exec(text)?.[0]).filter(Boolean);

/** Text as rendered HTML shows it (renderToStaticMarkup escapes quotes, ampersands and angle brackets). */
const unescape = (html: string) =>
  html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Every source of a stage's prescription: the prescription's own, each exercise's and the run's. */
function prescriptionSources(stage: Program["stages"][number]): Source[] {
  const p = stage.prescription;
  return [p.source, ...p.exercises.map((e) => e.source), p.run?.source].filter((s): s is Source => Boolean(s));
}

async function planOn(program: Program) {
  const db = getDb();
  const cast = await createClinicWithCast(db);
  const result = await startPlan(db, cast.clinician, {
    patientId: cast.patientA.id,
    program,
    startStageId: program.stages[0]!.id,
    startDate: addDays(todayIn("Europe/London"), -3),
    approvalMode: "confirm",
    involvedSide: "right",
  });
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return { db, cast, planId: result.planId };
}

describe("prescription provenance: the clinician sees it, the patient never does", () => {
  it.each(builtInPrograms.map((p) => [p.id, p] as const))(
    "%s: at every stage, Today and the log page send the patient no provenance; the clinician's prescription shows it",
    async (_id, program) => {
      const { db, cast, planId } = await planOn(program);
      for (const stage of program.stages) {
        await db.updateTable("plan").set({ current_stage_id: stage.id }).where("id", "=", planId).execute();

        const todayPage = await run(today.loader, await getRequest("/me", { userId: cast.patientA.id }));
        const logPage = await run(logRoute.loader, await getRequest("/me/log", { userId: cast.patientA.id }));
        expect(todayPage.data.view.stageName).toBe(stage.name);
        expect(provenanceIn(JSON.stringify(todayPage.data)), `${stage.id}: Today`).toEqual([]);
        expect(provenanceIn(JSON.stringify(logPage.data)), `${stage.id}: log page`).toEqual([]);
        const view = todayPage.data.view;
        const patientHtml = unescape(
          renderToStaticMarkup(
            <ExerciseList
              exercises={view.exercises}
              run={view.run}
              involvedSide={view.involvedSide}
              notes={view.prescriptionNotes}
            />,
          ),
        );
        expect(provenanceIn(patientHtml), `${stage.id}: Today's exercise list`).toEqual([]);
        // What the patient does read is still there: the plain notes.
        if (stage.prescription.notes) expect(patientHtml).toContain(stage.prescription.notes);
        if (stage.prescription.run?.notes) expect(patientHtml).toContain(stage.prescription.run.notes);

        const record = await run(
          patientPage.loader,
          await getRequest(`/clinic/patients/${cast.patientA.id}`, { userId: cast.clinician.id }),
          { patientId: cast.patientA.id },
        );
        expect(record.data.stage.prescription).toEqual(stage.prescription);
        const clinicianHtml = unescape(
          renderToStaticMarkup(
            <PrescriptionTable
              prescription={record.data.stage.prescription}
              citations={record.data.program.citations}
            />,
          ),
        );
        for (const source of prescriptionSources(stage)) {
          if (source.note) expect(clinicianHtml, stage.id).toContain(source.note);
          if (source.ours) expect(clinicianHtml, stage.id).toContain("our reading");
          for (const id of source.citationIds ?? []) {
            const c = program.citations.find((x) => x.id === id)!;
            expect(clinicianHtml, stage.id).toContain(`${c.authors.split(",")[0]} ${c.year}`);
          }
        }
      }
    },
  );

  it("the library's prescriptions do carry provenance for the clinician (the test above is not vacuous)", () => {
    const sources = builtInPrograms.flatMap((p) => p.stages.flatMap(prescriptionSources));
    expect(sources.length).toBeGreaterThan(40);
    expect(sources.filter((s) => s.ours).length).toBeGreaterThan(20);
  });

  it("the clinician's program page sends every prescription's source with the program", async () => {
    const { cast } = await planOn(loadBuiltInProgram("hamstring-hickey-2020")!);
    const res = await run(
      programPage.loader,
      await getRequest("/clinic/programs/hamstring-hickey-2020", { userId: cast.clinician.id }),
      { programId: "hamstring-hickey-2020" },
    );
    expect(res.status).toBe(200);
    expect(res.data.program.stages[0].prescription.source).toMatchObject({
      ours: true,
      note: "Exercise doses and running volumes are ours; the pain limit and intensity bands are the source's.",
    });
  });

  it("a plan still on a built-in's earlier version (provenance in its notes, no source fields) loads, and the clinician is offered the new version, which moves the patient onto plain notes", async () => {
    const current = loadBuiltInProgram("achilles-silbernagel-2007")!;
    // The earlier version as its snapshot was stored: provenance inside the patient-visible notes.
    const earlier = structuredClone(current) as Program;
    earlier.version = current.version - 1;
    for (const stage of earlier.stages) {
      const p = stage.prescription;
      if (p.source) {
        p.notes = p.source.note;
        delete p.source;
      }
    }
    const { db, cast, planId } = await planOn(earlier);
    await db
      .updateTable("plan")
      .set({ current_stage_id: "phase-4-return-to-sport" })
      .where("id", "=", planId)
      .execute();
    const before = await run(today.loader, await getRequest("/me", { userId: cast.patientA.id }));
    expect(before.status).toBe(200);
    expect(before.data.view.prescriptionNotes).toContain("(ours)");

    const url = `/clinic/patients/${cast.patientA.id}`;
    const record = await run(patientPage.loader, await getRequest(url, { userId: cast.clinician.id }), {
      patientId: cast.patientA.id,
    });
    expect(record.data.plan).toMatchObject({ programVersion: earlier.version, newerVersion: current.version });
    const moved = await run(
      patientPage.action,
      await postRequest(
        url,
        { intent: "move-version", planId, version: String(current.version) },
        { userId: cast.clinician.id },
      ),
      { patientId: cast.patientA.id },
    );
    expect(moved.status).toBe(200);

    const after = await run(today.loader, await getRequest("/me", { userId: cast.patientA.id }));
    expect(after.data.view.prescriptionNotes).toBe("Keep up the maintenance exercises 2–3 times a week.");
    expect(provenanceIn(JSON.stringify(after.data))).toEqual([]);
    const again = await run(patientPage.loader, await getRequest(url, { userId: cast.clinician.id }), {
      patientId: cast.patientA.id,
    });
    expect(again.data.plan).toMatchObject({ programVersion: current.version, newerVersion: null });
  });
});
