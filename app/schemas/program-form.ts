/**
 * The program editor's form schema. Forms post strings; this converts the posted (or react-hook-form) values into
 * the engine's Program shape and then validates with the ENGINE's ProgramSchema — the one authority on what a valid
 * program is. Field names mirror the program's own paths (stages.0.gates.1.threshold), so the engine's issue paths
 * land on the right field (nested settings too: stages.0.gates.1.conditions.maxPainDuring). Parts the editor has no
 * dedicated field for (patient wording, sources) are carried through in a hidden `_rest` JSON. The prescription's and
 * each exercise's clinician-only `source` has two fields, `sourceNote` and `sourceOurs`; its citation links ride in
 * `_rest`.
 */
import * as z from "zod";
import { ProgramSchema, QUESTIONNAIRES, type Criterion, type Program, type Source } from "~/engine/index.ts";

type Raw = Record<string, unknown>;
/** "multi": several of `options` (a checkbox group; posted as repeated keys, read as a list). */
type FieldType = "text" | "number" | "select" | "bool" | "window" | "multi";
export type FieldSpec = {
  name: string;
  label: string;
  type: FieldType;
  options?: readonly string[];
  optional?: boolean;
  hint?: string;
};

const COMPARATORS = ["lte", "lt", "gte", "gt", "eq"] as const;
const SCOPES = ["stage", "plan"] as const;
const PAIN_METRICS = ["during", "after", "next_morning", "at_rest", "stiffness", "test"] as const;
const SORENESS_LEVELS = ["none", "warmup_resolved", "warmup_persisted", "after_1h_or_next_day"] as const;
const SWELLING_GRADES = ["none", "trace", "1+", "2+", "3+"] as const;
export const COMPARATOR_LABELS: Record<string, string> = {
  lte: "≤ at most",
  lt: "< below",
  gte: "≥ at least",
  gt: "> above",
  eq: "= exactly",
};
/** Clinician wording for option values whose id alone is unclear (others show the id with spaces). */
export const OPTION_LABELS: Record<string, Record<string, string>> = {
  soreness: {
    none: "no soreness",
    warmup_resolved: "sore at warm-up, gone after it",
    warmup_persisted: "sore at warm-up, and it stayed",
    after_1h_or_next_day: "sore over 1 h after, or the next day",
  },
  baseline: { pre_session: "that session day's morning report", fixed: "a fixed value" },
};

