import type { ProgramFieldName, ProgramForm } from "./editor-form.ts";

/**
 * A hidden value of the editor (an id, the `_rest` JSON). It starts from the form's current value, not the page's
 * defaults, so a row added in the browser posts the id it was given (the shared HiddenField reads the defaults only).
 */
export function RowHiddenField({ form, name }: { form: ProgramForm; name: ProgramFieldName }) {
  const value = form.getValues(name);
  return (
    <input
      type="hidden"
      defaultValue={value === undefined || value === null ? "" : String(value)}
      {...form.register(name)}
    />
  );
}
