// Walk-run times: the engine stores seconds; the physio enters minutes ("1.5") or minutes and seconds ("1:30").

/** Seconds as the editor shows them: whole minutes as "2", else "m:ss" ("1:30", "0:45"). */
export function secondsToMinutesText(seconds: number | undefined): string {
  if (seconds === undefined) return "";
  if (seconds % 60 === 0) return String(seconds / 60);
  const whole = Math.floor(seconds / 60);
  const rest = Math.round((seconds - whole * 60) * 1000) / 1000;
  return `${whole}:${rest < 10 ? "0" : ""}${rest}`;
}

/** "1:30", "1.5" or "1,5" minutes → seconds; undefined for blank; NaN for what is not a time. */
export function minutesTextToSeconds(text: string | undefined): number | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  const clock = /^(\d+):([0-5]?\d(?:\.\d+)?)$/.exec(t);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const minutes = Number(t.replace(",", "."));
  return Number.isFinite(minutes) ? Math.round(minutes * 60 * 1000) / 1000 : Number.NaN;
}
