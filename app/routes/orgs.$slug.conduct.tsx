/** The conduct half of the Standard: one heading and sub-navigation over its pages. */
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import conductStyles from "~/styles/conduct.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: conductStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation } = await requireOrgPermission(request, params.slug, "org.read");
  return { slug: organisation.slug, canImport: can(user.role, "org.import") };
}

export default function ConductLayout() {
  const { slug, canImport } = useLoaderData<typeof loader>();
  const base = `/orgs/${slug}/conduct`;
  const tabs = [
    { to: base, label: "Overview", end: true },
    { to: `${base}/policies`, label: "Policies" },
    { to: `${base}/code`, label: "Code of conduct" },
    { to: `${base}/supervision`, label: "Supervision and appraisal" },
    { to: `${base}/training`, label: "Training" },
    { to: `${base}/engagement`, label: "Tenant engagement" },
    { to: `${base}/providers`, label: "Contractor assurance" },
    // Imports get their tab when their page lands (issue [2.7]); a tab never points at a page that does not exist.
  ];
  return (
    <>
      <nav aria-label="Conduct">
        <ul className="conduct-tabs">
          {tabs.map((t) => (
            <li key={t.to}>
              <NavLink to={t.to} end={t.end} className={({ isActive }) => (isActive ? "active" : undefined)} prefetch="intent">
                {t.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
