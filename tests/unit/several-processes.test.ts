/**
 * What lets several server processes serve one address: one server-action key kept beside the
 * database (auth/config-check.ts), the record of servers running from `.next` that stops a rebuild
 * under them (scripts/lib/build.ts), and the state a form sent from an older build falls back to
 * (components/use-form-action.ts).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { ConfigError, resolveServerActionKey, serverActionKeyFileFor } from "@/auth/config-check";
import { INITIAL_FORM_STATE } from "@/components/form-state";
import { SITE_UPDATED_MESSAGE, sentValues, siteUpdatedState } from "@/components/use-form-action";

import { registerRunningServer, runningServers } from "../../scripts/lib/build";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-processes-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the server-action key", () => {
  it("is generated once beside the database, 32 random bytes in base64, and kept", () => {
    const db = path.join(dir, "data", "app.sqlite");
    const key = resolveServerActionKey({}, db);
    expect(Buffer.from(key, "base64")).toHaveLength(32);
    expect(serverActionKeyFileFor(db)).toBe(path.join(dir, "data", "server-action-key"));
    expect(fs.statSync(serverActionKeyFileFor(db)).mode & 0o777).toBe(0o600);
    // A second process on the same database reads the same key.
    expect(resolveServerActionKey({}, db)).toBe(key);
    expect(resolveServerActionKey({}, path.join(dir, "other", "app.sqlite"))).not.toBe(key);
  });

  it("is NEXT_SERVER_ACTIONS_ENCRYPTION_KEY when set, and refuses one Next could not use", () => {
    const given = Buffer.alloc(32, 7).toString("base64");
    const db = path.join(dir, "app.sqlite");
    expect(resolveServerActionKey({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: given }, db)).toBe(given);
    expect(fs.existsSync(serverActionKeyFileFor(db))).toBe(false);
    for (const bad of ["not base64!", Buffer.alloc(20).toString("base64")]) {
      expect(() => resolveServerActionKey({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: bad }, db)).toThrow(ConfigError);
    }
    expect(() => resolveServerActionKey({}, ":memory:")).toThrow(ConfigError);
    fs.writeFileSync(serverActionKeyFileFor(db), "short\n");
    expect(() => resolveServerActionKey({}, db)).toThrow(/delete the file/);
  });
});

describe("servers running from the build", () => {
  it("lists a live server process and forgets the records of processes that are gone", async () => {
    const servers = path.join(dir, "accord-servers");
    // A stand-in for scripts/server.ts: a node process whose command line names it.
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)", "scripts/server.ts"], {
      stdio: "ignore",
    });
    try {
      await new Promise((resolve) => child.once("spawn", resolve));
      const remove = registerRunningServer(servers, child.pid!);
      // This test's own process is alive but is not a server; a made-up pid is gone.
      registerRunningServer(servers, process.pid);
      fs.writeFileSync(path.join(servers, "999999999"), "");
      expect(runningServers(servers)).toEqual([child.pid]);
      expect(fs.readdirSync(servers)).toEqual([String(child.pid)]);
      remove();
      expect(runningServers(servers)).toEqual([]);
    } finally {
      child.kill("SIGKILL");
    }
  });
});

describe("a form sent from a page of an older build", () => {
  it("keeps what was typed and says the site was updated", () => {
    const form = new FormData();
    form.append("$ACTION_ID_abc", "");
    form.append("note", "Signed the protocol on 3 May");
    form.append("status", "in_progress");
    form.append("evidence", new Blob(["x"]), "file.pdf");
    expect(sentValues(form)).toEqual({ note: "Signed the protocol on 3 May", status: "in_progress" });
    const state = siteUpdatedState({ ...INITIAL_FORM_STATE, attempt: 2, values: { progress: "40" } }, form);
    expect(state).toEqual({
      attempt: 3,
      error: { kind: "site_updated", message: SITE_UPDATED_MESSAGE, fieldErrors: {} },
      values: { progress: "40", note: "Signed the protocol on 3 May", status: "in_progress" },
    });
    expect(SITE_UPDATED_MESSAGE).toMatch(/site was updated.*reload the page/i);
  });
});
