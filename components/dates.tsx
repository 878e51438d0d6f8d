import { type CalendarDate, formatCalendarDate, isCalendarDate } from "@/lib/calendar-date";
import { deadlineState, formatTargetDate, type TargetPrecision } from "@/lib/target-date";
import type { Status } from "@/lib/status";

/** A calendar date in a `<time>` element: "25 Nov 2024". */
export function DateText({ date }: { date: CalendarDate }) {
  if (!isCalendarDate(date)) return <span>{String(date)}</span>;
  return <time dateTime={date}>{formatCalendarDate(date)}</time>;
}

/** A target date at its precision ("2025", "Q4 2025", "31 Dec 2025"), or "No target date". */
export function TargetDateText({ date, precision }: { date: CalendarDate | null; precision: TargetPrecision | null }) {
  if (!date) return <span className="muted">No target date</span>;
  if (!isCalendarDate(date)) return <span>{String(date)}</span>;
  return <time dateTime={date}>{formatTargetDate(date, precision)}</time>;
}

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The derived deadline flag (overdue, due today, fulfilled late), or nothing when none applies. */
export function DeadlineFlag(props: {
  status: Status;
  targetDate: CalendarDate | null;
  fulfilledOn: CalendarDate | null;
  today: CalendarDate;
}) {
  if (props.targetDate && !isCalendarDate(props.targetDate)) return null;
  const state = deadlineState(props, props.today);
  switch (state.kind) {
    case "overdue":
      return (
        <span className="flag flag--overdue" data-flag="overdue">
          <span aria-hidden="true">▲ </span>Overdue by {plural(state.daysOverdue, "day")}
        </span>
      );
    case "due_today":
      return (
        <span className="flag flag--due-today" data-flag="due-today">
          <span aria-hidden="true">◆ </span>Due today
        </span>
      );
    case "fulfilled_late":
      return (
        <span className="flag flag--late" data-flag="fulfilled-late">
          <span aria-hidden="true">◷ </span>
          {props.status === "partially_fulfilled" ? "Partly fulfilled late" : "Fulfilled late"}: on{" "}
          {formatCalendarDate(state.fulfilledOn)}, target was{" "}
          {formatCalendarDate(props.targetDate ?? state.fulfilledOn)}
        </span>
      );
    default:
      return null;
  }
}
