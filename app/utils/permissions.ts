/** The permission matrix, written once. docs/security.md describes the same table for people. */
import type { UserRole } from "../../db/schema";

export type Permission =
  | "org.read" // dashboard, people, person, roles, qualifications, reports, audit (read)
  | "org.export" // CSV exports and PDF reports
  | "org.import" // upload and apply imports, undo
  | "org.decide" // scope decisions and person overrides
  | "org.records" // qualification records, absences
  | "org.settings" // timeline, milestones, catalogue entries, mapping profiles
  | "org.snapshot" // save a snapshot for the board pack
  | "org.reminders" // digest settings and "send now"
  | "portfolio.read" // the consultant portfolio across organisations
  | "users.manage" // user accounts
  | "organisations.create"; // new organisations and their first users

const HR: Permission[] = ["org.read", "org.export", "org.import", "org.decide", "org.records", "org.settings", "org.snapshot", "org.reminders"];

export const PERMISSION_MATRIX: Record<UserRole, ReadonlySet<Permission>> = {
  admin: new Set<Permission>([...HR, "portfolio.read", "users.manage", "organisations.create"]),
  hr: new Set<Permission>(HR),
  consultant: new Set<Permission>([...HR, "portfolio.read"]),
  executive: new Set<Permission>(["org.read", "org.export"]),
};

export function can(role: UserRole, permission: Permission): boolean {
  return PERMISSION_MATRIX[role].has(permission);
}
