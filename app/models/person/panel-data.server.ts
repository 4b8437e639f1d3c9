/**
 * Data for person-page panels that other features add (app/components/person/panels.tsx): panel name → reader.
 * The person page's loader runs each and puts the result in `panels[name]`. Add one line per panel.
 */
import type { Staff } from "../../../db/schema";
import type { OrganisationScope } from "../organisation-scope.server";
import { conductPanelData } from "../conduct/person-panel.server";
import { personEquivalences } from "./equivalence.server";

export type PanelDataReader = (scope: OrganisationScope, person: Staff, asOf: string) => Promise<unknown>;

export const PERSON_PANEL_DATA: Record<string, PanelDataReader> = {
  conduct: conductPanelData,
  equivalence: (scope, person) => personEquivalences(scope, person.id),
};

export async function loadPanelData(scope: OrganisationScope, person: Staff, asOf: string): Promise<Record<string, unknown>> {
  const entries = await Promise.all(Object.entries(PERSON_PANEL_DATA).map(async ([name, read]) => [name, await read(scope, person, asOf)] as const));
  return Object.fromEntries(entries);
}
