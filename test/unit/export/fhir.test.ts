import type { Bundle, Communication, Condition, Observation } from "fhir/r4";
import { validate as isUuid } from "uuid";
import { describe, expect, it } from "vitest";
import { STAGEWISE_OBSERVATION_SYSTEM } from "~/export/fhir-codes.ts";
import { recordToFhirBundle } from "~/export/fhir.ts";
import type { PatientRecord } from "~/export/record.ts";
import { loadBuiltInProgram } from "~/programs/index.ts";
import { fhirErrors } from "../../support/fhir-validator.ts";

const program = loadBuiltInProgram("achilles-silbernagel-2007")!;
const planId = "plan-1"; // seeded rows may have ids that are not UUIDs
const exerciseId = program.stages[0]!.prescription.exercises[0]!.id;

/** A record with every fact a patient or clinician can record, each with a distinct value. */
function fullRecord(): PatientRecord {
  return {
    exportedAt: "2026-12-07T10:00:00.000Z",
    patient: {
      id: "0b0c6b0e-5a4c-4b8e-9a51-1f1f0e6d2a10",
      name: "Sam Rivera",
      email: "sam@example.test",
      timeZone: "Europe/Oslo",
      condition: "Achilles tendinopathy",
      involvedSide: "left",
      injuryDate: "2026-08-01",
      surgeryDate: "2026-08-20",
    },
    clinician: { id: "clinician-1", name: "Alex Physio" },
    plans: [
      {
        id: planId,
        status: "active",
        startDate: "2026-09-01",
        currentStageId: program.stages[1]!.id,
        goalText: "Back to football",
        goalTargetDate: "2027-06-01",
        program,
      },
    ],
    logs: [
      {
        planId,
        date: "2026-12-01",
        morningPain: 1,
        morningStiffness: 2,
        sessionDone: "partial",
        painDuring: 3,
        painAfter: 4,
        painAtRest: 0,
        sessionMinutes: 45,
        sessionRpe: 6,
        runningMinutes: 12,
        swelling: "trace",
        soreness: "warmup_resolved",
        exercises: [
          { exerciseId, status: "done", sets: 3, reps: 10, loadKg: 7.5 },
          // As older logs and the demo seed store it: null for "not given".
          { exerciseId: "an-exercise-since-removed", status: "partial", sets: 2, reps: null, loadKg: null },
        ],
        otherActivities: [{ label: "Cycling", minutes: 30, rpe: 3 }],
        testPain: { single_leg_decline_squat: 5 },
        notes: "Knee felt tight on the stairs",
      },
    ],
    measurements: [
      {
        id: "m-hop",
        planId,
        date: "2026-12-02",
        measure: "single_hop_cm",
        side: "left",
        value: 118,
        answers: null,
      },
      { id: "m-koos", planId, date: "2026-12-02", measure: "kos_adls", side: null, value: 81, answers: { q1: 4 } },
    ],
    decisions: [
      {
        id: "d-1",
        planId,
        evaluatedFor: "2026-12-02",
        outcome: "advance",
        fromStageId: program.stages[0]!.id,
        toStageId: program.stages[1]!.id,
        status: "confirmed",
        engineVersion: "2.2.1",
        programVersion: program.version,
        clinicianSummary: "All gates met.",
        createdAt: "2026-12-02T08:00:00.000Z",
        reviewedAt: "2026-12-02T09:00:00.000Z",
        reviewedBy: "clinician-1",
        reviewReason: null,
      },
    ],
  };
}

const resourcesOf = (bundle: Bundle) => bundle.entry!.map((e) => e.resource!);
const observations = (bundle: Bundle) =>
  resourcesOf(bundle).filter((r): r is Observation => r.resourceType === "Observation");
const stagewiseCode = (o: Observation) => o.code.coding?.find((c) => c.system === STAGEWISE_OBSERVATION_SYSTEM)?.code;

