import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import Ajv2020 from "ajv/dist/2020";

// Runs before any spec that writes (file order), while the database holds only the default dataset.
const SLUG = "kr-my-strategic-partnership-2024";

async function ftaId(page: Page): Promise<number> {
  const response = await page.request.get("/api/v1/commitments?q=free+trade+agreement&theme=Trade&status=fulfilled");
  const body = (await response.json()) as { data: { id: number; ref: string }[] };
  const fta = body.data.find((c) => c.ref === "6");
  expect(fta).toBeDefined();
  return fta?.id ?? 0;
}

test.describe("[PUBLIC][API]", () => {
  test("every endpoint answers as its OpenAPI document says", async ({ request }) => {
    const doc = await (await request.get("/api/v1/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ $id: "doc", components: doc.components });
    const check = async (path: string, schema: string, status = 200) => {
      const response = await request.get(path);
      expect(response.status(), path).toBe(status);
      expect(response.headers()["access-control-allow-origin"]).toBe("*");
      const body = await response.json();
      const validate = ajv.getSchema(`doc#/components/schemas/${schema}`);
      expect(validate, schema).toBeDefined();
      const valid = validate?.(body);
      expect(valid, `${path}: ${JSON.stringify(validate?.errors)}`).toBe(true);
      return body;
    };
    const list = await check("/api/v1/agreements", "AgreementList");
    expect(list.data[0].statusCounts).toMatchObject({ fulfilled: 3, in_progress: 9, not_assessed: 5 });
    expect(list.meta).toEqual({ total: 1, page: 1, pages: 1, pageSize: 25, requestedPage: 1, pastLastPage: false });
    const filtered = await check("/api/v1/agreements?party=KR&year=2024&q=Malaysia&sort=title", "AgreementList");
    expect(filtered.data.map((a: { slug: string }) => a.slug)).toEqual([SLUG]);
    const agreement = await check(`/api/v1/agreements/${SLUG}`, "AgreementDetail");
    expect(agreement.commitmentList).toHaveLength(17);
    // Its commitments a page at a time, as the commitments list (17 of them: one page of 25).
    expect(agreement.meta).toEqual({
      total: { commitments: 17, milestones: 0 },
      page: 1,
      pages: 1,
      pageSize: 25,
      requestedPage: 1,
      pastLastPage: false,
    });
    expect(agreement.links.commitments).toMatch(new RegExp(`/api/v1/commitments\\?agreement=${SLUG}$`));
    expect(agreement.links).toMatchObject({ next: null, prev: null });
    const pastAgreement = await check(`/api/v1/agreements/${SLUG}?page=4`, "AgreementDetail");
    expect(pastAgreement.meta).toMatchObject({ page: 1, requestedPage: 4, pastLastPage: true });
    expect(pastAgreement.commitmentList.map((c: { id: number }) => c.id)).toEqual(
      agreement.commitmentList.map((c: { id: number }) => c.id),
    );
    const badPage = await check(`/api/v1/agreements/${SLUG}?page=0`, "Error", 400);
    expect(Object.keys(badPage.error.fields)).toEqual(["page"]);
    const page = await check("/api/v1/commitments?status=in_progress&theme=Energy+and+climate", "CommitmentPage");
    expect(page.data.map((c: { ref: string }) => c.ref)).toEqual(["11", "12"]);
    expect(page.meta.total).toEqual({ commitments: 2, milestones: 0 });
    const all = await check("/api/v1/commitments", "CommitmentPage");
    expect(all.meta.total.commitments).toBe(17);
    expect(all.meta).toMatchObject({ page: 1, pages: 1, requestedPage: 1, pastLastPage: false });
    // A page past the last: the last page, and the meta says so (as the HTML list does).
    const past = await check("/api/v1/commitments?page=99", "CommitmentPage");
    expect(past.meta).toMatchObject({ page: 1, pages: 1, requestedPage: 99, pastLastPage: true });
    expect(past.data).toHaveLength(all.data.length);
    const pastAgreements = await check("/api/v1/agreements?page=3", "AgreementList");
    expect(pastAgreements.meta).toMatchObject({ page: 1, requestedPage: 3, pastLastPage: true });
    const fta = all.data.find((c: { ref: string }) => c.ref === "6");
    const detail = await check(`/api/v1/commitments/${fta.id}`, "CommitmentDetail");
    expect(detail.history.map((h: { happenedOn: string }) => h.happenedOn)).toEqual([
      "2025-10-27",
      "2025-08-18",
      "2025-07-23",
      "2025-06-23",
    ]);
    expect(detail.fulfilledOn).toBe("2025-08-18");
    await check("/api/v1/commitments/999999", "Error", 404);
    await check("/api/v1/agreements/nope", "Error", 404);
  });

  test("a bad query parameter gets a 400 naming the field", async ({ request }) => {
    const response = await request.get("/api/v1/commitments?status=done&page=0");
    expect(response.status()).toBe(400);
    const body = await response.json();
    expect(Object.keys(body.error.fields).sort()).toEqual(["page", "status"]);
    expect(body.error.fields.status[0]).toContain("not_assessed");
  });

  test("CORS preflight is answered for any origin", async ({ request }) => {
    const response = await request.fetch("/api/v1/commitments", {
      method: "OPTIONS",
      headers: { Origin: "https://example.org" },
    });
    expect(response.status()).toBe(204);
    expect(response.headers()["access-control-allow-methods"]).toContain("GET");
  });
});

test.describe("[PUBLIC][CSV]", () => {
  test("the filtered list downloads as UTF-8 CSV with a BOM and RFC 4180 quoting", async ({ request }) => {
    const response = await request.get("/commitments.csv?theme=Trade");
    expect(response.headers()["content-type"]).toContain("text/csv; charset=utf-8");
    expect(response.headers()["content-disposition"]).toMatch(
      /attachment; filename="accord-commitments-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = await response.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(
      "id,ref,level,parent_id,agreement,agreement_title,title,theme,strength,owner,parties,status,status_label,progress,target_date,target_precision,target_phrase,overdue,last_updated_on,stale,url,due_today",
    );
    expect(lines.filter(Boolean)).toHaveLength(4);
    // The FTA's owner has a comma-free value but its phrase has quotes inside: quoted and doubled.
    const fta = lines.find((l) => l.includes("Conclude the bilateral free trade agreement")) ?? "";
    expect(fta).toContain(",fulfilled,Fulfilled,100,2025-12-31,year,");
    expect(fta).toContain(",KR;MY,");
  });
});

test.describe("[PUBLIC][FEEDS]", () => {
  test("the feeds parse as Atom and are linked from the pages", async ({ page }) => {
    for (const path of ["/feed.xml", `/agreements/${SLUG}/feed.xml`, `/commitments/${await ftaId(page)}/feed.xml`]) {
      const response = await page.request.get(path);
      expect(response.headers()["content-type"]).toContain("application/atom+xml");
      const xml = await response.text();
      await page.goto("/");
      const parsed = await page.evaluate((source) => {
        const doc = new DOMParser().parseFromString(source, "application/xml");
        const entries = [...doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry")];
        return {
          error: doc.getElementsByTagName("parsererror").length,
          root: `${doc.documentElement.namespaceURI} ${doc.documentElement.localName}`,
          entries: entries.length,
          complete: entries.every((e) =>
            ["id", "title", "updated"].every(
              (t) => e.getElementsByTagNameNS("http://www.w3.org/2005/Atom", t).length === 1,
            ),
          ),
          firstTitle: entries[0]?.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title")[0]?.textContent ?? "",
        };
      }, xml);
      expect(parsed.error, path).toBe(0);
      expect(parsed.root).toBe("http://www.w3.org/2005/Atom feed");
      expect(parsed.entries).toBeGreaterThan(0);
      expect(parsed.complete).toBe(true);
      if (path.startsWith("/commitments/"))
        expect(parsed.firstTitle).toBe("Conclude the bilateral free trade agreement: Fulfilled");
    }
    await page.goto(`/agreements/${SLUG}`);
    await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
      "href",
      /\/agreements\/kr-my-strategic-partnership-2024\/feed\.xml$/,
    );
  });
});

test.describe("[PUBLIC][BADGE]", () => {
  test("each commitment has a cacheable SVG status badge and an embed snippet", async ({ page }) => {
    const id = await ftaId(page);
    const response = await page.request.get(`/badge/commitments/${id}.svg`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("image/svg+xml");
    // Cacheable anywhere, but checked back each time: unchanged, it is a 304 without a body.
    expect(response.headers()["cache-control"]).toBe("public, no-cache");
    const etag = response.headers()["etag"] ?? "";
    expect(etag).toMatch(/^"[^"]+"$/);
    const svg = await response.text();
    expect(svg).toContain("<title>Commitment 6: Fulfilled</title>");
    for (let i = 0; i < 2; i++) {
      // The first conditional request may reach the app, the second the response cache: both say 304.
      const again = await page.request.get(`/badge/commitments/${id}.svg`, { headers: { "if-none-match": etag } });
      expect(again.status()).toBe(304);
      expect(await again.text()).toBe("");
    }
    expect((await page.request.get("/badge/commitments/999999.svg")).status()).toBe(404);
    await page.goto(`/commitments/${id}`);
    await expect(page.getByRole("img", { name: "Status badge: Fulfilled" })).toBeVisible();
    await expect(page.getByLabel("Embed this status badge on another site:")).toHaveValue(
      new RegExp(
        `<a href="http://127\\.0\\.0\\.1:\\d+/commitments/${id}"><img src="http://127\\.0\\.0\\.1:\\d+/badge/commitments/${id}\\.svg"`,
      ),
    );
  });
});

test.describe("[PUBLIC][META]", () => {
  test("pages carry canonical URLs and OpenGraph; the sitemap lists public pages only", async ({ page, request }) => {
    await page.goto(`/agreements/${SLUG}`);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/agreements/${SLUG}$`));
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /Strategic Partnership/);
    for (const path of ["/", "/commitments", "/deadlines", "/compare"]) {
      await page.goto(path);
      await expect(page.locator('meta[property="og:url"]'), path).toHaveAttribute(
        "content",
        new RegExp(`^http://127\\.0\\.0\\.1:\\d+${path === "/" ? "/?" : path}$`),
      );
      await expect(page.locator('meta[property="og:site_name"]'), path).toHaveAttribute("content", "Accord Tracker");
    }
    const sitemap = await (await request.get("/sitemap.xml")).text();
    expect(sitemap).toContain(`/agreements/${SLUG}</loc>`);
    expect(sitemap.match(/\/commitments\/\d+<\/loc>/g)).toHaveLength(17);
    expect(sitemap).not.toMatch(/\/(staff|admin|signin)/);
    const robots = await (await request.get("/robots.txt")).text();
    expect(robots).toContain("Disallow: /admin");
    expect(robots).toMatch(/Sitemap: http:\/\/127\.0\.0\.1:\d+\/sitemap\.xml/);
  });

  test("charts link their segments to the filtered list, with a table alternative", async ({ page }) => {
    await page.goto(`/agreements/${SLUG}`);
    // A wide enough segment shows its status's icon beside the number, not only a colour.
    await expect(page.getByTestId("chart-status").locator("text.chart__value")).toContainText(["? 5", "◐ 9", "✓ 3"]);
    const byTheme = page.getByTestId("chart-by-theme");
    const trade = byTheme.getByRole("link", { name: "Trade: Fulfilled, 1" });
    await trade.click();
    await expect(page).toHaveURL(/theme=Trade/);
    await expect(page.getByTestId("list-row")).toHaveCount(1);
    await page.goBack();
    await page.getByTestId("chart-by-theme").getByText("Show the numbers as a table").click();
    await expect(page.getByTestId("chart-by-theme").getByRole("row", { name: /Energy and climate/ })).toContainText(
      "2",
    );
  });

  test("the compare view shows what changed since the first anniversary", async ({ page }) => {
    await page.goto("/compare?from=2025-06-01&to=2025-11-25");
    await expect(page.getByTestId("compare-summary")).toContainText("changed between 1 Jun 2025 and 25 Nov 2025");
    const fta = page.getByTestId("change-row").filter({ hasText: "Conclude the bilateral free trade agreement" });
    await expect(fta).toContainText("Not yet assessed");
    await expect(fta).toContainText("Fulfilled");
    await page.goto("/compare");
    await expect(page.getByTestId("compare-summary")).toContainText("25 Nov 2025");
  });
});

test.describe("[PUBLIC][PROXY]", () => {
  test("behind a reverse proxy, the links in pages and exports use the forwarded address", async ({ request }) => {
    const headers = { "x-forwarded-host": "tracker.example.org", "x-forwarded-proto": "https" };
    const id = (
      (await (await request.get("/api/v1/commitments?q=free+trade+agreement")).json()) as { data: { id: number }[] }
    ).data[0]?.id;
    expect(id).toBeGreaterThan(0);
    for (const path of [
      "/api/v1/agreements",
      `/api/v1/agreements/${SLUG}`,
      "/api/v1/commitments",
      `/api/v1/commitments/${id}`,
      "/api/v1/openapi.json",
      "/commitments.csv",
      "/feed.xml",
      `/agreements/${SLUG}/feed.xml`,
      `/commitments/${id}/feed.xml`,
      "/sitemap.xml",
      `/commitments/${id}`,
    ]) {
      const body = await (await request.get(path, { headers })).text();
      expect(body, path).toMatch(/https:\/\/tracker\.example\.org[/"]/);
      expect(body, path).not.toMatch(/https?:\/\/(127\.0\.0\.1|localhost)[:/]/);
    }
  });
});

test.describe("[A11Y]", () => {
  for (const path of [
    "/",
    "/agreements",
    `/agreements/${SLUG}`,
    `/agreements/${SLUG}?asOf=2025-06-01`,
    "/commitments",
    "/commitments?status=in_progress",
    "/deadlines",
    "/compare",
    "/signin",
    "/no-such-page",
  ]) {
    test(`no serious or critical axe violations on ${path}`, async ({ page }) => {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    });
  }

  test("no serious or critical axe violations on a commitment page", async ({ page }) => {
    await page.goto(`/commitments/${await ftaId(page)}`);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => v.id)).toEqual([]);
  });
});
