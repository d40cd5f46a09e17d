import { stringify } from "csv-stringify/sync";
import type { PatientRecord } from "./record.ts";

// One tidy table (a row per observed value) opens cleanly in any spreadsheet and keeps every kind of record together.
const COLUMNS = ["date", "record", "item", "side", "value", "detail"] as const;

export function recordToCsv(record: PatientRecord): string {
  const rows: Array<Record<(typeof COLUMNS)[number], string | number | null>> = [];
  const painItems = [
    ["morningPain", "Pain on waking (0-10)"],
    ["morningStiffness", "Stiffness on waking (0-10)"],
    ["painDuring", "Pain during exercise (0-10)"],
    ["painAfter", "Pain after exercise (0-10)"],
    ["sessionMinutes", "Session minutes"],
    ["sessionRpe", "Session effort (RPE 0-10)"],
    ["runningMinutes", "Running minutes"],
  ] as const;
  for (const log of record.logs) {
    rows.push({
      date: log.date,
      record: "daily log",
      item: "Session",
      side: null,
      value: log.sessionDone,
      detail: log.notes,
    });
    for (const [key, label] of painItems) {
      const value = log[key];
      if (value !== null)
        rows.push({ date: log.date, record: "daily log", item: label, side: null, value, detail: null });
    }
    if (log.swelling)
      rows.push({
        date: log.date,
        record: "daily log",
        item: "Swelling",
        side: null,
        value: log.swelling,
        detail: null,
      });
  }
  for (const m of record.measurements) {
    rows.push({ date: m.date, record: "measurement", item: m.measure, side: m.side, value: m.value, detail: null });
  }
  for (const d of record.decisions) {
    rows.push({
      date: d.evaluatedFor,
      record: "decision",
      item: d.outcome,
      side: null,
      value: d.status,
      detail: `${d.fromStageId} -> ${d.toStageId}; ${d.clinicianSummary}${d.reviewReason ? `; reason: ${d.reviewReason}` : ""}`,
    });
  }
  rows.sort((a, b) => String(a.date).localeCompare(String(b.date)));
  // Cells starting with = + - @ are prefixed so spreadsheet apps never run them as formulas (CSV injection).
  const safe = rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v]),
    ),
  );
  return stringify(safe, { header: true, columns: [...COLUMNS] });
}