/** Dedicated fields for every criterion kind of the engine. A dotted name (conditions.maxPainDuring) is a nested setting. */
export const CRITERION_FIELDS = {
  pain: [
    { name: "metric", label: "Pain measured", type: "select", options: PAIN_METRICS },
    { name: "test", label: "Test name (metric 'test')", type: "text", optional: true },
    { name: "aggregate", label: "Over the window take", type: "select", options: ["max", "latest", "mean"] },
    { name: "window", label: "Window", type: "window" },
    {
      name: "comparator",
      label: "Comparison",
      type: "select",
      options: COMPARATORS,
      optional: true,
      hint: "Blank: from the pain model",
    },
    {
      name: "threshold",
      label: "Threshold (0–10)",
      type: "number",
      optional: true,
      hint: "Blank: the pain model's limit",
    },
    { name: "minSamples", label: "Minimum values", type: "number", optional: true },
    { name: "scope", label: "History", type: "select", options: SCOPES, optional: true },
  ],
  capacity: [
    { name: "measure", label: "Measure id", type: "text", hint: "e.g. single_hop_cm" },
    { name: "mode", label: "Mode", type: "select", options: ["lsi", "absolute", "change_from_baseline"] },
    {
      name: "side",
      label: "Side (absolute/change)",
      type: "select",
      options: ["involved", "uninvolved"],
      optional: true,
    },
    { name: "lowerIsBetter", label: "Lower is better (timed)", type: "bool", optional: true },
    { name: "comparator", label: "Comparison", type: "select", options: COMPARATORS },
    { name: "threshold", label: "Threshold", type: "number" },
    { name: "unit", label: "Unit", type: "text", optional: true },
    { name: "maxAgeDays", label: "Max age (days)", type: "number", optional: true },
    { name: "scope", label: "History", type: "select", options: SCOPES, optional: true },
  ],
  questionnaire: [
    { name: "instrument", label: "Questionnaire", type: "select", options: QUESTIONNAIRES },
    { name: "measure", label: "Measure id (custom)", type: "text", optional: true },
    { name: "mode", label: "Mode", type: "select", options: ["absolute", "change_from_baseline"] },
    { name: "comparator", label: "Comparison", type: "select", options: COMPARATORS },
    { name: "threshold", label: "Threshold", type: "number" },
    { name: "maxAgeDays", label: "Max age (days)", type: "number", optional: true },
    { name: "scope", label: "History", type: "select", options: SCOPES, optional: true },
  ],
  time: [
    {
      name: "from",
      label: "Counted from",
      type: "select",
      options: ["stage_entry", "plan_start", "injury", "surgery", "last_regress"],
    },
    {
      name: "comparator",
      label: "Comparison",
      type: "select",
      options: COMPARATORS,
      optional: true,
      hint: "Blank: at least",
    },
    { name: "days", label: "Days", type: "number" },
  ],
  adherence: [
    { name: "windowDays", label: "Window (days)", type: "number" },
    {
      name: "comparator",
      label: "Comparison",
      type: "select",
      options: COMPARATORS,
      optional: true,
      hint: "Blank: at least",
    },
    { name: "threshold", label: "Sessions done (%)", type: "number" },
    { name: "perWeek", label: "Sessions a week", type: "number", optional: true, hint: "Blank: the stage's frequency" },
    { name: "partialCredit", label: "Credit for partial (0–1)", type: "number", optional: true },
    { name: "scope", label: "History", type: "select", options: SCOPES, optional: true },
  ],
  signoff: [
    { name: "itemId", label: "Item id", type: "text", hint: "e.g. clinical_exam_clear" },
    { name: "prompt", label: "What the clinician confirms", type: "text" },
    { name: "validDays", label: "Valid for (days)", type: "number", optional: true },
    { name: "scope", label: "History", type: "select", options: SCOPES, optional: true },
  ],
  swelling: [
    { name: "aggregate", label: "Over the window take", type: "select", options: ["max", "latest"] },
    { name: "window", label: "Window", type: "window" },
    { name: "comparator", label: "Comparison", type: "select", options: COMPARATORS },
    { name: "grade", label: "Grade (stroke test)", type: "select", options: SWELLING_GRADES },
    { name: "scope", label: "History", type: "select", options: SCOPES, optional: true },
  ],
  settle: [
    { name: "window", label: "Window", type: "window", hint: "Sessions looked at; each needs its next-morning report" },
    { name: "baseline", label: "Compared with", type: "select", options: ["pre_session", "fixed"] },
    {
      name: "baselineValue",
      label: "Fixed baseline (0–10)",
      type: "number",
      optional: true,
      hint: "Only when compared with a fixed value",
    },
    {
      name: "tolerance",
      label: "Allowed rise over baseline (0–10)",
      type: "number",
      optional: true,
      hint: "Blank: the pain model's tolerance, else 0",
    },
    {
      name: "expect",
      label: "Met when",
      type: "select",
      options: ["settled", "not_settled"],
      optional: true,
      hint: "Blank: settled (gates); 'not settled' for regress rules",
    },
    { name: "minSamples", label: "Minimum sessions", type: "number", optional: true },
    { name: "scope", label: "History", type: "select", options: SCOPES, optional: true },
  ],
  trend: [
    { name: "metric", label: "Pain measured", type: "select", options: PAIN_METRICS },
    { name: "test", label: "Test name (metric 'test')", type: "text", optional: true },
    {
      name: "maxRise",
      label: "Allowed weekly rise",
      type: "number",
      optional: true,
      hint: "This week's mean over last week's; blank: 0",
    },
    {
      name: "expect",
      label: "Met when",
      type: "select",
      options: ["not_rising", "rising"],
      optional: true,
      hint: "Blank: not rising (gates); 'rising' for regress rules",
    },
    { name: "minSamplesPerWeek", label: "Minimum values a week", type: "number", optional: true, hint: "Blank: 3" },
    {
      name: "scope",
      label: "History",
      type: "select",
      options: SCOPES,
      optional: true,
      hint: "Blank: plan (a trend needs two whole weeks)",
    },
  ],
  repetitions: [
    { name: "count", label: "Sessions needed", type: "number" },
    {
      name: "restDayBetween",
      label: "Rest day between sessions",
      type: "bool",
      optional: true,
      hint: "A session the day after another does not count",
    },
    { name: "conditions.minRunningMinutes", label: "Running at least (min)", type: "number", optional: true },
    { name: "conditions.minSessionMinutes", label: "Session at least (min)", type: "number", optional: true },
    { name: "conditions.maxPainDuring", label: "Pain during at most (0–10)", type: "number", optional: true },
    { name: "conditions.maxPainAfter", label: "Pain after at most (0–10)", type: "number", optional: true },
    {
      name: "conditions.maxNextMorningPain",
      label: "Next-morning pain at most (0–10)",
      type: "number",
      optional: true,
      hint: "Waits for the next morning's report",
    },
    {
      name: "conditions.maxSwelling",
      label: "Swelling at most",
      type: "select",
      options: SWELLING_GRADES,
      optional: true,
    },
    {
      name: "conditions.soreness",
      label: "Soreness allowed",
      type: "multi",
      options: SORENESS_LEVELS,
      optional: true,
      hint: "None ticked: soreness not checked",
    },
    {
      name: "conditions.inclusive",
      label: "Pain exactly at a maximum counts",
      type: "bool",
      optional: true,
      hint: "Blank: yes",
    },
    { name: "scope", label: "History", type: "select", options: SCOPES, optional: true },
  ],
  soreness: [
    {
      name: "aggregate",
      label: "Sessions checked",
      type: "select",
      options: ["latest", "any", "all"],
      hint: "latest session, any in the window, or all of them",
    },
    { name: "window", label: "Window", type: "window" },
    {
      name: "levels",
      label: "Met when soreness is",
      type: "multi",
      options: SORENESS_LEVELS,
      hint: "Tick one or more (Delaware soreness rules)",
    },
    { name: "scope", label: "History", type: "select", options: SCOPES, optional: true },
  ],
} as const satisfies Record<string, readonly FieldSpec[]>;

