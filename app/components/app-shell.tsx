/** The page frame: brand, navigation for the current organisation, who is signed in, sign out. */
import { Form, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";

export interface ShellUser {
  name: string;
  email: string;
  role: string;
}

export interface ShellNavItem {
  to: string;
  label: string;
  end?: boolean;
  /** Items with a group are listed under one menu with that name, so the header stays on one line. */
  group?: string;
}

function isCurrent(item: ShellNavItem, pathname: string): boolean {
  return item.end ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`);
}

function NavGroup({ name, items }: { name: string; items: ShellNavItem[] }) {
  const { pathname } = useLocation();
  const current = items.some((item) => isCurrent(item, pathname));
  return (
    <details className="nav-group" key={pathname}>
      <summary className={current ? "active" : undefined}>{name}</summary>
      <div className="nav-menu">
        {items.map((item) => (
          <NavLink key={item.to} to={item.to} end={item.end} prefetch="intent">
            {item.label}
          </NavLink>
        ))}
      </div>
    </details>
  );
}

export function AppShell({ user, title, nav, children }: { user: ShellUser; title?: string; nav: ShellNavItem[]; children: ReactNode }) {
  const groups = [...new Set(nav.map((item) => item.group).filter((g): g is string => Boolean(g)))];
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href="/">
          <span className={title ? "product small" : "product"}>Competence &amp; Conduct</span>
          {title ? <span className="organisation">{title}</span> : null}
        </a>
        <nav aria-label="Main">
          {nav
            .filter((item) => !item.group)
            .map((item) => (
              <NavLink key={item.to} to={item.to} end={item.end} prefetch="intent">
                {item.label}
              </NavLink>
            ))}
          {groups.map((group) => (
            <NavGroup key={group} name={group} items={nav.filter((item) => item.group === group)} />
          ))}
        </nav>
        <div className="who">
          <span className="who-name">
            {user.name} <span className="visually-hidden">signed in as</span>
            <small>{user.role}</small>
          </span>
          <Form method="post" action="/logout">
            <button type="submit">Sign out</button>
          </Form>
        </div>
      </header>
      <main className="page" id="main">
        {children}
      </main>
    </>
  );
}
