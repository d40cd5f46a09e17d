import { doseParts, runLines, type DoseExercise, type DoseRun } from "./dose.ts";

/** Today's prescription: each exercise with its dose in plain words, and any run / walk-run. */
export function ExerciseList({
  exercises,
  run,
  involvedSide,
  notes,
}: {
  exercises: DoseExercise[];
  run: DoseRun | null;
  involvedSide: string;
  notes?: string | null;
}) {
  return (
    <div className="stack">
      {exercises.length > 0 ? (
        <ol className="exercise-list">
          {exercises.map((e) => (
            <li key={e.id} className="exercise-list__item">
              <span className="exercise-list__name">{e.name}</span>
              <span className="exercise-list__dose">{doseParts(e, involvedSide).join(" · ")}</span>
              {e.notes ? <span className="exercise-list__notes">{e.notes}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {run ? (
        <div className="run-block">
          <h3>Running</h3>
          <ul className="run-block__lines">
            {runLines(run).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {run.notes ? <p className="muted small">{run.notes}</p> : null}
        </div>
      ) : null}
      {notes ? <p className="muted small">{notes}</p> : null}
    </div>
  );
}
