/// <reference types="custom-functions-runtime" />
/**
 * Benchmarks: audit engine, CLI, custom functions, Office adapter. Every figure that matters is a
 * RATIO of two timings taken in the same run on the same machine (absolute figures are printed for
 * context only). Inputs are generated in memory from a seeded PRNG (bench/gen.ts).
 *
 *   npm run bench                      everything (about 2 minutes; ~2 GB RAM)
 *   npm run bench -- --quick           10k/100k audit, 200k-cell CLI file, fewer repetitions
 *   npm run bench -- --only audit,cli  a subset: audit, rules, cli, functions, adapter
 *
 * Output is Markdown (tables + a goals summary), ready for bench/RESULTS.md.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { cpus, freemem, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import ExcelJS from "exceljs";
import { allRules, runAudit } from "../src/core/audit/engine.js";
import type { Rule } from "../src/core/audit/types.js";
import { snapshotFromWorkbook } from "../src/io/xlsx.js";
import { readXlsxFile } from "../src/io/xlsx-node.js";
import { zipEntries } from "../src/io/zip.js";
import { SheetGrid, type WorkbookSnapshot } from "../src/core/snapshot.js";
import { DEFAULT_CHUNK_CELLS, plannedSyncs, readSnapshot } from "../src/excel/read.js";
import * as F from "../src/functions/functions.js";
import { cellCount, generateWorkbook } from "./gen.js";
import { CAPAIAN_CALLS, LAYANAN_ROWS, functionInputs, handCapaian, handLayanan, timeCaseInChild, type FunctionCase } from "./functions.js";
import { createFakeExcel } from "./office-fake.js";
import { writeSnapshotXlsx } from "./xlsx-write.js";

// ---- options ----------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const onlyArg = argv.find((a) => a.startsWith("--only"));
const only = onlyArg ? new Set((onlyArg.includes("=") ? onlyArg.split("=")[1] : argv[argv.indexOf(onlyArg) + 1])?.split(",") ?? []) : undefined;
const want = (s: string) => !only || only.has(s);
const SEED = 20250101;

// ---- helpers ----------------------------------------------------------------------------------
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const here = dirname(fileURLToPath(import.meta.url)); // dist/node/bench
const distRoot = join(here, "..");
const cliJs = join(distRoot, "src", "cli", "sakip-audit.js");
const packageRoot = join(distRoot, "..", "..");
/**
 * The baseline child: a bare exceljs load of the whole file, `workbook.xlsx.readFile` (the issue's
 * baseline). Inline, so it depends on no built file; run with the package root as cwd.
 */
const BARE_LOAD = `
import ExcelJS from "exceljs";
const wb = new ExcelJS.Workbook();
await wb.xlsx.readFile(process.argv[1]);
process.stdout.write(String(wb.worksheets.length) + "\\n");
`;

function now(): number {
  return performance.now();
}

/** Best (minimum) wall time of `reps` runs, in ms, with a GC before each. */
function best(reps: number, fn: () => void, collectFirst = true): number {
  let min = Infinity;
  for (let i = 0; i < reps; i++) {
    if (collectFirst) gc();
    const t0 = now();
    fn();
    const dt = now() - t0;
    if (dt < min) min = dt;
  }
  return min;
}

async function bestAsync(reps: number, fn: () => Promise<void>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < reps; i++) {
    gc();
    const t0 = now();
    await fn();
    const dt = now() - t0;
    if (dt < min) min = dt;
  }
  return min;
}

const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => (n >= 100 ? fmtInt(n) : n.toFixed(n >= 10 ? 1 : 2));
const ratio = (n: number) => `${n.toFixed(2)}×`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

const out: string[] = [];
function print(s = ""): void {
  out.push(s);
  process.stdout.write(s + "\n");
}
function progress(s: string): void {
  process.stderr.write(`[bench] ${s}\n`);
}

interface Goal {
  what: string;
  measured: string;
  goal: string;
  met: boolean;
}
const goals: Goal[] = [];

/** The bare pass: build every sheet's SheetGrid and touch each cell's value once. */
function barePass(wb: WorkbookSnapshot): number {
  let touched = 0;
  for (const s of wb.sheets) {
    const g = new SheetGrid(s);
    for (const c of s.cells) if (c.value !== null || g.maxRow < 0) touched++;
  }
  return touched;
}

const workbooks = new Map<number, WorkbookSnapshot>();
function workbookOf(cells: number): WorkbookSnapshot {
  let wb = workbooks.get(cells);
  if (!wb) {
    progress(`generating ${fmtInt(cells)}-cell workbook`);
    wb = generateWorkbook({ cells, seed: SEED });
    workbooks.set(cells, wb);
  }
  return wb;
}

