// Properties that must hold for any organisation, person, records and date (fast-check).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  buildComplianceContext,
  countsAtDates,
  buildStatusTimelines,
  evaluatePerson,
  forecastTrend,
  isInScope,
  maxDate,
  measureOrganisation,
  monthlyTrend,
  personalDates,
  toDayNumber,
  type Absence,
  type BreakdownRow,
  type ComplianceStatus,
  type OrganisationSettings,
  type QualificationRecord,
  type RecordStatus,
  type StaffMember,
} from "../../../app/compliance";
import { DECISIONS, QUALIFICATIONS, settings } from "./fixtures";

const MIN = toDayNumber("2018-01-01");
const MAX = toDayNumber("2034-12-31");
const dateArb = fc.integer({ min: MIN, max: MAX }).map((d) => addDays("1970-01-01", d));
const maybeDate = fc.option(dateArb, { nil: null, freq: 3 });

const titles = ["Neighbourhood Manager", "Director of Housing", "Housing Officer", "Finance Officer", "Repairs Lead", " voids   manager "];

const staffArb = (id: number) =>
  fc.record({
    jobTitle: fc.constantFrom(...titles),
    startDate: maybeDate,
    roleStartDate: maybeDate,
    endDate: fc.option(dateArb, { nil: null, freq: 2 }),
    onProbation: fc.boolean(),
    probationEndDate: fc.option(dateArb, { nil: null, freq: 3 }),
    employer: fc.constantFrom(null, "", "Repairs Co"),
    department: fc.constantFrom(null, "Income", "Neighbourhoods"),
  }).map(
    (p): StaffMember => ({ id, employeeRef: `E${id}`, firstName: null, lastName: null, ...p }),
  );

const statusArb = fc.constantFrom<RecordStatus>("enrolled", "in_progress", "referred", "achieved", "withdrawn", "failed");

const recordArb = (staffId: number) =>
  fc.record({
    qualificationId: fc.integer({ min: 1, max: 8 }),
    provider: fc.constantFrom(null, "CIH Housing Academy", "Upkeep Training"),
    status: statusArb,
    enrolledOn: maybeDate,
    startedOn: maybeDate,
    expectedCompletion: maybeDate,
    achievedOn: maybeDate,
  }).map((r): Omit<QualificationRecord, "id"> => ({ staffId, pathway: null, unitResults: [], ...r }));

const absenceArb = (staffId: number) =>
  fc
    .record({
      from: dateArb,
      length: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      kind: fc.constantFrom<Absence["kind"]>("parental", "long_term_sickness", "other"),
    })
    .map(({ from, length, kind }): Absence => ({ staffId, kind, from, to: length == null ? null : addDays(from, length) }));

const settingsArb = fc
  .record({ homes: fc.constantFrom(400, 999, 1000, 5000), absencesPauseClocks: fc.boolean(), otherAbsencePausesClocks: fc.boolean() })
  .map(({ homes, absencesPauseClocks, otherAbsencePausesClocks }) => settings({ absencesPauseClocks, otherAbsencePausesClocks }, homes));

interface Org {
  settings: OrganisationSettings;
  staff: StaffMember[];
  records: QualificationRecord[];
  absences: Absence[];
}

const orgArb: fc.Arbitrary<Org> = fc.integer({ min: 1, max: 12 }).chain((size) =>
  fc
    .record({
      settings: settingsArb,
      people: fc.tuple(
        ...Array.from({ length: size }, (_, i) =>
          fc.record({
            staff: staffArb(i + 1),
            records: fc.array(recordArb(i + 1), { maxLength: 3 }),
            absences: fc.array(absenceArb(i + 1), { maxLength: 2 }),
          }),
        ),
      ),
    })
    .map(({ settings: s, people }) => {
      let id = 1;
      return {
        settings: s,
        staff: people.map((p) => p.staff),
        records: people.flatMap((p) => p.records.map((r) => ({ ...r, id: id++ }))),
        absences: people.flatMap((p) => p.absences),
      };
    }),
);

function contextOf(org: Org) {
  return buildComplianceContext({
    settings: org.settings,
    decisions: DECISIONS,
    overrides: [],
    qualifications: QUALIFICATIONS,
    records: org.records,
    absences: org.absences,
  });
}

const RANK: Partial<Record<ComplianceStatus, number>> = { not_enrolled: 0, working_towards: 1, qualified: 2 };

