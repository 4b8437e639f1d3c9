/**
 * Role mapping: the job titles an organisation's active staff hold, the scope decision for each, and the command
 * that records a decision (one `scope.write`, one audit event per title). Every read goes through the scope.
 */
import { plural } from "../utils/plural";
import type { CategoryValue, ScopeDecisionRow } from "../../db/schema";
import { reviewOverdue } from "../compliance/review";
import { normaliseJobTitle, requiredLevelFor } from "../compliance/scope";
import { scopeConsistencyChecks, type ScopeCheck } from "../compliance/scope-consistency";
import { CATEGORY_LABELS } from "../compliance/status";
import { evaluateOrganisation, evaluatedById } from "./compliance.server";
import { staffByTitle } from "../compliance/affected-people";
import type { OrganisationReader, OrganisationScope } from "./organisation-scope.server";
import { invalid, ok, type Result } from "./result";
import { suggestCategory, type RoleSuggestion } from "./role-suggestions";

export interface DecisionView {
  id: number;
  jobTitle: string;
  normalised: string;
  category: CategoryValue;
  timeManagingPct: number | null;
  rationale: string | null;
  decidedBy: string | null;
  decidedOn: string | null;
  reviewDate: string | null;
  /** The review date has passed (review date < today). */
  reviewOverdue: boolean;
  /** Scope consistency checks the decision fails (app/compliance/scope-consistency.ts). */
  checks: ScopeCheck[];
}

export interface RoleTitle {
  normalised: string;
  /** The most common spelling among the people holding the title. */
  jobTitle: string;
  /** Other spellings seen (same title once normalised). */
  otherSpellings: string[];
  /** Active people holding the title. */
  people: number;
  decision: DecisionView | null;
  suggestion: RoleSuggestion | null;
}

export interface RoleMapping {
  /** Unmapped titles first (most people first), then decided titles (most people first). */
  titles: RoleTitle[];
  /** Decisions for titles no active member of staff holds. */
  orphanDecisions: DecisionView[];
  summary: {
    titles: number;
    unmappedTitles: number;
    unmappedPeople: number;
    decidedTitles: number;
    reviewOverdue: number;
    /** Decisions failing at least one scope consistency check. */
    inconsistent: number;
  };
}

function decisionView(row: ScopeDecisionRow, today: string): DecisionView {
  return {
    id: row.id,
    jobTitle: row.job_title,
    normalised: row.job_title_normalised,
    category: row.category,
    timeManagingPct: row.time_managing_pct,
    rationale: row.rationale,
    decidedBy: row.decided_by,
    decidedOn: row.decided_on,
    reviewDate: row.review_date,
    reviewOverdue: reviewOverdue(row.review_date, today),
    checks: scopeConsistencyChecks({ category: row.category, timeManagingPct: row.time_managing_pct, rationale: row.rationale }),
  };
}

function byPeopleThenTitle(a: { people: number; jobTitle: string }, b: { people: number; jobTitle: string }): number {
  return b.people - a.people || a.jobTitle.localeCompare(b.jobTitle, "en-GB");
}

