import { describe, expect, it } from "vitest";
import { DEFAULT_REMINDER_TIME, REMINDER_TIMES, ReminderSettingsSchema } from "~/schemas/reminder-settings.ts";
import { inQuietHours, localTimeIn } from "~/services/reminder.server.ts";

describe("quiet hours (21:00–08:00 local, our choice)", () => {
  it.each([
    ["07:59", true],
    ["08:00", false],
    ["19:00", false],
    ["20:59", false],
    ["21:00", true],
    ["23:59", true],
    ["00:00", true],
  ])("at %s quiet is %s", (time, quiet) => {
    expect(inQuietHours(time)).toBe(quiet);
  });

  it("offers only times that can be kept: 08:00 to 20:30 in half hours, 19:00 among them", () => {
    expect(REMINDER_TIMES[0]).toBe("08:00");
    expect(REMINDER_TIMES.at(-1)).toBe("20:30");
    expect(REMINDER_TIMES).toHaveLength(26);
    expect(REMINDER_TIMES).toContain(DEFAULT_REMINDER_TIME);
    expect(REMINDER_TIMES.some(inQuietHours)).toBe(false);
  });

  it("refuses a time outside the list with a message naming the range", () => {
    const result = ReminderSettingsSchema.safeParse({ intent: "reminders", remindAt: "21:30" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/between 08:00 and 20:30/);
    expect(ReminderSettingsSchema.safeParse({ intent: "reminders", remindAt: "off" }).success).toBe(true);
  });
});

describe("the patient's local time", () => {
  it("follows their time zone across a daylight-saving change", () => {
    // London moved to summer time at 01:00 UTC on 29 March 2026.
    expect(localTimeIn("Europe/London", new Date("2026-03-28T19:00:00Z"))).toBe("19:00");
    expect(localTimeIn("Europe/London", new Date("2026-03-29T19:00:00Z"))).toBe("20:00");
    expect(localTimeIn("Asia/Kolkata", new Date("2026-03-29T13:30:00Z"))).toBe("19:00");
    expect(localTimeIn("America/New_York", new Date("2026-12-08T00:30:00Z"))).toBe("19:30");
  });
});
