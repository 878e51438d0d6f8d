import { randomUUID } from "node:crypto";

import type { Metadata } from "next";

import { requireRole } from "@/auth/require";
import { getDb } from "@/db/client";
import { DoneNotice } from "@/components/done-notice";
import { FilterActions, ListPager, ListSummary, PastLastPage, QueryErrors } from "@/components/list-pager";
import { adminUserPage, adminUserQuerySchema } from "@/db/queries/lists";
import { listHref, parseListQuery } from "@/lib/agreement-index";
import { rawQuery } from "@/lib/commitment-list";

import { CreateUserForm, UserControls } from "./user-forms";

export const metadata: Metadata = { title: "Admin: users", robots: { index: false } };

const NOTICES: Record<string, string> = {
  created: "User created.",
  role: "Role changed. It applies on the user's next request.",
  disable: "User disabled. Their session stops working on their next request.",
  enable: "User enabled.",
  password: "Password reset.",
  unchanged: "No changes to save.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersPage({ searchParams }: Props) {
  const access = await requireRole("admin", "/admin/users");
  if (!access.ok) return null;
  const raw = rawQuery(await searchParams);
  const { query, errors } = parseListQuery(adminUserQuerySchema, raw);
  const result = adminUserPage(getDb(), query);
  const users = result.rows;
  const current = { ...query, page: result.page };
  const done = raw.done;
  // A fresh key each render: after a write redirects here, every form starts empty, so a refusal
  // one of them showed before does not stay beside the new notice.
  const render = randomUUID();
  return (
    <>
      <h1>Users</h1>
      <DoneNotice done={done} notices={NOTICES} />
      <QueryErrors errors={errors} />
      <PastLastPage asked={query.page} page={result.page} pages={result.pages} />
      <form
        key={listHref("/admin/users", current)}
        method="get"
        className="list-filters"
        aria-label="Find users"
        data-testid="filters"
        autoComplete="off"
      >
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" type="search" name="q" defaultValue={query.q ?? ""} placeholder="Email or name" />
        </div>
        <div className="field">
          <label htmlFor="f-role">Role</label>
          <select id="f-role" name="role" defaultValue={query.role ?? ""}>
            <option value="">Any role</option>
            <option value="editor">editor</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-state">State</label>
          <select id="f-state" name="state" defaultValue={query.state ?? ""}>
            <option value="">Active and disabled</option>
            <option value="active">Active</option>
            <option value="disabled">Disabled</option>
          </select>
        </div>
        <FilterActions clearHref="/admin/users" submit="Find" clear="Clear" />
      </form>
      <ListSummary total={result.total} noun="user" page={result.page} pages={result.pages} />
      <div className="table-wrap" role="region" aria-label="Users" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-testid="user-row">
                <td>
                  <strong>{u.email}</strong>
                  {u.name ? <div className="meta-line">{u.name}</div> : null}
                  {u.id === access.user.id ? <div className="meta-line">(you)</div> : null}
                </td>
                <td>{u.role}</td>
                <td>{u.disabledAt ? "Disabled" : "Active"}</td>
                <td>
                  <UserControls
                    key={render}
                    userId={u.id}
                    email={u.email}
                    role={u.role}
                    disabled={u.disabledAt !== null}
                    self={u.id === access.user.id}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListPager page={result.page} pages={result.pages} href={(page) => listHref("/admin/users", current, { page })} />
      <h2>Create a user</h2>
      <CreateUserForm key={render} />
    </>
  );
}
