// Progress towards a unit-based qualification's rules of combination (mandatory units, optional credits,
// named pathways, exemptions by older units), e.g. CIH Level 4 Certificate in Managing Housing Maintenance.

import { plural, pluralNoun } from "../utils/plural";
import type { RulesOfCombination, RulesOfCombinationUnit, UnitResult } from "./types";

export interface UnitRef {
  unitRef: string;
  title: string;
}

export interface CountedUnit extends UnitRef {
  credits: number;
  /** pass: passed; exempt: recorded as exempt; exempted_by: the older exempting unit was passed. */
  via: "pass" | "exempt" | "exempted_by";
  exemptedBy: UnitRef | null;
}

export interface PathwaySuggestion {
  name: string;
  complete: boolean;
  missingMandatoryUnits: UnitRef[];
  optionalCreditsStillNeeded: number;
  /** Credits still to pass: missing mandatory units' credits plus optional credits (at least the overall shortfall). */
  creditsStillNeeded: number;
  summary: string;
}

export interface UnitProgress {
  complete: boolean;
  /** The pathway assessed against (null = the qualification's general rules). */
  pathway: string | null;
  /** A pathway name was given but is not one of this qualification's pathways (general rules used). */
  pathwayNotFound: boolean;
  creditsAchieved: number;
  creditsNeeded: number;
  /** Credits still to pass: missing mandatory units' credits plus optional credits (at least the overall shortfall). */
  creditsStillNeeded: number;
  mandatoryUnits: UnitRef[];
  missingMandatoryUnits: UnitRef[];
  optionalCreditsAchieved: number;
  optionalCreditsNeeded: number;
  optionalCreditsStillNeeded: number;
  countedUnits: CountedUnit[];
  referredUnits: UnitRef[];
  failedUnits: UnitRef[];
  /** Units counted through an exemption (explicit, or by passing the older unit). */
  exemptedUnits: Array<UnitRef & { exemptedBy: UnitRef | null }>;
  /** Unit references in the results that are neither units of this qualification nor exempting units. */
  unknownUnits: string[];
  summary: string;
  /** When no pathway is chosen: how close each pathway is, nearest first. */
  pathwaySuggestions: PathwaySuggestion[];
}

/** Unit references compare trimmed, without inner spaces, upper-cased. */
export function normaliseUnitRef(ref: string): string {
  return ref.replace(/\s+/g, "").toUpperCase();
}

function unitRefText(u: UnitRef): string {
  return `${u.unitRef} (${u.title})`;
}

interface Evaluation {
  counted: Map<string, CountedUnit>;
  referred: UnitRef[];
  failed: UnitRef[];
  unknown: string[];
}

function evaluateResults(rules: RulesOfCombination, unitResults: readonly UnitResult[]): Evaluation {
  const unitsByRef = new Map<string, RulesOfCombinationUnit>(rules.units.map((u) => [normaliseUnitRef(u.unitRef), u]));
  const exemptingRefs = new Set(rules.exemptions.map((e) => normaliseUnitRef(e.exemptedBy.unitRef)));
  // Best result per unit: pass/exempt beats refer beats fail.
  const rank = { pass: 3, exempt: 3, refer: 2, fail: 1 } as const;
  const best = new Map<string, UnitResult["result"]>();
  const unknown: string[] = [];
  for (const r of unitResults) {
    const ref = normaliseUnitRef(r.unitRef);
    if (!unitsByRef.has(ref) && !exemptingRefs.has(ref)) {
      if (!unknown.includes(r.unitRef.trim())) unknown.push(r.unitRef.trim());
      continue;
    }
    const prev = best.get(ref);
    if (!prev || rank[r.result] > rank[prev]) best.set(ref, r.result);
  }

  const counted = new Map<string, CountedUnit>();
  const referred: UnitRef[] = [];
  const failed: UnitRef[] = [];
  for (const unit of rules.units) {
    const ref = normaliseUnitRef(unit.unitRef);
    const result = best.get(ref);
    const base = { unitRef: unit.unitRef, title: unit.title, credits: unit.credits };
    if (result === "pass") {
      counted.set(ref, { ...base, via: "pass", exemptedBy: null });
      continue;
    }
    if (result === "exempt") {
      const exemption = rules.exemptions.find((e) => normaliseUnitRef(e.unitRef) === ref);
      counted.set(ref, { ...base, via: "exempt", exemptedBy: exemption ? { ...exemption.exemptedBy } : null });
      continue;
    }
    const byOlderUnit = rules.exemptions.find(
      (e) => normaliseUnitRef(e.unitRef) === ref && best.get(normaliseUnitRef(e.exemptedBy.unitRef)) === "pass",
    );
    if (byOlderUnit) {
      counted.set(ref, { ...base, via: "exempted_by", exemptedBy: { ...byOlderUnit.exemptedBy } });
      continue;
    }
    if (result === "refer") referred.push({ unitRef: unit.unitRef, title: unit.title });
    else if (result === "fail") failed.push({ unitRef: unit.unitRef, title: unit.title });
  }
  return { counted, referred, failed, unknown };
}

