/**
 * Timestamps for CSV downloads: UK local time (GMT or BST, whichever was in force) as `yyyy-mm-dd hh:mm`, which
 * Excel reads as a date and time. Stored timestamps are UTC ISO strings; a plain date (yyyy-mm-dd) is left as it is.
 */
const LONDON = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

export function spreadsheetTimestamp(value: string | null | undefined): string {
  if (value == null || value === "") return "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value.replace(" ", "T")}Z`);
  if (Number.isNaN(date.getTime())) return value;
  const parts = Object.fromEntries(LONDON.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
