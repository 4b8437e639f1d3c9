/** The page frame: brand, navigation for the current organisation, who is signed in, sign out. */
import { Form, NavLink } from "@remix-run/react";
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
}

export function AppShell({ user, title, nav, children }: { user: ShellUser; title?: string; nav: ShellNavItem[]; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href="/">
          Competence &amp; Conduct{title ? ` · ${title}` : ""}
        </a>
        <nav aria-label="Main">
          {nav.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.end} prefetch="intent">
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="who">
          <span>
            {user.name} <span className="visually-hidden">signed in as</span>({user.role})
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
