/** Environment variables parsed once with zod: the app fails at start-up with a clear message, never deep in a request. */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { dataDirectory, type DatabaseTarget, databaseTarget } from "../../db/connection";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().optional(),
  SESSION_SECRET: z.string().min(16, "SESSION_SECRET must be at least 16 characters").optional(),
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
  SERVER_HEAP_GROWTH_PERCENT: z
    .string()
    .default("30")
    .refine((v) => /^\d+$/.test(v.trim()) && Number(v) <= 1000, (v) => ({ message: `"${v}" is not a whole number of per cent from 0 to 1000 (0 leaves V8's own)` }))
    .transform(Number),
});

export interface AppEnv {
  port: number;
  /** The database DATABASE_URL names: a SQLite file or a PostgreSQL server. */
  database: DatabaseTarget;
  /**
   * The SQLite file; on PostgreSQL a name inside the data directory (DATA_DIR): files the app keeps on local disk
   * go in this path's folder.
   */
  databaseFile: string;
  sessionSecret: string;
  seedDemo: boolean;
  production: boolean;
  /** How far a server process's heap may grow past what is live before V8 collects (decision 0070); 0: V8's own. */
  heapGrowthPercent: number;
}

let cached: AppEnv | null = null;

export function appEnv(): AppEnv {
  cached ??= parseAppEnv(process.env);
  return cached;
}

/** The configuration in `env`, or an "Invalid configuration: …" error naming each variable that is wrong. */
export function parseAppEnv(env: Readonly<Record<string, string | undefined>>): AppEnv {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  let database: DatabaseTarget;
  try {
    database = databaseTarget(parsed.data.DATABASE_URL);
  } catch (error) {
    throw new Error(`Invalid configuration: ${(error as Error).message}`);
  }
  const databaseFile = database.kind === "sqlite" ? database.file : path.join(dataDirectory(database), "postgresql");
  // Several app servers on one PostgreSQL database must sign sessions with one secret: a generated one is per machine.
  if (database.kind === "postgres" && !parsed.data.SESSION_SECRET) {
    throw new Error("Invalid configuration: SESSION_SECRET must be set when DATABASE_URL is a PostgreSQL server (every app server needs the same secret)");
  }
  return {
    port: parsed.data.PORT,
    database,
    databaseFile,
    sessionSecret: parsed.data.SESSION_SECRET ?? generatedSessionSecret(path.dirname(databaseFile)),
    seedDemo: parsed.data.SEED_DEMO === "true",
    production: parsed.data.NODE_ENV === "production",
    heapGrowthPercent: parsed.data.SERVER_HEAP_GROWTH_PERCENT,
  };
}

/** When SESSION_SECRET is unset, a random secret is generated once into the data directory and reused. */
function generatedSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString("hex");
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
