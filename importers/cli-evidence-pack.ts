/**
 * `export evidence-pack --org <slug> [--as-of YYYY-MM-DD] --out <pack.zip>`: the regulator evidence pack the web
 * download gives (app/models/conduct/evidence-pack.server.ts), written to a file. report.pdf is printed from the
 * report page by the running web server, so the command line writes the pack without it and its README says so
 * (decision 0045).
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import type { DB } from "../db/connection";
import { isIsoDate } from "../app/compliance/dates";
import { todayIso } from "../app/models/compliance.server";
import { conductEvidencePack } from "../app/models/conduct/evidence-pack.server";
import { getOrganisationBySlug } from "../app/models/organisations.server";
import { openOrganisationScope } from "../app/models/organisation-scope.server";
import { RejectedError, UsageError } from "./cli-usage";

export interface EvidencePackCommandContext {
  db: DB;
  json: boolean;
  stdout: (text: string) => void;
}

export const PDF_NOT_FROM_THE_COMMAND_LINE =
  "the executive report PDF is printed by the web server and cannot be made from the command line: download the pack from Conduct → Download the evidence pack, or the PDF from Reports → Executive report.";

export async function exportEvidencePack(ctx: EvidencePackCommandContext, args: string[]): Promise<number> {
  let parsed: { positionals: string[]; values: Record<string, string | boolean | undefined> };
  try {
    parsed = parseArgs({ args, options: { json: { type: "boolean" }, org: { type: "string" }, "as-of": { type: "string" }, out: { type: "string" } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { positionals, values } = parsed;
  if (positionals.length) throw new UsageError(`export evidence-pack takes no positional arguments (got "${positionals.join(" ")}")`);
  const slug = values.org;
  if (typeof slug !== "string" || slug.trim() === "") throw new UsageError("--org is required");
  const out = values.out;
  if (typeof out !== "string" || out.trim() === "") throw new UsageError("--out is required (the ZIP file to write, e.g. pack.zip)");
  const asOfValue = values["as-of"];
  if (asOfValue !== undefined && (typeof asOfValue !== "string" || !isIsoDate(asOfValue))) throw new UsageError(`--as-of must be a real date as YYYY-MM-DD (got "${String(asOfValue)}")`);
  const today = todayIso();
  const asOf = typeof asOfValue === "string" ? asOfValue : today;

  const organisation = await getOrganisationBySlug(ctx.db, slug);
  if (!organisation) throw new RejectedError(`No organisation with the slug "${slug}". Create it with: npm run cli -- org create ${slug} --name "…" --homes <n>`);
  const scope = openOrganisationScope(ctx.db, organisation, { userId: null, name: "cli" }, today);
  const pack = await conductEvidencePack(scope, organisation, asOf, async () => ({ ok: false, reason: PDF_NOT_FROM_THE_COMMAND_LINE }));
  try {
    fs.writeFileSync(out, pack.bytes);
  } catch (error) {
    throw new RejectedError(`Cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (ctx.json) {
    ctx.stdout(`${JSON.stringify({ ok: true, organisation: organisation.slug, asOf, file: out, files: pack.files, rows: pack.rows, reportPdf: pack.pdfMissing === null ? "included" : pack.pdfMissing }, null, 2)}\n`);
  } else {
    ctx.stdout(`Wrote the evidence pack of ${organisation.slug} as of ${asOf} to ${out}: ${pack.files.join(", ")}.\n`);
    if (pack.pdfMissing) ctx.stdout(`report.pdf is not in it: ${pack.pdfMissing}\n`);
  }
  return 0;
}
