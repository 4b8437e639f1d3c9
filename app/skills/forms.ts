/** The form schemas the audit pages share (campaign details and who is included; a rating cell). Pure. */
import { z } from "zod";
import { isIsoDate } from "../compliance/dates";
import { parseRefs, type ParticipantFilter } from "./participants";
import type { FieldErrors } from "../models/result";
import { fieldErrorsOf } from "../utils/zod-field-errors";
import { AUDIT_CATEGORIES, isAuditCategory, type AuditCategory } from "./types";


const isoDate = (message: string) => z.string().trim().min(1, message).refine(isIsoDate, "Enter a real date as YYYY-MM-DD");

export const campaignSchema = z
  .object({
    name: z.string().trim().min(1, "Give the campaign a name").max(120, "Keep the name under 120 characters"),
    framework_id: z.string().trim().regex(/^\d{1,9}$/, "Choose a framework").transform(Number),
    opens_on: isoDate("Enter the date the campaign opens"),
    closes_on: isoDate("Enter the date the campaign closes"),
    categories: z.array(z.string()).max(AUDIT_CATEGORIES.length).refine((cs) => cs.every(isAuditCategory), "Choose categories from the list"),
    departments: z.array(z.string().max(200)).max(200),
    employers: z.array(z.string().max(200)).max(200),
    refs: z.string().max(20_000, "The list of employee refs is too long (at most 20,000 characters)"),
  })
  .superRefine((v, ctx) => {
    if (isIsoDate(v.opens_on) && isIsoDate(v.closes_on) && v.closes_on < v.opens_on) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["closes_on"], message: "The close date cannot be before the open date" });
    }
  });

export interface CampaignFormValues {
  name: string;
  framework_id: string;
  opens_on: string;
  closes_on: string;
  categories: string[];
  departments: string[];
  employers: string[];
  refs: string;
}

export function campaignFormValues(form: FormData): CampaignFormValues {
  const one = (k: string) => String(form.get(k) ?? "");
  const many = (k: string) => form.getAll(k).map(String);
  return {
    name: one("name"),
    framework_id: one("framework_id"),
    opens_on: one("opens_on"),
    closes_on: one("closes_on"),
    categories: many("categories"),
    departments: many("departments"),
    employers: many("employers"),
    refs: one("refs"),
  };
}

export type ParsedCampaignForm =
  | { ok: true; input: { name: string; frameworkId: number; opensOn: string; closesOn: string; filter: ParticipantFilter } }
  | { ok: false; errors: FieldErrors };

export function parseCampaignForm(values: CampaignFormValues): ParsedCampaignForm {
  const parsed = campaignSchema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const refs = parseRefs(parsed.data.refs);
  if (refs.length > 2000) return { ok: false, errors: { refs: "List at most 2,000 employee refs" } };
  return {
    ok: true,
    input: {
      name: parsed.data.name,
      frameworkId: parsed.data.framework_id,
      opensOn: parsed.data.opens_on,
      closesOn: parsed.data.closes_on,
      filter: {
        categories: parsed.data.categories as AuditCategory[],
        departments: [...new Set(parsed.data.departments)],
        employers: [...new Set(parsed.data.employers)],
        refs,
      },
    },
  };
}

/** A rating cell on the per-person grid: blank or a whole number 0–4. */
export const ratingCell = z
  .string()
  .trim()
  .refine((v) => v === "" || /^[0-4]$/.test(v), "Enter a whole number from 0 to 4, or leave it blank")
  .transform((v) => (v === "" ? null : Number(v)));

export const noteCell = z.string().trim().max(1000, "Keep the note under 1,000 characters").transform((v) => (v === "" ? null : v));

export const targetCell = z
  .string()
  .trim()
  .refine((v) => /^[0-4]$/.test(v), "Enter a target from 0 to 4")
  .transform(Number);
