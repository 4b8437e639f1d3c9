/**
 * One demo organisation's plan, before anything is written: its people, scope decisions, person overrides,
 * qualification records and absences, all drawn from one seeded generator.
 */
import { addMonths } from "../../app/compliance/dates";
import type { AbsenceTable, CategoryValue } from "../schema";
import { DEMO_ROLES, type DemoOrganisation, type DemoRole } from "../demo-data";
import { makePeople, type Person } from "./people";
import { DemoRandom, deckOf } from "./random";
import { closeLeaversRecords, RecordFactory, STORY_WEIGHTS, type RecordDraft, type Story } from "./qualification-stories";
import { weekday } from "./working-day";

/** The seed of the demo's generators (each organisation and decision derives its own from it). */
export const SEED = 0x5eed_2026;
/** The in-force date of the Standard (the column default) and the October 2026 milestone. */
const IN_FORCE = "2026-10-01";

export interface OrgPlan {
  org: DemoOrganisation;
  people: Person[];
  decisions: DemoRole[];
  overrides: Array<{ ref: string; category: CategoryValue; rationale: string; decided_on: string }>;
  records: RecordDraft[];
  absences: Array<{ ref: string; kind: AbsenceTable["kind"]; from_date: string; to_date: string | null; note: string }>;
}

