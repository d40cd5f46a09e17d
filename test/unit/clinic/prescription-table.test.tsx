import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PrescriptionTable } from "~/components/clinic/prescription-table.tsx";

describe("the program's prescription table", () => {
  it("names each exercise's side in words (painful side, other side, both sides), not the program's keyword", () => {
    const html = renderToStaticMarkup(
      <PrescriptionTable
        prescription={{
          exercises: [
            { id: "a", name: "Heel raise", sets: 3, reps: 15, side: "involved" },
            { id: "b", name: "Calf stretch", sets: 3, holdSeconds: 30, side: "uninvolved" },
            { id: "c", name: "Skipping", side: "both" },
          ],
        }}
      />,
    );
    const cells = [...html.matchAll(/<td>(painful side|other side|both sides|involved|uninvolved|both)<\/td>/g)];
    expect(cells.map((m) => m[1])).toEqual(["painful side", "other side", "both sides"]);
  });
});