interface Requirement {
  mandatoryRefs: string[];
  optionalCreditsNeeded: number;
  creditsNeeded: number;
}

function unitInfo(rules: RulesOfCombination, ref: string): UnitRef & { credits: number } {
  const unit = rules.units.find((u) => normaliseUnitRef(u.unitRef) === normaliseUnitRef(ref));
  return { unitRef: unit?.unitRef ?? ref, title: unit?.title ?? "unit not in the catalogue", credits: unit?.credits ?? 0 };
}

/** The credit figures of one pathway, as the product reads them. */
export interface PathwayCredits {
  /** Credits of the pathway's mandatory units (the common mandatory unit included). */
  mandatoryCredits: number;
  /** Optional credits needed on top of them: the rest of the qualification's total. */
  furtherOptionalCredits: number;
  /** mandatoryCredits + furtherOptionalCredits. */
  totalCredits: number;
  /** The "further N credits" figure the specification states (null when it states none). */
  statedFurtherOptionalCredits: number | null;
  /** The stated figure differs from what the product reads (the CIH specification's "a further 24"). */
  differsFromStated: boolean;
}

/**
 * A pathway is an outcome of its qualification, so it needs the qualification's own total: its mandatory units
 * plus the rest of the minimum in optional credits. A stated "further N credits" that would take the pathway past
 * the qualification's total is not followed (the CIH Level 4 Managing Housing Maintenance specification says
 * "a further 24" on top of 18 mandatory credits, 42 in all, although the qualification is 36 credits from one
 * mandatory and five optional units); nor is a smaller one (the total never falls below the minimum).
 * Without a qualification total (0 or missing) the stated figure stands. Works on the lenient catalogue shape too.
 */
export function pathwayCredits(
  rules: { minimumCredits: number | null; units: ReadonlyArray<{ unitRef: string; credits: number | null }> },
  pathway: { mandatoryUnits: readonly string[]; furtherOptionalCredits: number | null },
): PathwayCredits {
  const creditsOf = new Map(rules.units.map((u) => [normaliseUnitRef(u.unitRef), u.credits ?? 0]));
  const mandatoryCredits = [...new Set(pathway.mandatoryUnits.map(normaliseUnitRef))].reduce((sum, ref) => sum + (creditsOf.get(ref) ?? 0), 0);
  const minimum = rules.minimumCredits ?? 0;
  const rest = Math.max(0, minimum - mandatoryCredits);
  const stated = pathway.furtherOptionalCredits;
  // Without a total for the qualification there is nothing to read from: the stated figure stands.
  const furtherOptionalCredits = minimum > 0 ? rest : (stated ?? 0);
  return {
    mandatoryCredits,
    furtherOptionalCredits,
    totalCredits: Math.max(rules.minimumCredits ?? 0, mandatoryCredits + furtherOptionalCredits),
    statedFurtherOptionalCredits: stated,
    differsFromStated: stated != null && stated !== furtherOptionalCredits,
  };
}

/**
 * Why the product's pathway total differs from the specification's "a further N credits" (null when it does not),
 * for the catalogue page: "The specification's text reads "a further 24 credits" … The product reads 36 …".
 */
export function pathwayCreditsNote(
  rules: {
    minimumCredits: number | null;
    mandatoryGroup: { minimumCredits: number | null } | null;
    optionalGroup: { minimumCredits: number | null } | null;
  },
  c: PathwayCredits,
): string | null {
  if (!c.differsFromStated) return null;
  const groups =
    rules.mandatoryGroup?.minimumCredits != null && rules.optionalGroup?.minimumCredits != null
      ? ` (${rules.mandatoryGroup.minimumCredits} mandatory and at least ${plural(rules.optionalGroup.minimumCredits, "optional credit")})`
      : "";
  return (
    `The specification's text reads "a further ${c.statedFurtherOptionalCredits} ${pluralNoun(c.statedFurtherOptionalCredits ?? 0, "credit")}" on top of each pathway's units, ` +
    `which would make ${c.mandatoryCredits + (c.statedFurtherOptionalCredits ?? 0)} credits. The product reads ${plural(c.totalCredits, "credit")} in all: ` +
    `the pathway's units (${plural(c.mandatoryCredits, "credit")}) plus ${c.furtherOptionalCredits} further optional credits, because a pathway is an ` +
    `outcome of this qualification, whose own total is ${rules.minimumCredits} ${pluralNoun(rules.minimumCredits ?? 0, "credit")}${groups}.`
  );
}

