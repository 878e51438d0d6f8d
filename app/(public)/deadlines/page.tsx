import type { Metadata } from "next";
import Link from "next/link";

import { DeadlineFlag, TargetDateText } from "@/components/dates";
import { ListPager, PastLastPage, QueryErrors } from "@/components/list-pager";
import { ProgressMeter } from "@/components/progress-meter";
import { StatusBadge } from "@/components/status-badge";
import type { DeadlineItem } from "@/db/queries/deadlines";
import { loadDeadlineCounts, loadDeadlineRows, loadDeadlinesSpanAgreements } from "@/db/public";
import { formatMonth } from "@/lib/calendar-date";
import { type Count, countLabel, rawQuery } from "@/lib/commitment-list";
import {
  DEADLINE_GROUPS,
  DEADLINE_PAGE_SIZE,
  type DeadlineGroup,
  deadlineQuerySchema,
  monthGroups,
  SOON_DAYS,
} from "@/lib/deadline-groups";
import { appToday } from "@/lib/today";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Deadlines",
  alternates: {
    canonical: "/deadlines",
    types: { "application/atom+xml": [{ url: "/feed.xml", title: "All status updates" }] },
  },
  description: "Open commitments by target date: overdue, due in the next 90 days, later, and without a date.",
  // Replaces the layout's openGraph (Next merges metadata one key deep), so it repeats those fields.
  openGraph: { url: "/deadlines", type: "website", siteName: "Accord Tracker", locale: "en" },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Each group's heading (with its count), nav label and empty note. */
const GROUP_TEXT: Record<DeadlineGroup, { title: string; nav: string; empty: string }> = {
  overdue: { title: "Overdue", nav: "Overdue", empty: "Nothing is overdue." },
  soon: {
    title: `Due in the next ${SOON_DAYS} days`,
    nav: `Next ${SOON_DAYS} days`,
    empty: `Nothing is due in the next ${SOON_DAYS} days.`,
  },
  later: { title: "Later", nav: "Later", empty: "Nothing is due later." },
  "no-date": { title: "No target date", nav: "No date", empty: "Every open commitment has a target date." },
};

const total = (c: Count) => c.commitments + c.milestones;
const groupHref = (group: DeadlineGroup, page = 1) => `/deadlines?group=${group}${page > 1 ? `&page=${page}` : ""}`;

/**
 * The deadlines page: the four groups of lib/deadline-groups.ts with their counts, each showing its
 * first DEADLINE_PAGE_SIZE rows and a link to the rest; `?group=…&page=…` pages through one group.
 * Bad parameters are named in a banner and left out.
 */
export default async function DeadlinesPage({ searchParams }: Props) {
  const today = appToday();
  const raw = rawQuery(await searchParams);
  const parsed = deadlineQuerySchema.safeParse(raw);
  const errors = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
  const query = parsed.success
    ? parsed.data
    : deadlineQuerySchema.parse(
        Object.fromEntries(Object.entries(raw).filter(([k]) => !errors.some((e) => e.field === k))),
      );
  const counts = loadDeadlineCounts(today);
  const many = loadDeadlinesSpanAgreements();
  const one = query.group;
  const pages = one ? Math.max(1, Math.ceil(total(counts[one]) / DEADLINE_PAGE_SIZE)) : 1;
  const page = Math.min(query.page, pages);
  return (
    <>
      <h1>Deadlines</h1>
      <p className="lead">Open commitments and milestones (not yet fulfilled or closed), by target date.</p>
      <nav aria-label="On this page" className="toc">
        {DEADLINE_GROUPS.map((g, i) => (
          <span key={g}>
            {i > 0 ? " · " : ""}
            <a href={one ? groupHref(g) : `#${g}`} aria-current={g === one ? "page" : undefined}>
              {GROUP_TEXT[g].nav} ({countLabel(counts[g])})
            </a>
          </span>
        ))}
        {one ? (
          <>
            {" · "}
            <Link href="/deadlines">All groups</Link>
          </>
        ) : null}
      </nav>
      <QueryErrors errors={errors} />
      {one ? (
        <>
          <PastLastPage asked={query.page} page={page} pages={pages} />
          <Section
            group={one}
            count={counts[one]}
            rows={loadDeadlineRows(one, today, DEADLINE_PAGE_SIZE, (page - 1) * DEADLINE_PAGE_SIZE)}
            offset={(page - 1) * DEADLINE_PAGE_SIZE}
            today={today}
            many={many}
          />
          <ListPager
            page={page}
            pages={pages}
            href={(p) => groupHref(one, p)}
            label={`Pages of ${GROUP_TEXT[one].title.toLowerCase()}`}
          />
        </>
      ) : (
        DEADLINE_GROUPS.map((g) => (
          <Section
            key={g}
            group={g}
            count={counts[g]}
            rows={loadDeadlineRows(g, today, DEADLINE_PAGE_SIZE, 0)}
            offset={0}
            today={today}
            many={many}
            more
          />
        ))
      )}
    </>
  );
}

