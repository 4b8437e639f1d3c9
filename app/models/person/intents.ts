/**
 * What the person page's forms can ask for (`intent`) and the permission each needs. A plain module: the page's
 * panels name their intent, the server dispatches on it (app/models/person/actions.server.ts).
 */
import type { Permission } from "../../utils/permissions";

export const PERSON_INTENTS = {
  "set-override": "org.decide",
  "clear-override": "org.decide",
  "add-record": "org.records",
  "edit-record": "org.records",
  "mark-achieved": "org.records",
  "add-unit-result": "org.records",
  "add-absence": "org.records",
  "end-absence": "org.records",
  "add-equivalence": "org.records",
  "complete-top-up": "org.records",
  "remove-equivalence": "org.records",
} as const satisfies Record<string, Permission>;

export type PersonIntent = keyof typeof PERSON_INTENTS;

export function isPersonIntent(value: string): value is PersonIntent {
  return Object.hasOwn(PERSON_INTENTS, value);
}
