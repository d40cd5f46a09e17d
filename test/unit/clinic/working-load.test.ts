import { describe, expect, it } from "vitest";
import { ProgramSchema } from "~/engine/index.ts";
import type { PersonalDoseVersion } from "~/models/personal-dose.server.ts";
import { loadJourney, workingLoadSeries } from "~/services/working-load.server.ts";

// The patient's "Heel raise: from 10 to 12.5 kg" on Progress and the physio's working-load chart (ADR 056).

const program = ProgramSchema.parse({
  id: "unit-load",
  version: 1,
  name: "Unit load",
  condition: "Achilles tendinopathy",
  summary: "One stage.",
  painModel: {
    name: "m",
    duringMax: 5,
    afterMax: null,
    inclusive: true,
    settleBy: "none",
    weekOnWeek: "none",
    redFlagPain: 7,
  },
  citations: [],
  stages: [
    {
      id: "load",
      name: "Load",
      goal: "Load",
      instructions: "Do it.",
      minDays: 0,
      gates: [],
      regressRules: [],
      prescription: {
        exercises: [
          { id: "heel-raise", name: "Heel raise", sets: 3, reps: 15, side: "involved", load: { text: "backpack" } },
          { id: "squat", name: "Squat", sets: 3, reps: 10, side: "both" },
        ],
      },
    },
  ],
});

const version = (n: number, createdOn: string, kg: { heel: number; squat: number }): PersonalDoseVersion => ({
  version: n,
  stageId: "load",
  stageEnteredOn: "2026-11-01",
  exercises: [
    {
      exerciseId: "heel-raise",
      origin: "program",
      dropped: false,
      dose: {
        id: "heel-raise",
        name: "Heel raise",
        sets: 3,
        reps: 15,
        side: "involved",
        load: { text: `backpack ${kg.heel} kg`, kg: kg.heel },
      },
    },
    {
      exerciseId: "squat",
      origin: "program",
      dropped: false,
      dose: {
        id: "squat",
        name: "Squat",
        sets: 3,
        reps: 10,
        side: "both",
        load: { text: `${kg.squat} kg`, kg: kg.squat },
      },
    },
  ],
  run: null,
  cause: n === 1 ? "tailored" : "progression",
  reason: "",
  changedBy: null,
  createdAt: `${createdOn}T12:00:00.000Z`,
});

const journey = (versions: PersonalDoseVersion[]) =>
  loadJourney(
    workingLoadSeries({
      program,
      stageHistory: [{ stageId: "load", from: "2026-11-01" }],
      versions,
      logs: [],
      from: "2026-11-01",
      today: "2026-11-10",
      timeZone: "UTC",
    }),
  );

describe("the patient's load in this stage, from where it started to today", () => {
  it("a load the program gives only in words ('backpack') is not 0 kg: the journey starts at the first kg the physio set", () => {
    const heel = journey([
      version(1, "2026-11-04", { heel: 10, squat: 0 }),
      version(2, "2026-11-08", { heel: 12.5, squat: 0 }),
    ]);
    expect(heel.find((j) => j.name === "Heel raise")).toEqual({ name: "Heel raise", from: 10, to: 12.5 });
  });

  it("a body-weight exercise (no load at all) that gains weight reads from 0", () => {
    const squat = journey([
      version(1, "2026-11-04", { heel: 10, squat: 0 }),
      version(2, "2026-11-08", { heel: 10, squat: 5 }),
    ]);
    expect(squat.find((j) => j.name === "Squat")).toEqual({ name: "Squat", from: 0, to: 5 });
  });
});
