import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Sparkline, TimeSeriesChart, type Series } from "~/components/charts";
import { dateTicks, dayNumber } from "~/components/charts/dates";
import { PatientCharts } from "~/components/clinic/patient-charts.tsx";
import { loadBuiltInProgram } from "~/programs/index.ts";

const attr = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1] as string);
const pctOf = (s: string) => Number(s.replace("%", ""));

const daily = (start: number, values: Array<number | null>): Series["points"] =>
  values.map((value, i) => ({ date: new Date(Date.UTC(2026, 2, start + i)).toISOString().slice(0, 10), value }));

describe("stages and reference lines", () => {
  const series: Series[] = [{ id: "p", label: "Pain during", points: daily(1, [2, 3, 4, 3, 2, 2, 1, 1, 1, 2, 1]) }];
  const html = renderToStaticMarkup(
    <TimeSeriesChart
      title="Pain"
      yDomain={[0, 10]}
      height={220}
      series={series}
      bands={[
        { from: "2026-03-01", to: "2026-03-05", label: "Stage 1" },
        { from: "2026-03-06", to: "2026-03-11", label: "Stage 2", shortLabel: "S2" },
      ]}
      thresholds={[
        { value: 5, label: "Pain limit 5/10", tone: "danger" },
        { value: 12, label: "Off the scale" },
      ]}
    />,
  );

  it("each stage is shaded over exactly its days, with its name at the top", () => {
    // 1–11 March is 10 days wide; stage 2 starts half a day before 6 March: (5 - 0.5) / 10 = 45%.
    const bands = attr(html, /<g class="sw-chart__band[^"]*" data-from="[^"]*" data-to="[^"]*"><rect x="([^"]*)"/g);
    expect(bands).toEqual(["0%", "45%"]);
    const widths = attr(html, /<g class="sw-chart__band[^"]*"[^>]*><rect x="[^"]*" width="([^"]*)"/g);
    expect(widths).toEqual(["45%", "55%"]);
    expect(html).toContain(">Stage 1</text>");
    expect(html).toContain(">Stage 2</text>");
    expect(html).toContain('class="sw-chart__band-text--short">S2</text>');
  });

  it("the pain limit line sits at 5 on a 0–10 scale and is labelled in text", () => {
    // plot from y=24 (top, with a band row) to y=194 (baseline): 5/10 is half-way, y=109.
    expect(html).toMatch(
      /<g class="sw-chart__threshold sw-chart__threshold--danger" data-value="5"><line x1="0" x2="100%" y1="109" y2="109"><\/line><text[^>]*>Pain limit 5\/10<\/text>/,
    );
  });

  it("a reference line outside the scale is left out rather than drawn at the edge", () => {
    expect(html).not.toContain("Off the scale</text>");
  });

  it("the table names the stage of every day", () => {
    expect(html).toMatch(/<th scope="row">Thu 5 Mar<\/th><td>2<\/td><td>Stage 1<\/td>/);
    expect(html).toMatch(/<th scope="row">Fri 6 Mar<\/th><td>2<\/td><td>Stage 2<\/td>/);
    expect(html).toContain("Date (2026)");
  });
});

describe("dates are calendar days", () => {
  it("days across a daylight-saving change are evenly spaced", () => {
    // Europe and the US change clocks in late March; UTC-midnight maths must not notice.
    const html = renderToStaticMarkup(
      <TimeSeriesChart
        title="DST"
        series={[{ id: "p", label: "Pain", points: daily(26, [1, 2, 3, 4, 5]), showPoints: true }]}
      />,
    );
    const xs = attr(html, /<svg class="sw-chart__marker[^"]*" x="([^"]*)"/g).map(pctOf);
    expect(xs).toEqual([0, 25, 50, 75, 100]);
  });

  it("date ticks read like '3 Nov' and never crowd a phone-width chart", () => {
    const from = dayNumber("2026-11-03");
    expect(dateTicks(from, dayNumber("2026-11-30"), 4).map((t) => t.label)).toEqual([
      "3 Nov",
      "10 Nov",
      "17 Nov",
      "24 Nov",
    ]);
    const long = dateTicks(from, dayNumber("2027-04-30"), 4);
    expect(long.length).toBeLessThanOrEqual(4);
    expect(long.map((t) => t.label)).toEqual(["Jan 2027", "Mar"]); // every other month on the 1st, year shown in January
    for (const [a, b] of [
      [1, 2],
      [3, 60],
      [1, 400],
    ] as const)
      expect(dateTicks(a, b, 4).length).toBeLessThanOrEqual(4);
  });

  it("marks narrow-screen ticks apart from the extra ones shown on wide screens", () => {
    const html = renderToStaticMarkup(
      <TimeSeriesChart
        title="Two weeks"
        series={[
          {
            id: "p",
            label: "Pain",
            points: daily(
              1,
              Array.from({ length: 14 }, () => 2),
            ),
          },
        ]}
      />,
    );
    const always = attr(html, /<g class="sw-chart__tick" data-date="([^"]*)"/g);
    const narrowOnly = attr(html, /<g class="sw-chart__tick sw-chart__tick--narrow-only" data-date="([^"]*)"/g);
    const wideOnly = attr(html, /<g class="sw-chart__tick sw-chart__tick--wide-only" data-date="([^"]*)"/g);
    expect(always.length + narrowOnly.length).toBeLessThanOrEqual(4);
    expect(always.length + wideOnly.length).toBeLessThanOrEqual(8);
    expect(always.length + wideOnly.length).toBeGreaterThan(always.length + narrowOnly.length);
  });

  it("rejects a date that is not a calendar date instead of plotting it somewhere", () => {
    expect(() =>
      renderToStaticMarkup(
        <TimeSeriesChart title="Bad" series={[{ id: "p", label: "P", points: [{ date: "2026-02-30", value: 1 }] }]} />,
      ),
    ).toThrow(/YYYY-MM-DD/);
  });
});

