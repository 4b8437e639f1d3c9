/**
 * Staff files: a column left unmapped whose name suggests leaving ("Leaver", "Contract End", "Date Employment
 * Terminated") and whose cells are dates is probably when people left. Importing without it would load
 * leavers as current staff, so the mapping page and the preview warn about it.
 */
import { isOrderDependent, parseDate } from "./dates";
import { headerWords, type ResolvedMapping } from "./fields";

const LEAVING_WORDS = new Set([
  "leave", "leaving", "left", "leaver", "leavers", "termination", "terminated", "terminate", "end", "ended", "ending",
  "exit", "exited", "separation", "separated", "resignation", "resigned", "finish", "finished", "ceased", "cessation",
  "departure", "departed",
]);
/** "Last Day", "Final Working Day", "Last Day of Service" (but not "Last Name" or "Last Review Date"). */
const LAST_WORDS = new Set(["last", "final"]);
const LAST_WHAT = new Set(["day", "working", "employment", "service"]);
/** Words that make a leaving-sounding name about something else. */
const OTHER_WORDS = new Set(["reason", "reasons", "type", "code", "notes", "comment", "comments", "probation", "name", "annual", "entitlement"]);

export function suggestsLeaving(header: string): boolean {
  const words = headerWords(header);
  const leaving = words.some((w) => LEAVING_WORDS.has(w)) || (words.some((w) => LAST_WORDS.has(w)) && words.some((w) => LAST_WHAT.has(w)));
  return leaving && !words.some((w) => OTHER_WORDS.has(w));
}

const reading = { order: "day_first" as const, reason: "", refYear: 2000 };
function looksLikeDate(value: string): boolean {
  return isOrderDependent(value) || parseDate(value, reading).ok;
}

export class LeavingDateSuspects {
  private readonly columns: { header: string; index: number; filled: number; dates: number }[] = [];
  private readonly endDateHeader: string | undefined;

  constructor(headers: readonly string[], resolved: ResolvedMapping) {
    const mapped = new Set(resolved.columns.values());
    this.endDateHeader = resolved.mapping.end_date;
    headers.forEach((header, index) => {
      if (header !== "" && !mapped.has(index) && suggestsLeaving(header)) this.columns.push({ header, index, filled: 0, dates: 0 });
    });
  }

  add(cells: readonly string[]): void {
    for (const c of this.columns) {
      const v = (cells[c.index] ?? "").trim();
      if (v === "") continue;
      c.filled++;
      // A sample is enough to tell dates from text; keep counting only what is needed.
      if (c.filled <= 200 && looksLikeDate(v)) c.dates++;
    }
  }

  warnings(): string[] {
    return this.columns
      .filter((c) => c.filled === 0 || c.dates >= Math.min(c.filled, 200) * 0.8)
      .map((c) =>
        this.endDateHeader
          ? `The column '${c.header}' looks like a leaving date but is not imported (Leaving date comes from '${this.endDateHeader}'). Check which one says when people left.`
          : `The column '${c.header}' looks like a leaving date but is not imported: if it says when people left, choose it for "Leaving date", or leavers will be loaded as current staff.`,
      );
  }
}