function requirementFor(rules: RulesOfCombination, pathway: RulesOfCombination["pathways"][number] | null): Requirement {
  if (!pathway) {
    return {
      mandatoryRefs: rules.mandatoryGroup.units,
      optionalCreditsNeeded: rules.optionalGroup.minimumCredits,
      creditsNeeded: Math.max(rules.minimumCredits, rules.mandatoryGroup.minimumCredits + rules.optionalGroup.minimumCredits),
    };
  }
  const credits = pathwayCredits(rules, pathway);
  return {
    mandatoryRefs: pathway.mandatoryUnits,
    optionalCreditsNeeded: credits.furtherOptionalCredits,
    creditsNeeded: credits.totalCredits,
  };
}

interface Measured {
  complete: boolean;
  creditsAchieved: number;
  missingMandatoryUnits: UnitRef[];
  optionalCreditsAchieved: number;
  optionalCreditsStillNeeded: number;
  creditsStillNeeded: number;
  summary: string;
}

function measure(rules: RulesOfCombination, evaluation: Evaluation, req: Requirement): Measured {
  const mandatory = new Set(req.mandatoryRefs.map(normaliseUnitRef));
  let creditsAchieved = 0;
  let optionalCreditsAchieved = 0;
  for (const [ref, unit] of evaluation.counted) {
    creditsAchieved += unit.credits;
    if (!mandatory.has(ref)) optionalCreditsAchieved += unit.credits;
  }
  const missingMandatoryUnits = req.mandatoryRefs
    .filter((ref) => !evaluation.counted.has(normaliseUnitRef(ref)))
    .map((ref) => {
      const { unitRef, title } = unitInfo(rules, ref);
      return { unitRef, title };
    });
  const optionalCreditsStillNeeded = Math.max(0, req.optionalCreditsNeeded - optionalCreditsAchieved);
  const missingMandatoryCredits = req.mandatoryRefs
    .filter((ref) => !evaluation.counted.has(normaliseUnitRef(ref)))
    .reduce((sum, ref) => sum + unitInfo(rules, ref).credits, 0);
  // Work still to pass: the missing mandatory units and optional credits, never less than the overall shortfall.
  const creditsStillNeeded = Math.max(0, req.creditsNeeded - creditsAchieved, missingMandatoryCredits + optionalCreditsStillNeeded);
  const complete = missingMandatoryUnits.length === 0 && optionalCreditsStillNeeded === 0 && creditsStillNeeded === 0;

  let summary: string;
  if (complete) {
    summary = `Complete: ${plural(creditsAchieved, "credit")}`;
  } else {
    const parts: string[] = [];
    if (optionalCreditsStillNeeded > 0) parts.push(`${optionalCreditsStillNeeded} more ${pluralNoun(optionalCreditsStillNeeded, "optional credit")}`);
    if (missingMandatoryUnits.length > 0) parts.push(missingMandatoryUnits.map(unitRefText).join(", "));
    if (parts.length === 0) parts.push(`${creditsStillNeeded} more ${pluralNoun(creditsStillNeeded, "credit")}`);
    summary = `Needs ${parts.join(" and ")}`;
  }
  return {
    complete,
    creditsAchieved,
    missingMandatoryUnits,
    optionalCreditsAchieved,
    optionalCreditsStillNeeded,
    creditsStillNeeded,
    summary,
  };
}

/**
 * Where a learner stands against the rules of combination. A unit counts when passed, recorded as exempt,
 * or exempted because the older unit named in the exemptions was passed; refer and fail do not count.
 * With a pathway, its mandatory units are required plus the rest of the qualification's total in optional
 * credits from the other units (pathwayCredits: 18 + 18 = 36 for Managing Housing Maintenance); without one, the mandatory group plus the optional
 * group's minimum, and each pathway's distance is suggested.
 */
