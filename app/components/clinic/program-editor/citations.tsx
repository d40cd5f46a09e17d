import { useFieldArray } from "react-hook-form";
import { TextField } from "~/components/forms/fields.tsx";
import { Button } from "~/components/ui/button.tsx";
import { shortId } from "./short-id.ts";
import type { ProgramForm } from "./editor-form.ts";

/** The program's references, which stages and exercises cite by id. */
export function Citations({ form }: { form: ProgramForm }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "citations", keyName: "key" });
  return (
    <div className="stack">
      {fields.length === 0 ? (
        <p className="muted small">No citations yet. Numbers you set yourself are your clinic's reading.</p>
      ) : null}
      {fields.map((f, i) => (
        <fieldset key={f.key} className="editor-block">
          <legend>Citation {i + 1}</legend>
          <div className="editor-fields editor-fields--wide">
            <TextField form={form} name={`citations.${i}.id`} label="Id" />
            <TextField form={form} name={`citations.${i}.authors`} label="Authors" />
            <TextField form={form} name={`citations.${i}.year`} label="Year" inputMode="numeric" />
            <TextField form={form} name={`citations.${i}.title`} label="Title" />
            <TextField form={form} name={`citations.${i}.journal`} label="Journal" />
            <TextField form={form} name={`citations.${i}.note`} label="Note (optional)" />
          </div>
          <div>
            <Button variant="ghost" size="small" onClick={() => remove(i)}>
              Remove citation
            </Button>
          </div>
        </fieldset>
      ))}
      <div>
        <Button
          variant="secondary"
          size="small"
          onClick={() => {
            form.rowAdded(`citations.${fields.length}`);
            append({ id: `ref-${shortId()}`, authors: "", year: "", title: "", journal: "", note: "" });
          }}
        >
          Add a citation
        </Button>
      </div>
    </div>
  );
}
