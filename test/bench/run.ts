/**
 * `npm run bench`: every benchmark, each printing its figures next to its target (and floor). Not a test: nothing
 * fails on time. `npm run bench -- pages,cli` runs only those (names: rules, import, planner, cold, cli, portfolio,
 * pages, databases: SQLite and PostgreSQL side by side); BENCH_RUNS sets the runs per repeated figure, BENCH_LOAD_SECONDS the length of each load test.
 */
import { runRulesBench } from "./rules.bench";
import { runImportBench } from "./import.bench";
import { runPagesBench } from "./pages.bench";
import { runPlannerBench } from "./planner.bench";
import { runColdBench } from "./cold.bench";
import { runCliBench } from "./cli.bench";
import { runPortfolioBench } from "./portfolio.bench";
import { runDatabasesBench } from "./databases.bench";

const only = process.argv[2] ? new Set(process.argv[2].split(",").map((s) => s.trim())) : null;
const benches: Array<[string, () => Promise<void>]> = [
  ["rules", runRulesBench],
  ["import", runImportBench],
  ["planner", runPlannerBench],
  ["cold", () => runColdBench(100_000)],
  ["cli", () => runCliBench(100_000)],
  ["portfolio", () => runPortfolioBench(200, 1_000)],
  ["pages", () => runPagesBench(100_000)],
  ["databases", () => runDatabasesBench(100_000, 100_000)],
];
if (only) for (const name of only) if (!benches.some(([n]) => n === name)) throw new Error(`No bench named "${name}" (${benches.map(([n]) => n).join(", ")})`);

for (const [name, run] of benches) {
  if (only && !only.has(name)) continue;
  console.log(`\n== ${name} ==`);
  await run();
}