export type DedicatedKind = keyof typeof CRITERION_FIELDS;
export const CRITERION_KINDS = Object.keys(CRITERION_FIELDS) as DedicatedKind[];
export const isDedicated = (kind: unknown): kind is DedicatedKind =>
  typeof kind === "string" && kind in CRITERION_FIELDS;

const EXERCISE_FIELDS: FieldSpec[] = [
  { name: "id", label: "Id", type: "text" },
  { name: "name", label: "Exercise", type: "text" },
  { name: "sets", label: "Sets", type: "number", optional: true },
  { name: "setsMax", label: "Sets (max)", type: "number", optional: true },
  { name: "reps", label: "Reps", type: "number", optional: true },
  { name: "repsMax", label: "Reps (max)", type: "number", optional: true },
  { name: "holdSeconds", label: "Hold (s)", type: "number", optional: true },
  { name: "tempo", label: "Tempo", type: "text", optional: true },
  { name: "perWeek", label: "Per week", type: "number", optional: true },
  { name: "side", label: "Side", type: "select", options: ["both", "involved", "uninvolved"] },
  {
    name: "notes",
    label: "Notes for the patient",
    type: "text",
    optional: true,
    hint: "Plain instructions; no sources",
  },
];
export { EXERCISE_FIELDS };

// ---------------------------------------------------------------------------------------------------------------
// Form values → engine shape
// ---------------------------------------------------------------------------------------------------------------

