import { useId } from "react";
import { nice, ticks as niceTicks } from "d3-array";
import { responsiveDateTicks, ThresholdLines, XAxis, YGrid } from "./axes";
import { dateColumn, dayNumber, formatDay, formatLongDay, isoDate } from "./dates";
import {
  ChartFrame,
  EmptyChart,
  linearY,
  linePath,
  defaultFormat,
  LegendSwatch,
  MarkerPath,
  markerShape,
  NoEntry,
  pct,
  TableFallback,
  thresholdNote,
  toneClass,
  type MarkerShape,
} from "./shared";
import type { DateBand, Series, Threshold } from "./types";

type TimeSeriesChartProps = {
  /** Accessible name of the chart (the SVG's <title>). */
  title: string;
  description?: string;
  series: Series[];
  from?: string;
  to?: string;
  yDomain?: [number, number];
  yLabel?: string;
  yTicks?: number[];
  bands?: DateBand[];
  thresholds?: Threshold[];
  /** Height of the drawing in CSS pixels (default 220). Width follows the container. */
  height?: number;
  valueFormat?: (v: number) => string;
  /** Also show `title` as visible text above the chart (default false: pages usually have their own heading). */
  showTitle?: boolean;
  /** Text shown instead of the chart when no series has a value (default "No entries yet."). */
  emptyText?: string;
  className?: string;
};

type Pt = { day: number; value: number | null };
type PreparedSeries = Series & { index: number; shape: MarkerShape; pts: Pt[]; byDay: Map<number, number | null> };

const VIEW_W = 1000; // x user units of the stretched line layer