describe("FHIR export", () => {
  it("is a valid FHIR R4 Bundle by the R4 structure definitions", () => {
    const bundle = recordToFhirBundle(fullRecord(), "engine-clinic-1");
    expect(fhirErrors(bundle)).toEqual([]);
  });

  it("the validator does catch a broken bundle (so the check above can fail)", () => {
    const bundle = recordToFhirBundle(fullRecord(), "engine-clinic-1");
    const broken = structuredClone(bundle);
    delete (broken.entry![0]!.resource as { name?: unknown }).name;
    (broken.entry![1]!.resource as unknown as { status: number }).status = 7;
    expect(fhirErrors(broken).length).toBeGreaterThan(0);
  });

  it("every fullUrl is urn:uuid with a UUID, every reference resolves inside the bundle, and ids are stable", () => {
    const bundle = recordToFhirBundle(fullRecord(), "engine-clinic-1");
    const urls = bundle.entry!.map((e) => e.fullUrl!);
    for (const url of urls) {
      expect(url).toMatch(/^urn:uuid:/);
      expect(isUuid(url.slice("urn:uuid:".length)), url).toBe(true);
    }
    expect(new Set(urls).size).toBe(urls.length);
    const references = JSON.stringify(bundle).match(/"reference":"[^"]+"/g) ?? [];
    for (const r of references) expect(urls).toContain(r.slice('"reference":"'.length, -1));
    expect(recordToFhirBundle(fullRecord(), "engine-clinic-1").entry!.map((e) => e.fullUrl)).toEqual(urls);
  });

  it("pain on waking, during, after exercise and at rest are told apart by code, each also a LOINC 0-10 pain score", () => {
    const pains = observations(recordToFhirBundle(fullRecord(), "engine-clinic-1")).filter((o) =>
      o.code.coding?.some((c) => c.code === "72514-3"),
    );
    expect(Object.fromEntries(pains.map((o) => [stagewiseCode(o), o.valueInteger]))).toEqual({
      "pain-on-waking": 1,
      "pain-during-exercise": 3,
      "pain-after-exercise": 4,
      "pain-at-rest": 0,
      "pain-on-test": 5,
    });
  });

  it("carries every logged fact of the day, with UCUM units on quantities", () => {
    const bundle = recordToFhirBundle(fullRecord(), "engine-clinic-1");
    const byCode = new Map(observations(bundle).map((o) => [stagewiseCode(o) ?? o.code.coding?.[0]?.code, o]));
    expect(byCode.get("stiffness-on-waking")?.valueInteger).toBe(2);
    expect(byCode.get("session-completion")?.valueCodeableConcept?.text).toBe("partial");
    expect(byCode.get("55411-3")?.valueQuantity).toMatchObject({
      value: 45,
      system: "http://unitsofmeasure.org",
      code: "min",
    });
    expect(byCode.get("session-effort")?.valueInteger).toBe(6);
    expect(byCode.get("running-duration")?.valueQuantity).toMatchObject({ value: 12, code: "min" });
    expect(byCode.get("joint-swelling")?.valueCodeableConcept?.text).toBe("trace");
    expect(byCode.get("exercise-soreness")?.valueCodeableConcept?.text).toBe("warmup resolved");
    const [exercise, partly] = observations(bundle).filter((o) => stagewiseCode(o) === "exercise-performed");
    expect(partly?.code.text).toBe("an exercise since removed");
    expect(partly?.component?.map((c) => c.code.text)).toEqual(["sets"]);
    expect(exercise!.code.text).toBe(program.stages[0]!.prescription.exercises[0]!.name);
    expect(exercise!.component?.map((c) => [c.code.text, c.valueQuantity?.value, c.valueQuantity?.code])).toEqual([
      ["sets", 3, "{sets}"],
      ["reps", 10, "{repetitions}"],
      ["extra load", 7.5, "kg"],
    ]);
    const other = byCode.get("other-activity")!;
    expect([other.code.text, other.valueQuantity?.value, other.component?.[0]?.valueInteger]).toEqual([
      "Cycling",
      30,
      3,
    ]);
    const note = resourcesOf(bundle).find((r): r is Communication => r.resourceType === "Communication");
    expect(note?.payload?.[0]?.contentString).toBe("Knee felt tight on the stairs");
  });

  it("measurements carry UCUM units read from the measure, and the diagnosis is a Condition the plan addresses", () => {
    const bundle = recordToFhirBundle(fullRecord(), "engine-clinic-1");
    const hop = observations(bundle).find((o) => o.code.text === "single hop distance");
    expect(hop?.valueQuantity).toEqual({ value: 118, unit: "cm", system: "http://unitsofmeasure.org", code: "cm" });
    const condition = resourcesOf(bundle).find((r): r is Condition => r.resourceType === "Condition")!;
    expect(condition).toMatchObject({ code: { text: "Achilles tendinopathy" }, onsetDateTime: "2026-08-01" });
    const conditionUrl = bundle.entry!.find((e) => e.resource === condition)!.fullUrl;
    const carePlan = resourcesOf(bundle).find((r) => r.resourceType === "CarePlan") as { addresses: unknown[] };
    expect(carePlan.addresses).toEqual([{ reference: conditionUrl }]);
  });

  it("decisions name stages as the program does, not by their ids", () => {
    const bundle = recordToFhirBundle(fullRecord(), "engine-clinic-1");
    const provenance = resourcesOf(bundle).find((r) => r.resourceType === "Provenance") as {
      activity: { text: string };
    };
    expect(provenance.activity.text).toBe(
      `advance (${program.stages[0]!.name} → ${program.stages[1]!.name}), confirmed`,
    );
  });
});
