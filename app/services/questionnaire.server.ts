import { INSTRUMENT_OF_KIND, VISA_A, VISA_P, type QuestionnaireKind } from "~/content/questionnaires.ts";
import type { DB } from "~/db/client.server.ts";
import { INSTRUMENT_SCORE_RANGES, scoreLefs, scorePsfs, scoreVisaA, scoreVisaP } from "~/engine/index.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { insertMeasurements, listMeasurementsForPlan } from "~/models/patient-measurement.server.ts";
import type { LefsForm, PsfsForm, VisaForm } from "~/schemas/questionnaires.ts";
import { evaluatePlan } from "~/services/evaluation.server.ts";
import { loadPatientPlan, type PatientUser } from "~/services/patient-plan.server.ts";

export type QuestionnaireAnswers =
  { kind: "visa-a" | "visa-p"; form: VisaForm } | { kind: "lefs"; form: LefsForm } | { kind: "psfs"; form: PsfsForm };

/** Item scores and raw answers for storage, scored by the engine's scorer for the instrument. */
function scoreAnswers(a: QuestionnaireAnswers): { score: number; answers: unknown } {
  switch (a.kind) {
    case "visa-a":
    case "visa-p": {
      const content = a.kind === "visa-a" ? VISA_A : VISA_P;
      const branch = content.item8.branches.find((b) => b.value === a.form.item8Branch)!;
      const item8 = branch.scores[a.form.item8Minutes]!;
      const itemScores = [...a.form.items, item8];
      const score = a.kind === "visa-a" ? scoreVisaA(itemScores) : scoreVisaP(itemScores);
      return {
        score,
        answers: { items: itemScores, item8: { branch: a.form.item8Branch, minutesChoice: a.form.item8Minutes } },
      };
    }
    case "lefs":
      return { score: scoreLefs(a.form.items), answers: { items: a.form.items } };
    case "psfs":
      return { score: scorePsfs(a.form.activities.map((x) => x.score)), answers: { activities: a.form.activities } };
  }
}

/** What the stage's gates ask of this questionnaire (shown above the form), and the patient's earlier scores. */
export async function questionnaireView(db: DB, patient: PatientUser, kind: QuestionnaireKind) {
  const current = await loadPatientPlan(db, patient);
  if (!current) return null;
  const measure = INSTRUMENT_OF_KIND[kind];
  const asked = current.stage.gates
    .filter((g) => g.kind === "questionnaire" && (g.measure ?? g.instrument) === measure)
    .map((g) => g.patientText ?? null)
    .filter((t): t is string => t !== null);
  const previous = await listMeasurementsForPlan(db, current.plan.id, [measure], 6);
  return {
    asked,
    previous: previous.map((m) => ({ id: m.id, date: m.measured_on, value: m.value })),
    max: INSTRUMENT_SCORE_RANGES[measure].max,
  };
}

export async function saveQuestionnaire(db: DB, patient: PatientUser, answers: QuestionnaireAnswers) {
  const current = await loadPatientPlan(db, patient);
  if (!current) return null;
  const { plan, today } = current;
  const { score, answers: raw } = scoreAnswers(answers);
  const measure = INSTRUMENT_OF_KIND[answers.kind];
  const [id] = await db.transaction().execute(async (trx) => {
    const ids = await insertMeasurements(trx, plan, patient.id, today, [
      { measure, side: null, value: score, answers: raw },
    ]);
    await recordAudit(trx, {
      clinicId: plan.clinic_id,
      actor: patient,
      action: "measurement.questionnaire",
      entityType: "measurement",
      entityId: ids[0]!,
      planId: plan.id,
      detail: { measure, score, date: today },
    });
    return ids;
  });
  if (plan.status === "active") await evaluatePlan(db, { plan, timeZone: patient.time_zone, actor: patient, today });
  return { id: id!, score, measure };
}