export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const uid = useId();
  const fmt = props.valueFormat ?? defaultFormat;
  const height = props.height ?? 220;
  const bands = props.bands ?? [];
  const thresholds = props.thresholds ?? [];

  // ---- x domain (whole UTC days) ----
  const allDays: number[] = [];
  const parsedSeries = props.series.map((s) =>
    [...s.points].map((p) => ({ day: dayNumber(p.date), value: p.value })).sort((a, b) => a.day - b.day),
  );
  for (const pts of parsedSeries) for (const p of pts) allDays.push(p.day);
  const parsedBands = bands.map((b) => ({ ...b, fromDay: dayNumber(b.from), toDay: dayNumber(b.to) }));
  for (const b of parsedBands) allDays.push(b.fromDay, b.toDay);
  const from = props.from ? dayNumber(props.from) : allDays.length ? Math.min(...allDays) : NaN;
  const to = props.to ? dayNumber(props.to) : allDays.length ? Math.max(...allDays) : NaN;

  const series: PreparedSeries[] = props.series.map((s, index) => {
    const pts = (parsedSeries[index] ?? []).filter((p) => p.day >= from && p.day <= to);
    return { ...s, index, shape: markerShape(index), pts, byDay: new Map(pts.map((p) => [p.day, p.value])) };
  });
  const values = series
    .flatMap((s) => s.pts.map((p) => p.value))
    .filter((v): v is number => v !== null && Number.isFinite(v));

  const wrapClass = ["sw-chart", props.className].filter(Boolean).join(" ");
  if (values.length === 0 || !Number.isFinite(from) || !Number.isFinite(to)) {
    return (
      <EmptyChart className={wrapClass} title={props.title} showTitle={props.showTitle} emptyText={props.emptyText} />
    );
  }

  // ---- y domain ----
  const dataMax = Math.max(...values, ...thresholds.map((t) => t.value));
  // Without a given domain the axis ends on a round tick at or above the highest value, so no line runs above the top
  // tick (an instrument's chart passes its own range, e.g. VISA-A 0–100).
  const [y0, y1] = props.yDomain ?? nice(0, dataMax > 0 ? dataMax : 1, 4);
  const yTicks = (props.yTicks ?? niceTicks(Math.min(y0, y1), Math.max(y0, y1), 4)).filter(
    (t) => t >= Math.min(y0, y1) && t <= Math.max(y0, y1),
  );
  const yTickLabels = yTicks.map((t) => fmt(t));

  // ---- layout (y in CSS px; x as fractions of the plot width) ----
  const top = parsedBands.length ? 24 : 10;
  const bottom = 26;
  const plotH = Math.max(40, height - top - bottom);
  const baseY = top + plotH;
  const y = linearY([y0, y1], [baseY, top]);
  const span = to - from;
  const xf = (day: number) => (span === 0 ? 0.5 : (day - from) / span);
  const xClamp = (day: number) => Math.min(1, Math.max(0, xf(day)));

  const ticks = responsiveDateTicks(from, to);

  const tableDays = [...new Set(series.flatMap((s) => s.pts.map((p) => p.day)))].sort((a, b) => a - b);
  const dateCol = dateColumn(tableDays);

  const desc = [
    props.description,
    props.yLabel ? `Vertical axis: ${props.yLabel}.` : null,
    ...summarise(series, fmt),
    ...thresholds.map((t) => `${thresholdNote(t, fmt)}.`),
    ...parsedBands.map((b) => `${b.label}: ${formatDay(b.fromDay)} to ${formatDay(b.toDay)}.`),
  ]
    .filter(Boolean)
    .join(" ");

  const lineOf = (pts: Pt[]) =>
    linePath(
      pts,
      (p) => Math.round(xf(p.day) * VIEW_W * 100) / 100,
      (p) => (p.value === null ? null : y(p.value)),
    );

  const after = (
    <>
      <ul className="sw-chart__legend">
        {series.map((s) => (
          <li key={s.id}>
            <LegendSwatch tone={s.tone} dashed={s.dashed} shape={s.shape} />
            <span>
              {s.label}
              {s.dashed ? <span className="visually-hidden"> (dashed line)</span> : null}
            </span>
          </li>
        ))}
      </ul>

      <TableFallback title={props.title} notes={thresholds.map((t) => thresholdNote(t, fmt))}>
        <thead>
          <tr>
            <th scope="col">{dateCol.header}</th>
            {series.map((s) => (
              <th key={s.id} scope="col">
                {s.label}
              </th>
            ))}
            {parsedBands.length ? <th scope="col">Stage</th> : null}
          </tr>
        </thead>
        <tbody>
          {tableDays.map((day) => (
            <tr key={day}>
              <th scope="row">{formatLongDay(day, dateCol.withYear)}</th>
              {series.map((s) => {
                const v = s.byDay.get(day);
                return (
                  <td key={s.id}>{v === null || v === undefined || !Number.isFinite(v) ? <NoEntry /> : fmt(v)}</td>
                );
              })}
              {parsedBands.length ? (
                <td>{parsedBands.find((b) => day >= b.fromDay && day <= b.toDay)?.label ?? ""}</td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </TableFallback>
    </>
  );
  return (
    <ChartFrame
      className={wrapClass}
      title={props.title}
      showTitle={props.showTitle}
      yLabel={props.yLabel}
      yTickLabels={yTickLabels}
      height={height}
      id={uid}
      description={desc}
      after={after}
    >
      {parsedBands.length ? (
        <g className="sw-chart__bands">
          {parsedBands.map((b, i) => {
            const a = xClamp(b.fromDay - 0.5);
            const z = xClamp(b.toDay + 0.5);
            if (z <= a) return null;
            return (
              <g
                key={`${b.label}-${b.from}`}
                className={`sw-chart__band${i % 2 === 0 ? " sw-chart__band--shaded" : ""}`}
                data-from={b.from}
                data-to={b.to}
              >
                <rect x={pct(a)} width={pct(z - a)} y={0} height={baseY} />
                {a > 0 ? <line className="sw-chart__band-edge" x1={pct(a)} x2={pct(a)} y1={0} y2={baseY} /> : null}
                <svg x={pct(a)} width={pct(z - a)} y={0} height={top} className="sw-chart__band-label">
                  <text x={5} y={16} className={b.shortLabel ? "sw-chart__band-text--full" : undefined}>
                    {b.label}
                  </text>
                  {b.shortLabel ? (
                    <text x={5} y={16} className="sw-chart__band-text--short">
                      {b.shortLabel}
                    </text>
                  ) : null}
                </svg>
              </g>
            );
          })}
        </g>
      ) : null}

      <YGrid ticks={yTicks} labels={yTickLabels} y={y} />
      <XAxis ticks={ticks} baseY={baseY} xf={xf} />
      <ThresholdLines thresholds={thresholds} domain={[y0, y1]} y={y} />

      {/* Lines live in a layer stretched to the plot width; strokes keep their width (non-scaling-stroke). */}
      <svg
        className="sw-chart__lines"
        x="0"
        y="0"
        width="100%"
        height={height}
        viewBox={`0 0 ${VIEW_W} ${height}`}
        preserveAspectRatio="none"
        overflow="visible"
      >
        {series.map((s) => {
          const d = lineOf(withGaps(s));
          return d ? (
            <path
              key={s.id}
              className={`sw-chart__line ${toneClass(s.tone)}${s.dashed ? " sw-chart__line--dashed" : ""}`}
              data-series={s.id}
              d={d}
              vectorEffect="non-scaling-stroke"
            />
          ) : null;
        })}
      </svg>

      {series.map((s) => {
        const seq = withGaps(s);
        const defined = (p: Pt | undefined) => p !== undefined && p.value !== null && Number.isFinite(p.value);
        const count = s.pts.filter((p) => p.value !== null).length;
        const showAll = s.showPoints ?? count <= 45;
        const isolated = (i: number) => !defined(seq[i - 1]) && !defined(seq[i + 1]);
        const markers = seq
          .map((p, i) => ({ p, lone: isolated(i) }))
          .filter(({ p, lone }) => defined(p) && (showAll || lone));
        if (!markers.length) return null;
        // Dense series drop their markers on narrow screens, unless markers are what tells this line apart
        // (a solid line that is not the first series).
        const dense = s.showPoints === undefined && count > 21;
        const keep = s.index > 0 && !s.dashed;
        return (
          <g
            key={s.id}
            className={`sw-chart__markers ${toneClass(s.tone)}${dense ? " sw-chart__markers--dense" : ""}${dense && keep ? " sw-chart__markers--keep" : ""}`}
            data-series={s.id}
          >
            {markers.map(({ p, lone }) => (
              <svg
                key={p.day}
                className={`sw-chart__marker${lone ? " sw-chart__marker--isolated" : ""}`}
                x={pct(xf(p.day))}
                y={y(p.value as number)}
                width="1"
                height="1"
                overflow="visible"
                data-date={isoDate(p.day)}
              >
                <MarkerPath shape={s.shape} />
              </svg>
            ))}
          </g>
        );
      })}
    </ChartFrame>
  );
}

/** The series with explicit breaks (value null) wherever consecutive points are too far apart. */
function withGaps(s: PreparedSeries): Pt[] {
  const pts = s.pts;
  let maxGap = s.maxGapDays;
  if (maxGap === undefined) {
    const diffs = pts
      .slice(1)
      .map((p, i) => p.day - (pts[i] as Pt).day)
      .filter((d) => d > 0)
      .sort((a, b) => a - b);
    const median = diffs.length ? (diffs[Math.floor((diffs.length - 1) / 2)] as number) : Infinity;
    maxGap = median <= 1 ? 1 : Infinity;
  }
  const out: Pt[] = [];
  pts.forEach((p, i) => {
    const prev = pts[i - 1];
    if (prev && p.day - prev.day > maxGap) out.push({ day: prev.day + 1, value: null });
    out.push(p);
  });
  return out;
}

function summarise(series: PreparedSeries[], fmt: (v: number) => string): string[] {
  return series.map((s) => {
    const vals = s.pts.filter((p): p is { day: number; value: number } => p.value !== null && Number.isFinite(p.value));
    if (!vals.length) return `${s.label}: no entries.`;
    const first = vals[0] as { day: number; value: number };
    const last = vals[vals.length - 1] as { day: number; value: number };
    const hi = vals.reduce((m, p) => (p.value > m.value ? p : m), first);
    const lo = vals.reduce((m, p) => (p.value < m.value ? p : m), first);
    const n = vals.length === 1 ? "1 entry" : `${vals.length} entries`;
    return `${s.label}: ${n} from ${formatDay(first.day)} to ${formatDay(last.day)}, latest ${fmt(last.value)} on ${formatDay(last.day)}, lowest ${fmt(lo.value)}, highest ${fmt(hi.value)}.`;
  });
}
