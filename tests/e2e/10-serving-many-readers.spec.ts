/**
 * Serving many readers (README "Serving many readers"):
 * - [SHARED_CACHE]: public responses carry a Cache-Control a CDN or reverse proxy honours, with an
 *   ETag; signed-in responses and the staff, admin and sign-in paths say `private, no-store`
 *   (lib/shared-cache.ts).
 * - [TWO_PROCESSES]: two production servers on one database (a throwaway one; ports E2E_PORT + 38
 *   and + 39, so runs on other E2E_PORTs do not collide) take turns on one form: the form read from
 *   one is posted to the other, both ways; both accept it, and each serves the other's write at once.
 * - [OLDER_BUILD]: a form whose server action the server does not know (sent from a page of an
 *   older build) says the site was updated and keeps what was typed.
 */
import { expect, test } from "@playwright/test";

import { postUpdate, scratchDatabase, startServer, type RunningServer } from "../support/durability";
import { E2E_EDITORS } from "../support/e2e-accounts";
import { FormClient } from "../support/form-client";
import { TEST_PASSWORD } from "../support/users";
import { signIn } from "./helpers";

/** The two extra servers' ports, after those of 08-durability (E2E_PORT + 30, + 31). */
const TWO_PORTS = [Number(process.env.E2E_PORT ?? 3100) + 38, Number(process.env.E2E_PORT ?? 3100) + 39] as const;
const SHARED = "public, s-maxage=60, stale-while-revalidate=300";
const PRIVATE = "private, no-store";

async function firstCommitmentId(base: string): Promise<number> {
  const list = (await (await fetch(`${base}/api/v1/commitments`)).json()) as { data: { id: number }[] };
  return list.data[0]!.id;
}

test.describe("[SERVING][SHARED_CACHE]", () => {
  test("public responses may be shared for a minute; signed-in ones are private", async ({ request, baseURL }) => {
    const id = await firstCommitmentId(baseURL!);
    for (const path of [
      "/",
      "/commitments?status=in_progress",
      `/commitments/${id}`,
      "/agreements/kr-my-strategic-partnership-2024",
      "/deadlines",
      "/api/v1/commitments?status=stalled",
      "/commitments.csv",
      "/feed.xml",
      "/sitemap.xml",
    ]) {
      await request.get(path); // the second answer comes from the response cache, with its ETag
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()["cache-control"], path).toBe(SHARED);
      expect(response.headers()["etag"], path).toBeTruthy();
    }
    // The badge keeps its own header.
    const badge = await request.get(`/badge/commitments/${id}.svg`);
    expect(badge.headers()["cache-control"]).toBe("public, no-cache");

    const signin = await request.get("/signin");
    expect(signin.headers()["cache-control"]).toBe(PRIVATE);

    const editor = new FormClient(baseURL!);
    await editor.signIn(E2E_EDITORS[0].email, TEST_PASSWORD);
    for (const path of ["/", `/commitments/${id}`, "/api/v1/commitments", "/staff"]) {
      const response = await editor.get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBe(PRIVATE);
    }
  });
});

test.describe("[SERVING][TWO_PROCESSES]", () => {
  test.setTimeout(180_000);

  test("two servers on one database accept each other's forms and see each other's writes", async () => {
    const scratch = await scratchDatabase("accord-two-processes-", 1);
    const servers: RunningServer[] = [];
    try {
      // No key given: each server takes the one kept beside the database.
      servers.push(await startServer(scratch.file, TWO_PORTS[0], { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "" }));
      servers.push(await startServer(scratch.file, TWO_PORTS[1], { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "" }));
      const [a, b] = servers as [RunningServer, RunningServer];
      const id = scratch.commitmentsByEditor[0]![0]!;
      const editor = new FormClient(a.base);
      await editor.signIn(scratch.editors[0]!, TEST_PASSWORD);

      for (const [from, to, note] of [
        [a, b, "Read from A, posted to B"],
        [b, a, "Read from B, posted to A"],
      ] as const) {
        const response = await editor.submit(
          `/staff/commitments/${id}`,
          {
            status: "in_progress",
            progress: String(note.length),
            note,
            "evidence.0.title": `Evidence: ${note}`,
            "evidence.0.url": `https://example.org/${encodeURIComponent(note)}`,
            "evidence.0.kind": "official",
          },
          "happenedOn",
          { readFrom: from.base, postTo: to.base },
        );
        const refusal = /data-testid="form-error-[^"]*"[^>]*>([\s\S]{0,300})/.exec(response.html)?.[0];
        expect(response.status, `${note}: ${refusal ?? to.output().slice(-2000)}`).toBe(303);
        expect(response.location).toContain("done=posted");
        // The other server (with its response cache on) serves the write at once.
        for (const server of [from, to]) {
          const record = (await (await fetch(`${server.base}/api/v1/commitments/${id}`)).json()) as {
            history: { note: string }[];
          };
          expect(record.history.map((u) => u.note)).toContain(note);
        }
      }
      // The durability helper's post works on either too (the same path as a browser without JS).
      const outcome = await postUpdate(editor, id, "posted to A again");
      expect(outcome.acknowledged).toBe(true);
    } finally {
      for (const server of servers) server.process.kill("SIGTERM");
      await Promise.all(servers.map((s) => s.exited));
      scratch.remove();
    }
  });
});

test.describe("[SERVING][OLDER_BUILD]", () => {
  test("a form sent from an older build says the site was updated and keeps the text", async ({ page, baseURL }) => {
    const id = await firstCommitmentId(baseURL!);
    await signIn(page, E2E_EDITORS[0], `/staff/commitments/${id}`);
    const note = "Typed before the site was updated: the ministers met in Seoul.";
    await page.getByLabel("Note").fill(note);
    // The server of a newer build does not know this page's action id.
    await page.route(`**/staff/commitments/${id}`, (route) =>
      route.request().method() === "POST" && route.request().headers()["next-action"]
        ? route.continue({ headers: { ...route.request().headers(), "next-action": "7f".repeat(21) } })
        : route.continue(),
    );
    await page.getByRole("button", { name: "Post status update" }).click();
    await expect(page.getByTestId("form-error-site_updated")).toContainText("The site was updated");
    await expect(page.getByLabel("Note")).toHaveValue(note);
  });
});
