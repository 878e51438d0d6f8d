import type { Metadata } from "next";

import { requireRole } from "@/auth/require";
import { getDb } from "@/db/client";
import { listUsers } from "@/db/queries/admin";
import { DoneNotice } from "@/components/done-notice";

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

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const access = await requireRole("admin", "/admin/users");
  if (!access.ok) return null;
  const users = listUsers(getDb());
  const { done } = await searchParams;
  return (
    <>
      <h1>Users</h1>
      <DoneNotice done={done} notices={NOTICES} />
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
                  <UserControls userId={u.id} email={u.email} role={u.role} disabled={u.disabledAt !== null} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Create a user</h2>
      <CreateUserForm />
    </>
  );
}
