import type { SwellingGrade } from "../schema";

/** Ordinal position of a swelling/effusion grade (stroke test), for comparisons. */
export const SWELLING_RANK: Record<SwellingGrade, number> = { none: 0, trace: 1, "1+": 2, "2+": 3, "3+": 4 };
