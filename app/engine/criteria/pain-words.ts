import type { PainMetric } from "../schema";

/** Patient words for a pain metric. */
export function painSubject(metric: PainMetric, test?: string): string {
  switch (metric) {
    case "during":
      return "pain during exercise";
    case "after":
      return "pain after exercise";
    case "next_morning":
      return "pain the next morning";
    case "stiffness":
      return "morning stiffness";
    case "at_rest":
      return "pain at rest";
    case "test":
      return `pain on the ${(test ?? "test").replace(/_/g, " ")} test`;
  }
}

/** Clinician label fragment for a pain metric. */
export function painMetricLabel(metric: PainMetric, test?: string): string {
  switch (metric) {
    case "during":
      return "Pain during";
    case "after":
      return "Pain after";
    case "next_morning":
      return "Next-morning pain";
    case "stiffness":
      return "Morning stiffness";
    case "at_rest":
      return "Pain at rest";
    case "test":
      return `${(test ?? "test").replace(/_/g, " ")} test pain`;
  }
}
