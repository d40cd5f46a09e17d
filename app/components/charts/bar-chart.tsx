import { useId } from "react";
import { ticks as niceTicks } from "d3-array";
import { responsiveDateTicks, ThresholdLines, XAxis, YGrid } from "./axes";
import { dateColumn, dayNumber, formatDay, formatLongDay } from "./dates";
import {
  ChartFrame,
  defaultFormat,
  EmptyChart,
  LegendSwatch,
  linearY,
  MarkerPath,
  NoEntry,
  pct,
  TableFallback,
  thresholdNote,
  toneClass,
} from "./shared";
import type { Bar, Threshold } from "./types";

export type BarChartProps = {
  /** Accessible name of the chart (the SVG's <title>). */
  title: string;
  description?: string;
  /** One bar per date (a day or the start of a week). null = nothing logged: no bar, "no entry" in the table. */
  bars: Bar[];
  from?: string;
  to?: string;
  yLabel?: string;
  /** Height of the drawing in CSS pixels (default 220). Width follows the container. */
  height?: number;
  thresholds?: Threshold[];
  valueFormat?: (v: number) => string;
  /** Name of the measured quantity in the legend and the table header (default: yLabel, else "Value"). */
  valueLabel?: string;
  showTitle?: boolean;
  emptyText?: string;
  className?: string;
};

type ParsedBar = Bar & { day: number };

export function BarChart(props: BarChartProps) {
  const uid = useId();
  const fmt = props.valueFormat ?? defaultFormat;
  const height = props.height ?? 220;
  const thresholds = props.thresholds ?? [];
  const valueLabel = props.valueLabel ?? props.yLabel ?? "Value";
  const wrapClass = ["sw-chart sw-chart--bars", props.className].filter(Boolean).join(" ");

  const all: ParsedBar[] = props.bars.map((b) => ({ ...b, day: dayNumber(b.date) })).sort((a, b) => a.day - b.day);
  const days = all.map((b) => b.day);
  const from = props.from ? dayNumber(props.from) : days.length ? Math.min(...days) : NaN;
  const to = props.to ? dayNumber(props.to) : days.length ? Math.max(...days) : NaN;
  const bars = all.filter((b) => b.day >= from && b.day <= to);
  const values = bars.map((b) => b.value).filter((v): v is number => v !== null && Number.isFinite(v));

  if (values.length === 0 || !Number.isFinite(from) || !Number.isFinite(to)) {
    return (
      <EmptyChart className={wrapClass} title={props.title} showTitle={props.showTitle} emptyText={props.emptyText} />
    );
  }

  // A slot is the usual spacing of the bars: 1 day for daily bars, 7 for weekly ones.
  const gaps = bars
    .slice(1)
    .map((b, i) => b.day - (bars[i] as ParsedBar).day)
    .filter((g) => g > 0);
  const slot = gaps.length ? Math.min(...gaps) : 1;
  const start = from - slot / 2;
  const span = to - from + slot;
  const xf = (day: number) => (day - start) / span;
  const barW = (slot / span) * 0.72;

  const dataMax = Math.max(...values, ...thresholds.map((t) => t.value));
  const y1 = dataMax > 0 ? dataMax * 1.1 : 1;
  const yTicks = niceTicks(0, y1, 4);
  const yTickLabels = yTicks.map((t) => fmt(t));
  const top = 10;
  const bottom = 26;
  const plotH = Math.max(40, height - top - bottom);
  const baseY = top + plotH;
  const y = linearY([0, y1], [baseY, top]);

  const dateCol = dateColumn(bars.map((b) => b.day));
  const first = bars.find((b) => b.value !== null) as ParsedBar;
  const last = [...bars].reverse().find((b) => b.value !== null) as ParsedBar;
  const hi = bars.reduce((m, b) => (b.value !== null && b.value > (m.value ?? -Infinity) ? b : m), first);
  const summary = `${valueLabel}: ${values.length === 1 ? "1 entry" : `${values.length} entries`} from ${formatDay(first.day)} to ${formatDay(last.day)}, latest ${fmt(last.value as number)} on ${formatDay(last.day)}, highest ${fmt(hi.value as number)} on ${formatDay(hi.day)}, total ${fmt(values.reduce((a, b) => a + b, 0))}.`;
  const desc = [
    props.description,
    props.yLabel ? `Vertical axis: ${props.yLabel}.` : null,
    summary,
    ...thresholds.map((t) => `${thresholdNote(t, fmt)}.`),
  ]
    .filter(Boolean)
    .join(" ");

  // Legend: the plain bar, plus one entry per distinct (tone, label) of highlighted bars.
  const highlights = new Map<string, ParsedBar>();
  for (const b of bars) if (b.label && b.value !== null) highlights.set(`${b.tone ?? "primary"}|${b.label}`, b);
  const anyLabel = bars.some((b) => b.label);

  const after = (
    <>
      {highlights.size ? (
        <ul className="sw-chart__legend">
          <li>
            <LegendSwatch bar />
            <span>{valueLabel}</span>
          </li>
          {[...highlights.values()].map((b) => (
            <li key={`${b.tone}|${b.label}`}>
              <LegendSwatch bar tone={b.tone} />
              <span>
                {b.label}
                {b.tone && b.tone !== "primary" ? (
                  <span className="visually-hidden"> (marked with a diamond)</span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}

      <TableFallback title={props.title} notes={thresholds.map((t) => thresholdNote(t, fmt))}>
        <thead>
          <tr>
            <th scope="col">{dateCol.header}</th>
            <th scope="col">{valueLabel}</th>
            {anyLabel ? <th scope="col">Note</th> : null}
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.day}>
              <th scope="row">{formatLongDay(b.day, dateCol.withYear)}</th>
              <td>{b.value === null || !Number.isFinite(b.value) ? <NoEntry /> : fmt(b.value)}</td>
              {anyLabel ? <td>{b.label ?? ""}</td> : null}
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
      <YGrid ticks={yTicks} labels={yTickLabels} y={y} />
      <g className="sw-chart__bars">
        {bars.map((b) => {
          if (b.value === null || !Number.isFinite(b.value)) return null;
          const zero = b.value <= 0;
          const by = zero ? baseY - 2 : y(b.value);
          const x = pct(xf(b.day) - barW / 2);
          return (
            <g key={b.day} className={toneClass(b.tone)} data-date={b.date} data-value={b.value}>
              <rect
                className={`sw-chart__bar${zero ? " sw-chart__bar--zero" : ""}`}
                x={x}
                width={pct(barW)}
                y={by}
                height={Math.max(0, baseY - by)}
                rx={zero ? 0 : 1.5}
              >
                <title>{`${formatDay(b.day)}: ${fmt(b.value)}${b.label ? ` (${b.label})` : ""}`}</title>
              </rect>
              {b.label && b.tone && b.tone !== "primary" ? (
                <svg className="sw-chart__marker" x={pct(xf(b.day))} y={by - 7} width="1" height="1" overflow="visible">
                  <MarkerPath shape="diamond" r={3} />
                </svg>
              ) : null}
            </g>
          );
        })}
      </g>
      <XAxis ticks={responsiveDateTicks(from, to)} baseY={baseY} xf={xf} />
      <ThresholdLines thresholds={thresholds} domain={[0, y1]} y={y} />
    </ChartFrame>
  );
}
