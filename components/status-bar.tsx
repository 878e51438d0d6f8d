import { STATUS_VALUES, STATUSES, type Status } from "@/lib/status";

/**
 * Status distribution as a stacked bar with a legend of counts. The bar is decorative for assistive
 * technology (it carries a text summary); the legend gives every number as text.
 */
export function StatusBar({ counts, total, label }: { counts: Record<Status, number>; total: number; label: string }) {
  const present = STATUS_VALUES.filter((s) => counts[s] > 0);
  const summary = present.map((s) => `${counts[s]} ${STATUSES[s].label.toLowerCase()}`).join(", ");
  return (
    <div className="status-bar">
      <div className="status-bar__track" role="img" aria-label={`${label}: ${total} in all; ${summary || "none"}`}>
        {present.map((s) => (
          <span
            key={s}
            className={`status-bar__segment status--${s}`}
            style={{ flexGrow: counts[s] }}
            title={`${STATUSES[s].label}: ${counts[s]}`}
          />
        ))}
      </div>
      <ul className="status-bar__legend">
        {STATUS_VALUES.map((s) => (
          <li key={s} className={counts[s] === 0 ? "is-zero" : undefined} data-status={s}>
            <span className={`status-bar__swatch status--${s}`} aria-hidden="true">
              {STATUSES[s].icon}
            </span>
            {STATUSES[s].label}: <strong>{counts[s]}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
