/**
 * How the program editor describes a field it draws from data (a criterion's settings, an exercise's dose): its
 * name in the form values, its label, and which control edits it.
 */

/**
 * "multi": several of `options` (a checkbox group; posted as repeated keys, read as a list). "stageTest": one of the
 * stage's tests, by name. "capacityMeasure": one of the capacity tests the plan page records, by name. "stageExercise": one of
 * the stage's exercises, by name. "hiddenId": an
 * id never shown, made from the field named by `from` when blank (a sign-off's item from what the clinician confirms).
 */
type FieldType =
  | "text"
  | "number"
  | "select"
  | "bool"
  | "window"
  | "multi"
  | "stageTest"
  | "capacityMeasure"
  | "stageExercise"
  | "hiddenId";
export type FieldSpec = {
  name: string;
  label: string;
  type: FieldType;
  options?: readonly string[];
  optional?: boolean;
  hint?: string;
  /** "hiddenId": the field whose words make the id. */
  from?: string;
};