// ---- 1. audit engine --------------------------------------------------------------------------
interface RuleTiming {
  label: string;
  ms: number;
}

/**
 * Run `fn` with every rule's `run` wrapped in a timer (restored afterwards): exact per-rule times,
 * also for two rules that share an id, with no baseline subtraction.
 */
function withRuleTimers<T>(fn: (times: Map<Rule, number>, firstStart: { t?: number }) => T): T {
  const rules = allRules();
  const times = new Map<Rule, number>();
  const firstStart: { t?: number } = {};
  const original = new Map<Rule, Rule["run"]>();
  for (const rule of rules) {
    const run = rule.run;
    original.set(rule, run);
    rule.run = function timed(this: Rule, ctx) {
      const t0 = now();
      firstStart.t ??= t0;
      try {
        run.call(this, ctx);
      } finally {
        times.set(rule, (times.get(rule) ?? 0) + (now() - t0));
      }
    };
  }
  try {
    return fn(times, firstStart);
  } finally {
    for (const [rule, run] of original) rule.run = run;
  }
}

/**
 * One full audit with exact per-rule times; setup = grids + table recognition before the first rule.
 * `collectFirst`: a full GC first (the audit then starts on a freshly shrunk heap).
 */
function timedAudit(wb: WorkbookSnapshot, collectFirst: boolean): { total: number; setup: number; rules: RuleTiming[]; findings: number } {
  return withRuleTimers((times, firstStart) => {
    let last = 0;
    if (collectFirst) gc();
    const t0 = now();
    const r = runAudit(wb, { onProgress: () => (last = now()) });
    const total = now() - t0;
    const timings: RuleTiming[] = allRules().map((rule) => ({ label: `${rule.id} (${rule.source})`, ms: times.get(rule) ?? 0 }));
    timings.push({ label: "sort + summary", ms: Math.max(0, total - ((last || t0) - t0)) });
    return { total, setup: (firstStart.t ?? t0) - t0, rules: timings, findings: r.findings.length };
  });
}

interface AuditFigures {
  /** Nominal size asked of the generator. */
  nominal: number;
  cells: number;
  sheets: number;
  bare: number;
  setup: number;
  audit: number;
  /** Best full audit when each run starts after a forced full GC. */
  auditAfterGc: number;
  findings: number;
  rules: RuleTiming[];
}

function benchAudit(sizes: number[]): Map<number, AuditFigures> {
  const res = new Map<number, AuditFigures>();
  for (const n of sizes) {
    const wb = workbookOf(n);
    const cells = cellCount(wb);
    const reps = n >= 1_000_000 ? (quick ? 2 : 5) : n >= 100_000 ? 9 : 15;
    // Both sides are timed warm and the same way: two untimed runs each first (the first size
    // measured must not carry the JIT's compilation of the audit while the bare pass, a few lines,
    // has none), then back-to-back runs, the best one kept.
    progress(`audit ${fmtInt(n)}: warm-up`);
    for (let i = 0; i < 2; i++) {
      barePass(wb);
      runAudit(wb);
    }
    progress(`audit ${fmtInt(n)}: bare pass`);
    const bare = best(reps + 2, () => void barePass(wb), false);
    progress(`audit ${fmtInt(n)}: full audit ×${reps}`);
    let bestRun: ReturnType<typeof timedAudit> | undefined;
    const perRule = new Map<string, number>();
    let setup = Infinity;
    for (let i = 0; i < reps; i++) {
      const run = timedAudit(wb, false);
      if (!bestRun || run.total < bestRun.total) bestRun = run;
      setup = Math.min(setup, run.setup);
      for (const t of run.rules) perRule.set(t.label, Math.min(perRule.get(t.label) ?? Infinity, t.ms));
    }
    // For reference: the same audit, each run starting after a forced full GC.
    let auditAfterGc = Infinity;
    for (let i = 0; i < Math.min(reps, 5); i++) auditAfterGc = Math.min(auditAfterGc, timedAudit(wb, true).total);
    const b = bestRun as ReturnType<typeof timedAudit>;
    res.set(n, {
      nominal: n,
      cells,
      sheets: wb.sheets.length,
      bare,
      setup,
      audit: b.total,
      auditAfterGc,
      findings: b.findings,
      rules: [...perRule].map(([label, t]) => ({ label, ms: t })),
    });
  }
  return res;
}