type Issue = { path: (string | number)[]; message: string };

class Converter {
  issues: Issue[] = [];

  text(v: unknown): string | undefined {
    if (typeof v !== "string") return v === undefined || v === null ? undefined : String(v);
    const t = v.trim();
    return t === "" ? undefined : t;
  }
  number(v: unknown, path: (string | number)[]): number | undefined {
    if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
    const t = this.text(v);
    if (t === undefined) return undefined;
    const n = Number(t.replace(",", "."));
    if (!Number.isFinite(n)) {
      this.issues.push({ path, message: "Enter a number" });
      return undefined;
    }
    return n;
  }
  /** A checkbox group: repeated keys post as a list, a single ticked box as one string, none as nothing. */
  multi(v: unknown): string[] | undefined {
    const values = (Array.isArray(v) ? v : v && typeof v === "object" ? Object.values(v) : [v])
      .map((x) => this.text(x))
      .filter((x): x is string => x !== undefined && x !== "false" && x !== "true");
    return values.length ? [...new Set(values)] : undefined;
  }
  bool(v: unknown): boolean | undefined {
    if (typeof v === "boolean") return v;
    const t = this.text(v);
    return t === "true" ? true : t === "false" ? false : undefined;
  }
  rest(v: unknown, path: (string | number)[]): Raw {
    const t = this.text(v);
    if (!t) return {};
    try {
      const parsed = JSON.parse(t) as unknown;
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Raw) : {};
    } catch {
      this.issues.push({ path, message: "This must be valid JSON" });
      return {};
    }
  }
  list(v: unknown): Raw[] {
    if (Array.isArray(v)) return v.filter((x): x is Raw => Boolean(x) && typeof x === "object");
    // formDataToObject may produce an object with numeric keys when indices are sparse.
    if (v && typeof v === "object")
      return Object.keys(v)
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => (v as Record<string, Raw>)[k]!);
    return [];
  }
  field(spec: FieldSpec, raw: Raw, path: (string | number)[]): [string, unknown] | null {
    let value: unknown;
    if (spec.type === "window") {
      const count = this.number(raw.windowCount, [...path, "windowCount"]);
      const unit = this.text(raw.windowUnit) === "sessions" ? "sessions" : "days";
      value = count === undefined ? undefined : { [unit]: count };
    } else if (spec.type === "number") value = this.number(at(raw, spec.name), [...path, ...spec.name.split(".")]);
    else if (spec.type === "bool") value = this.bool(at(raw, spec.name));
    else if (spec.type === "multi") value = this.multi(at(raw, spec.name));
    else value = this.text(at(raw, spec.name));
    if (value === undefined) return spec.optional ? null : [spec.name, undefined];
    return [spec.name, value];
  }
  fields(specs: readonly FieldSpec[], raw: Raw, path: (string | number)[]): Raw {
    const out: Raw = {};
    for (const spec of specs) {
      const parts = spec.name.split(".");
      // A nested settings object (repetitions' conditions) is always present, even with every setting blank.
      if (parts.length > 1)
        put(out, parts.slice(0, -1), (at(out, parts.slice(0, -1).join(".")) as Raw | undefined) ?? {});
      const entry = this.field(spec, raw, path);
      if (entry && entry[1] !== undefined) put(out, parts, entry[1]);
    }
    return out;
  }

  /**
   * The clinician-only `source` of a prescription or exercise: `sourceNote` and `sourceOurs` from their fields, any
   * other part (citationIds) from the hidden `_rest` (taken out of `rest`). Nothing set → no `source` at all.
   */
  source(raw: Raw, rest: Raw): { source?: Raw } {
    const carried =
      rest.source && typeof rest.source === "object" && !Array.isArray(rest.source) ? (rest.source as Raw) : {};
    delete rest.source;
    const { note: _note, ours: _ours, ...links } = carried;
    const note = this.text(raw.sourceNote);
    const ours = this.bool(raw.sourceOurs);
    const source = { ...links, ...(ours !== undefined ? { ours } : {}), ...(note !== undefined ? { note } : {}) };
    return Object.keys(source).length > 0 ? { source } : {};
  }

  criterion(raw: Raw, path: (string | number)[]): Raw {
    const kind = this.text(raw.kind);
    const common = { id: this.text(raw.id), kind, ...(this.text(raw.label) ? { label: this.text(raw.label) } : {}) };
    const rest = this.rest(raw._rest, [...path, "_rest"]);
    // An unknown kind is left for the engine to reject on the kind field.
    return { ...rest, ...common, ...(isDedicated(kind) ? this.fields(CRITERION_FIELDS[kind], raw, path) : {}) };
  }

  program(raw: Raw): Raw {
    const pm = (raw.painModel ?? {}) as Raw;
    const nullableScore = (v: unknown, p: (string | number)[]) => this.number(v, p) ?? null;
    return {
      ...this.rest(raw._rest, ["_rest"]),
      id: this.text(raw.id),
      version: this.number(raw.version, ["version"]) ?? 1,
      name: this.text(raw.name),
      condition: this.text(raw.condition),
      summary: this.text(raw.summary),
      ...(this.text(raw.notes) ? { notes: this.text(raw.notes) } : {}),
      ...(this.number(raw.minDaysAfterRegress, ["minDaysAfterRegress"]) !== undefined
        ? { minDaysAfterRegress: this.number(raw.minDaysAfterRegress, ["minDaysAfterRegress"]) }
        : {}),
      painModel: {
        ...this.rest(pm._rest, ["painModel", "_rest"]),
        name: this.text(pm.name),
        duringMax: nullableScore(pm.duringMax, ["painModel", "duringMax"]),
        afterMax: nullableScore(pm.afterMax, ["painModel", "afterMax"]),
        inclusive: this.bool(pm.inclusive),
        settleBy: this.text(pm.settleBy),
        weekOnWeek: this.text(pm.weekOnWeek),
        redFlagPain: this.number(pm.redFlagPain, ["painModel", "redFlagPain"]),
      },
      citations: this.list(raw.citations).map((c, i) => ({
        ...(this.text(c.note) ? { note: this.text(c.note) } : {}),
        id: this.text(c.id),
        authors: this.text(c.authors),
        year: this.number(c.year, ["citations", i, "year"]),
        title: this.text(c.title),
        journal: this.text(c.journal),
      })),
      stages: this.list(raw.stages).map((s, si) => {
        const sp = ["stages", si];
        const pr = (s.prescription ?? {}) as Raw;
        const prescriptionRest = this.rest(pr._rest, [...sp, "prescription", "_rest"]);
        const prescriptionSource = this.source(pr, prescriptionRest);
        return {
          ...this.rest(s._rest, [...sp, "_rest"]),
          id: this.text(s.id),
          name: this.text(s.name),
          goal: this.text(s.goal),
          instructions: this.text(s.instructions),
          minDays: this.number(s.minDays, [...sp, "minDays"]) ?? 0,
          ...(this.text(s.notes) ? { notes: this.text(s.notes) } : {}),
          prescription: {
            ...prescriptionRest,
            ...prescriptionSource,
            ...(this.number(pr.frequencyPerWeek, [...sp, "prescription", "frequencyPerWeek"]) !== undefined
              ? { frequencyPerWeek: this.number(pr.frequencyPerWeek, [...sp, "prescription", "frequencyPerWeek"]) }
              : {}),
            ...(this.text(pr.notes) ? { notes: this.text(pr.notes) } : {}),
            exercises: this.list(pr.exercises).map((e, ei) => {
              const ep = [...sp, "prescription", "exercises", ei];
              const loadText = this.text(e.loadText);
              const rest = this.rest(e._rest, [...ep, "_rest"]);
              const load = loadText ? { ...((rest.load as Raw | undefined) ?? {}), text: loadText } : undefined;
              delete rest.load;
              const source = this.source(e, rest);
              return { ...rest, ...this.fields(EXERCISE_FIELDS, e, ep), ...(load ? { load } : {}), ...source };
            }),
          },
          gates: this.list(s.gates).map((g, gi) => this.criterion(g, [...sp, "gates", gi])),
          regressRules: this.list(s.regressRules).map((r, ri) => {
            const rp = [...sp, "regressRules", ri];
            const a = (r.action ?? {}) as Raw;
            const to = this.text(a.to);
            const reduction = this.number(a.loadReductionPercent, [...rp, "action", "loadReductionPercent"]);
            return {
              ...this.rest(r._rest, [...rp, "_rest"]),
              id: this.text(r.id),
              label: this.text(r.label),
              ...(this.text(r.when) ? { when: this.text(r.when) } : {}),
              ...(this.number(r.restDays, [...rp, "restDays"]) !== undefined
                ? { restDays: this.number(r.restDays, [...rp, "restDays"]) }
                : {}),
              ...(this.text(r.patientAdvice) ? { patientAdvice: this.text(r.patientAdvice) } : {}),
              criteria: this.list(r.criteria).map((c, ci) => this.criterion(c, [...rp, "criteria", ci])),
              action: {
                to,
                ...(to === "back" ? { steps: this.number(a.steps, [...rp, "action", "steps"]) } : {}),
                ...(to === "stage" ? { stageId: this.text(a.stageId) } : {}),
                ...(reduction !== undefined ? { loadReductionPercent: reduction } : {}),
              },
            };
          }),
        };
      }),
    };
  }
}

