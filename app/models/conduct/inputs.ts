/** Small zod pieces shared by the conduct commands: form and CLI values arrive as text. */
import { z } from "zod";
import { isIsoDate } from "../../compliance/dates";

export const requiredDate = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => v !== "", `Enter the ${label}`)
    .refine((v) => v === "" || isIsoDate(v), `Enter the ${label} as a real date (YYYY-MM-DD)`);

export const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || isIsoDate(v), `Enter the ${label} as a real date (YYYY-MM-DD), or leave it blank`)
    .transform((v) => (v === "" ? null : v));

export const optionalText = (label: string, max = 500) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v.length <= max, `Keep the ${label} under ${max} characters`)
    .transform((v) => (v === "" ? null : v));

export const requiredText = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}`)
    .max(max, `Keep the ${label} under ${max} characters`);

/** A link tenants can follow: http(s) only. */
export const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => v ?? "")
  .refine((v) => v === "" || /^https?:\/\/[^\s]+$/i.test(v), "Enter a web address starting http:// or https://, or leave it blank")
  .refine((v) => v.length <= 500, "Keep the link under 500 characters")
  .transform((v) => (v === "" ? null : v));
