/**
 * `npm run cli -- <command>`: the public command line (contract in docs/cli.md).
 * Exit status: 0 success, 1 input rejected (nothing written), 2 usage error, 3 database busy, 4 could not write.
 * The usage is answered from importers/cli-usage.ts alone; a command's modules load only when it runs (decision 0060).
 */
import { asksForUsage, EXIT_FAILED, EXIT_OK, EXIT_USAGE, USAGE } from "./cli-usage";

const argv = process.argv.slice(2);
if (asksForUsage(argv)) {
  // No command: the usage on stderr and a usage error; --help or -h: the usage on stdout.
  const help = argv.length > 0;
  (help ? process.stdout : process.stderr).write(USAGE);
  process.exitCode = help ? EXIT_OK : EXIT_USAGE;
} else {
  try {
    const { runCommand } = await import("./cli-commands");
    process.exitCode = await runCommand(argv, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), isTTY: !!process.stderr.isTTY });
  } catch (error: unknown) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_FAILED;
  }
}
