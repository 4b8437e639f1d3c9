/** The four user roles, in the order the user-management page offers them (shared by the page and the server). */
import type { UserRole } from "../../db/schema";

export const USER_ROLES: readonly UserRole[] = ["admin", "hr", "consultant", "executive"];