/** Distinct job titles among staff active on `asOf` (rule 1), with head counts and their decisions. */
export async function loadRoleMapping(scope: OrganisationReader, asOf: string, today = asOf): Promise<RoleMapping> {
  const [spellings, decisionRows] = await Promise.all([
    scope
      .selectFrom("staff")
      .select(["job_title_normalised", "job_title"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where((eb) => eb.or([eb("start_date", "is", null), eb("start_date", "<=", asOf)]))
      .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">", asOf)]))
      .groupBy(["job_title_normalised", "job_title"])
      .execute(),
    scope.selectFrom("scope_decisions").selectAll().execute(),
  ]);

  const groups = new Map<string, Array<{ jobTitle: string; n: number }>>();
  for (const row of spellings) {
    const list = groups.get(row.job_title_normalised) ?? [];
    list.push({ jobTitle: row.job_title, n: Number(row.n) });
    groups.set(row.job_title_normalised, list);
  }
  const decisions = new Map(decisionRows.map((d) => [d.job_title_normalised, decisionView(d, today)]));

  const titles: RoleTitle[] = [];
  for (const [normalised, list] of groups) {
    list.sort((a, b) => b.n - a.n || a.jobTitle.localeCompare(b.jobTitle, "en-GB"));
    const jobTitle = list[0].jobTitle.trim().replace(/\s+/g, " ");
    titles.push({
      normalised,
      jobTitle,
      otherSpellings: list.slice(1).map((s) => s.jobTitle),
      people: list.reduce((sum, s) => sum + s.n, 0),
      decision: decisions.get(normalised) ?? null,
      suggestion: suggestCategory(jobTitle),
    });
  }
  const unmapped = titles.filter((t) => !t.decision).sort(byPeopleThenTitle);
  const decided = titles.filter((t) => t.decision).sort(byPeopleThenTitle);
  const orphanDecisions = [...decisions.values()]
    .filter((d) => !groups.has(d.normalised))
    .sort((a, b) => a.jobTitle.localeCompare(b.jobTitle, "en-GB"));
  const allDecisions = [...decisions.values()];
  return {
    titles: [...unmapped, ...decided],
    orphanDecisions,
    summary: {
      titles: titles.length,
      unmappedTitles: unmapped.length,
      unmappedPeople: unmapped.reduce((sum, t) => sum + t.people, 0),
      decidedTitles: decided.length,
      reviewOverdue: allDecisions.filter((d) => d.reviewOverdue).length,
      inconsistent: allDecisions.filter((d) => d.checks.length > 0).length,
    },
  };
}

/** Normalised titles a decision may be made for: any title a member of staff holds (or held), or one already decided. */
export async function knownJobTitles(scope: OrganisationReader): Promise<Set<string>> {
  // The staff titles from the (organisation_id, job_title_normalised) index alone: the role mapping page groups by
  // the same column, so every title it offers is known without reading 100,000 rows.
  const [staff, decisions] = await Promise.all([
    scope.selectFrom("staff").select("job_title_normalised").distinct().execute(),
    scope.selectFrom("scope_decisions").select("job_title").execute(),
  ]);
  return new Set([...staff.map((r) => r.job_title_normalised), ...decisions.map((r) => normaliseJobTitle(r.job_title))]);
}

export interface DecisionInput {
  /** Job titles as shown (any spelling); they are normalised for the key. */
  jobTitles: string[];
  category: CategoryValue;
  timeManagingPct: number | null;
  rationale: string;
  reviewDate: string | null;
}

export interface DecisionChange {
  id: number;
  jobTitle: string;
  normalised: string;
  created: boolean;
}

/** The audited fields of a decision; undefined (stored as SQL null) when there was none. */
function auditShape(row: ScopeDecisionRow | undefined) {
  if (!row) return undefined;
  return {
    job_title: row.job_title,
    category: row.category,
    time_managing_pct: row.time_managing_pct,
    rationale: row.rationale,
    decided_by: row.decided_by,
    decided_on: row.decided_on,
    review_date: row.review_date,
  };
}

/**
 * Records one decision for several job titles: one `scope.write`, an upsert per title keyed by
 * (organisation_id, job_title_normalised), decided by the actor today, and one audit event per title. A title no
 * member of staff holds (or held) and no decision names is refused on `titles`.
 */
