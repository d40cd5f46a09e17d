import type { LinksFunction } from "@remix-run/node";
import chartsHref from "~/styles/charts.css";

export type { Series, DateBand, Threshold } from "./types";
export { TimeSeriesChart } from "./time-series-chart";
export { Sparkline } from "./sparkline";

/** Add to a route's `links`: `export const links: LinksFunction = () => [...chartLinks];` */
export const chartLinks: ReturnType<LinksFunction> = [{ rel: "stylesheet", href: chartsHref }];
