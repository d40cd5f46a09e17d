import { linePath, toneClass } from "./shared";
import type { SeriesTone } from "./types";

type SparklineProps = {
  /** Oldest first; null = no entry that day (a gap, never interpolated). */
  values: Array<number | null>;
  /** Accessible label, e.g. "Pain during, last 14 days: 3, 4, 2…". */
  label: string;
  /** Top of the scale. Default: the largest value (or the threshold, if higher, so its line stays visible). */
  max?: number;
  /** Optional reference line, e.g. the pain limit. */
  threshold?: number;
  width?: number;
  height?: number;
  tone?: SeriesTone;
  className?: string;
};

type P = { i: number; v: number | null };

export function Sparkline(props: SparklineProps) {
  const width = props.width ?? 96;
  const height = props.height ?? 24;
  const pad = 2.5; // room for the end dot and half the stroke
  const vals = props.values.map((v) => (v !== null && Number.isFinite(v) ? v : null));
  const numbers = vals.filter((v): v is number => v !== null);
  const max = props.max ?? Math.max(0, ...numbers, props.threshold ?? 0);
  const top = max > 0 ? max : 1;
  const n = vals.length;
  const x = (i: number) => round(n <= 1 ? width / 2 : pad + (i / (n - 1)) * (width - 2 * pad));
  const y = (v: number) => round(height - pad - (Math.min(Math.max(v, 0), top) / top) * (height - 2 * pad));
  const pts: P[] = vals.map((v, i) => ({ i, v }));
  const d = linePath(
    pts,
    (p) => x(p.i),
    (p) => (p.v === null ? null : y(p.v)),
  );
  const lastIndex = vals.reduce<number>((acc, v, i) => (v !== null ? i : acc), -1);
  const lone = pts.filter((p) => p.v !== null && vals[p.i - 1] == null && vals[p.i + 1] == null && p.i !== lastIndex);
  const showThreshold = props.threshold !== undefined && props.threshold >= 0 && props.threshold <= top;

  return (
    <svg
      className={["sw-spark", toneClass(props.tone), props.className].filter(Boolean).join(" ")}
      role="img"
      aria-label={props.label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      focusable="false"
    >
      <title>{props.label}</title>
      <line className="sw-spark__base" x1={0} x2={width} y1={height - pad} y2={height - pad} />
      {showThreshold ? (
        <line
          className="sw-spark__threshold"
          x1={0}
          x2={width}
          y1={y(props.threshold as number)}
          y2={y(props.threshold as number)}
        />
      ) : null}
      {d && numbers.length > 1 ? <path className="sw-spark__line" d={d} /> : null}
      {lone.map((p) => (
        <circle key={p.i} className="sw-spark__dot sw-spark__dot--lone" cx={x(p.i)} cy={y(p.v as number)} r={1.5} />
      ))}
      {lastIndex >= 0 ? (
        <circle className="sw-spark__dot" cx={x(lastIndex)} cy={y(vals[lastIndex] as number)} r={2.25} />
      ) : null}
    </svg>
  );
}

const round = (v: number) => Math.round(v * 100) / 100;