function reportAudit(res: Map<number, AuditFigures>): void {
  print("## Audit engine (`runAudit` over an in-memory snapshot)");
  print();
  print(
    table(
      ["cells", "sheets", "findings", "bare pass (ms)", "setup: grids + recognition (ms)", "full audit (ms)", "cells/s", "full audit / bare pass", "full audit after a forced GC (ms)"],
      [...res.values()].map((f) => [fmtInt(f.cells), f.sheets, fmtInt(f.findings), ms(f.bare), ms(f.setup), ms(f.audit), fmtInt((f.cells / f.audit) * 1000), ratio(f.audit / f.bare), ms(f.auditAfterGc)]),
    ),
  );
  print();
  print(
    "Best of back-to-back warm runs for both the bare pass and the audit. The last column starts each run after a forced full GC (`gc()`): after one, V8 drops and recompiles much of the audit's optimised code (at 100k, ≈ 160 optimisations in the three runs that follow forced GCs against 17 in three runs without; `--trace-opt`), so those runs are slower. No real run forces a GC; the CLI's single audit is cold instead (see the CLI section).",
  );
  print();
  const sizes = [...res.keys()].sort((a, b) => a - b);
  const big = res.get(sizes[sizes.length - 1] ?? 0);
  const mid = res.get(sizes[sizes.length - 2] ?? 0);
  const all = [...res.values()];
  const worstRatio = Math.max(...all.map((f) => f.audit / f.bare));
  goals.push({
    what: `full audit / bare pass (${all.map((f) => (f.nominal >= 1_000_000 ? `${f.nominal / 1_000_000}M` : `${f.nominal / 1000}k`)).join(" / ")})`,
    measured: all.map((f) => ratio(f.audit / f.bare)).join(" / "),
    goal: "≤ 5×",
    met: worstRatio <= 5,
  });
  if (big && mid) {
    const s = big.audit / mid.audit;
    const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);
    const bigN = label(big.nominal);
    const midN = label(mid.nominal);
    print(`Scaling ${bigN} / ${midN}: full audit ${ratio(s)} (bare pass ${ratio(big.bare / mid.bare)}, setup ${ratio(big.setup / mid.setup)}, cells ${ratio(big.cells / mid.cells)}).`);
    print();
    const sizeRatio = big.nominal / mid.nominal;
    goals.push({ what: `audit scaling ${bigN} / ${midN} cells`, measured: ratio(s), goal: `≤ ${(sizeRatio * 1.1).toFixed(0)}×`, met: s <= sizeRatio * 1.1 });
    print("### Time per rule (inside the full audit; each rule's `run` wrapped in a timer)");
    print();
    const rows = big.rules.map((r) => {
      const m = mid.rules.find((x) => x.label === r.label)?.ms ?? 0;
      const sc = m > 0 ? r.ms / m : 0;
      const flag = r.ms > 100 && sc > sizeRatio * 1.1 ? " **super-linear**" : "";
      return [r.label, ms(m), ms(r.ms), m > 0.5 ? `${ratio(sc)}${flag}` : "–", ratio(r.ms / big.bare)];
    });
    rows.unshift(["setup (grids + recognition)", ms(mid.setup), ms(big.setup), ratio(big.setup / mid.setup), ratio(big.setup / big.bare)]);
    print(table(["rule", `${midN} (ms)`, `${bigN} (ms)`, `${bigN} / ${midN}`, `${bigN}: rule / bare pass`], rows));
    print();
    print(
      `A rule is flagged when it takes over 100 ms at ${bigN} and grows more than ${(sizeRatio * 1.1).toFixed(0)}× from ${midN}; each flagged rule is timed again in isolation at three sizes below (a flag the isolated run does not confirm is timing noise).`,
    );
    print();
  }
}

/** Cross-check of a rule in isolation: `runAudit(wb, { rules: [id] })`, the rule's own time. */
function isolatedRule(id: string, sizes: number[]): void {
  const rules = allRules().filter((r) => r.id === id);
  const split = rules.length > 1;
  print(
    `Cross-check of \`${id}\` in isolation, \`runAudit(wb, { rules: ["${id}"] })\`, best of 3, the rule's own time` +
      (split ? ` (${rules.length} rules share this id: ${rules.map((r) => r.source).join(" and ")})` : "") +
      ":",
  );
  print();
  const rows: string[][] = [];
  let prev: number | undefined;
  let prevN: number | undefined;
  for (const n of sizes) {
    const wb = workbookOf(n);
    progress(`isolated ${id} at ${fmtInt(n)}`);
    const per = rules.map(() => Infinity);
    for (let k = 0; k < 3; k++) {
      withRuleTimers((times) => {
        gc();
        runAudit(wb, { rules: [id] });
        rules.forEach((r, i) => (per[i] = Math.min(per[i] ?? Infinity, times.get(r) ?? 0)));
      });
    }
    const total = per.reduce((a, b) => a + b, 0);
    const row = [fmtInt(n), ...(split ? per.map(ms) : []), ms(total)];
    row.push(prev !== undefined && prevN !== undefined && prev > 0 ? `${ratio(total / prev)} for ${ratio(n / prevN)} the cells` : "–");
    rows.push(row);
    prev = total;
    prevN = n;
  }
  print(table(["cells", ...(split ? rules.map((r) => `${r.source} (ms)`) : []), `"${id}" (ms)`, "growth"], rows));
  print();
}

