import { STATUSES, type Status } from "@/lib/status";

/** A status as label + glyph (never colour alone). */
export function StatusBadge({ status, size = "normal" }: { status: Status; size?: "normal" | "large" }) {
  // The database only holds known values; a stray one is shown as written rather than breaking the page.
  const info = STATUSES[status] ?? { label: String(status), icon: "?" };
  return (
    <span className={`status status--${status}${size === "large" ? " status--large" : ""}`} data-status={status}>
      <span className="status__icon" aria-hidden="true">
        {info.icon}
      </span>
      {info.label}
    </span>
  );
}
