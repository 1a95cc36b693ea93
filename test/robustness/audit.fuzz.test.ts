/**
 * The audit over generated workbooks: random sizes and positions, headers from the built-in schema
 * mixed with junk, merged ranges, error values, text in number columns, empty and hidden sheets,
 * 10,000-character strings, odd sheet names. `runAudit` must never throw, no rule may fail (a rule
 * that throws is caught by the engine and turned into a note, which this test treats as a bug), and
 * every finding must be well formed: an existing sheet, a valid A1 address inside Excel's grid and
 * near the sheet's content, a valid severity, bilingual non-empty messages without NaN/undefined.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runAudit } from "../../src/core/audit/engine.js";
import type { AuditResult, Finding } from "../../src/core/audit/types.js";
import { loadBuiltinSchema } from "../../src/core/schema/schema.js";
import { parseA1, parseRange, type CellSnapshot, type SheetSnapshot, type WorkbookSnapshot } from "../../src/core/snapshot.js";
import { a1 } from "../../src/core/snapshot.js";
import { Rng } from "../../bench/gen.js";

const WORKBOOKS = 1_000;
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

const schema = loadBuiltinSchema();
const SCHEMA_LABELS = [...new Set(schema.tables.flatMap((t) => t.columns.flatMap((c) => c.labels)))];
const TITLES = ["Tabel 4 Data Layanan", "Realisasi Anggaran", "Perhitungan Indeks Kualitas Layanan", "Capaian Kinerja", "Perjanjian Kinerja", "Desa Binaan", "IKPA", "Penyidikan", "Lampiran"];
const ROW_LABELS = ["Jumlah", "Total", "Sub Total", "JUMLAH", "K1", "K2", "X", "D1", "D2", "Kanim Kupang", "Rudenim", "Paspor", "ITAS", "Dokumen Perjalanan", "Izin Tinggal"];
const FORMULAS = ["SUM(D5:D9)", "E5/D5*100", "C6/B6*100", "D5*E5/100", "SUM(B3:B2)", "A1+#REF!", "((", "1/0", "AVERAGE(D:D)", "'Tabel 1'!C3", "IF(A1>0;B1;0)", "SUM(" + "A1,".repeat(200) + "A2)", ""];
const ERRORS = ["#REF!", "#DIV/0!", "#VALUE!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"];
const FORMATS = ["#,##0", "0.00%", "0.00", "General", "@", "#,##0.00;(#,##0.00)", "[$Rp-421]#,##0", "dd/mm/yyyy", ""];

const longText = fc.constantFrom("x".repeat(10_000), "Jumlah ".repeat(1_500), `${"9".repeat(5000)},${"1".repeat(5000)}`, "Total Permohonan ".repeat(600));

const value: fc.Arbitrary<CellSnapshot["value"]> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -1000, max: 100_000 }) },
  { weight: 3, arbitrary: fc.double({ noNaN: false }) },
  { weight: 2, arbitrary: fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 1e15, 95.73, 0.9573, 23.2547, 5_679_617_677) },
  { weight: 3, arbitrary: fc.constantFrom("1.234", "23.2547", "95,73%", "1.234.567,89", "99.01", "Rp 5.679.617.677,-", "-", "", " ", "12,5", "1,234.5", "(1.000)") },
  { weight: 3, arbitrary: fc.constantFrom(...ROW_LABELS) },
  { weight: 2, arbitrary: fc.constantFrom(...SCHEMA_LABELS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** One cell's content (position added later). */
const cellContent: fc.Arbitrary<Omit<CellSnapshot, "row" | "col">> = fc.oneof(
  { weight: 12, arbitrary: value.map((v) => ({ value: v })) },
  { weight: 3, arbitrary: fc.tuple(value, fc.constantFrom(...FORMULAS)).map(([v, f]) => ({ value: v, formula: f })) },
  { weight: 2, arbitrary: fc.tuple(value, fc.constantFrom(...FORMATS)).map(([v, nf]) => (nf ? { value: v, numberFormat: nf } : { value: v })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...ERRORS), fc.option(fc.constantFrom(...FORMULAS))).map(([e, f]) => (f ? { value: null, error: e, formula: f } : { value: null, error: e })) },
  { weight: 1, arbitrary: longText.map((v) => ({ value: v })) },
);

