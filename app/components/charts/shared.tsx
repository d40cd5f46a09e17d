import type { ReactNode } from "react";
import type { SeriesTone, Threshold } from "./types";

export function defaultFormat(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 10) / 10);
}

export function toneClass(tone: SeriesTone | undefined): string {
  return `sw-tone--${tone ?? "primary"}`;
}

export function thresholdClass(tone: Threshold["tone"]): string {
  return `sw-chart__threshold sw-chart__threshold--${tone ?? "caution"}`;
}

/** Marker shapes differ by series so the lines can be told apart without colour. */
export type MarkerShape = "circle" | "square" | "triangle" | "diamond";
const SHAPES: MarkerShape[] = ["circle", "square", "triangle", "diamond"];
export const markerShape = (index: number): MarkerShape => SHAPES[index % SHAPES.length] ?? "circle";

/** A marker centred on (0, 0); place it with a wrapping <svg x y overflow="visible"> or a transform. */
export function MarkerPath({ shape, r = 3.5 }: { shape: MarkerShape; r?: number }) {
  switch (shape) {
    case "square":
      return <rect x={-r * 0.9} y={-r * 0.9} width={r * 1.8} height={r * 1.8} />;
    case "triangle":
      return <path d={`M0,${-r * 1.15}L${r * 1.1},${r * 0.8}L${-r * 1.1},${r * 0.8}Z`} />;
    case "diamond":
      return <path d={`M0,${-r * 1.3}L${r * 1.3},0L0,${r * 1.3}L${-r * 1.3},0Z`} />;
    default:
      return <circle r={r} />;
  }
}

/** Small picture of a line style for the legend; the text next to it carries the meaning. */
export function LegendSwatch(props: { tone?: SeriesTone; dashed?: boolean; shape?: MarkerShape }) {
  return (
    <svg
      className={`sw-chart__swatch ${toneClass(props.tone)}`}
      width="28"
      height="14"
      viewBox="0 0 28 14"
      aria-hidden="true"
      focusable="false"
    >
      <line className={`sw-chart__line${props.dashed ? " sw-chart__line--dashed" : ""}`} x1="1" x2="27" y1="7" y2="7" />
      {props.shape ? (
        <g className="sw-chart__marker" transform="translate(14 7)">
          <MarkerPath shape={props.shape} />
        </g>
      ) : null}
    </svg>
  );
}

export function NoEntry() {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">no entry</span>
    </>
  );
}

export function TableFallback(props: { title: string; notes?: string[]; children: ReactNode }) {
  return (
    <details className="sw-chart__details">
      <summary>Show data as a table</summary>
      {props.notes && props.notes.length > 0 ? (
        <ul className="sw-chart__notes">
          {props.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      {/* Scrolls on its own when the table is wider or taller than its box: a named region in the tab order, so a
          keyboard user can reach it and scroll it with the arrow keys (WCAG 2.1.1). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- focusable on purpose, as said above */}
      <div className="sw-chart__table-wrap" role="region" aria-label={`${props.title}: data`} tabIndex={0}>
        <table className="sw-chart__table">
          <caption className="visually-hidden">{props.title}</caption>
          {props.children}
        </table>
      </div>
    </details>
  );
}

export function thresholdNote(t: Threshold, fmt: (v: number) => string): string {
  return `${t.label}: reference line at ${fmt(t.value)}`;
}

/** A class giving the plot a left gutter (2–8 characters) wide enough for the longest y tick label (no inline styles: CSP). */
function gutterClass(labels: string[]): string {
  const longest = labels.reduce((n, l) => Math.max(n, l.length), 1);
  return `sw-chart__plot--c${Math.min(8, Math.max(2, longest))}`;
}

/** Percentages as attribute strings with few digits, so the markup stays small and stable. */
export const pct = (fraction: number): string => `${Math.round(fraction * 100000) / 1000}%`;

/** A linear, clamped map from a value domain to pixel rows (d3-scale's scaleLinear added ~9 KB gzipped to the page). */
export function linearY(domain: [number, number], range: [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const lo = Math.min(d0, d1);
  const hi = Math.max(d0, d1);
  return (v: number) => {
    const t = d1 === d0 ? 0.5 : (Math.min(hi, Math.max(lo, v)) - d0) / (d1 - d0);
    return Math.round((r0 + t * (r1 - r0)) * 100) / 100;
  };
}

/**
 * SVG path of straight segments through the points; a null value ends the segment (a gap, never bridged).
 * Straight lines on purpose: curve interpolation would invent values between logged days.
 */
export function linePath<T>(points: T[], x: (p: T) => number, y: (p: T) => number | null): string {
  let d = "";
  let pen = false;
  for (const p of points) {
    const yv = y(p);
    if (yv === null || !Number.isFinite(yv)) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${x(p)},${yv}`;
    pen = true;
  }
  return d;
}

type FrameText = { className: string; title: string; showTitle?: boolean };

/** What a chart shows when there is nothing to draw. */
export function EmptyChart({ className, title, showTitle, emptyText }: FrameText & { emptyText?: string }) {
  return (
    <div className={className}>
      {showTitle ? <p className="sw-chart__title">{title}</p> : null}
      <p className="sw-chart__empty" role="note" aria-label={title}>
        {emptyText ?? "No entries yet."}
      </p>
    </div>
  );
}

/**
 * The frame every chart shares: optional visible title, the vertical axis label, and an accessible SVG (title and
 * description) holding the plot; `after` follows the plot (legend, table fallback).
 */
export function ChartFrame(
  props: FrameText & {
    yLabel?: string;
    yTickLabels: string[];
    height: number;
    id: string;
    description: string;
    children: ReactNode;
    after: ReactNode;
  },
) {
  const titleId = `${props.id}-title`;
  const descId = `${props.id}-desc`;
  return (
    <div className={props.className}>
      {props.showTitle ? <p className="sw-chart__title">{props.title}</p> : null}
      {props.yLabel ? (
        <p className="sw-chart__ylabel" aria-hidden="true">
          {props.yLabel}
        </p>
      ) : null}
      <div className={`sw-chart__plot ${gutterClass(props.yTickLabels)}`}>
        <svg
          className="sw-chart__svg"
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descId}
          width="100%"
          height={props.height}
          overflow="visible"
          focusable="false"
        >
          <title id={titleId}>{props.title}</title>
          <desc id={descId}>{props.description}</desc>
          {props.children}
        </svg>
      </div>
      {props.after}
    </div>
  );
}
