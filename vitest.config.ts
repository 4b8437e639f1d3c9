import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"], testTimeout: 30_000 } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/setup/template-database.ts"],
          // Every failed sign-in now costs a real scrypt (no shortcut for unknown accounts); a busy machine needs room.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          // The database-dependent integration tests again, on a throwaway PostgreSQL cluster (decision 0051).
          name: "integration-pg",
          include: [
            "test/integration/models/**/*.test.ts",
            "test/integration/importers/**/*.test.ts",
            "test/integration/reliability/writers-wait.test.ts",
            "test/integration/reliability/killed-import.test.ts",
            "test/integration/cache/**/*.test.ts",
            "test/integration/cli/**/*.test.ts",
            "test/integration/conduct/**/*.test.ts",
            "test/integration/standard-edges/**/*.test.ts",
            "test/integration/two-servers/**/*.test.ts",
            "test/integration/db/snapshot-reason-lists-migration.test.ts",
          ],
          globalSetup: ["test/setup/postgres-template.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Two files at a time even on two cores (vitest's default there is one): much of a file's time is spent
          // waiting on the PostgreSQL server and child processes. A pool size other than the rest needs its own
          // group, which runs after them (decision 0053).
          maxWorkers: 2,
          pool: "threads",
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          globalSetup: ["test/setup/browser-server.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
