/** "1 person", "2 people", "1,204 errors": a count with the right form of its noun (plain module: pages use it). */
const IRREGULAR: Record<string, string> = { person: "people", Person: "People", child: "children" };

export function pluralNoun(count: number, singular: string, pluralForm?: string): string {
  if (count === 1) return singular;
  if (pluralForm) return pluralForm;
  if (IRREGULAR[singular]) return IRREGULAR[singular];
  const words = singular.split(" ");
  const last = words.pop()!;
  const lastPlural = IRREGULAR[last] ?? (/(s|x|z|ch|sh)$/.test(last) ? `${last}es` : /[^aeiou]y$/.test(last) ? `${last.slice(0, -1)}ies` : `${last}s`);
  return [...words, lastPlural].join(" ");
}

export function plural(count: number, singular: string, pluralForm?: string): string {
  return `${count.toLocaleString("en-GB")} ${pluralNoun(count, singular, pluralForm)}`;
}
