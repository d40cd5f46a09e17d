import { stringify } from "csv-stringify/sync";
import { measureName } from "~/engine/measure-names.ts";
import { exerciseName, stageName, type PatientRecord } from "./record.ts";

// One tidy table (a row per observed value) opens cleanly in any spreadsheet and keeps every kind of record together.
const COLUMNS = ["date", "record", "item", "side", "value", "detail"] as const;

export function recordToCsv(record: PatientRecord): string {
  const programOf = new Map(record.plans.map((p) => [p.id, p.program]));
  const ownOf = new Map(record.plans.map((p) => [p.id, p.ownExercises]));
  const rows: Array<Record<(typeof COLUMNS)[number], string | number | null>> = [];
  const painItems = [
    ["morningPain", "Pain on waking (0-10)"],
    ["morningStiffness", "Stiffness on waking (0-10)"],
    ["painDuring", "Pain during exercise (0-10)"],
    ["painAfter", "Pain after exercise (0-10)"],
    ["painAtRest", "Pain at rest (0-10)"],
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
    const day = (item: string, value: string | number, detail: string | null = null) =>
      rows.push({ date: log.date, record: "daily log", item, side: null, value, detail });
    if (log.swelling) day("Swelling", log.swelling);
    if (log.soreness) day("Soreness", log.soreness.replace(/_/g, " "));
    for (const [test, value] of Object.entries(log.testPain)) day(`Pain on ${test.replace(/_/g, " ")} (0-10)`, value);
    for (const e of log.exercises) {
      const dose = [typeof e.sets === "number" && `${e.sets} sets`, typeof e.reps === "number" && `${e.reps} reps`];
      if (typeof e.loadKg === "number") dose.push(`${e.loadKg} kg`);
      day(
        `Exercise: ${exerciseName(programOf.get(log.planId), e.exerciseId, ownOf.get(log.planId))}`,
        e.status,
        dose.filter(Boolean).join(", ") || null,
      );
    }
    for (const a of log.otherActivities) day(`Other activity: ${a.label}`, a.minutes, `minutes; effort ${a.rpe}/10`);
  }
  for (const m of record.measurements) {
    rows.push({
      date: m.date,
      record: "measurement",
      item: measureName(m.measure),
      side: m.side,
      value: m.value,
      detail: null,
    });
  }
  for (const d of record.decisions) {
    rows.push({
      date: d.evaluatedFor,
      record: "decision",
      item: d.outcome,
      side: null,
      value: d.status,
      detail: `${stageName(programOf.get(d.planId), d.fromStageId)} -> ${stageName(programOf.get(d.planId), d.toStageId)}; ${d.clinicianSummary}${d.reviewReason ? `; reason: ${d.reviewReason}` : ""}`,
    });
  }
  const CAUSE_WORDS: Record<string, string> = {
    tailored: "tailored by the physio",
    prepared: "prepared for the stage",
    version_move: "program version move",
    progression: "progression rule",
    step_back: "step back rule",
    regress: "regress rule",
  };
  for (const h of record.doseHistory ?? []) {
    const stage = stageName(programOf.get(h.planId), h.stageId);
    rows.push({
      date: h.date,
      record: "dose",
      item: `Dose: ${h.exercise}`,
      side: null,
      value: `${h.from} -> ${h.to}`,
      detail: `${stage}${h.prepared ? " (prepared)" : ""}; ${CAUSE_WORDS[h.cause] ?? h.cause}; by ${h.changedBy ?? "the engine (automatic)"}; version ${h.version}; reason: ${h.reason}`,
    });
  }
  for (const m of record.messages ?? []) {
    rows.push({
      date: m.sentAt,
      record: "message",
      item: m.authorRole === "patient" ? `Message from ${m.authorName}` : `Message from physio ${m.authorName}`,
      side: null,
      value: m.body,
      detail: m.readAt ? `read ${m.readAt}` : "not read yet",
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
