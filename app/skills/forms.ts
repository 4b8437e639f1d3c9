/** The form schemas the audit pages share (campaign details and who is included; a rating cell). Pure. */
import { z } from "zod";
import { isIsoDate } from "../compliance/dates";
import { parseRefs, type ParticipantFilter } from "./participants";
import { textForm } from "../utils/text-form";
import { AUDIT_CATEGORIES, isAuditCategory, type AuditCategory } from "./types";


const isoDate = (message: string) => z.string().trim().min(1, message).refine(isIsoDate, "Enter a real date as YYYY-MM-DD");

/** The campaign form (create, and edit a draft), for `parseForm`: its details and who is included. */
export const campaignForm = textForm({
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
  })
  .transform((v, ctx): CampaignInput => {
    const refs = parseRefs(v.refs);
    if (refs.length > 2000) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["refs"], message: "List at most 2,000 employee refs" });
      return z.NEVER;
    }
    return {
      name: v.name,
      frameworkId: v.framework_id,
      opensOn: v.opens_on,
      closesOn: v.closes_on,
      filter: { categories: v.categories as AuditCategory[], departments: [...new Set(v.departments)], employers: [...new Set(v.employers)], refs },
    };
  });

export interface CampaignInput {
  name: string;
  frameworkId: number;
  opensOn: string;
  closesOn: string;
  filter: ParticipantFilter;
}

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
