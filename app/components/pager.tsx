/** Previous / "Page n of m" / Next links for a long table; nothing when it fits on one page. */
import { Link } from "@remix-run/react";

export function Pager({ label, page, pageCount, href }: { label: string; page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination no-print" aria-label={label}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev" preventScrollReset>
          ← Previous
        </Link>
      ) : (
        <span className="muted">← Previous</span>
      )}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link to={href(page + 1)} rel="next" preventScrollReset>
          Next →
        </Link>
      ) : (
        <span className="muted">Next →</span>
      )}
    </nav>
  );
}
