import type { TestProject } from "vitest/node";
import { startCluster } from "../support/postgres-cluster.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/** One cluster for the whole PostgreSQL run; each test file gets its own database in setup.ts. */
export default async function setup(project: TestProject) {
  const cluster = await startCluster();
  project.provide("pgAdminUrl", cluster.adminUrl);
  return () => cluster.stop();
}
