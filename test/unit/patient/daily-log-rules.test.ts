import { describe, expect, it } from "vitest";
import { doseParts, patientNumber, runLines } from "~/components/patient/dose.ts";
import { isKneeCondition, swellingHint, swellingOptions } from "~/routes/me.log/log-options.ts";
import { DailyLogSchema, EDIT_WINDOW_DAYS, logDayRefusal, logDayRefusalMessage } from "~/schemas/daily-log.ts";
import { safeParse } from "zod/v4/core";

const TODAY = "2026-12-07";
const PLAN_START = "2026-12-05";

describe("which days a patient may log, and the reason given when not", () => {
  it("today, and the days of the plan inside the edit window, can be logged", () => {
    expect(logDayRefusal(TODAY, TODAY, PLAN_START)).toBeNull();
    expect(logDayRefusal("2026-12-05", TODAY, PLAN_START)).toBeNull();
  });

  it("a day in the future says it hasn't come yet (not that it is too old)", () => {
    expect(logDayRefusal("2026-12-08", TODAY, PLAN_START)).toBe("future");
    expect(logDayRefusalMessage("future", PLAN_START)).toBe(
      "That day hasn't come yet: you can log a day once it has started.",
    );
  });

  it("a day before the plan began names the plan's start, even inside the edit window", () => {
    expect(logDayRefusal("2026-12-04", TODAY, PLAN_START)).toBe("before-plan");
    expect(logDayRefusalMessage("before-plan", PLAN_START)).toBe(
      "Your plan started on 5 Dec 2026, so there is nothing to log before then.",
    );
  });

  it("a day of the plan older than the edit window says the window", () => {
    expect(logDayRefusal("2026-11-30", TODAY, "2026-11-01")).toBe("too-old");
    expect(logDayRefusalMessage("too-old", PLAN_START)).toContain(`the ${EDIT_WINDOW_DAYS} days before it`);
  });
});

describe("the log's exercises start unanswered", () => {
  const base = { date: TODAY, painDuring: "3", exercises: [{ exerciseId: "heel-raise", status: "" }] };
  const issues = (form: Record<string, unknown>) => {
    const result = safeParse(DailyLogSchema, form);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("'did them all' needs no answer per exercise", () => {
    expect(issues({ ...base, sessionDone: "done" })).toEqual([]);
  });

  it("'some of them' asks which, next to each unanswered exercise", () => {
    expect(issues({ ...base, sessionDone: "partial" })).toEqual([
      "exercises.0.status: Choose done, partly or not done",
    ]);
    expect(
      issues({ ...base, sessionDone: "partial", exercises: [{ exerciseId: "heel-raise", status: "skipped" }] }),
    ).toEqual([]);
  });

  it("the version the form was opened on is 'none' or a count, nothing else", () => {
    expect(issues({ ...base, sessionDone: "done", openedVersion: "none" })).toEqual([]);
    expect(issues({ ...base, sessionDone: "done", openedVersion: "3" })).toEqual([]);
    expect(issues({ ...base, sessionDone: "done", openedVersion: "3; drop" })).toHaveLength(1);
  });
});

describe("numbers are rounded for patients", () => {
  const exercise = { id: "x", name: "X", side: "both" as const };

  it("a fractional frequency reads as a range of whole days, a computed hold as whole seconds", () => {
    expect(doseParts({ ...exercise, perWeek: 2.5, holdSeconds: 44.6 }, "right")).toEqual([
      "hold 45 s",
      "both sides",
      "2–3 days a week",
    ]);
    expect(doseParts({ ...exercise, perWeek: 3 }, "right")).toContain("3 days a week");
  });

  it("a tailored kg sits next to the load it adds to, not after the program's note on how often", () => {
    const load = { text: "backpack or weight machine; heavy on 2–3 days a week + 12.5 kg" };
    expect(doseParts({ ...exercise, side: "involved", load }, "left")).toContain(
      "backpack or weight machine + 12.5 kg; heavy on 2–3 days a week",
    );
    expect(doseParts({ ...exercise, side: "involved", load: { text: "body weight + 2.5 kg" } }, "left")).toContain(
      "body weight + 2.5 kg",
    );
  });

  it("one repetition or set is singular", () => {
    expect(doseParts({ ...exercise, reps: 1 }, "left")[0]).toBe("1 rep");
    expect(doseParts({ ...exercise, sets: 1 }, "left")[0]).toBe("1 set");
  });

  it("run distances and durations never show long decimals", () => {
    expect(patientNumber(3.3333333)).toBe("3.3");
    expect(patientNumber(2.5)).toBe("2.5");
    expect(patientNumber(4.0)).toBe("4");
    expect(
      runLines({
        blocks: [{ walkSeconds: 60.4, runSeconds: 90.2, repeats: 5 }],
        distanceKm: 5.0666,
        perWeek: 3.5,
      }),
    ).toEqual(["5 × (run 1 min 30 s, walk 1 min)", "Distance: 5.1 km", "3–4 times a week"]);
  });
});

describe("swelling wording follows the program's joint", () => {
  it("only a knee program mentions the knee's stroke test", () => {
    expect(isKneeCondition("Anterior cruciate ligament reconstruction")).toBe(true);
    expect(isKneeCondition("Patellar tendinopathy")).toBe(true);
    expect(isKneeCondition("Lateral ankle sprain")).toBe(false);
    expect(isKneeCondition("Achilles mid-portion tendinopathy")).toBe(false);
    const ankle = [swellingHint(false), ...swellingOptions(false).map((o) => o.label)].join(" ");
    expect(ankle).not.toMatch(/knee|stroke/i);
    expect(swellingHint(true)).toMatch(/stroke test/i);
  });
});
