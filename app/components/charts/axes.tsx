import { dateTicks, isoDate, type DateTick } from "./dates";
import { pct, thresholdClass } from "./shared";
import type { Threshold } from "./types";

const NARROW_TICKS = 4;
const WIDE_TICKS = 8;

export type AxisTick = DateTick & { narrow: boolean; wide: boolean };

/** Date ticks for both a narrow (phone) and a wide container; CSS container queries pick which ones show. */
export function responsiveDateTicks(from: number, to: number): AxisTick[] {
  const map = new Map<number, AxisTick>();
  for (const t of dateTicks(from, to, WIDE_TICKS)) map.set(t.day, { ...t, narrow: false, wide: true });
  for (const t of dateTicks(from, to, NARROW_TICKS))
    map.set(t.day, { ...t, narrow: true, wide: map.get(t.day)?.wide ?? false });
  return [...map.values()].sort((a, b) => a.day - b.day);
}

export function XAxis(props: { ticks: AxisTick[]; baseY: number; xf: (day: number) => number }) {
  return (
    <g className="sw-chart__axis sw-chart__axis--x" aria-hidden="true">
      <line className="sw-chart__baseline" x1="0" x2="100%" y1={props.baseY} y2={props.baseY} />
      {props.ticks.map((t) => {
        const x = pct(props.xf(t.day));
        return (
          <g
            key={t.day}
            className={`sw-chart__tick${t.narrow ? "" : " sw-chart__tick--wide-only"}${t.wide ? "" : " sw-chart__tick--narrow-only"}`}
            data-date={isoDate(t.day)}
          >
            <line x1={x} x2={x} y1={props.baseY} y2={props.baseY + 4} />
            <text x={x} y={props.baseY + 18} textAnchor="middle">
              {t.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export function YGrid(props: { ticks: number[]; labels: string[]; y: (v: number) => number }) {
  return (
    <>
      <g className="sw-chart__grid">
        {props.ticks.map((t) => (
          <line key={t} x1="0" x2="100%" y1={props.y(t)} y2={props.y(t)} />
        ))}
      </g>
      <g className="sw-chart__axis sw-chart__axis--y" aria-hidden="true">
        {props.ticks.map((t, i) => (
          <text key={t} x={-8} y={props.y(t)} dy="0.35em" textAnchor="end">
            {props.labels[i]}
          </text>
        ))}
      </g>
    </>
  );
}

export function ThresholdLines(props: { thresholds: Threshold[]; domain: [number, number]; y: (v: number) => number }) {
  const lo = Math.min(...props.domain);
  const hi = Math.max(...props.domain);
  return (
    <>
      {props.thresholds.map((t) => {
        if (t.value < lo || t.value > hi) return null;
        const ty = props.y(t.value);
        return (
          <g key={`${t.label}-${t.value}`} className={thresholdClass(t.tone)} data-value={t.value}>
            <line x1="0" x2="100%" y1={ty} y2={ty} />
            <text x="100%" y={ty - 5} textAnchor="end">
              {t.label}
            </text>
          </g>
        );
      })}
    </>
  );
}
