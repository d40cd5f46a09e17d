import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/**
 * The folder holding PostgreSQL's server programs (initdb, pg_ctl) for the throwaway test cluster: PG_BIN_DIR, then
 * /usr/local/bin, then Debian's /usr/lib/postgresql/<newest>/bin. Null when there is none.
 */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.PG_BIN_DIR) return existsSync(path.join(env.PG_BIN_DIR, "initdb")) ? env.PG_BIN_DIR : null;
  const debianRoot = "/usr/lib/postgresql";
  const debian = existsSync(debianRoot)
    ? readdirSync(debianRoot)
        .filter((version) => /^\d+$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => path.join(debianRoot, version, "bin"))
    : [];
  return ["/usr/local/bin", ...debian].find((dir) => existsSync(path.join(dir, "initdb"))) ?? null;
}
