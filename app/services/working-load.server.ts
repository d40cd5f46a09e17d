import { addDays, type Program } from "~/engine/index.ts";
import { PREPARED, type PersonalDoseVersion } from "~/models/personal-dose.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { personalPrescription } from "./personal-prescription.server.ts";

// Each exercise's working load over time (issue 15 item 6, ADR 056): the kg prescribed day by day (the program's dose,
// or the patient's dose version in effect that day) beside the kg the patient logged. Pure: data in, series out.

type Point = { date: string; value: number | null };
export type WorkingLoadSeries = { exerciseId: string; name: string; prescribed: Point[]; done: Point[] };

type Stay = { stageId: string; from: string };
type LoggedDay = { log_date: string; exercises: string | null };

/** The dose version in effect on `day` of a stay: its latest saved by then, else a preparation for the stage. */
function versionOnDay(versions: readonly PersonalDoseVersion[], stay: Stay, day: string, timeZone: string) {
  const savedBy = versions.filter((v) => v.stageId === stay.stageId && todayIn(timeZone, new Date(v.createdAt)) <= day);
  // A stay's rows carry its entry date; a move confirmed a day late enters the stage on the next day.
  const ofStay = savedBy.filter((v) => v.stageEnteredOn !== PREPARED && v.stageEnteredOn >= addDays(stay.from, -1));
  return ofStay.at(-1) ?? savedBy.filter((v) => v.stageEnteredOn === PREPARED).at(-1);
}

export function workingLoadSeries(args: {
  program: Program;
  stageHistory: readonly Stay[];
  versions: readonly PersonalDoseVersion[];
  logs: readonly LoggedDay[];
  from: string;
  today: string;
  timeZone: string;
}): WorkingLoadSeries[] {
  const { program, stageHistory, versions, from, today, timeZone } = args;
  const series = new Map<string, WorkingLoadSeries>();
  const seriesOf = (exerciseId: string, name: string) => {
    const found = series.get(exerciseId);
    if (found) return found;
    const made: WorkingLoadSeries = { exerciseId, name, prescribed: [], done: [] };
    series.set(exerciseId, made);
    return made;
  };
  for (let day = from; day <= today; day = addDays(day, 1)) {
    const stay = [...stageHistory].reverse().find((s) => s.from <= day);
    const stage = stay && program.stages.find((s) => s.id === stay.stageId);
    if (!stay || !stage) continue;
    const prescription = personalPrescription(stage, versionOnDay(versions, stay, day, timeZone));
    // No load at all is body weight: 0 extra kg, so a first loaded dose reads "from 0 to 10 kg". A load in words only
    // ("backpack or weight machine") is a weight nobody has put a number on: unknown, not 0.
    for (const e of prescription.exercises)
      seriesOf(e.id, e.name).prescribed.push({ date: day, value: e.load ? (e.load.kg ?? null) : 0 });
  }
  const names = new Map(
    [
      ...program.stages.flatMap((s) => s.prescription.exercises),
      ...versions.flatMap((v) => v.exercises.flatMap((e) => (e.dose ? [e.dose] : []))),
    ].map((e) => [e.id, e.name]),
  );
  for (const log of args.logs) {
    if (log.log_date < from || !log.exercises) continue;
    const done = JSON.parse(log.exercises) as Array<{ exerciseId: string; status?: string; loadKg?: number | null }>;
    for (const e of done)
      if (typeof e.loadKg === "number" && e.status !== "none")
        seriesOf(e.exerciseId, names.get(e.exerciseId) ?? e.exerciseId).done.push({
          date: log.log_date,
          value: e.loadKg,
        });
  }
  // Only exercises with a load at some point: body-weight exercises have nothing to chart.
  return [...series.values()].filter((s) => s.prescribed.some((p) => (p.value ?? 0) > 0) || s.done.length > 0);
}

/** The patient's own summary: "Heel drops: from 0 to 12.5 kg" — the kg of their first dose and of today's. */
export function loadJourney(series: readonly WorkingLoadSeries[]): Array<{ name: string; from: number; to: number }> {
  return series.flatMap((s) => {
    const first = s.prescribed.find((p) => p.value !== null)?.value;
    const last = [...s.prescribed].reverse().find((p) => p.value !== null)?.value;
    return first !== undefined && first !== null && last !== undefined && last !== null
      ? [{ name: s.name, from: first, to: last }]
      : [];
  });
}
