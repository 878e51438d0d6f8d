import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { currentUser } from "@/auth/actor";
import { TargetDateText } from "@/components/dates";
import { ProgressMeter } from "@/components/progress-meter";
import { StatusBadge } from "@/components/status-badge";
import { getDb } from "@/db/client";
import { loadCatalog } from "@/db/queries/catalog";
import { listCommitmentsForStaff } from "@/db/queries/staff";
import { groupByTheme } from "@/lib/agreement-summary";

export const metadata: Metadata = { title: "Staff: commitments", robots: { index: false } };

export default async function StaffHome() {
  if (!(await currentUser())) redirect("/signin?redirectTo=/staff");
  const rows = listCommitmentsForStaff(getDb());
  // Target date and progress as the public list shows them (a parent's progress rolls up).
  const shown = new Map(loadCatalog(getDb()).map((r) => [r.id, r]));
  const byAgreement = groupByTheme(rows.map((r) => ({ ...r, theme: r.agreement.title })));
  return (
    <>
      <h1>Commitments to update</h1>
      <p className="lead">Choose a commitment to post a dated status update or to add or remove evidence.</p>
      {byAgreement.map(({ theme: title, commitments }) => (
        <section key={title} aria-label={title}>
          <h2>{title}</h2>
          <ul className="plain-list">
            {commitments.map((c) => (
              <li key={c.id} data-testid="staff-commitment">
                <span className="muted">{c.ref}.</span> <Link href={`/staff/commitments/${c.id}`}>{c.title}</Link>{" "}
                <StatusBadge status={c.status} />
                <div className="meta-line">
                  Target{" "}
                  <TargetDateText
                    date={shown.get(c.id)?.targetDate ?? null}
                    precision={shown.get(c.id)?.targetPrecision ?? null}
                  />{" "}
                  · <ProgressMeter value={shown.get(c.id)?.progress ?? null} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