export function assessUnitProgress(
  rules: RulesOfCombination,
  pathwayName: string | null,
  unitResults: readonly UnitResult[],
): UnitProgress {
  const evaluation = evaluateResults(rules, unitResults);
  const wanted = pathwayName?.trim().toLowerCase() || null;
  const pathway = wanted ? (rules.pathways.find((p) => p.name.trim().toLowerCase() === wanted) ?? null) : null;
  const pathwayNotFound = wanted != null && pathway == null;
  const req = requirementFor(rules, pathway);
  const m = measure(rules, evaluation, req);

  const pathwaySuggestions: PathwaySuggestion[] = pathway
    ? []
    : rules.pathways
        .map((p) => {
          const pm = measure(rules, evaluation, requirementFor(rules, p));
          return {
            name: p.name,
            complete: pm.complete,
            missingMandatoryUnits: pm.missingMandatoryUnits,
            optionalCreditsStillNeeded: pm.optionalCreditsStillNeeded,
            creditsStillNeeded: pm.creditsStillNeeded,
            summary: pm.summary,
          };
        })
        .sort((a, b) => a.creditsStillNeeded - b.creditsStillNeeded || (a.name < b.name ? -1 : 1));

  let summary = m.summary;
  if (evaluation.referred.length > 0) summary += `; referred: ${evaluation.referred.map(unitRefText).join(", ")}`;
  if (evaluation.failed.length > 0) summary += `; failed: ${evaluation.failed.map(unitRefText).join(", ")}`;
  if (pathwayNotFound) summary = `Pathway "${pathwayName!.trim()}" is not one of this qualification's pathways. ${summary}`;

  const countedUnits = [...evaluation.counted.values()];
  return {
    complete: m.complete,
    pathway: pathway?.name ?? null,
    pathwayNotFound,
    creditsAchieved: m.creditsAchieved,
    creditsNeeded: req.creditsNeeded,
    creditsStillNeeded: m.creditsStillNeeded,
    mandatoryUnits: req.mandatoryRefs.map((ref) => {
      const { unitRef, title } = unitInfo(rules, ref);
      return { unitRef, title };
    }),
    missingMandatoryUnits: m.missingMandatoryUnits,
    optionalCreditsAchieved: m.optionalCreditsAchieved,
    optionalCreditsNeeded: req.optionalCreditsNeeded,
    optionalCreditsStillNeeded: m.optionalCreditsStillNeeded,
    countedUnits,
    referredUnits: evaluation.referred,
    failedUnits: evaluation.failed,
    exemptedUnits: countedUnits
      .filter((u) => u.via !== "pass")
      .map((u) => ({ unitRef: u.unitRef, title: u.title, exemptedBy: u.exemptedBy })),
    unknownUnits: evaluation.unknown,
    summary,
    pathwaySuggestions,
  };
}

/** The catalogue JSON (db/catalogue/*.json) shape: rules at the top level, pathways/exemptions/units beside them. */
export interface CatalogueQualificationJson {
  rulesOfCombination: {
    minimumCredits: number;
    mandatoryGroup: { units: string[]; minimumCredits: number };
    optionalGroup: { minimumCredits: number };
  };
  pathways?: Array<{ name: string; mandatoryUnits: string[]; furtherOptionalCredits?: number | null }>;
  exemptions?: Array<{ unitRef: string; exemptedBy: { unitRef: string; title: string } }>;
  units: Array<{ unitRef: string; title: string; level: number; credits: number; group: string }>;
}

/** The pathway names of a catalogue entry's stored rules (`qualifications.rules_of_combination`, JSON or null). */
export function pathwayNamesOf(rulesJson: string | null): string[] {
  if (!rulesJson) return [];
  const spec = JSON.parse(rulesJson) as { pathways?: Array<{ name: string }>; rulesOfCombination?: { pathways?: Array<{ name: string }> } };
  return (spec.pathways ?? spec.rulesOfCombination?.pathways ?? []).map((p) => p.name);
}

/** Flattens a catalogue entry into one RulesOfCombination object. */
export function rulesOfCombinationFromCatalogue(entry: CatalogueQualificationJson): RulesOfCombination {
  const r = entry.rulesOfCombination;
  return {
    minimumCredits: r.minimumCredits,
    mandatoryGroup: { units: [...r.mandatoryGroup.units], minimumCredits: r.mandatoryGroup.minimumCredits },
    optionalGroup: { minimumCredits: r.optionalGroup.minimumCredits },
    pathways: (entry.pathways ?? []).map((p) => ({
      name: p.name,
      mandatoryUnits: [...p.mandatoryUnits],
      furtherOptionalCredits: p.furtherOptionalCredits ?? null,
    })),
    exemptions: (entry.exemptions ?? []).map((e) => ({ unitRef: e.unitRef, exemptedBy: { ...e.exemptedBy } })),
    units: entry.units.map((u) => ({ unitRef: u.unitRef, title: u.title, level: u.level, credits: u.credits, group: u.group })),
  };
}
