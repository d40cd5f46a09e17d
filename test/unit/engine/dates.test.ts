import { describe, expect, it } from "vitest";
import { addDays, daysBetween, evaluate, isValidLocalDate, localDateOf, sessionDayOfMorningReport } from "~/engine";
import { toDayNumber } from "~/engine/dates.ts";
import { checkOf, input, log } from "./helpers";

describe("local dates, time zones and daylight saving", () => {
  it.each([
    {
      name: "Stockholm patient logging at 00:30 local on the spring-forward night logs for that new day",
      instant: "2026-03-28T23:30:00Z",
      zone: "Europe/Stockholm",
      date: "2026-03-29",
    },
    {
      name: "Stockholm patient logging at 03:30 local, just after clocks went forward, is still on the same day",
      instant: "2026-03-29T01:30:00Z",
      zone: "Europe/Stockholm",
      date: "2026-03-29",
    },
    {
      name: "Stockholm patient logging at 23:30 local on the fall-back day (a 25-hour day) is still on that day",
      instant: "2026-10-25T22:30:00Z",
      zone: "Europe/Stockholm",
      date: "2026-10-25",
    },
    {
      name: "New York patient logging at 21:00 local is still on the previous UTC day",
      instant: "2026-03-21T01:00:00Z",
      zone: "America/New_York",
      date: "2026-03-20",
    },
    {
      name: "Auckland patient at 01:30 local is already a day ahead of UTC",
      instant: "2026-03-20T12:30:00Z",
      zone: "Pacific/Auckland",
      date: "2026-03-21",
    },
    {
      name: "An instant with an explicit offset is read correctly",
      instant: "2026-03-20T23:59:00-05:00",
      zone: "UTC",
      date: "2026-03-21",
    },
  ])("$name", ({ instant, zone, date }) => {
    expect(localDateOf(instant, zone)).toBe(date);
  });

  it("Day arithmetic across both European daylight-saving changes counts civil days, never 23 or 25 hours", () => {
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(addDays("2026-10-25", -1)).toBe("2026-10-24");
    expect(daysBetween("2026-03-01", "2026-04-01")).toBe(31);
    expect(daysBetween("2026-10-01", "2026-11-01")).toBe(31);
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2100-02-28", 1)).toBe("2100-03-01");
  });

  it("Civil day numbers agree with UTC calendar arithmetic for every day 1950–2100", () => {
    let date = "1950-01-01";
    for (let i = 0; i < 55_000; i += 1) {
      const expected = new Date(Date.UTC(1950, 0, 1 + i)).toISOString().slice(0, 10);
      expect(date).toBe(expected);
      date = addDays(date, 1);
    }
  });

  it("A date's day number does not depend on which dates were read before it (the parser caches months)", () => {
    const dates: string[] = [];
    for (let i = 0; i < 3000; i += 1)
      dates.push(new Date(Date.UTC(2010, 0, 1 + ((i * 37) % 7300))).toISOString().slice(0, 10));
    for (const date of dates) expect(toDayNumber(date)).toBe(Date.parse(date) / 86_400_000);
  });

  it("Reading a date gives its day number whatever was read before it, and a malformed date is refused", () => {
    const start = toDayNumber("2025-12-20");
    for (let i = 0; i < 2000; i += 1) {
      const day = start + ((i * 13) % 400);
      const text = ` ${addDays("2025-12-20", day - start)}`.slice(1); // a string object of its own, as from a database row
      expect(toDayNumber(text)).toBe(day);
    }
    expect(() => toDayNumber("2026-3-1")).toThrow(RangeError);
  });

  it("Invalid dates, zones and instants are refused, not silently shifted", () => {
    expect(isValidLocalDate("2026-02-29")).toBe(false);
    expect(isValidLocalDate("2028-02-29")).toBe(true);
    expect(isValidLocalDate("2026-3-1")).toBe(false);
    expect(() => localDateOf("2026-03-20T10:00:00Z", "Mars/Olympus")).toThrow(RangeError);
    expect(() => localDateOf("yesterday", "UTC")).toThrow(RangeError);
  });

  it("A morning report belongs to the previous day's session", () => {
    expect(sessionDayOfMorningReport("2026-03-30")).toBe("2026-03-29");
  });

  it("Next-morning pain after a session on the spring-forward day is paired with that session", () => {
    const decision = evaluate(
      input({
        today: "2026-03-30",
        gates: [{ id: "settled", kind: "settle", window: { sessions: 1 }, baseline: "pre_session" }],
        logs: [log("2026-03-29", { morningPain: 1 }), log("2026-03-30", { sessionDone: "none", morningPain: 3 })],
      }),
    );
    const c = checkOf(decision, "settled");
    expect(c.status).toBe("not_met");
    expect(c.observed).toBe(2);
    expect(c.clinicianText).toContain("2026-03-29");
  });

  it("A minimum stay spanning the daylight-saving change counts 7 calendar days, not 6 days and 23 hours", () => {
    const decision = evaluate(input({ today: "2026-03-29", minDays: 7, plan: { stageEnteredOn: "2026-03-22" } }));
    expect(checkOf(decision, "min_days")).toMatchObject({ status: "met", observed: 7 });
  });

  it("The same instant is 'today' for an Auckland patient and still 'yesterday' for a Los Angeles patient", () => {
    const instant = "2026-03-20T12:30:00Z";
    const gate = {
      id: "latest_pain",
      kind: "pain" as const,
      metric: "during" as const,
      aggregate: "latest" as const,
      window: { days: 1 },
      comparator: "lte" as const,
      threshold: 3,
    };
    const logs = [log("2026-03-21", { painDuring: 2 })];
    const auckland = evaluate(
      input({
        today: localDateOf(instant, "Pacific/Auckland"),
        gates: [gate],
        logs,
        plan: { timeZone: "Pacific/Auckland" },
      }),
    );
    const losAngeles = evaluate(
      input({
        today: localDateOf(instant, "America/Los_Angeles"),
        gates: [gate],
        logs,
        plan: { timeZone: "America/Los_Angeles" },
      }),
    );
    expect(auckland.evaluatedFor).toBe("2026-03-21");
    expect(checkOf(auckland, "latest_pain").status).toBe("met");
    expect(losAngeles.evaluatedFor).toBe("2026-03-20");
    expect(checkOf(losAngeles, "latest_pain").status).toBe("no_data");
    expect(losAngeles.flags.map((f) => f.code)).toContain("future_data_ignored");
  });
});