interface Block {
  top: number;
  left: number;
  title: string | null;
  header: string[];
  rows: (Omit<CellSnapshot, "row" | "col"> | null)[][];
  totalRow: boolean;
}

/** A table-like block: optional title, a header of schema labels mixed with junk, data rows. */
const block: fc.Arbitrary<Block> = fc
  .record({
    top: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 60 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: MAX_ROW - 40 }) }),
    left: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: MAX_COL - 10 }) }),
    title: fc.option(fc.oneof(fc.constantFrom(...TITLES), fc.string({ maxLength: 30 }))),
    header: fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...SCHEMA_LABELS) }, { weight: 1, arbitrary: fc.string({ maxLength: 15 }) }, { weight: 1, arbitrary: fc.constantFrom(...ROW_LABELS) }), {
      minLength: 0,
      maxLength: 9,
    }),
    width: fc.integer({ min: 1, max: 9 }),
    rows: fc.integer({ min: 0, max: 25 }),
    seed: fc.array(fc.option(cellContent, { freq: 6 }), { minLength: 1, maxLength: 60 }),
    totalRow: fc.boolean(),
  })
  .map(({ top, left, title, header, width, rows, seed, totalRow }) => {
    const w = Math.max(width, header.length);
    const body: (Omit<CellSnapshot, "row" | "col"> | null)[][] = [];
    let k = 0;
    for (let i = 0; i < rows; i++) {
      const row: (Omit<CellSnapshot, "row" | "col"> | null)[] = [];
      for (let j = 0; j < w; j++) row.push(seed[k++ % seed.length] ?? null);
      body.push(row);
    }
    return { top, left, title, header, rows: body, totalRow };
  });

const sheetName = fc.oneof(
  fc.constantFrom("Tabel 1", "Sheet1", "Lampiran", "Data 'Kanim'", "A!B", "Σ 2025", "  spasi  ", "x".repeat(31), "1", "Capaian (%)"),
  fc.string({ minLength: 1, maxLength: 31 }),
);

interface SheetSpec {
  name: string;
  hidden: boolean;
  protected: boolean;
  blocks: Block[];
  merges: string[];
}

const sheetSpec: fc.Arbitrary<SheetSpec> = fc.record({
  name: sheetName,
  hidden: fc.boolean(),
  protected: fc.boolean(),
  blocks: fc.oneof({ weight: 1, arbitrary: fc.constant<Block[]>([]) }, { weight: 6, arbitrary: fc.array(block, { minLength: 1, maxLength: 4 }) }),
  merges: fc.array(
    fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5 })).map(([r, c, h, w]) => `${a1(r, c)}:${a1(r + h, c + w)}`),
      fc.constantFrom("A1:A1", "B2:D2", "XFD1048576:XFD1048576", "A1", "junk", "", "C5:A1"),
    ),
    { maxLength: 5 },
  ),
});

/** Lay the blocks out into sparse, row-major, duplicate-free cells. */
function buildSheet(spec: SheetSpec): SheetSnapshot {
  const at = new Map<number, CellSnapshot>();
  const put = (row: number, col: number, c: Omit<CellSnapshot, "row" | "col">) => {
    if (row < 1 || col < 1 || row > MAX_ROW || col > MAX_COL) return;
    at.set(row * 20_000 + col, { row, col, ...c });
  };
  for (const b of spec.blocks) {
    let r = b.top;
    if (b.title !== null) put(r++, b.left, { value: b.title });
    b.header.forEach((h, j) => put(r, b.left + j, { value: h }));
    if (b.header.length) r++;
    for (const row of b.rows) {
      row.forEach((c, j) => {
        if (c) put(r, b.left + j, c);
      });
      r++;
    }
    if (b.totalRow) {
      put(r, b.left, { value: "Jumlah" });
      put(r, b.left + 1, { value: 12345, formula: `SUM(${a1(b.top, b.left + 1)}:${a1(r - 1, b.left + 1)})` });
    }
  }
  const cells = [...at.values()].sort((x, y) => x.row - y.row || x.col - y.col);
  const sheet: SheetSnapshot = { name: spec.name, cells };
  if (spec.hidden) sheet.hidden = true;
  if (spec.protected) sheet.protected = true;
  if (spec.merges.length) sheet.merges = spec.merges;
  return sheet;
}

