import type { Metadata } from "next";
import Link from "next/link";

import { requireRole } from "@/auth/require";
import { getDb } from "@/db/client";
import { listAudit, listUsers } from "@/db/queries/admin";
import { auditChanges, auditValue } from "@/lib/audit-diff";

export const metadata: Metadata = { title: "Admin: audit log", robots: { index: false } };

type Props = {
  searchParams: Promise<{ entity?: string; entityId?: string; action?: string; actor?: string; page?: string }>;
};

function json(value: unknown): string {
  return value === null || value === undefined ? "—" : JSON.stringify(value, null, 1);
}

/** The admin page of an audited entity, when it has one. */
function entityHref(type: string, id: string | null): string | null {
  if (!id || !/^\d+$/.test(id)) return null;
  if (type === "commitment") return `/admin/commitments/${id}`;
  if (type === "agreement") return `/admin/agreements/${id}`;
  if (type === "user") return "/admin/users";
  return null;
}

export default async function AuditPage({ searchParams }: Props) {
  const access = await requireRole("admin", "/admin/audit");
  if (!access.ok) return null;
  const params = await searchParams;
  const actor =
    params.actor === undefined || params.actor === ""
      ? undefined
      : /^\d+$/.test(params.actor)
        ? Number(params.actor)
        : undefined;
  const page = /^\d+$/.test(params.page ?? "") ? Number(params.page) : 1;
  const entityId = params.entityId?.trim().slice(0, 80) || undefined;
  const action = params.action?.trim().slice(0, 80) || undefined;
  const db = getDb();
  const result = listAudit(db, { entityType: params.entity || undefined, entityId, action, actorId: actor, page });
  const users = listUsers(db);
  const link = (p: number) => {
    const q = new URLSearchParams();
    if (params.entity) q.set("entity", params.entity);
    if (entityId) q.set("entityId", entityId);
    if (action) q.set("action", action);
    if (actor !== undefined) q.set("actor", String(actor));
    q.set("page", String(p));
    return `/admin/audit?${q}`;
  };

  return (
    <>
      <h1>Audit log</h1>
      <form method="get" className="filters" aria-label="Filter the audit log">
        <label htmlFor="entity">Entity</label>{" "}
        <select id="entity" name="entity" defaultValue={params.entity ?? ""}>
          <option value="">All</option>
          {result.entityTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>{" "}
        <label htmlFor="entityId">Record id</label>{" "}
        <input id="entityId" name="entityId" size={8} defaultValue={entityId ?? ""} />{" "}
        <label htmlFor="action">Action</label>{" "}
        <select id="action" name="action" defaultValue={action ?? ""}>
          <option value="">Any</option>
          {result.actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>{" "}
        <label htmlFor="actor">Actor</label>{" "}
        <select id="actor" name="actor" defaultValue={actor === undefined ? "" : String(actor)}>
          <option value="">Anyone</option>
          <option value="0">Nobody signed in / the system</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.email}
            </option>
          ))}
        </select>{" "}
        <button type="submit" className="button button--secondary">
          Filter
        </button>
      </form>
      <p className="meta-line" data-testid="audit-count">
        {result.total} {result.total === 1 ? "entry" : "entries"} · page {result.page} of {result.pages}
      </p>
      <div className="table-wrap" role="region" aria-label="Audit entries" tabIndex={0}>
        <table className="audit-table">
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Entity</th>
              <th scope="col">What changed</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((r) => (
              <tr key={r.id} data-testid="audit-row">
                <td>
                  <time dateTime={r.at}>{r.at.replace("T", " ").slice(0, 19)}</time>
                </td>
                <td>{r.actorEmail ?? (r.actorId === null ? "—" : `user ${r.actorId}`)}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td>
                  <EntityCell type={r.entityType} id={r.entityId} />
                  {r.clientAddress ? <span className="meta-line"> from {r.clientAddress}</span> : null}
                </td>
                <td>
                  <Changes before={r.before} after={r.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="pager">
        {result.page > 1 ? <Link href={link(result.page - 1)}>← Newer</Link> : null}{" "}
        {result.page < result.pages ? <Link href={link(result.page + 1)}>Older →</Link> : null}
      </nav>
    </>
  );
}

function EntityCell({ type, id }: { type: string; id: string | null }) {
  const href = entityHref(type, id);
  const text = `${type}${id ? ` ${id}` : ""}`;
  return href ? <Link href={href}>{text}</Link> : <>{text}</>;
}

/** Field by field: "targetDate: 2025-12-31 → 2026-03-31", with the full records one click away. */
function Changes({ before, after }: { before: unknown; after: unknown }) {
  const changes = auditChanges(before, after);
  return (
    <>
      {changes.length === 0 ? (
        <span className="muted">No field changed</span>
      ) : (
        <ul className="audit-changes" data-testid="audit-changes">
          {changes.map((c) => (
            <li key={c.field}>
              <code>{c.field}</code>:{" "}
              {c.before === undefined ? null : (
                <>
                  <del>{auditValue(c.before)}</del> →{" "}
                </>
              )}
              <ins>{auditValue(c.after)}</ins>
            </li>
          ))}
        </ul>
      )}
      {before !== null || after !== null ? (
        <details>
          <summary>Full records</summary>
          <p className="meta-line">Before</p>
          <pre className="json">{json(before)}</pre>
          <p className="meta-line">After</p>
          <pre className="json">{json(after)}</pre>
        </details>
      ) : null}
    </>
  );
}
