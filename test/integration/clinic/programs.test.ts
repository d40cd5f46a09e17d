import { describe, expect, it } from "vitest";
import * as programs from "~/routes/clinic.programs._index.tsx";
import * as newProgram from "~/routes/clinic.programs.new.tsx";
import * as editProgram from "~/routes/clinic.programs.$programId.edit.tsx";
import * as programPage from "~/routes/clinic.programs.$programId._index.tsx";
import * as patientPage from "~/routes/clinic.patients.$patientId/route.tsx";
import { programToForm } from "~/schemas/program-form/program-to-form.ts";
import { getDb } from "~/utils/db.server.ts";
import { countRows } from "../../support/factories.ts";
import { getRequest, postRequest, run } from "../../support/requests.ts";
import { clinicWithProgram, planStartedDaysAgo, twoStageProgram } from "./fixtures.ts";

/** Flattens nested form values into the dotted names a browser posts. */
function flatten(value: unknown, prefix = "", out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}${prefix ? "." : ""}${i}`, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}${prefix ? "." : ""}${k}`, out);
  else out[prefix] = value === undefined || value === null ? "" : String(value);
  return out;
}

/** A criterion's editor values: each a string or list, as a browser posts them. */
type CriterionValues = Record<string, unknown>;
/** The editor's form values, as far as these tests change them. */
type FormValues = Record<string, unknown> & {
  name: string;
  stages: Array<
    Record<string, unknown> & { gates: CriterionValues[]; regressRules: Array<{ criteria: CriterionValues[] }> }
  >;
};

const postedProgram = (overrides: (form: FormValues) => void = () => {}) => {
  const form = programToForm({ ...twoStageProgram, id: "new-program" }) as FormValues;
  overrides(form);
  return flatten(form);
};

describe("creating a program", () => {
  it("saves a valid two-stage program as version 1 of the clinic's own program, audited", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const res = await run(
      newProgram.action,
      await postRequest(
        "/clinic/programs/new",
        postedProgram((f) => (f.name = "Our Achilles plan")),
        { userId: cast.clinician.id },
      ),
    );
    expect(res.status).toBe(302);
    const id = res.headers.get("Location")!.split("/")[3]!.split("?")[0]!;
    const row = await db.selectFrom("program").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ clinic_id: cast.clinic.id, name: "Our Achilles plan", current_version: 1 });
    const version = await db
      .selectFrom("program_version")
      .selectAll()
      .where("program_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(version.definition)).toMatchObject({ id, version: 1, stages: [{ id: "load" }, { id: "build" }] });
    expect(await db.selectFrom("audit_event").select("action").where("entity_id", "=", id).execute()).toEqual([
      { action: "program.created" },
    ]);
  });

  it("answers per-field errors for a half-valid program and saves nothing", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const before = [await countRows(db, "program"), await countRows(db, "program_version")];
    const res = await run(
      newProgram.action,
      await postRequest(
        "/clinic/programs/new",
        postedProgram((f) => {
          f.name = "";
          f.stages[0]!.gates[0]!.threshold = "eleven";
          f.stages[1]!.regressRules[0]!.criteria[0]!.windowCount = "0";
        }),
        { userId: cast.clinician.id },
      ),
    );
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors).toMatchObject({
      name: expect.any(String),
      "stages.0.gates.0.threshold": "Enter a number",
      "stages.1.regressRules.0.criteria.0.windowCount": expect.any(String),
    });
    expect(res.data.values.stages[0].name).toBe("Load");
    expect([await countRows(db, "program"), await countRows(db, "program_version")]).toEqual(before);
  });

  it("is 403 for a patient, with nothing written", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const before = await countRows(db, "program");
    const res = await run(
      newProgram.action,
      await postRequest("/clinic/programs/new", postedProgram(), { userId: cast.patientA.id }),
    );
    expect(res.status).toBe(403);
    expect(await countRows(db, "program")).toBe(before);
  });
});

