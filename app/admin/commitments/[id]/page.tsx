import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { requireRole } from "@/auth/require";
import { getDb } from "@/db/client";
import { getCommitmentForAdmin } from "@/db/queries/admin";
import { formatCalendarDate } from "@/lib/calendar-date";
import { parseRowId } from "@/lib/ids";
import { milestoneAfterParent, targetBeforeSigning } from "@/lib/date-consistency";
import { deadlineState } from "@/lib/target-date";
import { appToday } from "@/lib/today";
import { DoneNotice } from "@/components/done-notice";
import { Breadcrumb } from "@/components/breadcrumb";

import { CommitmentForm, DeleteCommitmentForm } from "../commitment-form";
import { loadCommitmentFormContext } from "../load";

export const metadata: Metadata = { title: "Admin: edit commitment", robots: { index: false } };

const NOTICES: Record<string, string> = {
  created: "Commitment created.",
  saved: "Commitment saved.",
  moved: "Commitment saved. The moved target date is on its public timeline.",
  unchanged: "No changes to save.",
  deleted: "Commitment deleted: it no longer shows on public pages. You can restore it.",
  restored: "Commitment restored.",
};

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> };

export default async function EditCommitmentPage({ params, searchParams }: Props) {
  const { id: raw } = await params;
  const access = await requireRole("admin", `/admin/commitments/${raw}`);
  if (!access.ok) return null;
  const id = parseRowId(raw);
  const db = getDb();
  const data = id === null ? null : getCommitmentForAdmin(db, id);
  const context = data
    ? loadCommitmentFormContext(db, data.commitment.agreementId, data.commitment.id, data.commitment.parentId)
    : null;
  if (!data || !context) notFound();
  const c = data.commitment;
  const { done } = await searchParams;
  const today = appToday();
  const deadline = deadlineState({ status: c.status, targetDate: c.targetDate }, today);
  // Accepted but worth a look (docs/decisions/009-date-consistency.md); a target set before the
  // rule existed may also still be before the signing date.
  const dateWarnings = [
    milestoneAfterParent(c.targetDate, data.parent),
    targetBeforeSigning(c.targetDate, context.agreement.signedOn),
  ].filter((w): w is string => w !== null);
  return (
    <>
      <Breadcrumb
        items={[
          { href: "/admin/agreements", label: "Agreements" },
          { href: `/admin/agreements/${c.agreementId}`, label: context.agreement.slug },
          { label: `Commitment ${c.ref}` },
        ]}
      />
      <h1>
        <span className="muted">{c.ref}.</span> {c.title}
      </h1>
      <DoneNotice done={done} notices={NOTICES} />
      {deadline.kind === "overdue" && c.targetDate && !c.deletedAt ? (
        <p className="banner banner--warning" data-testid="overdue-warning">
          Overdue by {deadline.daysOverdue} day{deadline.daysOverdue === 1 ? "" : "s"}: the target date,{" "}
          {formatCalendarDate(c.targetDate)}, is before today ({formatCalendarDate(today)}) and the status is not final.
          Public pages show it as overdue. If the target date is wrong, correct it below.
        </p>
      ) : null}
      {dateWarnings.map((w) => (
        <p key={w} className="banner banner--warning" data-testid="date-warning">
          {w}
        </p>
      ))}
      {c.deletedAt ? (
        <p className="banner banner--warning">This commitment is deleted: it is hidden from every public page.</p>
      ) : (
        <p>
          <Link href={`/commitments/${c.id}`}>Public page</Link> ·{" "}
          <Link href={`/staff/commitments/${c.id}`}>Post a status update</Link> ·{" "}
          <Link href={`/admin/commitments/new?agreement=${c.agreementId}&parent=${c.id}`}>Add a milestone</Link>
        </p>
      )}
      <CommitmentForm
        parties={context.parties}
        parents={context.parents}
        moreParents={context.moreParents}
        themes={context.themes}
        initial={{
          agreementId: c.agreementId,
          commitmentId: c.id,
          version: c.version,
          parentId: c.parentId === null ? "" : String(c.parentId),
          ref: c.ref,
          title: c.title,
          description: c.description,
          quote: c.quote,
          theme: c.theme,
          strength: c.strength ?? "",
          owner: c.owner,
          parties: data.owedBy,
          targetDate: c.targetDate ?? "",
          targetPrecision: c.targetPrecision ?? "",
          targetPhrase: c.targetPhrase,
        }}
      />
      <h2>{c.deletedAt ? "Restore" : "Delete"}</h2>
      <DeleteCommitmentForm commitmentId={c.id} version={c.version} deleted={c.deletedAt !== null} />
    </>
  );
}
