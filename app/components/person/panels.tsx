/**
 * The panels of the person page below its status and employment, in page order. A feature that adds a panel
 * (conduct, say) adds one line here; if it needs data, one line in app/models/person/panel-data.server.ts puts it
 * in `d.panels[<name>]` for the panel to read.
 */
import type { ComponentType } from "react";
import { ConductPanel } from "~/components/conduct/person-conduct-panel";
import { AbsencesPanel } from "./absences-panel";
import { EquivalencePanel } from "./equivalence-panel";
import { HistoryPanel } from "./history-panel";
import { RecordsPanel } from "./records-panel";
import { ScopePanel } from "./scope-panel";
import type { PanelProps } from "./types";

export const PERSON_PANELS: ReadonlyArray<{ key: string; Panel: ComponentType<PanelProps> }> = [
  { key: "scope", Panel: ScopePanel },
  { key: "records", Panel: RecordsPanel },
  { key: "equivalence", Panel: EquivalencePanel },
  { key: "absences", Panel: AbsencesPanel },
  { key: "conduct", Panel: ConductPanel },
  // New panels go here, before the history.
  { key: "history", Panel: HistoryPanel },
];
