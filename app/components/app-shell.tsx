import { Form, Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";

export type NavItem = {
  to: string;
  label: string;
  end?: boolean;
  /** A count of new things behind the link (unread messages); hidden when 0. */
  badge?: { count: number; label: string };
};

/** Header for both areas: brand, the area's navigation, who is signed in, and sign-out (a POST, never a link). */
export function AppShell({
  nav,
  userName,
  roleLabel,
  accountHref,
  children,
}: {
  nav: NavItem[];
  userName: string;
  roleLabel: string;
  /** Where the signed-in person changes their password. */
  accountHref: string;
  children: ReactNode;
}) {
  return (
    <>
      <header className="app-header">
        <div className="app-header__inner">
          <a className="brand" href={nav[0]?.to ?? "/"}>
            <BrandMark />
            Stagewise
          </a>
          <nav className="nav" aria-label="Main">
            {nav.map((item) => (
              <NavLink key={item.to} to={item.to} end={item.end} prefetch="intent">
                {({ isActive }) => (
                  <>
                    {item.label}
                    {/* Not on the page it counts: that page is showing them now. */}
                    {item.badge && item.badge.count > 0 && !isActive ? (
                      <span className="nav__badge">
                        {item.badge.count}
                        <span className="visually-hidden"> {item.badge.label}</span>
                      </span>
                    ) : null}
                  </>
                )}
              </NavLink>
            ))}
          </nav>
          <div className="app-header__user">
            <Link to={accountHref} className="app-header__account">
              {userName} <span className="visually-hidden">({roleLabel}): your account</span>
            </Link>
            <Form method="post" action="/logout">
              <button type="submit" className="button button--ghost button--small">
                Sign out
              </button>
            </Form>
          </div>
        </div>
      </header>
      {children}
    </>
  );
}

export function BrandMark() {
  // Three rising steps: stages.
  return (
    <svg className="brand__mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="2" y="14" width="6" height="8" rx="1.5" fill="#0a6464" />
      <rect x="9" y="9" width="6" height="13" rx="1.5" fill="#138a8a" />
      <rect x="16" y="3" width="6" height="19" rx="1.5" fill="#1fb0a6" />
    </svg>
  );
}