// ---- 2. CLI -----------------------------------------------------------------------------------
interface ChildRun {
  ms: number;
  code: number | null;
  maxRssKb?: number;
  stderr: string;
}

const TIME_BIN = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/**
 * For transparency only: exceljs's own streaming reader over the same file, every worksheet and
 * row read (shared strings and styles cached, hyperlinks ignored). It builds no snapshot and skips
 * what the CLI needs besides rows (merges, tables, defined names, shared-formula translation).
 */
const BARE_STREAM = `
import ExcelJS from "exceljs";
const reader = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[1], { sharedStrings: "cache", styles: "cache", worksheets: "emit", hyperlinks: "ignore", entries: "ignore" });
let cells = 0;
for await (const ws of reader) for await (const row of ws) cells += row.cellCount;
process.stdout.write(String(cells) + "\\n");
`;

/** The CLI's reading alone, as a child: Node start-up, the CLI's modules, `readXlsxFile`, no audit. */
function readOnlyChild(): string {
  const url = (p: string) => JSON.stringify(pathToFileURL(p).href);
  return `
await import(${url(cliJs)});
const { readXlsxFile } = await import(${url(join(distRoot, "src", "io", "xlsx-node.js"))});
const snap = await readXlsxFile(process.argv[1]);
process.stdout.write(String(snap.sheets.length) + "\\n");
`;
}

function runChild(args: string[]): Promise<ChildRun> {
  return new Promise((resolveRun, reject) => {
    const [cmd, cmdArgs] = TIME_BIN ? [TIME_BIN, ["-v", process.execPath, ...args]] : [process.execPath, args];
    const t0 = now();
    const child = spawn(cmd, cmdArgs, { stdio: ["ignore", "ignore", "pipe"], cwd: packageRoot });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const dt = now() - t0;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const run: ChildRun = { ms: dt, code, stderr: stderr.replace(/\n\s*Command being timed:[\s\S]*$/, "").replace(/\tCommand being timed[\s\S]*$/, "") };
      if (m) run.maxRssKb = Number(m[1]);
      resolveRun(run);
    });
  });
}

