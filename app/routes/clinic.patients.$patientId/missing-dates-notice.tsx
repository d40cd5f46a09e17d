import { Notice } from "~/components/ui/layout.tsx";
import type { PlanRecord } from "./plan-section.tsx";

/** A program counting time from a date the plan lacks: its gate can never be met until the date is added. */
export function MissingDatesNotice({
  missing,
  patientName,
}: {
  missing: PlanRecord["missingDates"];
  patientName: string;
}) {
  if (missing.length === 0) return null;
  return (
    <Notice tone="warning">
      {missing.map((m) => (
        <span key={m.anchor} className="clinic-missing-date">
          This program counts days since {m.anchor} (in {m.stages.map((s) => `“${s}”`).join(", ")}), but {patientName}'s
          plan has no {m.anchor} date: that gate shows “no data” and can never be met. Add {m.what} under{" "}
          <a href="#details">Edit details</a>.
        </span>
      ))}
    </Notice>
  );
}