/** Reads a dotted name ("conditions.maxPainDuring") from nested form values. */
function at(obj: unknown, name: string): unknown {
  let v: unknown = obj;
  for (const part of name.split(".")) v = v && typeof v === "object" ? (v as Raw)[part] : undefined;
  return v;
}
function put(obj: Raw, parts: string[], value: unknown): void {
  let target = obj;
  for (const part of parts.slice(0, -1)) {
    if (!target[part] || typeof target[part] !== "object") target[part] = {};
    target = target[part] as Raw;
  }
  target[parts[parts.length - 1]!] = value;
}

/** Names of checkbox-group fields: an issue on one ticked value (levels.1) shows on the group. */
const MULTI_NAMES = new Set(
  Object.values(CRITERION_FIELDS as Record<string, readonly FieldSpec[]>).flatMap((specs) =>
    specs.filter((s) => s.type === "multi").map((s) => s.name.split(".").pop()!),
  ),
);

/** The engine's issue path → the form field that shows it. */
function fieldPath(path: PropertyKey[]): (string | number)[] {
  const p = path.map((x) => (typeof x === "symbol" ? String(x) : x));
  const w = p.lastIndexOf("window");
  if (w >= 0) return [...p.slice(0, w), "windowCount"];
  const last = p.length - 1;
  if (typeof p[last] === "number" && MULTI_NAMES.has(String(p[last - 1]))) return p.slice(0, last);
  return p;
}

