import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CheckTable } from "~/components/clinic/decision-explanation.tsx";
import type { Check } from "~/engine";

const base: Omit<Check, "id" | "criterionId" | "kind" | "label" | "missing"> = {
  role: "gate",
  observed: null,
  threshold: 5,
  status: "no_data",
  patientText: "",
  clinicianText: "Not enough data yet.",
};

describe("the clinician's check table", () => {
  it("shows what a check is missing, but never a sign-off item's id (its sentence already asks for the sign-off)", () => {
    const html = renderToStaticMarkup(
      <CheckTable
        checks={[
          { ...base, id: "pain", criterionId: "pain", kind: "pain", label: "Pain", missing: "5 pain scores (have 4)" },
          {
            ...base,
            id: "exam",
            criterionId: "exam",
            kind: "signoff",
            label: "Clinical exam clear",
            threshold: true,
            clinicianText:
              "Clinical exam clear: not signed off since the stage began → no data. Awaiting your sign-off.",
            missing: "clinician sign-off 'clinical_exam_clear'",
            awaitingClinician: true,
          },
        ]}
      />,
    );
    expect(html).toContain("Missing: 5 pain scores (have 4)");
    expect(html).not.toContain("clinical_exam_clear");
    expect(html).toContain("Awaiting your sign-off.");
  });
});
