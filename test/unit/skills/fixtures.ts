/** Areas with the standard's codes and the default targets, for the skills unit tests. */
import { STANDARD_AREAS, type SkillArea } from "../../../app/skills";

export function standardAreas(targets: Partial<Record<string, [number, number, number]>> = {}): SkillArea[] {
  return STANDARD_AREAS.map((a, i) => {
    const [se, sm, fl] = targets[a.code] ?? [3, 3, 2];
    return { id: 100 + i, code: a.code, name: a.name, group: a.group, position: i + 1, targets: { senior_executive: se, senior_manager: sm, frontline: fl }, retired: false };
  });
}

export function areaByCode(areas: SkillArea[], code: string): SkillArea {
  const a = areas.find((x) => x.code === code);
  if (!a) throw new Error(`no area ${code}`);
  return a;
}
