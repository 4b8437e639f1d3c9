/**
 * What `npm run cli -- --help` prints, and the exit statuses, with no imports: the entry (importers/cli.ts) answers
 * --help from this module alone and loads a command's modules only when that command runs (decision 0060).
 */
export const EXIT_OK = 0;
export const EXIT_REJECTED = 1;
export const EXIT_USAGE = 2;
/** Another writer (a web import, a backup) kept the database for longer than DATABASE_WAIT_MS: nothing was written; run it again. */
export const EXIT_BUSY = 3;
/** The database could not be written (disk full, I/O error) or something unexpected failed: nothing was written. */
export const EXIT_FAILED = 4;

export const USAGE = `Usage: npm run cli -- <command>

  org create <slug> --name "<name>" --homes <n> [--in-force YYYY-MM-DD]
  import staff <file.csv|file.xlsx> --org <slug> [--mode full|partial] [--mapping <mapping.json>] [--sheet <name>] [--dry-run]
  import enrolments <file.csv|file.xlsx> --org <slug> [--mapping <mapping.json>] [--sheet <name>] [--dry-run]
  import roles <file.csv|file.xlsx> --org <slug> [--sheet <name>] [--dry-run]
  import acknowledgements|supervisions|training <file.csv|file.xlsx> --org <slug> [--mapping <mapping.json>] [--sheet <name>] [--dry-run]
  policy add --org <slug> --kind code_of_conduct|learning_development|appraisal|poor_performance --version "<text>" --approved-on YYYY-MM-DD
             [--review-by YYYY-MM-DD] [--url <link>] [--approved-by "<board or committee>"] [--document-ref "<ref>"]
  export status --org <slug> [--as-of YYYY-MM-DD] [--out <file.csv>]
  export evidence-pack --org <slug> [--as-of YYYY-MM-DD] --out <pack.zip>
  metrics --org <slug> [--as-of YYYY-MM-DD] --json
  snapshot --org <slug> [--label "<text>"]
  user create <email> --name "<name>" --role admin|hr|consultant|executive [--org <slug>]
  digest send --org <slug>|--all [--as-of YYYY-MM-DD] [--dry-run]
  backup <file.db>
  restore <file.db>

Every command takes --json for a machine-readable summary on stdout.
Exit status: 0 success, 1 input rejected (nothing written), 2 usage error,
3 database busy (another writer held it too long; nothing written, try again), 4 could not write (e.g. disk full),
5 a digest could not be delivered (logged; retried at the next run).
`;

/** Arguments that print the usage whatever the command: --help, -h, or no command at all. */
export function asksForUsage(argv: readonly string[]): boolean {
  return argv.length === 0 || argv.includes("--help") || argv.includes("-h");
}

export class UsageError extends Error {}
export class RejectedError extends Error {
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
