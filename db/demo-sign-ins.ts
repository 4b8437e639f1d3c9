/** The demo accounts the demo seed creates (password `demo-password`); printed at start-up and in the README. */
export const DEMO_PASSWORD = "demo-password";

export const DEMO_SIGN_INS = [
  { email: "hr@demo.example", description: "HR lead, Riverside Homes" },
  { email: "exec@demo.example", description: "Executive (read-only), Riverside Homes" },
  { email: "consultant@demo.example", description: "Consultant, Riverside Homes and Oakfield Housing Co-operative" },
  { email: "admin@demo.example", description: "Administrator (all organisations, user management)" },
] as const;