export function formToProgram(raw: unknown): { program: Raw; issues: Issue[] } {
  const converter = new Converter();
  const program = converter.program((raw && typeof raw === "object" ? raw : {}) as Raw);
  return { program, issues: converter.issues };
}

/** Used by react-hook-form (zodResolver) in the browser and by parseForm in the action. Output: a valid Program. */
export const ProgramFormSchema = z.unknown().transform((raw, ctx): Program => {
  const { program, issues } = formToProgram(raw);
  const seen = new Set<string>();
  for (const issue of issues) {
    seen.add(issue.path.join("."));
    ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  }
  const result = ProgramSchema.safeParse(program);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = fieldPath(issue.path);
      if (seen.has(path.join("."))) continue;
      ctx.addIssue({ code: "custom", path, message: friendly(issue.message) });
    }
    return z.NEVER;
  }
  if (issues.length > 0) return z.NEVER;
  return result.data;
});

function friendly(message: string): string {
  if (/received undefined/.test(message)) return "Required";
  if (/expected string, received/.test(message) || /Too small: expected string to have >=1/.test(message))
    return "Required";
  return message;
}

// ---------------------------------------------------------------------------------------------------------------
// Engine shape → form values
// ---------------------------------------------------------------------------------------------------------------

const str = (v: unknown) => (v === undefined || v === null ? "" : typeof v === "boolean" ? String(v) : String(v));

