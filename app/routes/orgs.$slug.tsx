import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { AppShell, type ShellNavItem } from "~/components/app-shell";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { organisationsFor, requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.name ?? "Organisation"} · Competence & Conduct` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation } = await requireOrgPermission(request, params.slug, "org.read");
  const others = await organisationsFor(user);
  return {
    user: { name: user.name, email: user.email, role: user.role },
    organisation: { slug: organisation.slug, name: organisation.name },
    canPortfolio: can(user.role, "portfolio.read"),
    canImport: can(user.role, "org.import"),
    canSettings: can(user.role, "org.settings"),
    canUsers: can(user.role, "users.manage"),
    organisationCount: others.length,
  };
}

export default function OrganisationLayout() {
  const { user, organisation, canPortfolio, canImport, canSettings, canUsers } = useLoaderData<typeof loader>();
  const base = `/orgs/${organisation.slug}`;
  const nav: ShellNavItem[] = [
    ...(canPortfolio ? [{ to: "/portfolio", label: "Portfolio" }] : []),
    { to: base, label: "Dashboard", end: true },
    { to: `${base}/people`, label: "People" },
    { to: `${base}/roles`, label: "Role mapping" },
    { to: `${base}/qualifications`, label: "Qualifications" },
    { to: `${base}/audits`, label: "Skills audits" },
    { to: `${base}/plan`, label: "Plan" },
    { to: `${base}/reports`, label: "Reports" },
    { to: `${base}/conduct`, label: "Conduct", group: "Manage" },
    { to: `${base}/providers`, label: "Service providers", group: "Manage" },
    ...(canImport ? [{ to: `${base}/imports`, label: "Imports", group: "Manage" }] : []),
    ...(canSettings ? [{ to: `${base}/settings`, label: "Settings", group: "Manage" }] : []),
    { to: `${base}/reminders`, label: "Reminders", group: "Manage" },
    { to: `${base}/audit`, label: "Audit trail", group: "Manage" },
    ...(canUsers ? [{ to: "/organisations", label: "Organisations", group: "Manage" }, { to: "/users", label: "Users", group: "Manage" }] : []),
  ];
  return (
    <AppShell user={user} title={organisation.name} nav={nav}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  return (
    <main className="page narrow" id="main">
      <GeneralErrorBoundary />
    </main>
  );
}
