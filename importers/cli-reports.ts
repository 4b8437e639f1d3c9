/** CLI commands that read the organisation's figures: metrics, snapshot, export status. */
import fs from "node:fs";
import { evaluateOrganisation, todayIso } from "../app/models/compliance.server";
import { takeSnapshot } from "../app/models/snapshots.server";
import { openOrganisationScope } from "../app/models/organisation-scope.server";
import { conductMetrics, conductSummary } from "../app/models/conduct/summary.server";
import { organisationMilestoneChecks } from "../app/compliance/milestones";
import { isIsoDate } from "../app/compliance/dates";
import { BOM, toCsv } from "../app/utils/csv.server";
import { STATUS_EXPORT_COLUMNS, statusExportCells, statusExportRows } from "../app/models/people.server";
import { EXIT_OK, UsageError } from "./cli-usage";
import { CLI_ACTOR, orgFromSlug, parse, print, requireString, type CommandContext, type Options } from "./cli-shared";

function asOfOption(values: Options): string {
  const asOf = values["as-of"];
  if (asOf === undefined) return todayIso();
  if (typeof asOf !== "string" || !isIsoDate(asOf)) throw new UsageError(`--as-of must be a real date as YYYY-MM-DD (got "${String(asOf)}")`);
  return asOf;
}

export async function metrics(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals, values } = parse(args, { org: { type: "string" }, "as-of": { type: "string" } });
  if (positionals.length) throw new UsageError(`metrics takes no positional arguments (got "${positionals.join(" ")}")`);
  const organisation = await orgFromSlug(ctx.db, requireString(values, "org"));
  const asOf = asOfOption(values);
  const scope = openOrganisationScope(ctx.db, organisation, CLI_ACTOR, todayIso());
  const { ctx: rules, data, measures } = await evaluateOrganisation(scope, asOf);
  const milestones = organisationMilestoneChecks(rules, data.staff, measures).map((m) => ({ ...m, kind: m.measure === "statutory" ? "legal_test" : "internal_target" }));
  const { people: _people, ...withoutPeople } = measures;
  const conduct = conductMetrics(await conductSummary(scope, asOf));
  const summary = { ok: true, organisation: organisation.slug, ...withoutPeople, milestones, conduct };
  const s = measures.countsByStatutory;
  const w = measures.worstCase;
  const code = conduct.codeOfConduct;
  print(
    ctx,
    summary,
    [
      `${organisation.name} as of ${asOf}`,
      `  in scope: ${measures.inScope} (Level 5: ${measures.inScopeByLevel[5]}, Level 4: ${measures.inScopeByLevel[4]})`,
      `  the legal test: ${s.compliant + s.not_yet_due} meet it (${measures.pctStatutory ?? "–"}%): ${s.compliant} compliant, ${s.not_yet_due} not yet due, ${s.in_breach} in breach`,
      `  worst case (${w.undecided} undecided job titles counted as not enrolled): ${w.countsByStatutory.compliant + w.countsByStatutory.not_yet_due} of ${w.inScope} meet the legal test (${w.pctStatutory ?? "–"}%), ${w.countsByStatutory.in_breach} in breach`,
      `  internal targets:`,
      `    qualified: ${measures.qualified} (${measures.pctQualified ?? "–"}%)`,
      `    qualified or enrolled: ${measures.qualified + measures.workingTowards} (${measures.pctQualifiedOrEnrolled ?? "–"}%)`,
      `  not enrolled: ${measures.notEnrolled}; decisions needed: ${measures.unmappedCount}`,
      `  RAG against our targets: red ${measures.countsByRag.red}, amber ${measures.countsByRag.amber}, green ${measures.countsByRag.green}, grey ${measures.countsByRag.grey}`,
      ...milestones.map((m) => `  ${m.kind === "legal_test" ? "[legal test]" : "[internal target]"} ${m.name} (${m.date}, ${m.measure} ≥ ${m.targetPct}%): ${m.state}${m.actualPct == null ? "" : `, ${m.actualPct}%`}`),
      `  conduct:`,
      code.version
        ? `    code of conduct ${code.version}: ${code.acknowledged} of ${code.required} active people acknowledged (${code.pct ?? "–"}%), ${code.overdue} overdue`
        : `    code of conduct: no version in force (${code.required} active people)`,
      `    supervision overdue: ${conduct.supervisionOverdue}; appraisal overdue: ${conduct.appraisalOverdue}; training compliance: ${conduct.trainingCompliancePct ?? "–"}%; policies due for review: ${conduct.policiesDueForReview}`,
    ].join("\n"),
  );
  return EXIT_OK;
}

export async function snapshot(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals, values } = parse(args, { org: { type: "string" }, label: { type: "string" }, "as-of": { type: "string" } });
  if (positionals.length) throw new UsageError(`snapshot takes no positional arguments (got "${positionals.join(" ")}")`);
  const organisation = await orgFromSlug(ctx.db, requireString(values, "org"));
  const asOf = asOfOption(values);
  const label = typeof values.label === "string" && values.label.trim() ? values.label.trim().slice(0, 200) : `Snapshot ${asOf}`;
  const { id, measures } = await takeSnapshot(openOrganisationScope(ctx.db, organisation, CLI_ACTOR, todayIso()), { label, trigger: "cli", asOf });
  print(ctx, { ok: true, snapshotId: id, label, organisation: organisation.slug, measures }, `Snapshot ${id} "${label}" of ${organisation.slug} as of ${asOf}: ${measures.inScope} in scope, ${measures.pctQualified ?? "–"}% qualified, ${measures.pctQualifiedOrEnrolled ?? "–"}% qualified or enrolled`);
  return EXIT_OK;
}

export async function exportStatus(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals, values } = parse(args, { org: { type: "string" }, "as-of": { type: "string" }, out: { type: "string" } });
  if (positionals.length) throw new UsageError(`export status takes no positional arguments (got "${positionals.join(" ")}")`);
  const organisation = await orgFromSlug(ctx.db, requireString(values, "org"));
  const asOf = asOfOption(values);
  const evaluated = await evaluateOrganisation(openOrganisationScope(ctx.db, organisation, CLI_ACTOR, todayIso()), asOf);
  const rows = statusExportCells(statusExportRows(evaluated));
  const csv = BOM + toCsv(STATUS_EXPORT_COLUMNS, rows);
  if (typeof values.out === "string") {
    fs.writeFileSync(values.out, csv);
    if (ctx.json) ctx.io.stdout(`${JSON.stringify({ ok: true, file: values.out, rows: rows.length, asOf }, null, 2)}\n`);
    else ctx.io.stdout(`Wrote ${rows.length} people as of ${asOf} to ${values.out}\n`);
  } else {
    ctx.io.stdout(csv.slice(1));
  }
  return EXIT_OK;
}
