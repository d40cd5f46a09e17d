// Form values name nested settings with dots ("conditions.maxPainDuring"), as react-hook-form does.

type Values = Record<string, unknown>;

/** Reads a dotted name ("conditions.maxPainDuring") from nested form values. */
export function at(obj: unknown, name: string): unknown {
  let v: unknown = obj;
  for (const part of name.split(".")) v = v && typeof v === "object" ? (v as Values)[part] : undefined;
  return v;
}

/** Writes a value at a name's parts (["conditions", "maxPainDuring"]), making the objects on the way. */
export function put(obj: Values, parts: string[], value: unknown): void {
  let target = obj;
  for (const part of parts.slice(0, -1)) {
    if (!target[part] || typeof target[part] !== "object") target[part] = {};
    target = target[part] as Values;
  }
  target[parts[parts.length - 1]!] = value;
}
