/**
 * How the program editor describes a field it draws from data (a criterion's settings, an exercise's dose): its
 * name in the form values, its label, and which control edits it.
 */

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
