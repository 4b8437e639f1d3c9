// The forms for the Standard's edges (service providers, equivalence assessments): one zod schema each, shared by
// the page and its action (Conform), with the rules' own limits.

import { z } from "zod";
import { EQUIVALENCE_OUTCOMES, MINIMUM_TQT_HOURS, type EquivalenceOutcome } from "./equivalence";
import { formText } from "./record-rules";

export const serviceProviderForm = z.object({
  provider_id: z
    .string()
    .optional()
    .transform((v) => (v && /^\d+$/.test(v.trim()) ? Number(v) : null)),
  name: formText.required(200, "Enter the provider's name"),
  comprehensive: formText.choice(["yes", "no"], "Say whether the provider gives a comprehensive housing management service").transform((v) => v === "yes"),
  contract_ref: formText.optional(100),
  review_date: formText.optionalDate(),
  note: formText.optional(500),
});
export type ServiceProviderInput = z.output<typeof serviceProviderForm>;

export const deleteServiceProviderForm = z.object({ provider_id: formText.id() });

/** Top-up units: one per line (blank lines ignored, at most 20). */
const topUpLines = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(/\r?\n/)
      .map((l) => l.trim().replace(/\s+/g, " "))
      .filter((l) => l !== ""),
  )
  .refine((lines) => lines.length <= 20, "List at most 20 top-up units")
  .refine((lines) => lines.every((l) => l.length <= 200), "Keep each unit under 200 characters");

export const equivalenceAssessmentForm = z
  .object({
    qualification_id: formText.id("Choose the qualification assessed"),
    assessed_by: formText.required(120, "Enter who assessed it"),
    assessed_on: formText.requiredDate("Enter the date of the assessment"),
    evidence_ref: formText.required(120, "Enter the evidence reference (where the assessment is filed)"),
    tqt_hours: z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim())
      .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 10000, "Enter the total qualification time in hours (a whole number)")
      .transform(Number),
    outcome: formText.choice(EQUIVALENCE_OUTCOMES as [EquivalenceOutcome, ...EquivalenceOutcome[]], "Choose the outcome: met or partly met"),
    top_ups: topUpLines,
    note: formText.optional(500),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "met" && v.tqt_hours < MINIMUM_TQT_HOURS) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["tqt_hours"],
        message: `The policy expects at least ${MINIMUM_TQT_HOURS} hours of total qualification time for "met"; record it as partly met with the top-up units`,
      });
    }
    if (v.outcome === "partly_met" && v.top_ups.length === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["top_ups"], message: "List the top-up units needed, one per line" });
    }
  });
export type EquivalenceAssessmentInput = z.output<typeof equivalenceAssessmentForm>;

export const topUpCompletionForm = z.object({
  top_up_id: formText.id(),
  completed_on: formText.requiredDate("Enter the date the unit was completed"),
});

export const deleteEquivalenceForm = z.object({ assessment_id: formText.id() });
