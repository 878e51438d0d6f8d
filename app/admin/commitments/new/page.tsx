import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { requireRole } from "@/auth/require";
import { getDb } from "@/db/client";
import { parseRowId } from "@/lib/ids";
import { Breadcrumb } from "@/components/breadcrumb";

import { CommitmentForm } from "../commitment-form";
import { loadCommitmentFormContext } from "../load";

export const metadata: Metadata = { title: "Admin: new commitment", robots: { index: false } };

type Props = { searchParams: Promise<{ agreement?: string; parent?: string }> };

export default async function NewCommitmentPage({ searchParams }: Props) {
  const params = await searchParams;
  const access = await requireRole("admin", `/admin/commitments/new?agreement=${params.agreement ?? ""}`);
  if (!access.ok) return null;
  const agreementId = parseRowId(params.agreement ?? "");
  const context =
    agreementId === null
      ? null
      : loadCommitmentFormContext(getDb(), agreementId, null, parseRowId(params.parent ?? ""));
  if (!context || agreementId === null) notFound();
  return (
    <>
      <Breadcrumb
        items={[
          { href: "/admin/agreements", label: "Agreements" },
          { href: `/admin/agreements/${agreementId}`, label: context.agreement.slug },
          { label: "New commitment" },
        ]}
      />
      <h1>New commitment</h1>
      <CommitmentForm
        parties={context.parties}
        parents={context.parents}
        moreParents={context.moreParents}
        themes={context.themes}
        initial={{
          agreementId,
          parentId: params.parent ?? "",
          ref: "",
          title: "",
          description: "",
          quote: "",
          theme: "",
          strength: "",
          owner: "",
          parties: context.parties.map((p) => p.code),
          targetDate: "",
          targetPrecision: "",
          targetPhrase: "",
        }}
      />
    </>
  );
}