const workbookArb: fc.Arbitrary<WorkbookSnapshot> = fc
  .record({
    sheets: fc.uniqueArray(sheetSpec, { maxLength: 5, selector: (s) => s.name.toLowerCase() }),
    names: fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 10 }), ref: fc.constantFrom("'Tabel 1'!$B$3:$H$20", "Sheet1!A1", "#REF!", "") }), { maxLength: 2 }),
    unreadable: fc.array(fc.record({ reason: fc.string({ maxLength: 20 }) }), { maxLength: 1 }),
  })
  .map(({ sheets, names, unreadable }) => {
    const wb: WorkbookSnapshot = { sheets: sheets.map(buildSheet) };
    if (names.length) wb.definedNames = names;
    if (unreadable.length) wb.unreadable = unreadable;
    return wb;
  });

const SEVERITIES = new Set(["error", "warning", "info"]);
const A1_RE = /^\$?([A-Z]{1,3})\$?([1-9]\d{0,6})$/;
const JUNK_IN_MESSAGE = /\bNaN\b|\bundefined\b|\[object Object\]|\bInfinity\b/;

function validA1(ref: string): { row: number; col: number } | undefined {
  if (!A1_RE.test(ref)) return undefined;
  const p = parseA1(ref);
  if (!p || p.row < 1 || p.col < 1 || p.row > MAX_ROW || p.col > MAX_COL) return undefined;
  return p;
}

/** Bounds of what a sheet holds (cells and merges), for "near the content" checks. */
function bounds(s: SheetSnapshot): { maxRow: number; maxCol: number } {
  let maxRow = 0;
  let maxCol = 0;
  for (const c of s.cells) {
    maxRow = Math.max(maxRow, c.row);
    maxCol = Math.max(maxCol, c.col);
  }
  for (const m of s.merges ?? []) {
    const r = parseRange(m);
    if (r) {
      maxRow = Math.max(maxRow, r.bottom);
      maxCol = Math.max(maxCol, r.right);
    }
  }
  return { maxRow, maxCol };
}

/** Everything wrong with one audit result, as readable lines (empty = fine). */
function problems(wb: WorkbookSnapshot, r: AuditResult): string[] {
  const out: string[] = [];
  const sheets = new Map(wb.sheets.map((s) => [s.name, s]));
  const lim = new Map(wb.sheets.map((s) => [s.name, bounds(s)]));
  const refSheetOk = (ref: string, own: string): boolean => {
    const bang = ref.lastIndexOf("!");
    const sheet = bang >= 0 ? ref.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'") : own;
    const addr = bang >= 0 ? ref.slice(bang + 1) : ref;
    if (!sheets.has(sheet)) return false;
    return addr.split(":").every((p) => validA1(p) !== undefined);
  };
  const fail = (f: Finding, why: string) => out.push(`${why}: ${JSON.stringify({ rule: f.rule, sheet: f.sheet, cell: f.cell, related: f.related, msg: f.message_en.slice(0, 160) })}`);
  for (const f of r.findings) {
    if (typeof f.rule !== "string" || !f.rule) fail(f, "no rule id");
    if (!SEVERITIES.has(f.severity)) fail(f, "bad severity");
    if (f.source !== "schema" && f.source !== "generic") fail(f, "bad source");
    if (!sheets.has(f.sheet)) fail(f, "finding on a sheet that does not exist");
    const p = validA1(f.cell);
    if (!p) fail(f, "cell is not a valid A1 address inside Excel's grid");
    else {
      const b = lim.get(f.sheet);
      if (b && (p.row > b.maxRow + 1 || p.col > b.maxCol + 1)) fail(f, `cell outside the sheet's content (max ${b.maxRow}×${b.maxCol})`);
    }
    if (!Array.isArray(f.related)) fail(f, "related is not an array");
    else for (const ref of f.related) if (typeof ref !== "string" || !refSheetOk(ref, f.sheet)) fail(f, `related reference ${JSON.stringify(ref)} is not a valid reference to an existing sheet`);
    for (const [lang, m] of [["id", f.message_id], ["en", f.message_en]] as const) {
      if (typeof m !== "string" || m.trim() === "") fail(f, `empty ${lang} message`);
      else if (JUNK_IN_MESSAGE.test(m.replace(/\(Infinity\)/g, ""))) fail(f, `${lang} message shows NaN/undefined/Infinity/[object Object]`);
    }
    if (!f.key) fail(f, "no key");
    if (f.impact !== undefined && !(Number.isFinite(f.impact) && f.impact >= 0)) fail(f, `impact ${String(f.impact)}`);
    for (const v of [f.expected, f.actual]) if (typeof v === "number" && !Number.isFinite(v)) fail(f, `expected/actual ${String(v)}`);
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of r.findings) counts[f.severity]++;
  if (JSON.stringify(counts) !== JSON.stringify(r.summary)) out.push(`summary ${JSON.stringify(r.summary)} does not match the findings ${JSON.stringify(counts)}`);
  for (const n of r.notes) if (/gagal dijalankan|failed to run/.test(n.en + n.id)) out.push(`a rule crashed: ${n.en}`);
  return out;
}

