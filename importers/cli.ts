/**
 * `npm run cli -- <command>`: the public command line (contract in docs/cli.md).
 * Exit status: 0 success, 1 input rejected (nothing written), 2 usage error, 3 database busy, 4 could not write.
 */
import { EXIT_FAILED, runCommand } from "./cli-commands";

const argv = process.argv.slice(2);
runCommand(argv, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), isTTY: !!process.stderr.isTTY })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_FAILED;
  });
