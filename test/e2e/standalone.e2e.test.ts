/**
 * The built task pane opened in a plain browser (no Office): standalone mode, the bundled sample,
 * the audit, the 23.2547 finding, the language switch. Every request that does not go to our own
 * 127.0.0.1 server is blocked, so office.js from the CDN fails to load, as it would offline.
 *
 * Needs `npm run build:web` first, and Chromium at /usr/bin/chromium.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { readXlsx } from "../../src/io/xlsx.js";
import { CHROMIUM_ARGS, serve } from "../../bench/page-server.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const dist = join(root, "dist");
const SAMPLE_PATH = "samples/lkjip-ntt-2025.xlsx";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SHOT = join(root, "test-results", "standalone.png");
const SHOT_FINDING = join(root, "test-results", "standalone-finding.png");

let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!existsSync(join(dist, "taskpane.html"))) {
    throw new Error("dist/taskpane.html is missing: run `npm run build:web` before `npm run test:e2e`.");
  }
  if (!existsSync(join(dist, SAMPLE_PATH))) {
    throw new Error(
      `dist/${SAMPLE_PATH} is missing: the web build must copy ${SAMPLE_PATH} next to taskpane.html ` +
        `(CopyWebpackPlugin pattern { from: "${SAMPLE_PATH}", to: "samples/[name][ext]" }), then run \`npm run build:web\` again.`,
    );
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  server = await serve(dist);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
});

/** Where the sample holds the malformed number, read from the sample itself. */
async function malformedCell(): Promise<string> {
  const snap = await readXlsx(readFileSync(join(root, SAMPLE_PATH)), "lkjip-ntt-2025.xlsx");
  for (const s of snap.sheets) {
    for (const c of s.cells) {
      if (typeof c.value === "string" && c.value.includes("23.2547")) {
        let col = "";
        for (let n = c.col; n > 0; n = Math.floor((n - 1) / 26)) col = String.fromCharCode(65 + ((n - 1) % 26)) + col;
        return `${s.name}!${col}${c.row}`;
      }
    }
  }
  throw new Error("the sample has no 23.2547 cell");
}

async function openPage(): Promise<{ page: Page; problems: string[]; blocked: string[] }> {
  // About the size of an Excel task pane.
  const context = await browser.newContext({ viewport: { width: 380, height: 1100 }, locale: "id-ID" });
  const page = await context.newPage();
  const blocked: string[] = [];
  const problems: string[] = [];
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    blocked.push(url.href);
    return route.abort("blockedbyclient");
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    // The blocked office.js shows up as a failed load; anything else red is a problem (CSP included).
    if (m.type() === "error" && !/appsforoffice\.microsoft\.com|ERR_BLOCKED_BY_CLIENT/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { page, problems, blocked };
}

describe("standalone task pane (built page, no Office)", () => {
  it("audits the bundled sample and shows the 23.2547 finding, in Indonesian and English", async () => {
    const address = await malformedCell();
    const { page, problems, blocked } = await openPage();
    await page.goto(`${base}/taskpane.html`);

    await page.getByText("Mode mandiri (tanpa Excel)").waitFor({ timeout: 15_000 });
    expect(blocked.some((u) => u.includes("appsforoffice.microsoft.com"))).toBe(true);

    await page.getByRole("button", { name: "Gunakan contoh" }).click();
    await page.getByText("Berkas: lkjip-ntt-2025.xlsx", { exact: false }).waitFor({ timeout: 30_000 });

    await page.getByRole("button", { name: "Periksa", exact: true }).click();
    await page.getByRole("heading", { name: "Temuan" }).waitFor({ timeout: 60_000 });

    const finding = page.locator("li[data-finding]", { hasText: "23.2547" }).first();
    await finding.scrollIntoViewIfNeeded();
    expect(await finding.isVisible()).toBe(true);
    const cell = finding.getByText(address, { exact: true });
    expect(await cell.isVisible()).toBe(true);

    await page.getByRole("button", { name: "Ganti bahasa ke English" }).click();
    await page.getByRole("heading", { name: "Findings" }).waitFor();
    expect(await page.getByRole("button", { name: "Audit again" }).isVisible()).toBe(true);
    expect(await page.getByText("Standalone mode (no Excel)").isVisible()).toBe(true);
    expect(await finding.getByText("Expected:", { exact: false }).first().isVisible()).toBe(true);
    expect(await finding.isVisible()).toBe(true);

    // The top of the pane (summary, chart, first findings), and the 23.2547 finding itself.
    mkdirSync(dirname(SHOT), { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: SHOT });
    await finding.click();
    await finding.scrollIntoViewIfNeeded();
    await page.screenshot({ path: SHOT_FINDING });

    expect(problems).toEqual([]);
    await page.context().close();
  });
});
