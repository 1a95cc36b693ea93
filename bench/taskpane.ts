/**
 * Task pane benchmark: the built standalone page (dist/taskpane.html, no Office) in headless
 * Chromium, on generated workbooks of growing size. For each: reading the uploaded .xlsx in the
 * browser, auditing (in the page's worker) and rendering the findings, opening a finding, and
 * toggling a severity filter. Times are wall-clock from the test driver's side (each includes a
 * Playwright round trip of a few milliseconds), best of the repetitions.
 *
 * Needs `npm run build` (web and Node targets) and Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
 * Run: `npm run bench:taskpane` (builds first). Output: Markdown on stdout.
 */
import { existsSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { generateWorkbook, cellCount } from "./gen.js";
import { writeSnapshotXlsx } from "./xlsx-write.js";
import { CHROMIUM_ARGS, serve } from "./page-server.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const DIST = join(ROOT, "dist");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SEED = 20250101;
const sizes = process.argv.includes("--quick") ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];

interface Figures {
  cells: number;
  fileMb: number;
  load: number;
  /** The longest the page stopped painting while the upload was read (a frame loop's largest gap). */
  loadFreeze: number;
  auditAndRender: number;
  listed: number;
  open: number;
  filter: number;
  again: number;
}

async function measure(browser: Browser, base: string, file: string): Promise<Omit<Figures, "cells" | "fileMb">> {
  const context = await browser.newContext({ viewport: { width: 380, height: 1100 }, locale: "id-ID" });
  const page: Page = await context.newPage();
  // Offline, as in the e2e test: only our own server answers.
  await page.route("**/*", (r) => (new URL(r.request().url()).hostname === "127.0.0.1" ? r.continue() : r.abort("blockedbyclient")));
  await page.goto(`${base}/taskpane.html`);
  await page.getByText("Mode mandiri (tanpa Excel)").waitFor({ timeout: 30_000 });
  // A frame loop in the page notes the longest gap between frames while the file is read.
  await page.evaluate(() => {
    const w = window as unknown as { __gap: number; __run: boolean };
    w.__gap = 0;
    w.__run = true;
    let last = performance.now();
    const tick = (now: number) => {
      w.__gap = Math.max(w.__gap, now - last);
      last = now;
      if (w.__run) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  let t = performance.now();
  await page.locator("input[type=file]").first().setInputFiles(file);
  await page.getByText("Berkas:", { exact: false }).waitFor({ timeout: 600_000 });
  const load = performance.now() - t;
  const loadFreeze = await page.evaluate(() => {
    const w = window as unknown as { __gap: number; __run: boolean };
    w.__run = false;
    return w.__gap;
  });
  t = performance.now();
  await page.getByRole("button", { name: "Periksa", exact: true }).click();
  await page.getByRole("heading", { name: "Temuan" }).waitFor({ timeout: 600_000 });
  const auditAndRender = performance.now() - t;
  const listed = await page.locator("li[data-finding]").count();
  // Open findings (first, second, last listed): time until the item says it is expanded.
  let open = Infinity;
  for (const i of [0, 1, listed - 1]) {
    const item = page.locator("li[data-finding] [role=button]").nth(i);
    await item.scrollIntoViewIfNeeded();
    t = performance.now();
    await item.click();
    await page.waitForFunction((k) => document.querySelectorAll("li[data-finding] [role=button]")[k]?.getAttribute("aria-expanded") === "true", i);
    open = Math.min(open, performance.now() - t);
  }
  // Hide the warnings and show them again: time until the list has changed back.
  let filter = Infinity;
  const warnings = page.getByRole("button", { name: /^Peringatan/ }).first();
  for (let k = 0; k < 2; k++) {
    t = performance.now();
    await warnings.click();
    await page.waitForFunction((n) => document.querySelectorAll("li[data-finding]").length !== n, listed);
    await warnings.click();
    await page.waitForFunction((n) => document.querySelectorAll("li[data-finding]").length === n, listed);
    filter = Math.min(filter, (performance.now() - t) / 2);
  }
  // Audit again (the worker of the first audit is kept): from the click until the button is enabled
  // again, timed inside the page (it is disabled while the audit runs).
  let again = Infinity;
  for (let k = 0; k < 2; k++) {
    const dt = await page.evaluate(
      () =>
        new Promise<number>((done) => {
          const b = [...document.querySelectorAll("button")].find((x) => x.textContent === "Periksa ulang") as HTMLButtonElement;
          let busy = false;
          const t0 = performance.now();
          const check = () => {
            if (b.disabled) busy = true;
            else if (busy) return done(performance.now() - t0);
            requestAnimationFrame(check);
          };
          b.click();
          check();
        }),
    );
    again = Math.min(again, dt);
  }
  await context.close();
  return { load, loadFreeze, auditAndRender, listed, open, filter, again };
}

const ms = (x: number) => Math.round(x).toLocaleString("en-US");

async function main(): Promise<void> {
  if (!existsSync(join(DIST, "taskpane.html"))) throw new Error("dist/taskpane.html is missing: run `npm run build` first (npm run bench:taskpane does).");
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  const dir = await mkdtemp(join(tmpdir(), "sakip-bench-taskpane-"));
  const server = await serve(DIST);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  const rows: Figures[] = [];
  try {
    for (const n of sizes) {
      const wb = generateWorkbook({ cells: n, seed: SEED });
      const file = join(dir, `synthetic-${n}.xlsx`);
      process.stderr.write(`[bench:taskpane] writing ${n}-cell workbook\n`);
      await writeSnapshotXlsx(wb, file);
      process.stderr.write(`[bench:taskpane] measuring ${n}\n`);
      const f = await measure(browser, base, file);
      rows.push({ cells: cellCount(wb), fileMb: statSync(file).size / 1e6, ...f });
    }
  } finally {
    await browser.close();
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
  const out: string[] = [];
  out.push("## Task pane (standalone page in headless Chromium, generated workbooks)");
  out.push("");
  out.push("| cells | file (MB) | read the upload (ms) | longest freeze while reading (ms) | audit + first render (ms) | audit again (ms) | findings listed | open a finding (ms) | toggle a filter (ms) |");
  out.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows)
    out.push(
      `| ${r.cells.toLocaleString("en-US")} | ${r.fileMb.toFixed(1)} | ${ms(r.load)} | ${ms(r.loadFreeze)} | ${ms(r.auditAndRender)} | ${ms(r.again)} | ${r.listed.toLocaleString("en-US")} | ${ms(r.open)} | ${ms(r.filter)} |`,
    );
  out.push("");
  out.push("Each severity group lists 200 findings until the user asks for more; times include a Playwright round trip (a few ms).");
  process.stdout.write(out.join("\n") + "\n");
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:taskpane: ${(e as Error).message}\n`);
  process.exit(2);
});
