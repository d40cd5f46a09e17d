import { TimeSeriesChart, type DateBand, type Series, type Threshold } from "~/components/charts/index.ts";
import { Card } from "~/components/ui/layout.tsx";
import { addDays, sessionDayOfMorningReport } from "~/engine/dates.ts";
import type { DailyLogFact, Program } from "~/engine/index.ts";
import { dailyLoad } from "~/engine/load.ts";
import { INSTRUMENT_SCORE_RANGES, isInstrumentScore } from "~/engine/instruments.ts";
import { measureName } from "~/engine/measure-names.ts";
import { capitalise } from "~/utils/form-fields.ts";
import { capacityCriteriaOn, limbSymmetryIndex, measureIsLowerBetter } from "~/engine/symmetry.ts";

type Log = {
  log_date: string;
  morning_pain: number | null;
  pain_during: number | null;
  pain_after: number | null;
  session_done: "done" | "partial" | "none";
  session_minutes: number | null;
  session_rpe: number | null;
  running_minutes: number | null;
  exercises: string | null;
};
type Measurement = { measured_on: string; measure: string; side: string | null; value: number };

export type ChartRecord = {
  today: string;
  program: Program;
  plan: { startDate: string };
  patient: { involved_side: string };
  logs: Log[];
  measurements: Measurement[];
  stageHistory: Array<{ stageId: string; from: string }>;
  /** Each loaded exercise's prescribed kg day by day and the kg logged (ADR 056). */
  workingLoad?: Array<{
    exerciseId: string;
    name: string;
    prescribed: Array<{ date: string; value: number | null }>;
    done: Array<{ date: string; value: number | null }>;
  }>;
};

function stageBands(record: Pick<ChartRecord, "stageHistory" | "program" | "today">): DateBand[] {
  return record.stageHistory.map((h, i) => {
    const next = record.stageHistory[i + 1];
    const index = record.program.stages.findIndex((s) => s.id === h.stageId);
    return { from: h.from, to: next ? addDays(next.from, -1) : record.today, label: `Stage ${index + 1}` };
  });
}

/** Total sets × reps the patient reported doing that day (a volume figure; no clinical meaning beyond the trend). */
function volumeOf(log: Log): number | null {
  if (!log.exercises) return null;
  const actuals = JSON.parse(log.exercises) as Array<{ sets?: number | null; reps?: number | null }>;
  const total = actuals.reduce((sum, a) => sum + (a.sets ?? 0) * (a.reps ?? 0), 0);
  return total > 0 ? total : null;
}

/**
 * The clinician's charts. Rendered on the server as SVG (the chart kit), so they read before JavaScript loads;
 * every chart has a table fallback inside the kit.
 */