describe("legend and empty state", () => {
  it("the legend tells lines apart in words and line style, not colour alone", () => {
    const html = renderToStaticMarkup(
      <TimeSeriesChart
        title="Pain"
        series={[
          { id: "a", label: "Pain during", points: daily(1, [1, 2]) },
          { id: "b", label: "Pain after", points: daily(1, [2, 3]), dashed: true, tone: "secondary" },
        ]}
      />,
    );
    const legend = /<ul class="sw-chart__legend">(.*?)<\/ul>/.exec(html)?.[1] ?? "";
    expect(legend).toContain("Pain during");
    expect(legend).toContain('Pain after<span class="visually-hidden"> (dashed line)</span>');
    expect(legend).toContain("sw-chart__line--dashed");
    expect(legend).toContain("<circle"); // first series: circles
    expect(legend).toContain("<rect"); // second series: squares
  });

  it("a chart with nothing logged says so instead of drawing empty axes", () => {
    const html = renderToStaticMarkup(
      <TimeSeriesChart title="Pain" series={[{ id: "p", label: "Pain", points: daily(1, [null, null]) }]} />,
    );
    expect(html).not.toContain("<svg");
    expect(html).toContain("No entries yet.");
  });

  it("a single logged day between missing days still shows as a dot", () => {
    const html = renderToStaticMarkup(
      <TimeSeriesChart
        title="Pain"
        series={[{ id: "p", label: "Pain", points: daily(1, [null, 4, null, 2, 3]), showPoints: false }]}
      />,
    );
    expect(attr(html, /<svg class="sw-chart__marker sw-chart__marker--isolated"[^>]*data-date="([^"]*)"/g)).toEqual([
      "2026-03-02",
    ]);
  });
});

describe("Sparkline", () => {
  it("is one labelled image sized for a triage row", () => {
    const html = renderToStaticMarkup(<Sparkline values={[3, 4, 2]} label="Pain during, last 3 days: 3, 4, 2" />);
    expect(html).toMatch(
      /^<svg class="sw-spark sw-tone--primary" role="img" aria-label="Pain during, last 3 days: 3, 4, 2" width="96" height="24"/,
    );
  });

  it("a missing day breaks the sparkline, and the latest value gets a dot", () => {
    const html = renderToStaticMarkup(<Sparkline values={[3, 4, null, 2, 1]} label="Pain" max={10} threshold={5} />);
    const d = /<path class="sw-spark__line" d="([^"]*)"/.exec(html)?.[1] ?? "";
    expect((d.match(/M/g) ?? []).length).toBe(2);
    expect(html).toContain('class="sw-spark__threshold"');
    // last value 1 of 10 at x = 96 - 2.5
    expect(html).toMatch(/<circle class="sw-spark__dot" cx="93.5"/);
  });

  it("all-missing values draw no line and no dot", () => {
    const html = renderToStaticMarkup(<Sparkline values={[null, null]} label="No logs" />);
    expect(html).not.toContain("sw-spark__line");
    expect(html).not.toContain("<circle");
  });
});

describe("the y axis tells the truth", () => {
  const yLabels = (html: string) =>
    attr(html, /<g class="sw-chart__axis sw-chart__axis--y"[^>]*>(.*?)<\/g>/g)
      .flatMap((g) => attr(g, /<text[^>]*>([^<]*)<\/text>/g))
      .map(Number);

  it("without a given range the top tick is at or above the highest value, so nothing is drawn above it", () => {
    const html = renderToStaticMarkup(
      <TimeSeriesChart title="Load" series={[{ id: "l", label: "Load", points: daily(1, [120, 430, 260]) }]} />,
    );
    const labels = yLabels(html);
    expect(Math.max(...labels)).toBeGreaterThanOrEqual(430);
    expect(Math.max(...labels)).toBeLessThanOrEqual(500);
  });

  it("the clinician's questionnaire chart spans the instrument's range (VISA-A to 100), not the best score so far", () => {
    const program = loadBuiltInProgram("achilles-silbernagel-2007")!;
    const html = renderToStaticMarkup(
      <PatientCharts
        record={{
          today: "2026-03-20",
          program,
          plan: { startDate: "2026-03-01" },
          patient: { involved_side: "left" },
          logs: [],
          measurements: [41, 55, 62].map((value, i) => ({
            measured_on: `2026-03-0${i + 2}`,
            measure: "visa_a",
            side: null,
            value,
          })),
          stageHistory: [{ stageId: program.stages[0]!.id, from: "2026-03-01" }],
        }}
      />,
    );
    const chart = html.slice(html.indexOf('id="chart-questionnaires"'));
    expect(Math.max(...yLabels(chart))).toBe(100);
  });
});
