import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PatientCharts, type ChartRecord } from "~/components/clinic/patient-charts.tsx";
import type { Program } from "~/engine";
import { loadBuiltInProgram } from "~/programs/index.ts";
import { program } from "../engine/helpers";

const TODAY = "2026-03-20";

/** The clinician's charts for a right-side patient tested on both legs today. */
function chartsFor(p: Program, measure: string, right: number, left: number): string {
  const record: ChartRecord = {
    today: TODAY,
    program: p,
    plan: { startDate: "2026-03-01" },
    patient: { involved_side: "right" },
    logs: [],
    measurements: [
      { measured_on: TODAY, measure, side: "right", value: right },
      { measured_on: TODAY, measure, side: "left", value: left },
    ],
    stageHistory: [{ stageId: p.stages[0]!.id, from: "2026-03-01" }],
  };
  return renderToStaticMarkup(<PatientCharts record={record} />);
}

describe("the clinician's limb symmetry chart", () => {
  it("reads a measure named hop_time_s as the program does: no criterion marks it lower-is-better, so 2.5 against 2.0 is 125 %", () => {
    const p = program({
      gates: [{ id: "hop", kind: "capacity", measure: "hop_time_s", mode: "lsi", comparator: "gte", threshold: 90 }],
    });
    const html = chartsFor(p, "hop_time_s", 2.5, 2.0);
    expect(html).toContain("Limb symmetry %: 1 entry");
    expect(html).toMatch(/Limb symmetry %: [^.]*latest 125 /);
  });

  it("inverts the ACL program's 6 m timed hop, which its criterion marks lower-is-better: 2.5 s against 2.0 s is 80 %", () => {
    const html = chartsFor(loadBuiltInProgram("acl-delaware-oslo-2016")!, "timed_6m_hop_s", 2.5, 2.0);
    expect(html).toMatch(/Limb symmetry %: [^.]*latest 80 /);
  });
});