function Section(props: {
  group: DeadlineGroup;
  count: Count;
  rows: DeadlineItem[];
  /** the position of the first row shown in the group (0-based) */
  offset: number;
  today: string;
  many: boolean;
  /** link to the rest of the group when it holds more rows than shown */
  more?: boolean;
}) {
  const { group, rows } = props;
  const all = total(props.count);
  return (
    <section aria-labelledby={group} data-testid={`deadline-group-${group}`}>
      <h2 id={group}>
        {GROUP_TEXT[group].title} ({countLabel(props.count)})
      </h2>
      {all === 0 ? <p className="muted">{GROUP_TEXT[group].empty}</p> : null}
      {rows.length > 0 && all > rows.length ? (
        <p className="meta-line" data-testid="deadline-shown">
          Showing {props.offset + 1}–{props.offset + rows.length} of {all}, by target date.
        </p>
      ) : null}
      {group === "no-date" ? (
        rows.length > 0 ? (
          <ul className="plain-list">
            {rows.map((r) => (
              <Row key={r.id} r={r} today={props.today} many={props.many} />
            ))}
          </ul>
        ) : null
      ) : (
        monthGroups(rows).map((m) => (
          <div key={m.month}>
            <h3>{formatMonth(`${m.month}-01`)}</h3>
            <ul className="plain-list">
              {m.rows.map((r) => (
                <Row key={r.id} r={r} today={props.today} many={props.many} />
              ))}
            </ul>
          </div>
        ))
      )}
      {props.more && all > rows.length ? (
        <p>
          <Link href={groupHref(group, 2)} data-testid="deadline-more">
            The next {Math.min(DEADLINE_PAGE_SIZE, all - rows.length)} of {all - rows.length} more{" "}
            {GROUP_TEXT[group].nav.toLowerCase()} →
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function Row({ r, today, many }: { r: DeadlineItem; today: string; many: boolean }) {
  return (
    <li data-testid="deadline-row">
      {r.level === "milestone" ? <span className="tag">Milestone</span> : null}{" "}
      <Link href={`/commitments/${r.id}`}>{r.title}</Link> <StatusBadge status={r.status} />
      <div className="meta-line">
        {many ? `${r.agreement.title} · ` : ""}
        {r.theme}
        {r.targetDate ? (
          <>
            {" "}
            · target <TargetDateText date={r.targetDate} precision={r.targetPrecision} />
            {r.targetPhrase ? ` (“${r.targetPhrase}”)` : ""}{" "}
            <DeadlineFlag status={r.status} targetDate={r.targetDate} fulfilledOn={null} today={today} />
          </>
        ) : null}
      </div>
      <div>
        <ProgressMeter value={r.progress} />
      </div>
    </li>
  );
}