async function benchCli(cells: number): Promise<void> {
  print(`## CLI (\`sakip-audit FILE --format json > /dev/null\` vs a bare exceljs \`workbook.xlsx.readFile\`, each a child process)`);
  print();
  if (!existsSync(cliJs)) {
    print(`CLI not built (${cliJs} missing); skipped.`);
    print();
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), "sakip-bench-"));
  try {
    const wb = workbookOf(cells);
    const file = join(dir, `synthetic-${cells}.xlsx`);
    progress(`writing ${fmtInt(cells)}-cell xlsx to ${file}`);
    const tw = now();
    await writeSnapshotXlsx(wb, file);
    const writeMs = now() - tw;
    const size = (await stat(file)).size;
    const reps = quick ? 2 : 3;
    let bare: ChildRun | undefined;
    let stream: ChildRun | undefined;
    let cli: ChildRun | undefined;
    let readOnly: ChildRun | undefined;
    // Interleaved, best of `reps` each: the machine's load drifts, and all three see the same drift.
    for (let i = 0; i < reps; i++) {
      progress(`bare exceljs readFile (${i + 1}/${reps})`);
      const b = await runChild(["--input-type=module", "-e", BARE_LOAD, file]);
      if (b.code !== 0) throw new Error(`bare load failed (${b.code}): ${b.stderr.slice(0, 400)}`);
      if (!bare || b.ms < bare.ms) bare = b;
      progress(`bare exceljs streaming read (${i + 1}/${reps})`);
      const st = await runChild(["--input-type=module", "-e", BARE_STREAM, file]);
      if (st.code !== 0) throw new Error(`bare streaming read failed (${st.code}): ${st.stderr.slice(0, 400)}`);
      if (!stream || st.ms < stream.ms) stream = st;
      progress(`CLI (${i + 1}/${reps})`);
      if (!existsSync(cliJs)) throw new Error(`${cliJs} disappeared during the run (dist rebuilt by someone else?)`);
      const c = await runChild([cliJs, file, "--format", "json"]);
      if (!cli || c.ms < cli.ms) cli = c;
      progress(`CLI's read alone (${i + 1}/${reps})`);
      const ro = await runChild(["--input-type=module", "-e", readOnlyChild(), file]);
      if (ro.code !== 0) throw new Error(`read-only child failed (${ro.code}): ${ro.stderr.slice(0, 400)}`);
      if (!readOnly || ro.ms < readOnly.ms) readOnly = ro;
    }
    const b = bare as ChildRun;
    const st = stream as ChildRun;
    const c = cli as ChildRun;
    const ro = readOnly as ChildRun;
    const r = c.ms / b.ms;
    const rss = (run: ChildRun) => (run.maxRssKb ? mb(run.maxRssKb * 1024) : "n/a");
    print(`File \`synthetic-${cells}.xlsx\`: ${fmtInt(cellCount(wb))} cells, ${mb(size)}, written in ${fmtInt(writeMs)} ms. Best of ${reps} child processes each (wall time includes Node start-up).`);
    print();
    print(
      table(
        ["child process", "wall (ms)", "/ bare readFile", "peak RSS", "exit"],
        [
          ["bare exceljs `workbook.xlsx.readFile` (baseline)", fmtInt(b.ms), ratio(1), rss(b), String(b.code)],
          ["bare exceljs streaming `WorkbookReader`, all rows (for reference)", fmtInt(st.ms), ratio(st.ms / b.ms), rss(st), String(st.code)],
          ["the CLI's read alone (start-up, the CLI's modules, `readXlsxFile`; no audit)", fmtInt(ro.ms), ratio(ro.ms / b.ms), rss(ro), String(ro.code)],
          ["**`sakip-audit FILE --format json`** (read + audit + JSON)", fmtInt(c.ms), ratio(r), rss(c), String(c.code)],
        ],
      ),
    );
    print();
    if (c.code !== 0 && c.code !== 1) print(`CLI stderr: \`${c.stderr.trim().split("\n").slice(0, 3).join(" ⏎ ")}\``);
    if (b.maxRssKb && c.maxRssKb) print(`Peak memory CLI / bare readFile: ${ratio(c.maxRssKb / b.maxRssKb)} (measured with \`/usr/bin/time -v\`).`);
    print();
    // Where the CLI's time goes, measured in this process on the same file.
    progress("CLI breakdown in-process");
    const bytes = await readFile(file);
    const u8 = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const inProcessReps = quick ? 2 : 3;
    let tLoad = Infinity;
    let tSnap = Infinity;
    for (let i = 0; i < inProcessReps; i++) {
      gc();
      let t = now();
      const ew = new ExcelJS.Workbook();
      await ew.xlsx.load(u8 as unknown as Parameters<typeof ew.xlsx.load>[0]);
      tLoad = Math.min(tLoad, now() - t);
      t = now();
      snapshotFromWorkbook(ew, file);
      tSnap = Math.min(tSnap, now() - t);
    }
    let tUnzip = Infinity;
    let tRead = Infinity;
    let snap: WorkbookSnapshot | undefined;
    for (let i = 0; i < inProcessReps; i++) {
      gc();
      let t = now();
      for (const e of zipEntries(bytes)) if (!e.dir) e.read().toString("utf8");
      tUnzip = Math.min(tUnzip, now() - t);
      gc();
      t = now();
      snap = await readXlsxFile(file);
      tRead = Math.min(tRead, now() - t);
    }
    gc();
    let t = now();
    const result = runAudit(snap as WorkbookSnapshot);
    const tAudit = now() - t;
    t = now();
    const json = JSON.stringify({ files: [{ file, findings: result.findings, summary: result.summary }] }, null, 2);
    const tJson = now() - t;
    const parts = tRead + tAudit + tJson;
    const share = (x: number) => `${((x / parts) * 100).toFixed(0)}%`;
    print(
      table(
        ["in-process step (best of " + inProcessReps + " for the reads)", "ms", "share of the CLI's work"],
        [
          ["read the file (`readXlsxFile`: the CLI's fast reader → snapshot)", fmtInt(tRead), share(tRead)],
          ["  of which: unzip every part with zlib + decode UTF-8", fmtInt(tUnzip), share(tUnzip)],
          [`runAudit (${fmtInt(result.findings.length)} findings)`, fmtInt(tAudit), share(tAudit)],
          [`JSON output (${mb(json.length)})`, fmtInt(tJson), share(tJson)],
          ["for comparison, not run by the CLI: exceljs `xlsx.load` of the same bytes", fmtInt(tLoad), "–"],
          ["for comparison, not run by the CLI: exceljs model → snapshot (`snapshotFromWorkbook`)", fmtInt(tSnap), "–"],
        ],
      ),
    );
    print();
    print(
      `In-process: the CLI's read = ${ratio(tRead / tLoad)} an exceljs load (${ratio(tRead / (tLoad + tSnap))} the former load + snapshot); read + audit + JSON = ${ratio(parts / tLoad)} an exceljs load.`,
    );
    print();
    goals.push({ what: `CLI / bare exceljs readFile (${fmtInt(cells)} cells)`, measured: ratio(r), goal: "≤ 1.3×", met: r <= 1.3 && (c.code === 0 || c.code === 1) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---- 3. custom functions ----------------------------------------------------------------------
/** Median of a list of times. */
function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

/**
 * Each side of each comparison is timed in fresh child processes (bench/functions.ts), `procs` per
 * case, the cases interleaved so that machine noise spreads over all of them; every process warms
 * up before it times. Returns every timed repetition of every process, per case.
 */
function timeFunctionCases(cases: FunctionCase[], procs: number, warmup: (c: FunctionCase) => number, reps: (c: FunctionCase) => number): Map<FunctionCase, number[]> {
  const times = new Map<FunctionCase, number[]>(cases.map((c) => [c, []]));
  for (let p = 0; p < procs; p++) {
    for (const c of cases) {
      progress(`${c} (process ${p + 1}/${procs})`);
      times.get(c)?.push(...timeCaseInChild(c, SEED, warmup(c), reps(c)));
    }
  }
  return times;
}

function benchFunctions(): void {
  print("## Custom functions (the wrappers in src/functions/functions.ts, no Excel)");
  print();
  // The same results first (in this process; the timed runs are in their own processes).
  const inputs = functionInputs(SEED);
  for (let i = 0; i < 1000; i++) {
    if (Math.abs(F.CAPAIAN(inputs.r[i], inputs.t[i]) - handCapaian(inputs.r[i], inputs.t[i])) > 1e-9) throw new Error("CAPAIAN mismatch");
  }
  if (Math.abs(F.IKK_LAYANAN(inputs.data) - handLayanan(inputs.data)) > 1e-9) throw new Error("IKK_LAYANAN mismatch");

  // Many short processes rather than a few long ones: a burst of load from outside then hits both
  // sides of a comparison alike.
  const procs = quick ? 2 : 5;
  const layanan = (c: FunctionCase) => c.startsWith("layanan.");
  const warmup = (c: FunctionCase) => (layanan(c) ? 20 : 5);
  const reps = (c: FunctionCase) => (layanan(c) ? 10 : 6);
  const cases: FunctionCase[] = ["capaian.wrapper", "capaian.hand", "capaian.core", "capaian.formula", "capaian.bare", "layanan.wrapper", "layanan.hand"];
  const t = timeFunctionCases(cases, procs, warmup, reps);
  const med = (c: FunctionCase) => median(t.get(c) ?? []);
  const min = (c: FunctionCase) => Math.min(...(t.get(c) ?? []));
  const both = (c: FunctionCase) => `${ms(med(c))} (${ms(min(c))})`;
  const ratios = (a: FunctionCase, b: FunctionCase) => `${ratio(med(a) / med(b))} (${ratio(min(a) / min(b))})`;
  const ns = (c: FunctionCase, n: number) => `${((med(c) * 1e6) / n).toFixed(0)} ns`;

  print(
    table(
      ["function", "work", "wrapper (ms)", "per call / row", "hand-written loop (ms)", "wrapper / hand-written", "bare arithmetic (ms)", "wrapper / bare arithmetic"],
      [
        ["CAPAIAN(r; t)", `${fmtInt(CAPAIAN_CALLS)} calls`, both("capaian.wrapper"), ns("capaian.wrapper", CAPAIAN_CALLS), both("capaian.hand"), ratios("capaian.wrapper", "capaian.hand"), both("capaian.bare"), ratios("capaian.wrapper", "capaian.bare")],
        ["IKK_LAYANAN(data)", `1 call × ${fmtInt(LAYANAN_ROWS)} rows × 7 cols`, both("layanan.wrapper"), `${ns("layanan.wrapper", LAYANAN_ROWS)}/row`, both("layanan.hand"), ratios("layanan.wrapper", "layanan.hand"), "–", "–"],
      ],
    ),
  );
  print();
  print(
    `Times are the median (best in brackets) of ${procs} child processes × ${reps("layanan.wrapper")} timed repetitions for IKK_LAYANAN, × ${reps("capaian.wrapper")} for CAPAIAN. ` +
      `Each side of each comparison runs alone in its own fresh \`node\` process, which first runs it untimed (${warmup("layanan.wrapper")} times for IKK_LAYANAN, ${warmup("capaian.wrapper")} for CAPAIAN) ` +
      "so the JIT has settled, then times it with a GC before each repetition; the processes of all cases are interleaved. " +
      "Isolating the measurement keeps V8's state after the bench's earlier sections (or after the other side) out of it: in one shared process the IKK_LAYANAN loop was at times deoptimised and ran several times slower.",
  );
  print();
  print(
    `CAPAIAN breakdown per call (medians): wrapper ${ns("capaian.wrapper", CAPAIAN_CALLS)} = custom-function wrapper (try/catch, result check) ${(((med("capaian.wrapper") - med("capaian.core")) * 1e6) / CAPAIAN_CALLS).toFixed(0)} ns + ` +
      `argument coercion and option parsing ${(((med("capaian.core") - med("capaian.formula")) * 1e6) / CAPAIAN_CALLS).toFixed(0)} ns + the formula with its checks (formulas.capaian) ${ns("capaian.formula", CAPAIAN_CALLS)}.`,
  );
  print();
  print(
    "The hand-written loops (bench/functions.ts) compute the same numbers with the same checks on numeric input (finite, non-negative, zero target; " +
      "for IKK_LAYANAN finite counts, completed ≤ received, on time ≤ eligible, component K1 or K2), as plain loops over the fixed 7-column shape; " +
      "`bare arithmetic` is `r / t * 100` with no checks at all, shown as a floor.",
  );
  print();
  const capaianRatio = med("capaian.wrapper") / med("capaian.hand");
  const layananRatio = med("layanan.wrapper") / med("layanan.hand");
  goals.push({ what: "CAPAIAN wrapper / hand-written loop (median of isolated runs)", measured: ratios("capaian.wrapper", "capaian.hand"), goal: "≤ 2×", met: capaianRatio <= 2 });
  goals.push({ what: "IKK_LAYANAN wrapper / hand-written loop (100k rows, median of isolated runs)", measured: ratios("layanan.wrapper", "layanan.hand"), goal: "≤ 2×", met: layananRatio <= 2 });
}

// ---- 4. Office adapter ------------------------------------------------------------------------
async function benchAdapter(cells: number): Promise<void> {
  print(`## Office adapter (\`readSnapshot\` over a simulated ${fmtInt(cells)}-cell workbook, office-addin-mock objects)`);
  print();
  const wb = workbookOf(cells);
  const LIMIT = 5 * 1000 * 1000;
  const rows: string[][] = [];
  for (const [label, chunk] of [
    [`default chunking (${fmtInt(DEFAULT_CHUNK_CELLS)} cells)`, DEFAULT_CHUNK_CELLS],
    ["no chunking (one sync per batch of everything)", Number.MAX_SAFE_INTEGER],
  ] as const) {
    const fake = createFakeExcel(wb);
    let snapCells = 0;
    let mismatch = "";
    const t = await bestAsync(1, async () => {
      const snap = await readSnapshot(fake.context, { supports: () => true, chunkCells: chunk });
      snapCells = cellCount(snap);
      // Cell for cell: position, value, formula, number format, error.
      wb.sheets.forEach((s, i) => {
        const got = snap.sheets[i]?.cells ?? [];
        if (mismatch || snap.sheets[i]?.name !== s.name) return void (mismatch ||= `sheet ${i + 1} is "${snap.sheets[i]?.name}", expected "${s.name}"`);
        s.cells.forEach((c, j) => {
          const g = got[j];
          if (mismatch) return;
          if (!g || g.row !== c.row || g.col !== c.col || g.value !== c.value || g.formula !== c.formula || g.numberFormat !== c.numberFormat || g.error !== c.error) {
            mismatch = `${s.name} cell ${j}: read ${JSON.stringify(g)}, expected ${JSON.stringify(c)}`;
          }
        });
      });
    });
    const biggest = Math.max(...fake.stats.payloads);
    const dense = fake.denseCells;
    const nonEmptySheets = wb.sheets.filter((s) => s.cells.length > 0).length;
    const per = (cols: number, rowsN: number) => Math.ceil(rowsN / Math.max(1, Math.floor(chunk / Math.max(1, cols))));
    const pieces = wb.sheets.reduce((a, s) => {
      if (!s.cells.length) return a;
      const rowsN = s.cells[s.cells.length - 1]!.row - s.cells[0]!.row + 1;
      const cols = Math.max(...s.cells.map((c) => c.col)) - Math.min(...s.cells.map((c) => c.col)) + 1;
      return a + per(cols, rowsN);
    }, 0);
    const allowed = wb.sheets.length + 2 + Math.max(0, pieces - nonEmptySheets);
    const planned = plannedSyncs(
      wb.sheets
        .filter((s) => s.cells.length)
        .map((s) => ({ rows: s.cells[s.cells.length - 1]!.row - s.cells[0]!.row + 1, columns: Math.max(...s.cells.map((c) => c.col)) - Math.min(...s.cells.map((c) => c.col)) + 1 })),
      chunk,
    );
    rows.push([
      label,
      String(wb.sheets.length),
      fmtInt(dense),
      fmtInt(snapCells),
      String(fake.stats.syncs),
      String(planned),
      `${pieces - nonEmptySheets}`,
      chunk === DEFAULT_CHUNK_CELLS ? String(allowed) : "–",
      mb(biggest),
      biggest < LIMIT ? "yes" : "**no**",
      fmtInt(t),
    ]);
    if (chunk === DEFAULT_CHUNK_CELLS) {
      goals.push({ what: "adapter syncs ≤ sheets + 2 (+ extra chunks)", measured: `${fake.stats.syncs} (allowed ${allowed})`, goal: "≤ sheets + 2 outside chunking", met: fake.stats.syncs <= allowed });
      goals.push({ what: "adapter largest response per sync", measured: mb(biggest), goal: "< 5 MB", met: biggest < LIMIT });
      if (snapCells !== cellCount(wb)) print(`**Mismatch:** the adapter read ${fmtInt(snapCells)} cells, the workbook has ${fmtInt(cellCount(wb))}.`);
      goals.push({ what: "adapter snapshot equals the workbook, cell for cell", measured: mismatch ? `no: ${mismatch.slice(0, 120)}` : "yes", goal: "equal", met: !mismatch });
    }
  }
  print(
    table(
      ["mode", "sheets", "used-range cells", "cells read", "syncs", "plannedSyncs()", "extra chunks", "allowed syncs", "largest response", "< 5 MB", "time (ms)"],
      rows,
    ),
  );
  print();
  print("Response size = UTF-8 JSON of what each sync loaded (values, formulas, numberFormat, valueTypes of the dense used range, as Excel sends them). Requests only carry load instructions (well under 1 kB per range).");
  print();
}

// ---- main -------------------------------------------------------------------------------------
async function mainBench(): Promise<void> {
  const t0 = now();
  print(`# sakip-excel benchmarks`);
  print();
  print(
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${mb(totalmem())} RAM (${mb(freemem())} free), ${new Date().toISOString().slice(0, 10)}${quick ? ", --quick" : ""}. Seed ${SEED}.`,
  );
  print();
  const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  if (want("audit")) {
    const res = benchAudit(sizes);
    reportAudit(res);
    const big = res.get(sizes[sizes.length - 1] ?? 0);
    const mid = res.get(sizes[sizes.length - 2] ?? 0);
    if (big && mid && want("rules")) {
      const limit = (big.nominal / mid.nominal) * 1.1;
      const suspects = big.rules.filter((r) => {
        const m = mid.rules.find((x) => x.label === r.label)?.ms ?? 0;
        return r.ms > 100 && m > 0 && r.ms / m > limit;
      });
      const top = sizes[sizes.length - 1] ?? 0;
      for (const id of new Set(suspects.map((s) => s.label.replace(/ \(.*$/, "")))) isolatedRule(id, [top / 10, (top * 3) / 10, top]);
    }
  }
  if (want("cli")) await benchCli(quick ? 200_000 : 1_000_000);
  if (want("functions")) benchFunctions();
  if (want("adapter")) await benchAdapter(quick ? 100_000 : 1_000_000);

  print("## Goals");
  print();
  print(table(["measure", "measured", "goal", "met"], goals.map((g) => [g.what, g.measured, g.goal, g.met ? "yes" : "**no**"])));
  print();
  print(`Total bench time ${fmtInt((now() - t0) / 1000)} s. Reproduce: \`npm run bench\` (or \`npm run bench -- --quick\`).`);
}

mainBench().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
