type SeriesPoint = { date: string /* YYYY-MM-DD */; value: number | null };
export type SeriesTone = "primary" | "secondary" | "tertiary" | "muted" | "danger";
export type Series = {
  id: string;
  label: string;
  points: SeriesPoint[];
  tone?: SeriesTone;
  dashed?: boolean;
  /** Draw a marker on every value. Default: on when the series has at most 45 values. */
  showPoints?: boolean;
  /**
   * Break the line when two consecutive points are more than this many days apart, even without an explicit null.
   * Default: 1 for daily series (median spacing of one day), so an unlogged day is a gap; no limit for sparser
   * series such as weekly capacity tests, whose points are joined.
   */
  maxGapDays?: number;
};
/** A shaded date range, e.g. a stage. `to` is inclusive. Labels that don't fit are clipped at the band's edge;
 * `shortLabel` (e.g. "S2") is shown instead on narrow screens. */
export type DateBand = { from: string; to: string; label: string; shortLabel?: string };
/** A horizontal reference line, e.g. the program's pain limit. */
export type Threshold = { value: number; label: string; tone?: "caution" | "danger" | "muted" };
