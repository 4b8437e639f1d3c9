/** The first-users rows on the new-organisation page (shared by the page and its action). */
export const FIRST_USER_ROWS = 3;

export const FIRST_USER_ROLE_OPTIONS = [
  { value: "hr", label: "HR lead (imports, decisions, records)" },
  { value: "consultant", label: "Consultant" },
  { value: "executive", label: "Executive (read-only)" },
] as const;
