/** A short random suffix for the id of a row the clinician adds ("exercise-k3x9q"); they may rename it. */
export const shortId = () => Math.random().toString(36).slice(2, 7);