describe(`audit over ${WORKBOOKS.toLocaleString("en-US")} generated workbooks`, () => {
  it("never throws, no rule crashes, every finding is well formed", () => {
    let findings = 0;
    const seenRules = new Set<string>();
    fc.assert(
      fc.property(workbookArb, (wb) => {
        let r: AuditResult;
        try {
          r = runAudit(wb);
        } catch (e) {
          throw new Error(`runAudit threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        }
        findings += r.findings.length;
        for (const f of r.findings) seenRules.add(f.rule);
        const p = problems(wb, r);
        if (p.length) throw new Error(p.slice(0, 5).join("\n"));
      }),
      { numRuns: WORKBOOKS, seed: 2025, endOnFailure: true },
    );
    if (process.env.SAKIP_FUZZ_STATS) console.log("findings", findings, [...seenRules].sort().join(","));
    // The generator must give the rules something to find, or the test proves little.
    expect(findings).toBeGreaterThan(WORKBOOKS);
    expect(seenRules.size).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it("finds the same whatever order the cells come in (row order is the fast path, any other is sorted)", () => {
    fc.assert(
      fc.property(workbookArb, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (wb, seed) => {
        // The same cells, each sheet's list in a seeded random order.
        const rng = new Rng(seed);
        const shuffled: WorkbookSnapshot = {
          ...wb,
          sheets: wb.sheets.map((s) => {
            const cells = [...s.cells];
            for (let i = cells.length - 1; i > 0; i--) {
              const j = rng.int(0, i);
              [cells[i], cells[j]] = [cells[j] as CellSnapshot, cells[i] as CellSnapshot];
            }
            return { ...s, cells };
          }),
        };
        const a = runAudit(wb);
        const b = runAudit(shuffled);
        expect(b.findings).toEqual(a.findings);
        expect(b.recognised).toEqual(a.recognised);
      }),
      { numRuns: 200, seed: 2026, endOnFailure: true },
    );
  }, 60_000);

  it("handles the degenerate workbooks", () => {
    const cases: WorkbookSnapshot[] = [
      { sheets: [] },
      { sheets: [{ name: "Kosong", cells: [] }] },
      { sheets: [{ name: "Tersembunyi", hidden: true, protected: true, cells: [{ row: 1, col: 1, value: "x".repeat(10_000) }] }] },
      { sheets: [{ name: "Ujung", cells: [{ row: MAX_ROW, col: MAX_COL, value: 1 }, { row: MAX_ROW, col: MAX_COL - 1, value: "Jumlah" }] }] },
      { sheets: [{ name: "Galat", cells: [{ row: 1, col: 1, value: null, error: "#REF!", formula: "#REF!" }] }], unreadable: [{ reason: "test" }] },
    ];
    for (const wb of cases) {
      const r = runAudit(wb);
      expect(problems(wb, r)).toEqual([]);
    }
  });
});
