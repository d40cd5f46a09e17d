import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TimeSeriesChart, chartLinks, type Series } from "~/components/charts";

/** Parse rendered markup with a tiny DOM-free helper: the tests read the real SVG string. */
function render(el: JSX.Element) {
  return renderToStaticMarkup(el);
}
function attrOf(html: string, tagStart: string, attr: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`${tagStart}[^>]*?\\s${attr}="([^"]*)"`, "g");
  for (const m of html.matchAll(re)) out.push(m[1] as string);
  return out;
}
const pathsOf = (html: string, seriesId: string) =>
  attrOf(html, `<path class="sw-chart__line[^"]*" data-series="${seriesId}"`, "d");
const moveCount = (d: string) => (d.match(/M/g) ?? []).length;

const painDuring: Series = {
  id: "during",
  label: "Pain during",
  points: [
    { date: "2026-11-02", value: 4 },
    { date: "2026-11-03", value: 3 },
    { date: "2026-11-04", value: null },
    { date: "2026-11-05", value: 2 },
    { date: "2026-11-06", value: 2 },
  ],
};

describe("TimeSeriesChart", () => {
  it("a day without a log leaves a gap instead of a misleading line", () => {
    const html = render(<TimeSeriesChart title="Pain" yDomain={[0, 10]} series={[painDuring]} />);
    const [d] = pathsOf(html, "during");
    expect(d).toBeDefined();
    expect(moveCount(d as string)).toBe(2); // two separate runs: 2–3 Nov and 5–6 Nov
  });

  it("a day missing from a daily series is a gap too, but weekly tests are joined", () => {
    const daily: Series = {
      id: "d",
      label: "Daily",
      points: [
        { date: "2026-11-01", value: 1 },
        { date: "2026-11-02", value: 2 },
        { date: "2026-11-04", value: 2 },
        { date: "2026-11-05", value: 3 },
      ],
    };
    const weekly: Series = {
      id: "w",
      label: "Weekly",
      points: [
        { date: "2026-11-01", value: 50 },
        { date: "2026-11-08", value: 60 },
        { date: "2026-11-15", value: 70 },
      ],
    };
    const html = render(<TimeSeriesChart title="Mixed" series={[daily, weekly]} />);
    expect(moveCount(pathsOf(html, "d")[0] as string)).toBe(2);
    expect(moveCount(pathsOf(html, "w")[0] as string)).toBe(1);
  });

  it("is named by its title and described in words for screen readers", () => {
    const html = render(
      <TimeSeriesChart
        title="Pain during sessions"
        description="Lower is better."
        yLabel="Pain (0–10)"
        yDomain={[0, 10]}
        series={[painDuring]}
        thresholds={[{ value: 5, label: "Pain limit" }]}
      />,
    );
    const [labelledBy] = attrOf(html, "<svg", "aria-labelledby");
    expect(html).toMatch(/<svg class="sw-chart__svg" role="img"/);
    expect(html).toContain(`<title id="${labelledBy}">Pain during sessions</title>`);
    const [describedBy] = attrOf(html, '<svg class="sw-chart__svg"', "aria-describedby");
    const desc = new RegExp(`<desc id="${describedBy}">([^<]*)</desc>`).exec(html)?.[1] ?? "";
    expect(desc).toContain("Lower is better.");
    expect(desc).toContain("Pain during: 4 entries from 2 Nov to 6 Nov, latest 2 on 6 Nov, lowest 2, highest 4.");
    expect(desc).toContain("Pain limit: reference line at 5.");
  });

  it("offers the same numbers as a table, with missing days marked 'no entry'", () => {
    const html = render(<TimeSeriesChart title="Pain" series={[painDuring]} valueFormat={(v) => `${v}/10`} />);
    expect(html).toContain("<details");
    expect(html).toContain("<summary>Show data as a table</summary>");
    // The table scrolls in its own box on a phone: a named region in the tab order, so it scrolls from the keyboard.
    expect(html).toContain('<div class="sw-chart__table-wrap" role="region" aria-label="Pain: data" tabindex="0">');
    const rows = [...html.matchAll(/<tr><th scope="row">([^<]*)<\/th><td>(.*?)<\/td><\/tr>/g)].map((m) => [
      m[1],
      (m[2] as string).replace(/<[^>]+>/g, ""),
    ]);
    expect(rows).toEqual([
      ["Mon 2 Nov", "4/10"],
      ["Tue 3 Nov", "3/10"],
      ["Wed 4 Nov", "–no entry"],
      ["Thu 5 Nov", "2/10"],
      ["Fri 6 Nov", "2/10"],
    ]);
  });

  it("exports a stylesheet link for routes", () => {
    expect(chartLinks).toHaveLength(1);
    expect(chartLinks[0]).toMatchObject({ rel: "stylesheet" });
  });
});
