import Link from "next/link";

/**
 * The pager under a paginated list (the commitment list's markup): "← Previous", "Page N of M",
 * "Next →", with `href(page)` giving each page's URL. Nothing when there is one page.
 */
export function ListPager(props: { page: number; pages: number; href: (page: number) => string; label?: string }) {
  if (props.pages <= 1) return null;
  return (
    <nav aria-label={props.label ?? "Pages"} className="pager" data-testid="pager">
      {props.page > 1 ? <Link href={props.href(props.page - 1)}>← Previous</Link> : null}
      <span>
        Page {props.page} of {props.pages}
      </span>
      {props.page < props.pages ? <Link href={props.href(props.page + 1)}>Next →</Link> : null}
    </nav>
  );
}

/** The banner naming each bad parameter, which was left out (the commitment list's wording). */
export function QueryErrors({ errors }: { errors: { field: string; message: string }[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="banner banner--error" role="status" data-testid="query-errors">
      Some filters were not understood and were left out:
      <ul>
        {errors.map((e) => (
          <li key={e.field}>
            <code>{e.field}</code>: {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The note shown when the page asked for is past the last one. */
export function PastLastPage({ asked, page, pages }: { asked: number; page: number; pages: number }) {
  if (asked <= pages) return null;
  return (
    <p className="banner banner--warning" role="status" data-testid="page-note">
      There is no page {asked}: {pages === 1 ? "there is 1 page" : `there are ${pages} pages`}, so this is page {page}.
    </p>
  );
}

/**
 * The buttons of a list's filter form (a GET form): submit, and a link back to the unfiltered list.
 * `submit` and `clear` are the button's and the link's words ("Find" / "Clear" in the staff and
 * admin areas, "Apply" / "Clear all" on public lists).
 */
export function FilterActions({ clearHref, submit, clear }: { clearHref: string; submit: string; clear: string }) {
  return (
    <div className="list-filters__actions">
      <button type="submit" className="button">
        {submit}
      </button>{" "}
      <Link href={clearHref}>{clear}</Link>
    </div>
  );
}

/** "12 users · page 1 of 3": how many rows a staff or admin list holds, and which page this is. */
export function ListSummary({
  total,
  noun,
  page,
  pages,
}: {
  total: number;
  noun: string;
  page: number;
  pages: number;
}) {
  return (
    <p className="meta-line" data-testid="list-summary">
      {total} {noun}
      {total === 1 ? "" : "s"}
      {pages > 1 ? ` · page ${page} of ${pages}` : ""}
    </p>
  );
}