describe("properties of the rules", () => {
  it("adding an achieved, meeting record dated on or before the date never makes a status worse", () => {
    fc.assert(
      fc.property(orgArb, dateArb, fc.integer({ min: 0, max: 3000 }), (org, asOf, daysBefore) => {
        const before = contextOf(org);
        const extra: QualificationRecord = {
          id: 9999,
          staffId: 1,
          qualificationId: 6, // BSc, Level 6: meets every requirement
          provider: null,
          status: "achieved",
          enrolledOn: null,
          startedOn: null,
          expectedCompletion: null,
          achievedOn: addDays(asOf, -daysBefore),
          pathway: null,
          unitResults: [],
        };
        const after = contextOf({ ...org, records: [...org.records, extra] });
        const was = evaluatePerson(org.staff[0], before, asOf);
        const now = evaluatePerson(org.staff[0], after, asOf);
        if (isInScope(was.status)) {
          expect(now.status).toBe("qualified");
          expect(now.rag).toBe("green");
          expect(RANK[now.status]!).toBeGreaterThanOrEqual(RANK[was.status]!);
        } else {
          expect(now.status).toBe(was.status);
          expect(now.rag).toBe("grey");
        }
      }),
    );
  });

  it("evaluating everyone at once gives what evaluating each person alone gives (shared caches and scratch are safe)", () => {
    fc.assert(
      fc.property(orgArb, dateArb, dateArb, (org, asOf, otherDate) => {
        const shared = contextOf(org);
        measureOrganisation(shared, org.staff, otherDate); // warm the shared caches on another date first
        const all = measureOrganisation(shared, org.staff, asOf).people;
        org.staff.forEach((p, i) => {
          expect(all[i]).toEqual(evaluatePerson(p, contextOf(org), asOf));
        });
      }),
    );
  });

  it("percentages are between 0 and 100 and the counts add up", () => {
    fc.assert(
      fc.property(orgArb, dateArb, (org, asOf) => {
        const m = measureOrganisation(contextOf(org), org.staff, asOf);
        for (const pct of [m.pctQualified, m.pctQualifiedOrEnrolled]) {
          if (m.inScope === 0) expect(pct).toBeNull();
          else {
            expect(pct).toBeGreaterThanOrEqual(0);
            expect(pct).toBeLessThanOrEqual(100);
          }
        }
        expect(m.qualified + m.workingTowards + m.notEnrolled).toBe(m.inScope);
        expect(Object.values(m.countsByStatus).reduce((a, b) => a + b, 0)).toBe(org.staff.length);
        expect(Object.values(m.countsByRag).reduce((a, b) => a + b, 0)).toBe(org.staff.length);
        expect(m.inScopeByLevel[4] + m.inScopeByLevel[5]).toBe(m.inScope);
        for (const rows of [m.breakdowns.department, m.breakdowns.category, m.breakdowns.employer, m.breakdowns.provider]) {
          expect(rows.reduce((a: number, r: BreakdownRow) => a + r.n, 0)).toBe(m.inScope);
          for (const r of rows) {
            expect(r.byRag.green + r.byRag.amber + r.byRag.red).toBe(r.n);
            if (r.pctQualified != null) expect(r.pctQualified).toBeLessThanOrEqual(r.pctQualifiedOrEnrolled!);
          }
        }
        for (const p of m.people) {
          expect(p.rag === "grey").toBe(!isInScope(p.status));
          if (p.status === "qualified") expect(p.rag).toBe("green");
          if (p.requiredLevel == null) expect(p.latestStart).toBeNull();
          else expect(p.latestStart! <= p.qualifyBy!).toBe(true);
        }
      }),
    );
  });

  it("the trend on any date equals the measures on that date (including the day before, of and after every recorded date)", () => {
    fc.assert(
      fc.property(orgArb, fc.array(dateArb, { minLength: 1, maxLength: 5 }), (org, randomDates) => {
        const ctx = contextOf(org);
        const recorded = [
          ...org.staff.flatMap((p) => [p.startDate, p.endDate]),
          ...org.records.flatMap((r) => [r.enrolledOn, r.startedOn, r.achievedOn]),
        ].filter((d): d is string => d != null);
        const dates = [...randomDates, ...recorded.flatMap((d) => [addDays(d, -1), d, addDays(d, 1)])].slice(0, 40);
        const points = countsAtDates(buildStatusTimelines(ctx, org.staff), dates);
        dates.forEach((date, i) => {
          const m = measureOrganisation(ctx, org.staff, date);
          expect(points[i]).toEqual({
            date,
            n: m.inScope,
            qualified: m.qualified,
            workingTowards: m.workingTowards,
            notEnrolled: m.notEnrolled,
            pctQualified: m.pctQualified,
            pctQualifiedOrEnrolled: m.pctQualifiedOrEnrolled,
            inBreach: m.countsByStatutory.in_breach,
            pctStatutory: m.pctStatutory,
          });
        });
      }),
    );
  });

  it("the monthly trend ends with the measures on its end date", () => {
    fc.assert(
      fc.property(orgArb, dateArb, (org, asOf) => {
        const ctx = contextOf(org);
        const points = monthlyTrend(ctx, org.staff, addMonths(asOf, -36), asOf);
        const last = points[points.length - 1];
        const m = measureOrganisation(ctx, org.staff, asOf);
        expect(last.date).toBe(asOf);
        expect([last.n, last.qualified, last.pctQualifiedOrEnrolled]).toEqual([m.inScope, m.qualified, m.pctQualifiedOrEnrolled]);
        expect(points.length).toBeGreaterThanOrEqual(36);
      }),
    );
  });

  it("the forecast starts at the actual measures and never has fewer qualified than the actual curve", () => {
    fc.assert(
      fc.property(orgArb, dateArb, (org, asOf) => {
        const ctx = contextOf(org);
        const forecast = forecastTrend(ctx, org.staff, asOf, addMonths(asOf, 48));
        const actual = countsAtDates(buildStatusTimelines(ctx, org.staff), forecast.map((p) => p.date));
        expect(forecast[0]).toEqual(actual[0]);
        forecast.forEach((p, i) => {
          expect(p.n).toBe(actual[i].n);
          expect(p.qualified).toBeGreaterThanOrEqual(actual[i].qualified);
          expect(p.qualified + p.workingTowards).toBe(actual[i].qualified + actual[i].workingTowards);
        });
      }),
    );
  });

  it("the forecast keeps an achievement recorded after the as-of date although a later-starting course is open (found by the property above)", () => {
    const person = { id: 9, employeeRef: "E9", firstName: null, lastName: null, jobTitle: "Neighbourhood Manager", startDate: null, roleStartDate: null, endDate: null, onProbation: false, probationEndDate: null, employer: null, department: null };
    const org: Org = {
      settings: { ...settings(), homesOwned: 400, inForceDate: "2026-10-01" },
      staff: [person],
      records: [
        { id: 1, staffId: 9, qualificationId: 1, provider: null, status: "achieved", enrolledOn: null, startedOn: null, expectedCompletion: null, achievedOn: "2018-01-03", pathway: null, unitResults: [] },
        { id: 2, staffId: 9, qualificationId: 1, provider: null, status: "enrolled", enrolledOn: null, startedOn: "2018-02-01", expectedCompletion: "2018-01-02", achievedOn: null, pathway: null, unitResults: [] },
      ],
      absences: [],
    };
    const ctx = contextOf(org);
    const forecast = forecastTrend(ctx, org.staff, "2018-01-01", "2018-03-01");
    const january = forecast.find((p) => p.date === "2018-01-31")!;
    expect(january.qualified).toBe(1);
  });

  it("for someone who never leaves, status only moves forward in time", () => {
    fc.assert(
      fc.property(orgArb, dateArb, dateArb, (org, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const p = { ...org.staff[0], jobTitle: "Neighbourhood Manager", startDate: null, endDate: null };
        const ctx = contextOf(org);
        expect(RANK[evaluatePerson(p, ctx, late).status]!).toBeGreaterThanOrEqual(RANK[evaluatePerson(p, ctx, early).status]!);
      }),
    );
  });

  it("personal dates follow the formula of rule 5 exactly", () => {
    const settingsWide = fc.record({
      inForceDate: dateArb,
      homes: fc.constantFrom(10, 5000),
      graceMonths: fc.integer({ min: 0, max: 12 }),
      probationGraceMonths: fc.integer({ min: 0, max: 15 }),
      lateJoinerMonths: fc.integer({ min: 6, max: 60 }),
      courseMonthsLevel4: fc.integer({ min: 1, max: 30 }),
      qualifiedDeadlineOverride: maybeDate,
    });
    fc.assert(
      fc.property(settingsWide, maybeDate, maybeDate, fc.boolean(), fc.constantFrom<4 | 5>(4, 5), dateArb, (s, roleStart, start, onProbation, level, asOf) => {
        const org = settings({ ...s, absencesPauseClocks: false }, s.homes);
        const ctx = buildComplianceContext({ settings: org, decisions: [], overrides: [], qualifications: [], records: [], absences: [] });
        const dates = personalDates({ id: 1, roleStartDate: roleStart, startDate: start, onProbation }, ctx, level, asOf);
        const base = roleStart ?? start;
        const transitionEnd = addMonths(org.inForceDate, s.homes < 1000 ? 48 : 36);
        const deadline = s.qualifiedDeadlineOverride ?? transitionEnd;
        const grace = onProbation ? s.probationGraceMonths : s.graceMonths;
        const enrolBy = base ? maxDate(transitionEnd, addMonths(base, grace)) : transitionEnd;
        const qualifyBy = base ? maxDate(deadline, addMonths(base, s.lateJoinerMonths)) : deadline;
        expect(dates.enrolBy).toBe(enrolBy);
        expect(dates.qualifyBy).toBe(qualifyBy);
        expect(dates.latestStart).toBe(addMonths(qualifyBy, -(level === 5 ? 18 : s.courseMonthsLevel4)));
      }),
      { numRuns: 500 },
    );
  });

  it("absence pauses move both dates by the same number of days, never backwards", () => {
    fc.assert(
      fc.property(orgArb, dateArb, (org, asOf) => {
        const on = contextOf({ ...org, settings: { ...org.settings, absencesPauseClocks: true } });
        const off = contextOf({ ...org, settings: { ...org.settings, absencesPauseClocks: false } });
        const p = { ...org.staff[0], jobTitle: "Neighbourhood Manager" };
        const a = personalDates(p, on, 4, asOf);
        const b = personalDates(p, off, 4, asOf);
        expect(a.pausedDays).toBeGreaterThanOrEqual(0);
        expect(addDays(b.enrolBy, a.pausedDays)).toBe(a.enrolBy);
        expect(addDays(b.qualifyBy, a.pausedDays)).toBe(a.qualifyBy);
      }),
    );
  });
});