export function planOrganisation(org: DemoOrganisation, orgIndex: number): OrgPlan {
  const rng = new DemoRandom(SEED + orgIndex * 7919);
  const people = makePeople(org, rng);
  const byRef = new Map(people.map((p) => [p.ref, p]));
  const decisions = DEMO_ROLES.filter((r) => r.category !== null && (org.slug === "riverside" ? r.riverside : r.oakfield) > 0);
  const stable = (p: Person) => p.kind === "regular" && p.startDate < "2025-01-01";
  const firstWith = (title: string, extra: (p: Person) => boolean = () => true) => people.find((p) => p.role.title === title && stable(p) && extra(p));

  // Person-level overrides, decided during the 2026 skills audit.
  const overrides: OrgPlan["overrides"] = [];
  const override = (p: Person | undefined, category: CategoryValue, rationale: string, decided_on: string) => {
    if (!p) return;
    p.category = category;
    overrides.push({ ref: p.ref, category, rationale, decided_on });
  };
  if (org.slug === "riverside") {
    const acting = firstWith("Housing Officer", (p) => p.location === "Wakefield") ?? firstWith("Housing Officer");
    override(acting, "senior_manager", `Acting Neighbourhood Manager (${acting?.location ?? "Wakefield"}) while the post is vacant; manages the housing officer team and most of the time is housing management`, "2026-06-15");
    override(firstWith("Neighbourhood Manager"), "out_of_scope", "Seconded full time to the new-build development programme until March 2027; no housing management duties during the secondment", "2026-04-20");
    override(firstWith("Repairs Team Leader"), "senior_manager", "Runs the voids repairs team day to day and manages its budget and contractors; more than half of time managing a housing service", "2026-07-08");
  } else {
    override(firstWith("Finance Manager"), "senior_manager", "Also manages the income officers and arrears recovery for the co-operative; about half of time on housing management", "2026-05-11");
  }

  const transitionEnd = addMonths(IN_FORCE, 12 * (org.homesOwned < 1000 ? 4 : 3));
  const factory = new RecordFactory(rng, org, transitionEnd);
  const required = (p: Person) => p.category === "senior_manager" || p.category === "senior_executive";

  // Named stories for the executive team (Riverside): the BSc, the non-recognised ILM diploma, the Level 4 holder.
  const special = new Set<Person>();
  if (org.slug === "riverside") {
    const ceo = people.find((p) => p.role.tier === 0)!;
    factory.add(ceo, "BSC-HOUSING", "achieved", "2000-09-25", { started: "2000-09-25", expected: "2003-07-11", achieved: "2003-07-11", noProvider: false });
    special.add(ceo);
    const customer = people.find((p) => p.role.title === "Director of Customer Experience");
    if (customer) {
      factory.add(customer, "ILM-L5-LM", "achieved", "2018-09-10", { expected: "2019-09-13", achieved: "2019-09-13" });
      special.add(customer);
    }
    const income = firstWith("Head of Income");
    if (income) {
      factory.add(income, "CIH-L4-CH", "achieved", "2015-01-12", { expected: "2016-01-29", achieved: "2016-01-22" });
      factory.add(income, "CIH-L5-DH", "in_progress", "2026-02-02", { expected: "2027-08-31" });
      special.add(income);
    }
    // The maintenance certificate with unit results: one referred on a unit, one part-way through.
    const responsive = firstWith("Responsive Repairs Manager");
    if (responsive) {
      factory.add(responsive, "CIH-L4-MHM", "referred", "2025-02-03", { started: "2025-02-17", expected: "2026-04-30" });
      special.add(responsive);
    }
    const planned = firstWith("Planned Maintenance Manager");
    if (planned) {
      factory.add(planned, "CIH-L4-MHM", "in_progress", "2025-09-08", { started: "2025-09-22", expected: "2027-03-31" });
      special.add(planned);
    }
  }

  // Stories for people in post and in scope are dealt from a shuffled deck, so the proportions (and
  // every status) hold even in a small organisation; leavers and unmapped people draw at random.
  const dealt = people.filter((p) => !special.has(p) && required(p) && p.kind === "regular");
  const deck = rng.shuffle(deckOf(STORY_WEIGHTS, dealt.length));
  const storyOf = new Map(dealt.map((p, i) => [p, deck[i]]));

  for (const p of people) {
    if (special.has(p)) continue;
    const inScope = required(p) || (p.category === null && rng.chance(0.45));
    if (inScope) {
      let story: Story;
      const fromDeck = storyOf.get(p);
      if (fromDeck) {
        story = fromDeck;
      } else if (p.kind === "joiner") {
        story = rng.chance(0.35) ? "long_qualified" : p.startDate <= "2026-10-30" && rng.chance(0.3) ? "enrolled_after_milestone" : "none";
      } else if (p.kind === "mover") {
        story = rng.weighted<Story>([["long_qualified", 30], ["enrolled_after_milestone", 30], ["none", 40]]);
      } else {
        story = rng.weighted(STORY_WEIGHTS);
      }
      factory.tell(p, story);
    } else if (p.category === "frontline" && /^(Housing|Neighbourhood|Income|Tenancy Sustainment|Lettings) Officer$/.test(p.role.title) && stable(p)) {
      // A few front-line staff hold or are taking housing qualifications for their own development.
      const roll = rng.next();
      if (roll < 0.06) {
        const achieved = rng.date("2016-03-01", "2024-11-29");
        factory.add(p, "CIH-L3-CHP", "achieved", addMonths(achieved, -10), { achieved, expected: addMonths(achieved, -1) });
      } else if (roll < 0.09) {
        factory.add(p, "CIH-L3-CHP", "in_progress", rng.date("2026-01-05", "2026-09-15"));
      } else if (roll < 0.11) {
        factory.add(p, "CIH-L4-CH", "in_progress", rng.date("2025-09-01", "2026-07-31"), { expected: rng.date("2027-01-29", "2027-09-30") });
      }
    }
  }
  closeLeaversRecords(factory.records, byRef);

  // Absences for in-scope people (they pause the clocks).
  const absences: OrgPlan["absences"] = [];
  const absent = rng.shuffle(people.filter((p) => required(p) && stable(p) && !special.has(p)));
  const plan: Array<[AbsenceTable["kind"], string]> =
    org.slug === "riverside"
      ? [["parental", "Maternity leave"], ["parental", "Shared parental leave"], ["parental", "Adoption leave"], ["long_term_sickness", "Long-term sickness absence"], ["long_term_sickness", "Long-term sickness absence (phased return planned)"], ["other", "Career break"]]
      : [["parental", "Maternity leave"], ["long_term_sickness", "Long-term sickness absence"]];
  plan.forEach(([kind, note], i) => {
    const p = absent[i];
    if (!p) return;
    if (kind === "parental") {
      const from = weekday(rng.date("2026-03-02", "2026-09-14"));
      absences.push({ ref: p.ref, kind, from_date: from, to_date: addMonths(from, rng.int(9, 12)), note });
    } else if (kind === "long_term_sickness") {
      const from = weekday(rng.date("2026-05-04", "2026-10-05"));
      absences.push({ ref: p.ref, kind, from_date: from, to_date: note.includes("phased") ? addMonths(from, 5) : null, note });
    } else {
      absences.push({ ref: p.ref, kind, from_date: "2026-04-01", to_date: "2026-12-31", note });
    }
  });

  return { org, people, decisions, overrides, records: factory.records, absences };
}
