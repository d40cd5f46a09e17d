import type { Comparator } from "./schema";

/** Relative tolerance for "equal": derived values (LSI, means) carry float noise such as 89.99999999999999. */
const EPSILON = 1e-9;

export function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
}

/** `observed <op> threshold`, treating float noise at the threshold as equality. */
export function compare(observed: number, op: Comparator, threshold: number): boolean {
  const equal = nearlyEqual(observed, threshold);
  switch (op) {
    case "lt":
      return !equal && observed < threshold;
    case "lte":
      return equal || observed < threshold;
    case "gt":
      return !equal && observed > threshold;
    case "gte":
      return equal || observed > threshold;
    case "eq":
      return equal;
  }
}

export const COMPARATOR_SYMBOL: Record<Comparator, string> = { lt: "<", lte: "≤", gt: ">", gte: "≥", eq: "=" };

/** Plain words for a requirement, e.g. requirementWords('lte', '5/10') → 'at or below 5/10'. */
export function requirementWords(op: Comparator, value: string): string {
  switch (op) {
    case "lt":
      return `below ${value}`;
    case "lte":
      return `at or below ${value}`;
    case "gt":
      return `above ${value}`;
    case "gte":
      return `at least ${value}`;
    case "eq":
      return `exactly ${value}`;
  }
}

/** Rounds away float noise for reporting (observed values are stored as reported, not as 89.99999999999999). */
export function tidy(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The sum of the values, added in order. */
export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Short human formatting: at most two decimals, no trailing zeros. */
export function fmt(value: number): string {
  return String(Math.round(value * 100) / 100);
}