function split(obj: Raw, known: string[]): { known: Raw; rest: string } {
  const rest: Raw = {};
  for (const [k, v] of Object.entries(obj)) if (!known.includes(k)) rest[k] = v;
  return { known: obj, rest: Object.keys(rest).length ? JSON.stringify(rest) : "" };
}

/** A `source`'s two edited parts as form values ("" = not set; ours "false" is kept as such). */
function sourceToForm(source: Source | undefined): { sourceNote: string; sourceOurs: string } {
  return { sourceNote: source?.note ?? "", sourceOurs: str(source?.ours) };
}

/** The object with its `source` reduced to what has no field (citation links), for the hidden `_rest`. */
function withSourceLinksOnly(obj: { source?: Source }): Raw {
  const { source, ...rest } = obj as Raw & { source?: Source };
  if (!source) return rest;
  const { note: _note, ours: _ours, ...links } = source;
  return Object.keys(links).length > 0 ? { ...rest, source: links } : rest;
}

export function criterionToForm(c: Criterion): Raw {
  const base = { id: c.id, kind: c.kind, label: c.label ?? "" };
  const specs = CRITERION_FIELDS[c.kind] as readonly FieldSpec[];
  // Top-level names the fields cover ("conditions" for conditions.*: every repetition condition has a field).
  const names = specs.map((s) => s.name.split(".")[0]!);
  const { rest } = split(c as Raw, ["id", "kind", "label", ...names]);
  const values: Raw = {};
  for (const spec of specs) {
    if (spec.type === "window") {
      const w = (c as { window?: { days?: number; sessions?: number } }).window;
      values.windowUnit = w?.sessions !== undefined ? "sessions" : "days";
      values.windowCount = str(w?.sessions ?? w?.days);
    } else if (spec.type === "multi") {
      const v = at(c, spec.name);
      put(values, spec.name.split("."), Array.isArray(v) ? v.map(String) : []);
    } else put(values, spec.name.split("."), str(at(c, spec.name)));
  }
  return { ...base, ...values, _rest: rest };
}

