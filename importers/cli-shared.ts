/** What every CLI command shares: its context, option parsing, the organisation by slug, reading a file. */
import fs from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { DatabaseTarget, DB } from "../db/connection";
import type { Actor } from "../app/models/audit.server";
import type { Organisation } from "../db/schema";
import { RejectedError, UsageError } from "./cli-usage";

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

export interface CommandContext {
  db: DB;
  io: CliIO;
  json: boolean;
  /** The database DATABASE_URL names, for backup and restore. */
  database: DatabaseTarget;
  /** The SQLite file, or on PostgreSQL a name in the data directory: local files (the mail outbox) go in its folder. */
  databaseFile: string;
}

export const CLI_ACTOR: Actor = { userId: null, name: "cli" };

export type Options = Record<string, string | boolean | undefined>;

export function parse(args: string[], options: ParseArgsConfig["options"]): { positionals: string[]; values: Options } {
  try {
    const { positionals, values } = parseArgs({ args, options: { json: { type: "boolean" }, ...options }, allowPositionals: true, strict: true });
    return { positionals, values: values as Options };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function requireString(values: Options, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value;
}

export async function orgFromSlug(db: DB, slug: string): Promise<Organisation> {
  const organisation = await db.selectFrom("organisations").selectAll().where("slug", "=", slug).executeTakeFirst();
  if (!organisation) throw new RejectedError(`No organisation with the slug "${slug}". Create it with: npm run cli -- org create ${slug} --name "…" --homes <n>`);
  return organisation;
}

export function print(ctx: CommandContext, summary: Record<string, unknown>, line: string): void {
  if (ctx.json) ctx.io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  else ctx.io.stdout(`${line}\n`);
}

export function readFileOrReject(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new RejectedError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
