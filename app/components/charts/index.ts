import type { LinksFunction } from "@remix-run/node";
import chartsHref from "~/styles/charts.css";

export type { SeriesPoint, SeriesTone, Series, DateBand, Threshold, Bar } from "./types";
export { TimeSeriesChart, type TimeSeriesChartProps } from "./time-series-chart";

/** Add to a route's `links` (or spread into it): `export const links: LinksFunction = () => [...chartLinks];` */
export const chartLinks: ReturnType<LinksFunction> = [{ rel: "stylesheet", href: chartsHref }];