export function programToForm(p: Program): Raw {
  const exerciseNames = EXERCISE_FIELDS.map((f) => f.name);
  return {
    id: p.id,
    version: str(p.version),
    name: p.name,
    condition: p.condition,
    summary: p.summary,
    notes: p.notes ?? "",
    minDaysAfterRegress: str(p.minDaysAfterRegress),
    _rest: "",
    painModel: {
      name: p.painModel.name,
      duringMax: str(p.painModel.duringMax),
      afterMax: str(p.painModel.afterMax),
      inclusive: str(p.painModel.inclusive),
      settleBy: p.painModel.settleBy,
      weekOnWeek: p.painModel.weekOnWeek,
      redFlagPain: str(p.painModel.redFlagPain),
      _rest: split(p.painModel as Raw, [
        "name",
        "duringMax",
        "afterMax",
        "inclusive",
        "settleBy",
        "weekOnWeek",
        "redFlagPain",
      ]).rest,
    },
    citations: p.citations.map((c) => ({
      id: c.id,
      authors: c.authors,
      year: str(c.year),
      title: c.title,
      journal: c.journal,
      note: c.note ?? "",
    })),
    stages: p.stages.map((s) => ({
      id: s.id,
      name: s.name,
      goal: s.goal,
      instructions: s.instructions,
      minDays: str(s.minDays),
      notes: s.notes ?? "",
      _rest: split(s as Raw, [
        "id",
        "name",
        "goal",
        "instructions",
        "minDays",
        "notes",
        "prescription",
        "gates",
        "regressRules",
      ]).rest,
      prescription: {
        frequencyPerWeek: str(s.prescription.frequencyPerWeek),
        notes: s.prescription.notes ?? "",
        ...sourceToForm(s.prescription.source),
        _rest: split(withSourceLinksOnly(s.prescription), ["frequencyPerWeek", "notes", "exercises"]).rest,
        exercises: s.prescription.exercises.map((e) => ({
          ...Object.fromEntries(exerciseNames.map((n) => [n, str((e as Raw)[n])])),
          loadText: e.load?.text ?? "",
          ...sourceToForm(e.source),
          _rest: split(withSourceLinksOnly(e), [...exerciseNames]).rest,
        })),
      },
      gates: s.gates.map(criterionToForm),
      regressRules: s.regressRules.map((r) => ({
        id: r.id,
        label: r.label,
        when: r.when ?? "",
        restDays: str(r.restDays),
        patientAdvice: r.patientAdvice ?? "",
        _rest: split(r as Raw, ["id", "label", "when", "restDays", "patientAdvice", "criteria", "action"]).rest,
        criteria: r.criteria.map(criterionToForm),
        action: {
          to: r.action.to,
          steps: r.action.to === "back" ? str(r.action.steps) : "",
          stageId: r.action.to === "stage" ? r.action.stageId : "",
          loadReductionPercent: str(r.action.loadReductionPercent),
        },
      })),
    })),
  };
}

/** Blank criterion / stage / exercise rows for "add" buttons (ids prefilled so the clinician rarely types one). */
export function blankCriterion(kind: DedicatedKind, id: string): Raw {
  const defaults: Record<string, Raw> = {
    pain: { metric: "during", aggregate: "max", windowUnit: "days", windowCount: "7" },
    capacity: { measure: "", mode: "lsi", comparator: "gte", threshold: "90" },
    questionnaire: { instrument: "visa_a", mode: "absolute", comparator: "gte", threshold: "" },
    time: { from: "stage_entry", days: "14" },
    adherence: { windowDays: "14", threshold: "80" },
    signoff: { itemId: "", prompt: "" },
    swelling: { aggregate: "max", windowUnit: "days", windowCount: "7", comparator: "lte", grade: "trace" },
    settle: { windowUnit: "sessions", windowCount: "3", baseline: "pre_session" },
    trend: { metric: "next_morning", expect: "" },
    repetitions: { count: "2", conditions: { maxPainDuring: "2", soreness: [] } },
    soreness: { aggregate: "latest", windowUnit: "sessions", windowCount: "1", levels: ["warmup_persisted"] },
  };
  return { id, kind, label: "", _rest: "", ...defaults[kind] };
}

export function blankStage(n: number): Raw {
  return {
    id: `stage-${n}`,
    name: "",
    goal: "",
    instructions: "",
    minDays: "7",
    notes: "",
    _rest: "",
    prescription: { frequencyPerWeek: "", notes: "", sourceNote: "", sourceOurs: "", _rest: "", exercises: [] },
    gates: [],
    regressRules: [],
  };
}

export function blankProgram(): Raw {
  return programToForm({
    id: "new-program",
    version: 1,
    name: "",
    condition: "",
    summary: "",
    painModel: {
      name: "Pain-monitoring model",
      duringMax: 5,
      afterMax: null,
      inclusive: true,
      settleBy: "next_morning",
      weekOnWeek: "no_rise",
      redFlagPain: 7,
    },
    citations: [],
    stages: [],
  } as unknown as Program);
}