describe("editing a program in use", () => {
  it("creates a new version; the running plan keeps its snapshot until the clinician moves it", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const { planId } = await planStartedDaysAgo(db, cast, 2);
    const edit = await run(
      editProgram.loader,
      await getRequest(`/clinic/programs/${cast.programId}/edit`, { userId: cast.clinician.id }),
      { programId: cast.programId },
    );
    expect(edit.data.inUse).toBe(1);
    const values = edit.data.values;
    values.stages[0].minDays = "10";
    const saved = await run(
      editProgram.action,
      await postRequest(`/clinic/programs/${cast.programId}/edit`, flatten(values), { userId: cast.clinician.id }),
      { programId: cast.programId },
    );
    expect(saved.status).toBe(302);
    expect(
      (
        await db
          .selectFrom("program")
          .select("current_version")
          .where("id", "=", cast.programId)
          .executeTakeFirstOrThrow()
      ).current_version,
    ).toBe(2);
    const plan = await db.selectFrom("plan").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
    expect(plan.program_version).toBe(1);
    expect(JSON.parse(plan.program_snapshot).stages[0].minDays).toBe(3);

    const page = await run(
      patientPage.loader,
      await getRequest(`/clinic/patients/${cast.patientA.id}`, { userId: cast.clinician.id }),
      { patientId: cast.patientA.id },
    );
    expect(page.data.plan.newerVersion).toBe(2);
    const moved = await run(
      patientPage.action,
      await postRequest(
        `/clinic/patients/${cast.patientA.id}`,
        { intent: "move-version", planId, version: "2" },
        { userId: cast.clinician.id },
      ),
      { patientId: cast.patientA.id },
    );
    expect(moved.status).toBe(200);
    const after = await db.selectFrom("plan").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
    expect(after.program_version).toBe(2);
    expect(JSON.parse(after.program_snapshot).stages[0].minDays).toBe(10);
    const actions = (
      await db
        .selectFrom("audit_event")
        .select("action")
        .where((eb) => eb.or([eb("entity_id", "=", cast.programId), eb("plan_id", "=", planId)]))
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["program.edited", "plan.program_version_changed"]));
  });

  it("an invalid edit writes no version", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const before = await countRows(db, "program_version");
    const res = await run(
      editProgram.action,
      await postRequest(
        `/clinic/programs/${cast.programId}/edit`,
        postedProgram((f) => (f.stages[0]!.name = "")),
        { userId: cast.clinician.id },
      ),
      { programId: cast.programId },
    );
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors["stages.0.name"]).toBeTruthy();
    expect(await countRows(db, "program_version")).toBe(before);
  });

  it("another clinic's clinician gets 404 for a valid or invalid edit, a patient 403, and nothing is written", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const before = await countRows(db, "program_version");
    const url = `/clinic/programs/${cast.programId}/edit`;
    expect(
      (
        await run(editProgram.action, await postRequest(url, postedProgram(), { userId: cast.other.clinician.id }), {
          programId: cast.programId,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await run(
          editProgram.action,
          await postRequest(
            url,
            postedProgram((f) => (f.name = "")),
            { userId: cast.other.clinician.id },
          ),
          { programId: cast.programId },
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await run(editProgram.action, await postRequest(url, postedProgram(), { userId: cast.patientA.id }), {
          programId: cast.programId,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await run(editProgram.loader, await getRequest(url, { userId: cast.other.clinician.id }), {
          programId: cast.programId,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await run(
          programPage.loader,
          await getRequest(`/clinic/programs/${cast.programId}`, { userId: cast.other.clinician.id }),
          { programId: cast.programId },
        )
      ).status,
    ).toBe(404);
    expect(await countRows(db, "program_version")).toBe(before);
  });

  it("a library program cannot be edited, only viewed and duplicated", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const res = await run(
      editProgram.loader,
      await getRequest(`/clinic/programs/achilles-silbernagel-2007/edit`, { userId: cast.clinician.id }),
      { programId: "achilles-silbernagel-2007" },
    );
    expect(res.status).toBe(302);
    const before = await countRows(db, "program_version");
    const post = await run(
      editProgram.action,
      await postRequest(`/clinic/programs/achilles-silbernagel-2007/edit`, postedProgram(), {
        userId: cast.clinician.id,
      }),
      { programId: "achilles-silbernagel-2007" },
    );
    expect(post.status).toBe(404);
    expect(await countRows(db, "program_version")).toBe(before);
  });
});

describe("the program library", () => {
  it("lists built-ins with citations and the clinic's own programs only", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const mine = await run(programs.loader, await getRequest("/clinic/programs", { userId: cast.clinician.id }));
    expect(mine.data.own.map((p: { id: string }) => p.id)).toEqual([cast.programId]);
    expect(mine.data.library.length).toBeGreaterThanOrEqual(8);
    expect(mine.data.library[0].citations.length).toBeGreaterThan(0);
    const theirs = await run(
      programs.loader,
      await getRequest("/clinic/programs", { userId: cast.other.clinician.id }),
    );
    expect(theirs.data.own).toEqual([]);
  });

  it("duplicates a built-in into the clinic and opens the copy for editing", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const res = await run(
      programs.action,
      await postRequest("/clinic/programs", { sourceId: "hamstring-askling-2013" }, { userId: cast.clinician.id }),
    );
    expect(res.status).toBe(302);
    const id = res.headers.get("Location")!.split("/")[3]!;
    const row = await db.selectFrom("program").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ clinic_id: cast.clinic.id, based_on: "hamstring-askling-2013" });
  });

  it("refuses to duplicate without a source (400), an unknown or other clinic's program (404), or for a patient (403)", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const before = await countRows(db, "program");
    expect(
      (await run(programs.action, await postRequest("/clinic/programs", {}, { userId: cast.clinician.id }))).status,
    ).toBe(400);
    expect(
      (
        await run(
          programs.action,
          await postRequest("/clinic/programs", { sourceId: cast.programId }, { userId: cast.other.clinician.id }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await run(
          programs.action,
          await postRequest("/clinic/programs", { sourceId: "hamstring-askling-2013" }, { userId: cast.patientA.id }),
        )
      ).status,
    ).toBe(403);
    expect(await countRows(db, "program")).toBe(before);
  });
});