export function PatientCharts({ record }: { record: ChartRecord }) {
  const { program, logs, today } = record;
  const from = [record.plan.startDate, addDays(today, -120)].sort().reverse()[0]!;
  const bands = stageBands(record).filter((b) => b.to >= from);
  const pm = program.painModel;
  const painThresholds: Threshold[] = [
    ...(pm.duringMax !== null
      ? [
          {
            value: pm.duringMax,
            label: `limit during ${pm.inclusive ? "≤" : "<"} ${pm.duringMax}`,
            tone: "caution" as const,
          },
        ]
      : []),
    ...(pm.afterMax !== null && pm.afterMax !== pm.duringMax
      ? [{ value: pm.afterMax, label: `limit after ${pm.afterMax}`, tone: "caution" as const }]
      : []),
    { value: pm.redFlagPain, label: `red flag ${pm.redFlagPain}`, tone: "danger" },
  ];
  const pain: Series[] = [
    {
      id: "during",
      label: "Pain during",
      tone: "primary",
      points: logs.map((l) => ({ date: l.log_date, value: l.pain_during })),
    },
    {
      id: "after",
      label: "Pain after",
      tone: "secondary",
      points: logs.map((l) => ({ date: l.log_date, value: l.pain_after })),
    },
    {
      id: "morning",
      label: "Next morning (plotted on the session day)",
      tone: "tertiary",
      dashed: true,
      points: logs.map((l) => ({ date: sessionDayOfMorningReport(l.log_date), value: l.morning_pain })),
    },
  ];
  const loadSeries: Series[] = [
    {
      id: "srpe",
      label: "Session-RPE load (CR-10 × minutes)",
      tone: "primary",
      points: logs.map((l) => ({ date: l.log_date, value: sessionLoad(l) })),
    },
  ];
  const volumeSeries: Series[] = [
    {
      id: "volume",
      label: "Volume (sets × reps)",
      tone: "secondary",
      points: logs.map((l) => ({ date: l.log_date, value: volumeOf(l) })),
    },
    {
      id: "running",
      label: "Running minutes",
      tone: "tertiary",
      points: logs.map((l) => ({ date: l.log_date, value: l.running_minutes })),
    },
  ];

  const capacity = record.measurements.filter((m) => !isInstrumentScore(m.measure));
  const questionnaires = record.measurements.filter((m) => isInstrumentScore(m.measure));
  const questionnaireMeasures = Array.from(new Set(questionnaires.map((q) => q.measure)));
  // The axis spans the instruments' own ranges (VISA-A to 100), so a score reads against its scale, not its peak.
  const questionnaireTop = Math.max(
    ...questionnaireMeasures.map((m) => (isInstrumentScore(m) ? INSTRUMENT_SCORE_RANGES[m].max : 0)),
  );
  const capacityMeasures = Array.from(new Set(capacity.map((m) => m.measure)));
  const involved = record.patient.involved_side;

  return (
    <Card title="Charts">
      <div className="clinic-charts">
        <section aria-labelledby="chart-pain">
          <h3 id="chart-pain">Pain (0–10) with stage bands and the program's limits</h3>
          <TimeSeriesChart
            title="Pain over time"
            series={pain}
            from={from}
            to={today}
            yDomain={[0, 10]}
            bands={bands}
            thresholds={painThresholds}
            yLabel="pain 0–10"
          />
        </section>
        <section aria-labelledby="chart-load">
          <h3 id="chart-load">Loading</h3>
          <TimeSeriesChart
            title="Session-RPE load over time"
            series={loadSeries}
            from={from}
            to={today}
            bands={bands}
            yLabel="AU"
            height={160}
          />
          <TimeSeriesChart
            title="Exercise volume and running minutes"
            series={volumeSeries}
            from={from}
            to={today}
            bands={bands}
            height={160}
          />
        </section>
        <section aria-labelledby="chart-working-load">
          <h3 id="chart-working-load">Working load (kg) of each exercise: prescribed and done</h3>
          {(record.workingLoad ?? []).length === 0 ? (
            <p className="muted">No exercise of this plan has a load in kg yet.</p>
          ) : null}
          <div className="grid-2">
            {(record.workingLoad ?? []).map((w) => (
              <TimeSeriesChart
                key={w.exerciseId}
                title={`${w.name}: working load`}
                showTitle
                series={[
                  {
                    id: "prescribed",
                    label: "Prescribed kg",
                    tone: "primary",
                    points: w.prescribed,
                    showPoints: false,
                  },
                  { id: "done", label: "Done kg (logged)", tone: "secondary", points: w.done, maxGapDays: 7 },
                ]}
                from={from}
                to={today}
                bands={bands}
                yLabel="kg"
                height={160}
              />
            ))}
          </div>
        </section>
        <section aria-labelledby="chart-capacity">
          <h3 id="chart-capacity">Capacity and limb symmetry</h3>
          {capacityMeasures.length === 0 ? <p className="muted">No capacity tests recorded yet.</p> : null}
          {capacityMeasures.map((measure) => {
            const rows = capacity.filter((m) => m.measure === measure);
            const sides: Series[] = (["left", "right"] as const).map((side, i) => ({
              id: side,
              label: `${side === involved ? "Involved" : "Uninvolved"} (${side})`,
              tone: i === 0 ? "primary" : "secondary",
              points: rows.filter((r) => r.side === side).map((r) => ({ date: r.measured_on, value: r.value })),
            }));
            const lsi = limbSymmetrySeries(rows, involved, measureIsLowerBetter(program, measure));
            return (
              <div key={measure} className="grid-2">
                <TimeSeriesChart
                  title={`${capitalise(measureName(measure))} by side`}
                  showTitle
                  series={sides}
                  height={160}
                />
                {lsi.length > 0 ? (
                  <TimeSeriesChart
                    title={`${capitalise(measureName(measure))} limb symmetry`}
                    showTitle
                    series={[{ id: "lsi", label: "Limb symmetry %", tone: "primary", points: lsi }]}
                    thresholds={lsiThresholds(program, measure)}
                    yLabel="%"
                    height={160}
                  />
                ) : (
                  <p className="muted small">Limb symmetry needs both sides tested on the same day.</p>
                )}
              </div>
            );
          })}
        </section>
        <section aria-labelledby="chart-questionnaires">
          <h3 id="chart-questionnaires">Questionnaire scores</h3>
          {questionnaires.length === 0 ? (
            <p className="muted">No questionnaire scores yet.</p>
          ) : (
            <TimeSeriesChart
              title="Questionnaire scores over time"
              series={questionnaireMeasures.map((measure, i) => ({
                id: measure,
                label: measureName(measure),
                tone: (["primary", "secondary", "tertiary", "muted"] as const)[i % 4],
                points: questionnaires
                  .filter((q) => q.measure === measure)
                  .map((q) => ({ date: q.measured_on, value: q.value })),
              }))}
              yDomain={[0, questionnaireTop]}
              height={180}
            />
          )}
        </section>
      </div>
    </Card>
  );
}

function sessionLoad(l: Log): number | null {
  if (l.session_done === "none" || l.session_rpe === null || l.session_minutes === null) return null;
  return dailyLoad({
    date: l.log_date,
    sessionDone: l.session_done,
    sessionRpe: l.session_rpe,
    sessionMinutes: l.session_minutes,
  } as DailyLogFact);
}

function lsiThresholds(program: Program, measure: string): Threshold[] {
  const values = Array.from(
    new Set(
      capacityCriteriaOn(program, measure)
        .filter((c) => c.mode === "lsi")
        .map((c) => c.threshold),
    ),
  );
  return values.map((v) => ({ value: v, label: `gate ${v} %`, tone: "caution" as const }));
}

/**
 * Same-day pairs only, as the gates read them, through the engine's limbSymmetryIndex: involved ÷ uninvolved × 100,
 * inverted when the program reads the test as lower-is-better. Shown to one decimal.
 */
function limbSymmetrySeries(rows: Measurement[], involved: string, lowerIsBetter: boolean) {
  if (involved !== "left" && involved !== "right") return [];
  const other = involved === "left" ? "right" : "left";
  const days = Array.from(new Set(rows.map((r) => r.measured_on))).sort();
  return days.flatMap((date) => {
    const inv = rows.filter((r) => r.measured_on === date && r.side === involved).at(-1);
    const uninv = rows.filter((r) => r.measured_on === date && r.side === other).at(-1);
    const lsi = inv && uninv ? limbSymmetryIndex(inv.value, uninv.value, lowerIsBetter) : null;
    return lsi === null ? [] : [{ date, value: Math.round(lsi * 10) / 10 }];
  });
}
