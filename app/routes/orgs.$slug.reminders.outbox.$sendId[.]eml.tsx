/** One digest written to the outbox, as the .eml file (opens in any mail program). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { outboxEntry } from "~/models/reminders/sending.server";
import { readOutboxFile } from "~/models/reminders/mail-transport.server";
import { requireOrgPermission } from "~/utils/access.server";
import { appEnv } from "~/utils/env.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrgPermission(request, params.slug, "org.reminders");
  const id = Number(params.sendId);
  const entry = Number.isInteger(id) && id > 0 ? await outboxEntry(scope, id) : null;
  const body = entry ? readOutboxFile(appEnv().databaseFile, entry.file) : null;
  if (!entry || !body) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "message/rfc822",
      "Content-Disposition": `attachment; filename="${entry.file}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
