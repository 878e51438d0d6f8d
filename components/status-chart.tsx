import { barTotal, type ChartBar, STATUS_FILL, statusBarsSvg } from "@/lib/chart-svg";
import { emptyStatusCounts, STATUS_VALUES, STATUSES, type Status } from "@/lib/status";

const NOT_NAMED = "Not named";

/** One chart row: a label (a theme, an owner; "" for a single-bar chart), its counts, its links. */
export type ChartRow = ChartBar;

/**
 * One chart row per value of `key` (e.g. theme or owner) over `items` (top-level commitments, or
 * counts of them: an item with `count` stands for that many), each segment linking to `listBase`
 * narrowed to that value and status. An empty key shows as "Not named" and its segments have no
 * link: the list has no filter for "no owner", and `owner=` (empty) is dropped, so such a link would
 * list every owner's rows of that status.
 */
export function breakdownRows<T extends { status: Status; count?: number }>(
  items: readonly T[],
  key: (item: T) => string,
  param: string,
  listBase: string,
): ChartRow[] {
  const groups = new Map<string, Record<Status, number>>();
  for (const item of items) {
    const k = key(item) || NOT_NAMED;
    const counts = groups.get(k) ?? emptyStatusCounts();
    counts[item.status] += item.count ?? 1;
    groups.set(k, counts);
  }
  const join = listBase.includes("?") ? "&" : "?";
  return [...groups].map(([label, counts]) => ({
    label,
    counts,
    href: (s: Status) =>
      label === NOT_NAMED ? null : `${listBase}${join}${param}=${encodeURIComponent(label)}&status=${s}`,
  }));
}

/**
 * Stacked bars of commitments by status, drawn as SVG on the server. Every segment is a link to the
 * filtered list (keyboard-focusable, with an accessible name); a legend names every status with its
 * glyph, and a data table gives the same numbers for screen readers and print.
 */
export function StatusChart({ id, title, rows }: { id: string; title: string; rows: ChartRow[] }) {
  const single = rows.length === 1;
  return (
    <figure className="chart" aria-labelledby={`${id}-title`} data-testid={`chart-${id}`}>
      <figcaption id={`${id}-title`} className="chart__title">
        {title}
      </figcaption>
      {/* On a narrow screen the chart scrolls sideways rather than shrinking its labels to nothing.
          The bars are one escaped SVG string (lib/chart-svg.ts says why). */}
      <div className="chart__scroll" dangerouslySetInnerHTML={{ __html: statusBarsSvg(title, rows) }} />
      <ul className="status-bar__legend" aria-label="Legend">
        {STATUS_VALUES.map((s) => (
          <li key={s}>
            <span className="status-bar__swatch" style={{ background: STATUS_FILL[s] }} aria-hidden="true">
              {STATUSES[s].icon}
            </span>
            {STATUSES[s].label}
          </li>
        ))}
      </ul>
      <details className="chart__table">
        <summary>Show the numbers as a table</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {single ? null : <th scope="col">{title.split(" by ").at(-1) ?? ""}</th>}
                {STATUS_VALUES.map((s) => (
                  <th key={s} scope="col">
                    {STATUSES[s].label}
                  </th>
                ))}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={row.label || i}>
                  {single ? null : <th scope="row">{row.label}</th>}
                  {STATUS_VALUES.map((s) => (
                    <td key={s}>{row.counts[s] > 0 ? <CountLink href={row.href(s)} n={row.counts[s]} /> : 0}</td>
                  ))}
                  <td>{barTotal(row.counts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function CountLink({ href, n }: { href: string | null; n: number }) {
  return href === null ? <>{n}</> : <a href={href}>{n}</a>;
}
