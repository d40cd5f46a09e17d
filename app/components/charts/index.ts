import type { LinksFunction } from "@remix-run/node";
import chartsHref from "~/styles/charts.css";

export type { SeriesPoint, SeriesTone, Series, DateBand, Threshold, Bar } from "./types";
export { TimeSeriesChart, type TimeSeriesChartProps } from "./time-series-chart";
export { BarChart, type BarChartProps } from "./bar-chart";
export { Sparkline, type SparklineProps } from "./sparkline";

/** Add to a route's `links`: `export const links: LinksFunction = () => [...chartLinks];` */
export const chartLinks: ReturnType<LinksFunction> = [{ rel: "stylesheet", href: chartsHref }];
