import { emptyStatusCounts, STATUS_VALUES, STATUSES, type Status } from "@/lib/status";

/** SVG fill per status (the same hues as the status badges; the legend and table carry the words). */
const FILL: Record<Status, string> = {
  not_assessed: "#8c959f",
  not_started: "#d4a72c",
  in_progress: "#0969da",
  stalled: "#bc4c00",
  partially_fulfilled: "#8250df",
  fulfilled: "#1a7f37",
  not_fulfilled: "#cf222e",
};

export interface ChartRow {
  /** row label, e.g. a theme or an owner; omitted for a single-bar chart */
  label: string;
  counts: Record<Status, number>;
  /** the list filtered to this row and a status */
  href: (status: Status) => string;
}

/**
 * One chart row per value of `key` (e.g. theme or owner) over `items` (top-level commitments, or
 * counts of them: an item with `count` stands for that many), each segment linking to `listBase`
 * narrowed to that value and status. An empty key shows as "Not named".
 */
export function breakdownRows<T extends { status: Status; count?: number }>(
  items: readonly T[],
  key: (item: T) => string,
  param: string,
  listBase: string,
): ChartRow[] {
  const groups = new Map<string, Record<Status, number>>();
  for (const item of items) {
    const k = key(item) || "Not named";
    const counts = groups.get(k) ?? emptyStatusCounts();
    counts[item.status] += item.count ?? 1;
    groups.set(k, counts);
  }
  const join = listBase.includes("?") ? "&" : "?";
  return [...groups].map(([label, counts]) => ({
    label,
    counts,
    href: (s: Status) =>
      `${listBase}${join}${param}=${encodeURIComponent(label === "Not named" ? "" : label)}&status=${s}`,
  }));
}

const BAR_H = 22;
const GAP = 10;
const LABEL_W = 230;
const BAR_W = 520;

function total(counts: Record<Status, number>) {
  return STATUS_VALUES.reduce((n, s) => n + counts[s], 0);
}

/**
 * Stacked bars of commitments by status, drawn as SVG on the server. Every segment is a link to the
 * filtered list (keyboard-focusable, with an accessible name); a legend names every status with its
 * glyph, and a data table gives the same numbers for screen readers and print.
 */
export function StatusChart({ id, title, rows }: { id: string; title: string; rows: ChartRow[] }) {
  const single = rows.length === 1;
  const labelW = single ? 0 : LABEL_W;
  const height = rows.length * (BAR_H + GAP);
  const max = Math.max(1, ...rows.map((r) => total(r.counts)));
  return (
    <figure className="chart" aria-labelledby={`${id}-title`} data-testid={`chart-${id}`}>
      <figcaption id={`${id}-title`} className="chart__title">
        {title}
      </figcaption>
      {/* On a narrow screen the chart scrolls sideways rather than shrinking its labels to nothing. */}
      <div className="chart__scroll">
        <svg
          viewBox={`0 0 ${labelW + BAR_W + 40} ${height}`}
          width="100%"
          style={{ minWidth: `${Math.round((labelW + BAR_W + 40) * 0.75)}px` }}
          role="group"
          aria-label={`${title}. Each segment links to the matching commitments; the table below gives the numbers.`}
        >
          {rows.map((row, i) => {
            const y = i * (BAR_H + GAP);
            const scale = single ? BAR_W / Math.max(1, total(row.counts)) : BAR_W / max;
            let x = labelW;
            return (
              <g key={row.label || i}>
                {single ? null : (
                  <text x={labelW - 8} y={y + BAR_H / 2 + 4} textAnchor="end" className="chart__label">
                    {row.label.length > 34 ? `${row.label.slice(0, 33)}…` : row.label}
                  </text>
                )}
                {STATUS_VALUES.filter((s) => row.counts[s] > 0).map((s) => {
                  const w = row.counts[s] * scale;
                  // Tenths of a unit are finer than a pixel at any width the chart is shown; whole
                  // floats ("241.65282028858766") were a fifth of the home page's bytes.
                  const at = (n: number) => Math.round(n * 10) / 10;
                  const seg = (
                    <a
                      key={s}
                      href={row.href(s)}
                      aria-label={`${row.label ? `${row.label}: ` : ""}${STATUSES[s].label}, ${row.counts[s]}`}
                    >
                      <title>{`${row.label ? `${row.label}: ` : ""}${STATUSES[s].label} — ${row.counts[s]}`}</title>
                      <rect
                        x={at(x)}
                        y={y}
                        width={at(Math.max(w - 1, 1))}
                        height={BAR_H}
                        fill={FILL[s]}
                        className="chart__segment"
                      />
                      {w >= 22 ? (
                        <text
                          x={at(x + w / 2)}
                          y={y + BAR_H / 2 + 4}
                          textAnchor="middle"
                          className="chart__value"
                          aria-hidden="true"
                        >
                          {/* The status's icon too where there is room, so a segment is not told by colour alone. */}
                          {w >= 36 ? `${STATUSES[s].icon} ${row.counts[s]}` : row.counts[s]}
                        </text>
                      ) : null}
                    </a>
                  );
                  x += w;
                  return seg;
                })}
                {single ? null : (
                  <text x={Math.round(x + 6)} y={y + BAR_H / 2 + 4} className="chart__label" aria-hidden="true">
                    {total(row.counts)}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <ul className="status-bar__legend" aria-label="Legend">
        {STATUS_VALUES.map((s) => (
          <li key={s}>
            <span className="status-bar__swatch" style={{ background: FILL[s] }} aria-hidden="true">
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
                    <td key={s}>{row.counts[s] > 0 ? <a href={row.href(s)}>{row.counts[s]}</a> : 0}</td>
                  ))}
                  <td>{total(row.counts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
