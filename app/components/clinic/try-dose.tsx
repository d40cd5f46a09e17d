import { TimeSeriesChart, type Series } from "~/components/charts/index.ts";
import { Card } from "~/components/ui/layout.tsx";
import { formatDate } from "~/utils/dates.ts";

type TryDoseDay = {
  date: string;
  day: number;
  stageName: string;
  loads: Array<{ exerciseId: string; name: string; kg: number }>;
  doseChanges: string[];
};

const TONES = ["primary", "secondary", "tertiary", "muted"] as const;

/**
 * Try it's dose over the replay (ADR 056): every dose change the engine would make (assumed confirmed on the day),
 * and the working load of each loaded exercise day by day.
 */
export function TryDose({ days }: { days: TryDoseDay[] }) {
  const changes = days.flatMap((d) =>
    d.doseChanges.map((line) => ({ day: d.day, date: d.date, stage: d.stageName, line })),
  );
  const names = new Map(days.flatMap((d) => d.loads.map((l) => [l.exerciseId, l.name] as const)));
  const loaded = [...names.keys()].filter((id) =>
    days.some((d) => d.loads.some((l) => l.exerciseId === id && l.kg > 0)),
  );
  const series: Series[] = loaded.map((id, i) => ({
    id,
    label: names.get(id)!,
    tone: TONES[i % TONES.length],
    showPoints: false,
    points: days.map((d) => ({ date: d.date, value: d.loads.find((l) => l.exerciseId === id)?.kg ?? null })),
  }));
  return (
    <Card title="The patient's dose over these days">
      {changes.length === 0 ? (
        <p className="muted">
          No dose change over these days: the program has no progression rule here, or its conditions were not met.
        </p>
      ) : (
        <table className="responsive">
          <caption className="small">Dose changes, each assumed confirmed on the day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Stage</th>
              <th scope="col">Change and why</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={`${c.day}-${c.line}`}>
                <td>
                  Day {c.day} · {formatDate(c.date)}
                </td>
                <td>{c.stage}</td>
                <td>{c.line}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {series.length > 0 ? (
        <TimeSeriesChart
          title="Working load (kg) of each exercise"
          showTitle
          series={series}
          yLabel="kg"
          height={180}
        />
      ) : (
        <p className="muted small">No exercise carries a load in kg over these days.</p>
      )}
    </Card>
  );
}
