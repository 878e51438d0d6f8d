import { DateText } from "@/components/dates";
import type { CalendarDate } from "@/lib/calendar-date";
import { daysAgo, freshness, STALE_AFTER_DAYS } from "@/lib/freshness";
import type { Status } from "@/lib/status";

/**
 * "Last updated 12 days ago" (or "No update since the agreement (400 days ago)", or "since it was
 * added" for a row added later), with a "Stale" flag.
 */
export function FreshnessLine(props: {
  status: Status;
  lastUpdatedOn: CalendarDate | null;
  agreementSignedOn: CalendarDate | null;
  addedOn: CalendarDate | null;
  today: CalendarDate;
  compact?: boolean;
}) {
  const f = freshness(props, props.today);
  if (f.days === null || !f.since) return <span className="muted">Never updated</span>;
  return (
    <span className="freshness" data-testid="freshness">
      {f.neverUpdated ? (
        <>
          No update since {f.sinceAdded ? "it was added" : "the agreement"} ({daysAgo(f.days)})
        </>
      ) : (
        <>
          {props.compact ? "" : "Last updated "}
          <DateText date={f.since} /> ({daysAgo(f.days)})
        </>
      )}
      {f.stale ? (
        <>
          {" "}
          <span
            className="flag flag--stale"
            data-flag="stale"
            title={`No update for more than ${STALE_AFTER_DAYS} days while still open`}
          >
            <span aria-hidden="true">◌ </span>Stale
          </span>
        </>
      ) : null}
    </span>
  );
}
