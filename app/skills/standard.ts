/**
 * The Senior Housing / Property Management apprenticeship standard's areas and the CIH Level 4 Certificate in
 * Managing Housing Maintenance units mapped to them, exactly as the CIH specification lists them
 * (db/catalogue/cih-l4-managing-housing-maintenance.json). Area codes follow the specification's order:
 * K1–K7 knowledge, S1–S11 skills, B1–B9 behaviours, and C1 the Standard's code of conduct.
 */
import spec from "../../db/catalogue/cih-l4-managing-housing-maintenance.json";
import type { AreaGroup } from "./types";

export interface StandardArea {
  code: string;
  name: string;
  group: AreaGroup;
}

export const CONDUCT_AREA: StandardArea = { code: "C1", name: "Code of conduct", group: "conduct" };

const PREFIX: Record<Exclude<AreaGroup, "conduct">, string> = { knowledge: "K", skills: "S", behaviours: "B" };

export const STANDARD_AREAS: readonly StandardArea[] = [
  ...(["knowledge", "skills", "behaviours"] as const).flatMap((group) =>
    spec.apprenticeshipAreas[group].map((name, i) => ({ code: `${PREFIX[group]}${i + 1}`, name, group })),
  ),
  CONDUCT_AREA,
];

const CODE_BY_GROUP_AND_NAME = new Map(STANDARD_AREAS.map((a) => [`${a.group}|${a.name.toLowerCase()}`, a.code]));

/** The standard's code of an area, by its group and name as the specification spells it. */
export function standardCode(group: AreaGroup, name: string): string | undefined {
  return CODE_BY_GROUP_AND_NAME.get(`${group}|${name.trim().toLowerCase()}`);
}

export interface QualificationUnit {
  unitRef: string;
  title: string;
  credits: number;
  group: "mandatory" | "optional";
  /** The areas the specification links the unit to, as codes (knowledge, then skills, then behaviours). */
  areaCodes: string[];
}

function codesOf(links: { knowledge: string[]; skills: string[]; behaviours: string[] }): string[] {
  return (["knowledge", "skills", "behaviours"] as const).flatMap((group) =>
    links[group].map((name) => {
      const code = standardCode(group, name);
      if (!code) throw new Error(`The specification links a unit to '${name}', which is not a ${group} area of the standard`);
      return code;
    }),
  );
}

export const MHM_QUALIFICATION_TITLE: string = spec.title;

export const MHM_UNITS: readonly QualificationUnit[] = spec.units.map((u) => ({
  unitRef: u.unitRef,
  title: u.title,
  credits: u.credits,
  group: u.group === "mandatory" ? "mandatory" : "optional",
  areaCodes: codesOf(u.apprenticeshipStandardLinks),
}));

/** The units that list an area, in the specification's order. */
export function unitsCovering(code: string, units: readonly QualificationUnit[] = MHM_UNITS): QualificationUnit[] {
  return units.filter((u) => u.areaCodes.includes(code));
}
