// The executive report's conduct paragraph.
import { describe, expect, it } from "vitest";
import { conductSentences, type ConductFigures } from "../../../app/conduct/report-sentences";

const figures: ConductFigures = {
  asOf: "2026-11-02",
  codeOfConduct: { version: "2026", required: 4, acknowledged: 1, overdue: 2, pct: 25 },
  policies: { inForce: 1, dueForReview: 1, overdue: 0, missing: ["learning_development", "appraisal", "poor_performance"] },
  supervision: { expected: 1, overdue: 1 },
  appraisal: { expected: 4, overdue: 2 },
  training: { required: 4, compliant: 1, pct: 25 },
};

describe("conduct sentences", () => {
  it.each([
    [figures, 0, "1 of 4 active people (25%) have acknowledged version 2026 of the code of conduct; 2 people are overdue."],
    [{ ...figures, codeOfConduct: { version: null, required: 0, acknowledged: 0, overdue: 0, pct: null } }, 0, "No code of conduct version is in force on 2 Nov 2026, so nobody owes an acknowledgement yet."],
    [figures, 1, "Supervision is overdue for 1 person of the 1 it is expected of, and appraisal for 2 people of 4."],
    [figures, 2, "25% of required training is current (1 of 4 person-course requirements)."],
    [{ ...figures, training: { required: 0, compliant: 0, pct: null } }, 2, "No training is required of anyone yet."],
    [figures, 3, "1 of the 4 policies are in force; 1 is due for review. No version is recorded of: learning and development, appraisal and performance review, managing poor performance."],
  ])("%#", (f, i, sentence) => {
    expect(conductSentences(f as ConductFigures)[i]).toBe(sentence);
  });
});
