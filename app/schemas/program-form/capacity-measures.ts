import { MEASURE_NAMES } from "~/engine/measure-names.ts";

/** The capacity tests a plan's "Record test" form offers (by name), so a capacity gate is chosen from them. */
export const CAPACITY_MEASURES = Object.keys(MEASURE_NAMES).filter((m) => /_(reps|nm|cm|s|kg)$/.test(m));

/** A capacity test's name for a choice list: the known name, or its id read aloud (a clinic's own test). */
export const capacityMeasureLabel = (id: string) => MEASURE_NAMES[id] ?? id.replace(/_/g, " ");
