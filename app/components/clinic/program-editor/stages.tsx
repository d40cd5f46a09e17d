import { useFieldArray } from "react-hook-form";
import { Button } from "~/components/ui/button.tsx";
import { blankStage } from "~/schemas/program-form/blank-values.ts";
import { Stage } from "./stage.tsx";
import type { ProgramForm } from "./editor-form.ts";

/** The program's stages in order, each movable and removable, and a button to add one. */
export function Stages({ form }: { form: ProgramForm }) {
  const stages = useFieldArray({ control: form.control, name: "stages", keyName: "key" });
  return (
    <>
      {stages.fields.map((f, i) => (
        <Stage
          key={f.key}
          form={form}
          index={i}
          count={stages.fields.length}
          onMove={(to) => stages.move(i, to)}
          onRemove={() => stages.remove(i)}
        />
      ))}
      {form.errorFor("stages") ? <p className="field__error">{form.errorFor("stages")}</p> : null}
      <div>
        <Button
          variant="secondary"
          onClick={() => {
            form.rowAdded(`stages.${stages.fields.length}`);
            stages.append(blankStage(), { focusName: `stages.${stages.fields.length}.name` });
          }}
        >
          Add a stage
        </Button>
      </div>
    </>
  );
}
