/** `npm run bench`: every benchmark, each printing its figures next to its target. Not a test: nothing fails on time. */
import { runRulesBench } from "./rules.bench";
import { runImportBench } from "./import.bench";
import { runPagesBench } from "./pages.bench";
import { runPlannerBench } from "./planner.bench";

const only = process.argv[2];
const benches: Array<[string, () => Promise<void>]> = [
  ["rules", runRulesBench],
  ["import", runImportBench],
  ["planner", runPlannerBench],
  ["pages", () => runPagesBench(100_000)],
];

for (const [name, run] of benches) {
  if (only && only !== name) continue;
  console.log(`\n== ${name} ==`);
  await run();
}
