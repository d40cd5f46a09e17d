import { describe, expect, it } from "vitest";
import * as tryPage from "~/routes/clinic.programs.$programId.try/route.tsx";
import { getDb } from "~/utils/db.server.ts";
import { getRequest, run } from "../../support/requests.ts";
import { clinicWithProgram } from "./fixtures.ts";

// Try it replays the patient's dose day by day (docs/decisions/056-applying-dose-changes.md), with the real engine's
// progression rules: the runner's base block progresses reps (double progression) and the run.

const synthetic = new URLSearchParams({
  source: "synthetic",
  days: "21",
  painDuring: "2",
  painTrend: "steady",
  morningPain: "1",
  adherencePercent: "100",
  runningMinutes: "20",
  lsiStart: "80",
  lsiEnd: "95",
  questionnaireStart: "50",
  questionnaireEnd: "80",
  signoffs: "yes",
});

type Day = { day: number; doseChanges: string[]; loads: Array<{ exerciseId: string; kg: number }> };

describe("Try it carries the dose", () => {
  it("a made-up patient who does every session as prescribed, pain-free: the engine steps the dose up on its days, each step explained", async () => {
    const cast = await clinicWithProgram(getDb());
    const res = await run(
      tryPage.loader,
      await getRequest(`/clinic/programs/runner-5k-to-10k/try?${synthetic}`, { userId: cast.clinician.id }),
      { programId: "runner-5k-to-10k" },
    );
    expect(res.status).toBe(200);
    const days = res.data.days as Day[];
    const changed = days.filter((d) => d.doseChanges.length > 0);
    expect(changed.length).toBeGreaterThan(1);
    expect(changed[0]!.doseChanges).toContainEqual(
      expect.stringMatching(/^Rear-foot-elevated split squat: 8 → 9 reps — prescribed dose done/),
    );
    // The next day's dose is the changed one: the step is carried, not recomputed from the program each day.
    const next = days.find((d) => d.day > changed[0]!.day && d.doseChanges.some((l) => l.startsWith("Rear-foot")));
    expect(next?.doseChanges.find((l) => l.startsWith("Rear-foot"))).toMatch(/9 → 10 reps/);
  });
});
