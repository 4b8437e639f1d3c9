/** CLI commands that set up an organisation and its people: org create, user create, policy add, backup, restore. */
import { describeDatabase } from "../db/connection";
import { backupDatabase, restoreDatabase } from "../db/backup";
import { createOrganisation, organisationInputSchema } from "../app/models/organisations.server";
import { createUser, setPasswordPath, userInputSchema } from "../app/models/users.server";
import type { Failure } from "../app/models/result";
import { todayIso } from "../app/models/compliance.server";
import { openOrganisationScope } from "../app/models/organisation-scope.server";
import { addPolicyVersion } from "../app/models/conduct/policies.server";
import { POLICY_KIND_LABELS } from "../app/conduct/labels";
import { EXIT_OK, RejectedError, UsageError } from "./cli-usage";
import { CLI_ACTOR, orgFromSlug, parse, print, requireString, type CommandContext } from "./cli-shared";

/** A model's refusal in one line: each field's message (named as the user typed it, through `label`), or the message. */
function failureText(failure: Failure, label: (field: string) => string = (field) => field): string {
  if (failure.kind !== "invalid") return failure.message;
  return Object.entries(failure.fieldErrors)
    .map(([field, text]) => `${label(field)}: ${text}`)
    .join("; ");
}

export async function orgCreate(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals, values } = parse(args, { name: { type: "string" }, homes: { type: "string" }, "in-force": { type: "string" } });
  if (positionals.length !== 1) throw new UsageError("org create takes one slug");
  const parsed = organisationInputSchema.safeParse({
    slug: positionals[0],
    name: requireString(values, "name"),
    homesOwned: requireString(values, "homes"),
    inForceDate: values["in-force"],
  });
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message} (value "${String((values as Record<string, unknown>)[String(i.path[0])] ?? positionals[0])}")`).join("; "));
  }
  const created = await createOrganisation(ctx.db, parsed.data, CLI_ACTOR);
  if (!created.ok) throw new RejectedError(failureText(created.failure));
  const organisation = created.value;
  print(
    ctx,
    { ok: true, organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name, homesOwned: organisation.homes_owned, inForceDate: organisation.in_force_date } },
    `Created ${organisation.name} (${organisation.slug}), ${organisation.homes_owned} homes, in force ${organisation.in_force_date}`,
  );
  return EXIT_OK;
}

export async function userCreate(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals, values } = parse(args, { name: { type: "string" }, role: { type: "string" }, org: { type: "string", multiple: false } });
  if (positionals.length !== 1) throw new UsageError("user create takes one email address");
  const organisationIds: number[] = [];
  if (typeof values.org === "string") {
    for (const slug of values.org.split(",").map((s) => s.trim()).filter(Boolean)) organisationIds.push((await orgFromSlug(ctx.db, slug)).id);
  }
  const parsed = userInputSchema.safeParse({ email: positionals[0], name: requireString(values, "name"), role: requireString(values, "role"), organisationIds });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; "));
  if (parsed.data.role !== "admin" && organisationIds.length === 0) throw new UsageError(`--org is required for the ${parsed.data.role} role`);
  const created = await createUser(ctx.db, parsed.data, CLI_ACTOR);
  if (!created.ok) throw new RejectedError(failureText(created.failure));
  const { user, token } = created.value;
  const link = setPasswordPath(token);
  print(
    ctx,
    { ok: true, user: { id: user.id, email: user.email, role: user.role }, setPasswordPath: link },
    `Created ${user.role} ${user.email}. Give them this one-time link to set a password (valid 72 hours):\n  <your server address>${link}`,
  );
  return EXIT_OK;
}

export async function backup(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw new UsageError("backup takes one destination file");
  const result = await backupDatabase(ctx.database, positionals[0]);
  print(ctx, { ok: true, file: result.file, bytes: result.bytes, pages: result.pages }, `Backed up ${describeDatabase(ctx.database)} to ${result.file} (${result.bytes} bytes)`);
  return EXIT_OK;
}

export async function restore(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw new UsageError("restore takes one backup file");
  await ctx.db.destroy();
  const result = await restoreDatabase(positionals[0], ctx.database);
  print(ctx, { ok: true, from: result.from, to: result.to, organisations: result.organisations }, `Restored ${result.to} from ${result.from} (${result.organisations} organisations). Restart the app to be sure it reads the restored data.`);
  return EXIT_OK;
}

/** policy add: one policy version through the policy model's command (the same checks as the policies page). */
export async function policyAdd(ctx: CommandContext, args: string[]): Promise<number> {
  const options = { org: "", kind: "kind", version: "version", "approved-on": "approvedOn", "review-by": "reviewBy", url: "tenantUrl", "approved-by": "approvedBy", "document-ref": "documentRef" } as const;
  const { positionals, values } = parse(args, Object.fromEntries(Object.keys(options).map((k) => [k, { type: "string" as const }])));
  if (positionals.length) throw new UsageError(`policy add takes no positional arguments (got "${positionals.join(" ")}")`);
  const organisation = await orgFromSlug(ctx.db, requireString(values, "org"));
  requireString(values, "kind");
  requireString(values, "version");
  requireString(values, "approved-on");
  const input: Record<string, string> = {};
  for (const [option, field] of Object.entries(options)) if (field && typeof values[option] === "string") input[field] = values[option] as string;
  const scope = openOrganisationScope(ctx.db, organisation, CLI_ACTOR, todayIso());
  const result = await addPolicyVersion(scope, input);
  if (!result.ok) {
    const optionOf = (field: string) => Object.entries(options).find(([, f]) => f === field)?.[0] ?? field;
    const message = failureText(result.failure, (field) => `--${optionOf(field)} "${input[field] ?? ""}"`);
    throw new RejectedError(`${message}. Nothing was written.`, result.failure);
  }
  const kind = input.kind as keyof typeof POLICY_KIND_LABELS;
  print(
    ctx,
    { ok: true, policyVersionId: result.value.id, organisation: organisation.slug, kind, version: input.version.trim(), approvedOn: input.approvedOn.trim() },
    `Recorded ${POLICY_KIND_LABELS[kind]} version "${input.version.trim()}" for ${organisation.slug}, approved ${input.approvedOn.trim()} (policy version ${result.value.id})`,
  );
  return EXIT_OK;
}
