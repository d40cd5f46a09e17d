import { useId } from "react";
import { scaleLinear } from "d3-scale";
import { line as d3line } from "d3-shape";
import { dateTicks, dayNumber, formatDay, formatLongDay, isoDate, type DateTick } from "./dates";
import {
  gutterClass,
  defaultFormat,
  LegendSwatch,
  MarkerPath,
  markerShape,
  NoEntry,
  pct,
  TableFallback,
  thresholdClass,
  thresholdNote,
  toneClass,
  type MarkerShape,
} from "./shared";
import type { DateBand, Series, Threshold } from "./types";

export type TimeSeriesChartProps = {
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
const NARROW_TICKS = 4;
const WIDE_TICKS = 8;

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
  const values = series.flatMap((s) => s.pts.map((p) => p.value)).filter((v): v is number => v !== null && Number.isFinite(v));

  const wrapClass = ["sw-chart", props.className].filter(Boolean).join(" ");
  if (values.length === 0 || !Number.isFinite(from) || !Number.isFinite(to)) {
    return (
      <div className={wrapClass}>
        {props.showTitle ? <p className="sw-chart__title">{props.title}</p> : null}
        <p className="sw-chart__empty" role="note" aria-label={props.title}>
          {props.emptyText ?? "No entries yet."}
        </p>
      </div>
    );
  }

  // ---- y domain ----
  const dataMax = Math.max(...values, ...thresholds.map((t) => t.value));
  const [y0, y1] = props.yDomain ?? [0, dataMax > 0 ? dataMax * 1.1 : 1];
  const yScale = scaleLinear().domain([y0, y1]);
  const yTicks = (props.yTicks ?? yScale.ticks(4)).filter((t) => t >= Math.min(y0, y1) && t <= Math.max(y0, y1));
  const yTickLabels = yTicks.map((t) => fmt(t));

  // ---- layout (y in CSS px; x as fractions of the plot width) ----
  const top = parsedBands.length ? 24 : 10;
  const bottom = 26;
  const plotH = Math.max(40, height - top - bottom);
  const baseY = top + plotH;
  yScale.range([baseY, top]).clamp(true);
  const y = (v: number) => Math.round(yScale(v) * 100) / 100;
  const span = to - from;
  const xf = (day: number) => (span === 0 ? 0.5 : (day - from) / span);
  const xClamp = (day: number) => Math.min(1, Math.max(0, xf(day)));

  // ---- date ticks: a sparse set for narrow containers, a denser one for wide (CSS container query) ----
  const narrow = dateTicks(from, to, NARROW_TICKS);
  const wide = dateTicks(from, to, WIDE_TICKS);
  const tickMap = new Map<number, DateTick & { narrow: boolean; wide: boolean }>();
  for (const t of wide) tickMap.set(t.day, { ...t, narrow: false, wide: true });
  for (const t of narrow) tickMap.set(t.day, { ...t, narrow: true, wide: tickMap.get(t.day)?.wide ?? false });
  const ticks = [...tickMap.values()].sort((a, b) => a.day - b.day);

  const titleId = `${uid}-title`;
  const descId = `${uid}-desc`;
  const desc = [props.description, props.yLabel ? `Vertical axis: ${props.yLabel}.` : null, ...summarise(series, fmt), ...thresholds.map((t) => `${thresholdNote(t, fmt)}.`), ...parsedBands.map((b) => `${b.label}: ${formatDay(b.fromDay)} to ${formatDay(b.toDay)}.`)]
    .filter(Boolean)
    .join(" ");

  const lineGen = d3line<Pt>()
    .defined((p) => p.value !== null && Number.isFinite(p.value))
    .x((p) => Math.round(xf(p.day) * VIEW_W * 100) / 100)
    .y((p) => y(p.value as number));

  return (
    <div className={wrapClass}>
      {props.showTitle ? <p className="sw-chart__title">{props.title}</p> : null}
      {props.yLabel ? (
        <p className="sw-chart__ylabel" aria-hidden="true">
          {props.yLabel}
        </p>
      ) : null}
      <div className={`sw-chart__plot ${gutterClass(yTickLabels)}`}>
        <svg
          className="sw-chart__svg"
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descId}
          width="100%"
          height={height}
          overflow="visible"
          focusable="false"
        >
          <title id={titleId}>{props.title}</title>
          <desc id={descId}>{desc}</desc>

          {parsedBands.length ? (
            <g className="sw-chart__bands">
              {parsedBands.map((b, i) => {
                const a = xClamp(b.fromDay - 0.5);
                const z = xClamp(b.toDay + 0.5);
                if (z <= a) return null;
                return (
                  <g key={`${b.label}-${b.from}`} className={`sw-chart__band${i % 2 === 0 ? " sw-chart__band--shaded" : ""}`} data-from={b.from} data-to={b.to}>
                    <rect x={pct(a)} width={pct(z - a)} y={0} height={baseY} />
                    {a > 0 ? <line className="sw-chart__band-edge" x1={pct(a)} x2={pct(a)} y1={0} y2={baseY} /> : null}
                    <svg x={pct(a)} width={pct(z - a)} y={0} height={top} className="sw-chart__band-label">
                      <text x={5} y={16}>
                        {b.label}
                      </text>
                    </svg>
                  </g>
                );
              })}
            </g>
          ) : null}

          <g className="sw-chart__grid">
            {yTicks.map((t) => (
              <line key={t} x1="0" x2="100%" y1={y(t)} y2={y(t)} />
            ))}
          </g>
          <g className="sw-chart__axis sw-chart__axis--y" aria-hidden="true">
            {yTicks.map((t, i) => (
              <text key={t} x={-8} y={y(t)} dy="0.35em" textAnchor="end">
                {yTickLabels[i]}
              </text>
            ))}
          </g>
          <g className="sw-chart__axis sw-chart__axis--x" aria-hidden="true">
            <line className="sw-chart__baseline" x1="0" x2="100%" y1={baseY} y2={baseY} />
            {ticks.map((t) => (
              <g
                key={t.day}
                className={`sw-chart__tick${t.narrow ? "" : " sw-chart__tick--wide-only"}${t.wide ? "" : " sw-chart__tick--narrow-only"}`}
                data-date={isoDate(t.day)}
              >
                <line x1={pct(xf(t.day))} x2={pct(xf(t.day))} y1={baseY} y2={baseY + 4} />
                <text x={pct(xf(t.day))} y={baseY + 18} textAnchor="middle">
                  {t.label}
                </text>
              </g>
            ))}
          </g>

          {thresholds.map((t) => {
            if (t.value < Math.min(y0, y1) || t.value > Math.max(y0, y1)) return null;
            const ty = y(t.value);
            return (
              <g key={`${t.label}-${t.value}`} className={thresholdClass(t.tone)} data-value={t.value}>
                <line x1="0" x2="100%" y1={ty} y2={ty} />
                <text x="100%" y={ty - 5} textAnchor="end">
                  {t.label}
                </text>
              </g>
            );
          })}

          {/* Lines live in a layer stretched to the plot width; strokes keep their width (non-scaling-stroke). */}
          <svg className="sw-chart__lines" x="0" y="0" width="100%" height={height} viewBox={`0 0 ${VIEW_W} ${height}`} preserveAspectRatio="none" overflow="visible">
            {series.map((s) => {
              const d = lineGen(withGaps(s));
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
            const showAll = s.showPoints ?? s.pts.filter((p) => p.value !== null).length <= 45;
            const markers = seq.filter((p, i) => defined(p) && (showAll || (!defined(seq[i - 1]) && !defined(seq[i + 1]))));
            if (!markers.length) return null;
            return (
              <g key={s.id} className={`sw-chart__markers ${toneClass(s.tone)}`} data-series={s.id}>
                {markers.map((p) => (
                  <svg key={p.day} className="sw-chart__marker" x={pct(xf(p.day))} y={y(p.value as number)} width="1" height="1" overflow="visible" data-date={isoDate(p.day)}>
                    <MarkerPath shape={s.shape} />
                  </svg>
                ))}
              </g>
            );
          })}
        </svg>
      </div>

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
            <th scope="col">Date</th>
            {parsedBands.length ? <th scope="col">Stage</th> : null}
            {series.map((s) => (
              <th key={s.id} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...new Set(series.flatMap((s) => s.pts.map((p) => p.day)))]
            .sort((a, b) => a - b)
            .map((day) => (
              <tr key={day}>
                <th scope="row">{formatLongDay(day)}</th>
                {parsedBands.length ? <td>{parsedBands.find((b) => day >= b.fromDay && day <= b.toDay)?.label ?? ""}</td> : null}
                {series.map((s) => {
                  const v = s.byDay.get(day);
                  return <td key={s.id}>{v === null || v === undefined || !Number.isFinite(v) ? <NoEntry /> : fmt(v)}</td>;
                })}
              </tr>
            ))}
        </tbody>
      </TableFallback>
    </div>
  );
}

/** The series with explicit breaks (value null) wherever consecutive points are too far apart. */
function withGaps(s: PreparedSeries): Pt[] {
  const pts = s.pts;
  let maxGap = s.maxGapDays;
  if (maxGap === undefined) {
    const diffs = pts.slice(1).map((p, i) => p.day - (pts[i] as Pt).day).filter((d) => d > 0).sort((a, b) => a - b);
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
