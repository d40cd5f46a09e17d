import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Projects so `npm test` can run the fast pure tests before the ones that touch SQLite files.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/unit/**/*.test.ts", "test/unit/**/*.test.tsx"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration-pg",
          include: ["test/integration/**/*.test.ts", "test/integration/**/*.test.tsx"],
          // These two are about SQLite files themselves (our driver; VACUUM INTO backups).
          exclude: ["test/integration/sqlite3-dialect.test.ts", "test/integration/backup-restore.test.ts"],
          environment: "node",
          env: { STAGEWISE_TEST_DB: "postgres" },
          globalSetup: ["test/integration/postgres-global-setup.ts"],
          setupFiles: ["test/integration/setup.ts"],
          pool: "forks",
          maxWorkers: 2,
          testTimeout: 20000,
          hookTimeout: 60000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts", "test/integration/**/*.test.tsx"],
          environment: "node",
          setupFiles: ["test/integration/setup.ts"],
          // Each file gets its own temp SQLite file; keep files in separate workers but bounded for 2 cores.
          pool: "forks",
          maxWorkers: 2,
          testTimeout: 20000,
          hookTimeout: 60000,
        },
      },
    ],
  },
});
