/**
 * Questionnaire scoring (clinical-reference §7). The app stores the raw answers and the score; the engine's
 * questionnaire criterion reads the score as a measurement. Each scorer throws a RangeError naming the bad item,
 * and each has a zod schema (VISA-P shares VISA-A's) so a form can validate the same way.
 *
 * VISA-A (Robinson et al., BJSM 2001;35:335): 8 items; items 1–7 score 0–10, item 8 scores 0–30; total 0–100,
 * 100 = no symptoms. The printed item 8 has three branches (A: no pain while training, B: pain but can train,
 * C: pain stops training) each with its own minutes scale; only one branch is answered and its score is item 8's
 * score. We store that single 0–30 value, so the branch choice lives in the raw answers, not in the score.
 * Item 7 is printed with the choices 0, 4, 7, 10; any integer 0–10 is accepted so variants can be entered.
 *
 * VISA-P (Visentini et al. 1998): same shape: items 1–6 0–10, item 7 0–10, item 8 0–30 (branches as VISA-A);
 * total 0–100. MCID 13.
 *
 * LEFS (Binkley et al., Phys Ther 1999;79:371): 20 items 0–4 (4 = no difficulty); total 0–80; MCID 9.
 *
 * PSFS (Stratford et al. 1995): 3–5 patient-named activities, each 0–10 (10 = able to do it as before injury);
 * score = mean; MCID ≈ 2.
 *
 * The item shapes and score ranges are defined once in instruments.ts (zod-free, for the browser's forms too).
 */
import * as z from "zod";
import { LEFS_ITEMS, PSFS_ACTIVITIES, VISA_ITEM_MAXIMA } from "./instruments";

const item = (max: number) => z.number().int().min(0).max(max);
/** One item schema per entry of a tuple of maxima, keeping the tuple's length in the type. */
const itemsOf = <T extends readonly number[]>(maxima: T) =>
  maxima.map(item) as unknown as { -readonly [K in keyof T]: z.ZodNumber };

export const VisaAAnswersSchema = z.tuple(itemsOf(VISA_ITEM_MAXIMA));
export const LefsAnswersSchema = z.array(item(LEFS_ITEMS.max)).length(LEFS_ITEMS.count);
export const PsfsAnswersSchema = z
  .array(item(PSFS_ACTIVITIES.itemMax))
  .min(PSFS_ACTIVITIES.min)
  .max(PSFS_ACTIVITIES.max);

function checkItems(name: string, answers: readonly number[], maxima: readonly number[]): void {
  if (answers.length !== maxima.length) {
    throw new RangeError(`${name} needs ${maxima.length} answers, got ${answers.length}`);
  }
  answers.forEach((a, i) => {
    if (!Number.isInteger(a) || a < 0 || a > maxima[i]!) {
      throw new RangeError(`${name} item ${i + 1} must be a whole number 0–${maxima[i]}, got ${a}`);
    }
  });
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** VISA-A total 0–100 from 8 item scores (item 8 = the answered branch's 0–30 score). */
export function scoreVisaA(answers: readonly number[]): number {
  checkItems("VISA-A", answers, VISA_ITEM_MAXIMA);
  return sum(answers);
}

/** VISA-P total 0–100 from 8 item scores (items 1–7 0–10, item 8 0–30). */
export function scoreVisaP(answers: readonly number[]): number {
  checkItems("VISA-P", answers, VISA_ITEM_MAXIMA);
  return sum(answers);
}

/** LEFS total 0–80 from 20 items scored 0–4. */
export function scoreLefs(answers: readonly number[]): number {
  checkItems("LEFS", answers, new Array<number>(LEFS_ITEMS.count).fill(LEFS_ITEMS.max));
  return sum(answers);
}

/** PSFS: mean of 3–5 activity scores 0–10, rounded to 2 decimals. */
export function scorePsfs(answers: readonly number[]): number {
  if (answers.length < PSFS_ACTIVITIES.min || answers.length > PSFS_ACTIVITIES.max) {
    throw new RangeError(
      `PSFS needs ${PSFS_ACTIVITIES.min} to ${PSFS_ACTIVITIES.max} activities, got ${answers.length}`,
    );
  }
  checkItems("PSFS", answers, new Array<number>(answers.length).fill(PSFS_ACTIVITIES.itemMax));
  return Math.round((sum(answers) / answers.length) * 100) / 100;
}
