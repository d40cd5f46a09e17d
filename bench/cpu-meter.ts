/**
 * CPU time spent by the server while a target is driven, read from Linux's /proc: the event loop's thread (the
 * process's main thread) apart from the rest (SQLite's and libuv's worker threads, the garbage collector's helpers).
 * The split shows which ceiling a target meets first: one event loop, or the machine's cores.
 */
import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";

export type CpuSample = { processMs: number; mainThreadMs: number };

const TICKS_PER_SECOND = clockTicks();

function clockTicks(): number {
  try {
    return Number(execSync("getconf CLK_TCK", { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** utime + stime of a /proc stat file, in ms. Fields are counted after the command name, which may hold spaces. */
function statCpuMs(file: string): number {
  const text = readFileSync(file, "utf8");
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** The server's CPU so far, or null where /proc is not available (not Linux). */
export function sampleCpu(pid: number): CpuSample | null {
  try {
    return { processMs: statCpuMs(`/proc/${pid}/stat`), mainThreadMs: statCpuMs(`/proc/${pid}/task/${pid}/stat`) };
  } catch {
    return null;
  }
}

/** CPU per request between two samples: on the event loop, and on the server's other threads. */
export function cpuPerRequest(before: CpuSample | null, after: CpuSample | null, requests: number) {
  if (!before || !after || requests <= 0) return null;
  const main = (after.mainThreadMs - before.mainThreadMs) / requests;
  const other = (after.processMs - before.processMs) / requests - main;
  return { mainMs: main, otherMs: Math.max(0, other) };
}
