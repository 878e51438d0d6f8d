import crypto from "node:crypto";

import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { currentUser } from "@/auth/actor";
import { DateText } from "@/components/dates";
import { ExternalLink } from "@/components/external-link";
import { ProgressMeter } from "@/components/progress-meter";
import { StatusBadge } from "@/components/status-badge";
import { getDb } from "@/db/client";
import { getCommitmentForStaff } from "@/db/queries/staff";
import { parseRowId } from "@/lib/ids";
import { appToday } from "@/lib/today";
import { DoneNotice } from "@/components/done-notice";
import { Breadcrumb } from "@/components/breadcrumb";

import { AddEvidenceForm, RemoveEvidenceForm, RestoreEvidenceForm } from "./evidence-forms";
import { StatusUpdateForm } from "./status-update-form";

export const metadata: Metadata = { title: "Staff: update a commitment", robots: { index: false } };

const NOTICES: Record<string, string> = {
  posted: "Status update posted. It is on the public pages now.",
  "evidence-added": "Evidence link added.",
  "evidence-removed": "Evidence link removed. An admin can restore it.",
  "evidence-restored": "Evidence link restored.",
};

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> };

export default async function StaffCommitmentPage({ params, searchParams }: Props) {
  const { id: raw } = await params;
  const user = await currentUser();
  if (!user) redirect(`/signin?redirectTo=/staff/commitments/${encodeURIComponent(raw)}`);
  const id = parseRowId(raw);
  const c = id === null ? null : getCommitmentForStaff(getDb(), id);
  if (!c) notFound();
  const { done } = await searchParams;
  const today = appToday();

  return (
    <>
      <Breadcrumb items={[{ href: "/staff", label: "Commitments to update" }, { label: `Commitment ${c.ref}` }]} />
      <h1>
        <span className="muted">{c.ref}.</span> {c.title}
      </h1>
      <DoneNotice done={done} notices={NOTICES}>
        <Link href={`/commitments/${c.id}`}>See the public page</Link>
      </DoneNotice>
      <section aria-labelledby="current-heading" className="card" data-testid="current-state">
        <h2 id="current-heading" style={{ marginTop: 0 }}>
          Current state
        </h2>
        <p>
          <StatusBadge status={c.status} /> <ProgressMeter value={c.progress} />
        </p>
        <p className="meta-line">
          {c.lastUpdatedOn ? (
            <>
              Last update dated <DateText date={c.lastUpdatedOn} />
            </>
          ) : (
            "No status update yet"
          )}{" "}
          · revision {c.version} · <Link href={`/commitments/${c.id}`}>public page</Link>
        </p>
        {c.timeline[0] ? <p className="meta-line">Latest: {c.timeline[0].note || "(no note)"}</p> : null}
      </section>

      <section aria-labelledby="post-update-heading">
        <h2 id="post-update-heading">Post a status update</h2>
        <StatusUpdateForm
          commitmentId={c.id}
          version={c.version}
          submissionId={crypto.randomUUID()}
          today={today}
          currentStatus={c.status}
          currentProgress={c.progress}
        />
      </section>

      <section aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">Evidence links ({c.allEvidence.length})</h2>
        {c.allEvidence.length === 0 ? (
          <p className="muted">No evidence links yet.</p>
        ) : (
          <ul className="plain-list" data-testid="staff-evidence">
            {c.allEvidence.map((e) => (
              <li key={e.id}>
                <ExternalLink href={e.url}>{e.title}</ExternalLink>{" "}
                <span className="meta-line">
                  {e.publisher}
                  {e.publishedOn ? (
                    <>
                      {" "}
                      · <DateText date={e.publishedOn} />
                    </>
                  ) : null}
                </span>{" "}
                <RemoveEvidenceForm commitmentId={c.id} version={c.version} evidenceId={e.id} title={e.title} />
              </li>
            ))}
          </ul>
        )}
        {user.role === "admin" && c.removedEvidence.length > 0 ? (
          <>
            <h3>Removed links ({c.removedEvidence.length})</h3>
            <ul className="plain-list" data-testid="removed-evidence">
              {c.removedEvidence.map((e) => (
                <li key={e.id}>
                  <span className="muted">{e.title}</span> <span className="meta-line">{e.url}</span>{" "}
                  <RestoreEvidenceForm commitmentId={c.id} version={c.version} evidenceId={e.id} title={e.title} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h3>Add an evidence link</h3>
        <AddEvidenceForm commitmentId={c.id} version={c.version} submissionId={crypto.randomUUID()} />
      </section>
    </>
  );
}
