import type { Metadata } from "next";

import { requireRole } from "@/auth/require";
import { getDb } from "@/db/client";
import { listParties } from "@/db/queries/admin";
import { Breadcrumb } from "@/components/breadcrumb";

import { AgreementForm } from "../agreement-form";

export const metadata: Metadata = { title: "Admin: new agreement", robots: { index: false } };

export default async function NewAgreementPage() {
  const access = await requireRole("admin", "/admin/agreements/new");
  if (!access.ok) return null;
  return (
    <>
      <Breadcrumb items={[{ href: "/admin/agreements", label: "Agreements" }, { label: "New" }]} />
      <h1>New agreement</h1>
      <AgreementForm
        allParties={listParties(getDb())}
        initial={{
          slug: "",
          title: "",
          kind: "Joint statement",
          signedOn: "",
          place: "",
          summary: "",
          sourceUrl: "",
          parties: [],
        }}
      />
    </>
  );
}