export async function decideScope(scope: OrganisationScope, input: DecisionInput): Promise<Result<DecisionChange[]>> {
  const known = await knownJobTitles(scope);
  const unknown = input.jobTitles.filter((t) => !known.has(normaliseJobTitle(t)));
  if (unknown.length > 0) return invalid({ titles: `Not a job title in this organisation: ${unknown.map((t) => `"${t}"`).join(", ")}` });
  const byKey = new Map<string, string>();
  for (const title of input.jobTitles) {
    const display = title.trim().replace(/\s+/g, " ");
    const key = normaliseJobTitle(display);
    if (key && !byKey.has(key)) byKey.set(key, display);
  }
  const changes = await scope.write(async (w) => {
    const changes: DecisionChange[] = [];
    for (const [normalised, jobTitle] of byKey) {
      const before = await w.selectFrom("scope_decisions").selectAll().where("job_title_normalised", "=", normalised).executeTakeFirst();
      const values = {
        job_title: jobTitle,
        category: input.category,
        time_managing_pct: input.timeManagingPct,
        rationale: input.rationale,
        decided_by: scope.actor.name,
        decided_on: scope.today,
        review_date: input.reviewDate,
      };
      const after = before
        ? await w.updateTable("scope_decisions").set(values).where("id", "=", before.id).returningAll().executeTakeFirstOrThrow()
        : await w.insertInto("scope_decisions", { job_title_normalised: normalised, ...values }).returningAll().executeTakeFirstOrThrow();
      const from = before ? CATEGORY_LABELS[before.category] : "Unmapped";
      await w.audit({
        action: before ? "scope_decision.update" : "scope_decision.create",
        entity: "scope_decision",
        entityId: after.id,
        summary: `${jobTitle}: ${from} → ${CATEGORY_LABELS[after.category]}`,
        before: auditShape(before),
        after: auditShape(after),
      });
      changes.push({ id: after.id, jobTitle, normalised, created: !before });
    }
    return changes;
  });
  return ok(changes);
}

export interface DecisionImpact {
  /** Active people whose job title is one of the titles and whose scope comes from the title decision. */
  people: number;
  /** Active people with one of the titles whose individual override beats the title decision. */
  overridden: number;
  /** Organisation-wide people in scope (rule 7 N). */
  inScope: number;
  /** Organisation-wide active people whose job title is unmapped. */
  decisionsNeeded: number;
}

/** What the rules say about people holding these titles on `asOf` (counts only from the rules). */
export async function decisionImpact(scope: OrganisationReader, jobTitles: string[], asOf: string): Promise<DecisionImpact> {
  const keys = new Set(jobTitles.map(normaliseJobTitle));
  const { data, measures } = await evaluateOrganisation(scope, asOf);
  let people = 0;
  let overridden = 0;
  // Only the people holding the titles (the staff list's title index), each found at their place in the evaluation.
  const byTitle = staffByTitle(data.staff);
  const evaluated = evaluatedById(data.staff, measures.people);
  for (const key of keys) {
    for (const id of byTitle.get(key) ?? []) {
      const p = evaluated(id);
      if (!p || p.status === "left" || p.status === "not_started") continue;
      if (p.scopeSource === "override") overridden++;
      else people++;
    }
  }
  return { people, overridden, inScope: measures.inScope, decisionsNeeded: measures.unmappedCount };
}

/** "3 titles decided; 12 people now need Level 4." plus the change in people in scope. */
export function impactNotice(titleCount: number, category: CategoryValue, impact: DecisionImpact, inScopeBefore: number | null): string {
  const titles = `${plural(titleCount, "title")} decided`;
  const people = `${plural(impact.people, "person")}`;
  const level = requiredLevelFor(category);
  const what =
    level != null
      ? `${people} now need Level ${level}`
      : category === "frontline"
        ? `${people} now need no qualification (frontline: competence and conduct duties apply)`
        : `${people} now out of scope`;
  const parts = [`${titles}; ${what}.`];
  if (impact.overridden > 0) {
    const n = impact.overridden;
    parts.push(`${n} more ${n === 1 ? "person keeps an individual decision" : "people keep their individual decisions"}.`);
  }
  if (inScopeBefore != null && inScopeBefore !== impact.inScope) parts.push(`People in scope: ${inScopeBefore} → ${impact.inScope}.`);
  else parts.push(`People in scope: ${impact.inScope}.`);
  return parts.join(" ");
}
