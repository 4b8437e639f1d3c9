/**
 * Where digests go: an SMTP server (SMTP_URL, through nodemailer) or, without one, `.eml` files in the outbox
 * folder beside the database, listed on the reminders page, so nothing is silently lost.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type nodemailerModule from "nodemailer";

/** nodemailer is required when a mailer is made, not at start-up (decision 0057). */
function loadNodemailer(): typeof nodemailerModule {
  return createRequire(import.meta.url)("nodemailer") as typeof nodemailerModule;
}
import { z } from "zod";

export interface OutgoingMessage {
  to: string;
  cc: string[];
  subject: string;
  text: string;
  html: string;
}

export interface Delivery {
  messageId: string | null;
  /** File name inside the outbox folder, when written there. */
  outboxFile: string | null;
}

export interface Mailer {
  mode: "smtp" | "outbox";
  /** "smtp://mail.example.org:587" (no password) or the outbox folder. */
  description: string;
  send(message: OutgoingMessage, label: string): Promise<Delivery>;
  close(): void;
}

export const DEFAULT_MAIL_FROM = "Competence & Conduct dashboard <no-reply@localhost>";

const mailEnvSchema = z.object({
  SMTP_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^smtps?:\/\//i.test(v), "SMTP_URL must start with smtp:// or smtps:// (e.g. smtp://user:pass@mail.example.org:587)"),
  MAIL_FROM: z.string().trim().optional(),
  APP_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^https?:\/\/[^\s]+$/i.test(v), "APP_URL must be the product's address, e.g. https://compliance.example.org"),
  PORT: z.string().optional(),
});

export interface MailSettings {
  smtpUrl: string | null;
  from: string;
  /** The address links in digests point at. */
  appUrl: string;
}

export function mailSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): MailSettings {
  const parsed = mailEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  const { SMTP_URL, MAIL_FROM, APP_URL, PORT } = parsed.data;
  return {
    smtpUrl: SMTP_URL || null,
    from: MAIL_FROM || DEFAULT_MAIL_FROM,
    appUrl: (APP_URL || `http://localhost:${PORT || "3000"}`).replace(/\/+$/, ""),
  };
}

/** The outbox folder: `outbox/` beside the database file. */
export function outboxDirectory(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), "outbox");
}

/** A name safe to use as a file name: letters, digits, dots and dashes. */
function safePart(value: string): string {
  return value.replace(/[^A-Za-z0-9.-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "digest";
}

const AUTOMATED_HEADERS = { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" };

export function createMailer(settings: MailSettings, databaseFile: string): Mailer {
  const nodemailer = loadNodemailer();
  if (settings.smtpUrl) {
    const transport = nodemailer.createTransport(settings.smtpUrl, { from: settings.from });
    // Do not let a dead mail server hang a cron run.
    Object.assign(transport.options, { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
    return {
      mode: "smtp",
      description: deliveryOf(settings, databaseFile).destination,
      async send(message) {
        const info = await transport.sendMail({ ...message, cc: message.cc.length ? message.cc : undefined, from: settings.from, headers: AUTOMATED_HEADERS });
        const rejected = (info.rejected ?? []).map(String);
        if (rejected.some((r) => r.toLowerCase() === message.to.toLowerCase())) throw new Error(`The mail server refused ${message.to}`);
        return { messageId: info.messageId ?? null, outboxFile: null };
      },
      close: () => transport.close(),
    };
  }
  const dir = outboxDirectory(databaseFile);
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  let counter = 0;
  return {
    mode: "outbox",
    description: dir,
    async send(message, label) {
      const info = await transport.sendMail({ ...message, cc: message.cc.length ? message.cc : undefined, from: settings.from, headers: AUTOMATED_HEADERS });
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
      const file = `${stamp}-${safePart(label)}-${process.pid}-${++counter}.eml`;
      // Digests name people: readable by the service account only.
      fs.writeFileSync(path.join(dir, file), info.message as Buffer, { mode: 0o600, flag: "wx" });
      return { messageId: info.messageId ?? null, outboxFile: file };
    },
    close: () => transport.close(),
  };
}

/** Reads one outbox file by its recorded name (never a path). */
export function readOutboxFile(databaseFile: string, file: string): Buffer | null {
  if (!/^[A-Za-z0-9.-]+\.eml$/.test(file)) return null;
  try {
    return fs.readFileSync(path.join(outboxDirectory(databaseFile), file));
  } catch {
    return null;
  }
}

/** Where digests would go, for the page (no connection is made). */
export function deliveryOf(settings: MailSettings, databaseFile: string): { mode: Mailer["mode"]; destination: string } {
  if (!settings.smtpUrl) return { mode: "outbox", destination: outboxDirectory(databaseFile) };
  const url = new URL(settings.smtpUrl);
  return { mode: "smtp", destination: `${url.protocol}//${url.host}` };
}
