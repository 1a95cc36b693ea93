/**
 * The generic rules' newer fast paths against the straightforward definitions they replace: the
 * two-character total-label filter, the display unit kept in the flags, the header lookup through
 * the facts' columns, the memoised header words, the empty-cell flag, the numbers of texts, the
 * per-stretch flags, the row and column lines, the formula counts, the shape ids read row by row,
 * the units rule's scale check without per-cell lists, fmtEn for whole numbers and the
 * digits-only shortcut of the bare numeral.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SheetGrid, type CellSnapshot } from "../../src/core/snapshot.js";
import { normalizeLabel } from "../../src/core/text.js";
import { displayUnit, fmtEn, headerAbove, headerAboveAt, impactOf, isIdHeader, isPercentHeader, totalKind } from "../../src/core/audit/generic/common.js";
import { EMPTY, FORMULA, NUM, PCT, STRFORMULA, SheetFacts, TEXTNUM, TOTAL_LINE, totalKindFast } from "../../src/core/audit/generic/facts.js";
import { parseIdNumber } from "../../src/core/numbers.js";
import { fingerprint } from "../../src/core/audit/generic/formula.js";
import { bare, bareSlow } from "../../src/core/audit/generic/text-numbers.js";
import { book, runRules, sheet, type In } from "./helpers.js";

// ---------------------------------------------------------------------------------------------
// Total labels: the first two characters.

const ascii = fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c));
const labelPiece = fc.constantFrom("Jumlah", "jumlah", "JUMLAH", "Total", "total", "Sub Total", "subtotal", "Rata-rata", "rata2", "Rerata", "Average", "Grand Total", "Nilai rata-rata", "umlah", "otal", "(x)", ":", "=", " ", "%", "2", "Tótal");

describe("total-label pre-filter", () => {
  it("agrees with totalKind whatever the first two characters", () => {
    fc.assert(
      fc.property(ascii, ascii, fc.array(labelPiece, { maxLength: 3 }), (a, b, rest) => {
        const t = a + b + rest.join("");
        expect(totalKindFast(t)).toBe(totalKind(t));
      }),
      { numRuns: 20000 },
    );
  });

  it("agrees on labels broken up at their start", () => {
    for (const t of ["J(umlah)", "J:umlah", "Ju(mlah)", "J umlah", "J", "Jumlah", "Su(b) Total", "T(x)otal", "(a) Jumlah", " Jumlah", "2 Total", "%Total", "R(ata)-rata", "Ĵumlah", "J\u0301umlah", "Jumlah\u0301"]) {
      expect(totalKindFast(t), t).toBe(totalKind(t));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Random small sheets.

const formats = fc.constantFrom(undefined, "0", "0.00", "#,##0", "#,##0.000", "0%", "0.00%", "0.000000000000%", "0.0000000000000", "General", "@", '"Rp"#,##0.00', "[$Rp-421]#,##0;(#,##0)");
const cellBody = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(fc.integer({ min: -5, max: 3000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0.5, 1.25, 95, 0.95, 2019, 2020)).map((v): Partial<CellSnapshot> => ({ value: v })) },
  { weight: 3, arbitrary: fc.constantFrom("Jumlah", "Capaian (%)", "No", "Uraian", "-", "", " ", "1.234", "23.2547", "99,01", "Total", "Rp 5.000,-").map((v): Partial<CellSnapshot> => ({ value: v })) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Partial<CellSnapshot>>(
      { value: 5, formula: "A1*2" },
      { value: 7, formula: "B1*2" },
      { value: 1.5, formula: "SUM(A1:A3)" },
      { value: "x", formula: 'A1&""' },
      { value: null, formula: "1/0", error: "#DIV/0!" },
      { value: null, error: "#N/A" },
      { value: true },
      { value: null },
      { value: 3, formula: "" },
    ),
  },
);
const cellValue = fc.tuple(cellBody, formats).map(([c, fmt]): Partial<CellSnapshot> => (fmt ? { ...c, numberFormat: fmt } : c));

/** Cells on a small grid; `dups` keeps a few second cells at an address (a malformed snapshot). */
const smallSheet = (rows: number, cols: number, dups = false) =>
  fc.array(fc.tuple(fc.integer({ min: 1, max: rows }), fc.integer({ min: 1, max: cols }), cellValue), { maxLength: 60 }).map((xs) => {
    const seen = new Set<number>();
    const cells: CellSnapshot[] = [];
    for (const [row, col, v] of xs) {
      if (seen.has(row * 100 + col) && !(dups && row % 3 === 0)) continue;
      seen.add(row * 100 + col);
      cells.push({ row, col, value: null, ...v } as CellSnapshot);
    }
    cells.sort((a, b) => a.row - b.row || a.col - b.col);
    return cells;
  });

const merges = fc.array(fc.tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })), { maxLength: 3 }).map((ms) =>
  ms.map(([r, c, h, w]) => `${String.fromCharCode(64 + c)}${r}:${String.fromCharCode(64 + c + w)}${r + h}`),
);

describe("sheet facts, fast paths", () => {
  it("per cell: the display unit, EMPTY, and the header above agree with the per-cell definitions", () => {
    fc.assert(
      fc.property(smallSheet(14, 5, true), merges, (cells, ms) => {
        const grid = new SheetGrid({ name: "S", cells, merges: ms });
        const f = new SheetFacts(grid);
        for (let i = 0; i < f.n; i++) {
          const c = f.cell(i);
          expect(c.row).toBe(f.row[i]);
          expect(c.col).toBe(f.col[i]);
          for (const fallback of [2, 6]) expect(f.displayUnit(i, fallback)).toBe(displayUnit(c, fallback));
          expect(!!((f.flags[i] ?? 0) & EMPTY)).toBe(c.value === null && !c.error && !c.formula);
          // The number: a cell's own, or what a number stored as text reads as.
          const parsed = typeof c.value === "string" ? parseIdNumber(c.value) : undefined;
          const want = (f.flags[i] ?? 0) & NUM ? c.value : (f.flags[i] ?? 0) & TEXTNUM && parsed?.ok ? parsed.value : NaN;
          expect(f.value[i]).toBe(want);
          for (const up of [1, 4]) expect(headerAboveAt(f, i, up)).toEqual(headerAbove(grid, c.row, c.col, up));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("lines, formula counts and per-stretch flags agree with the facts they are read from", () => {
    fc.assert(
      fc.property(smallSheet(14, 5), (cells) => {
        const f = new SheetFacts(new SheetGrid({ name: "S", cells }));
        const cols = f.lines("col");
        const rows = f.lines("row");
        for (let k = 0; k < f.n; k++) {
          const ic = cols.pos[k] ?? -1;
          expect(cols.flags[k]).toBe(f.flags[ic]);
          expect(cols.at[k]).toBe(f.row[ic]);
          expect(!!((cols.cross[cols.at[k] ?? 0] ?? 0) & TOTAL_LINE)).toBe(f.isTotalRow(f.row[ic] ?? 0));
          const ir = rows.pos[k] ?? -1;
          expect(rows.flags[k]).toBe(f.flags[ir]);
          expect(rows.at[k]).toBe(f.col[ir]);
          expect(!!((rows.cross[rows.at[k] ?? 0] ?? 0) & TOTAL_LINE)).toBe(f.isTotalCol(f.col[ir] ?? 0));
        }
        // Row-major order: row by row, left to right.
        const order = Array.from(rows.pos, (i) => [f.row[i], f.col[i]]);
        expect(order).toEqual([...order].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0)));
        const perRow = new Map<number, number>();
        const perCol = new Map<number, number>();
        for (let i = 0; i < f.n; i++) {
          if (!((f.flags[i] ?? 0) & FORMULA)) continue;
          perRow.set(f.row[i] ?? 0, (perRow.get(f.row[i] ?? 0) ?? 0) + 1);
          perCol.set(f.col[i] ?? 0, (perCol.get(f.col[i] ?? 0) ?? 0) + 1);
        }
        f.rowNums.forEach((r, k) => expect(f.rowFormulas[k]).toBe(perRow.get(r) ?? 0));
        for (const c of f.columns) expect(f.colFormulas[c]).toBe(perCol.get(c) ?? 0);
        const st = f.stretches();
        const or = f.stretchFlags();
        expect(or.length).toBe(st.length / 3);
        for (let s = 0; s < st.length; s += 3) {
          let want = 0;
          for (let i = st[s] ?? 0; i < (st[s + 1] ?? 0); i++) if (!((f.flags[i] ?? 0) & STRFORMULA)) want |= f.flags[i] ?? 0;
          expect(or[s / 3]).toBe(want);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("gives two formulas one shape id exactly when their fingerprints agree, across columns sharing a slot", () => {
    // Columns 1 and 9 share a slot of the row-by-row reader; formulas copied down, across and mixed.
    const shapes = ["A{r}*2", "B{r}*2", "SUM(A1:A{r})", "A{p}*2", "$A$1*2", "A{r}*2+0", "LOG10(A{r})"];
    const pick = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.constantFrom(1, 2, 9, 10, 17), fc.integer({ min: 0, max: shapes.length - 1 }));
    fc.assert(
      fc.property(fc.array(pick, { maxLength: 40 }), (picks) => {
        const seen = new Set<number>();
        const cells: CellSnapshot[] = [];
        for (const [row, col, s] of picks) {
          if (seen.has(row * 100 + col)) continue;
          seen.add(row * 100 + col);
          cells.push({ row, col, value: 0, formula: (shapes[s] ?? "").replace("{r}", String(row)).replace("{p}", String(Math.max(1, row - 1))) });
        }
        cells.sort((a, b) => a.row - b.row || a.col - b.col);
        const f = new SheetFacts(new SheetGrid({ name: "S", cells }));
        const ids = f.fpIds();
        const keys = Array.from({ length: f.n }, (_, i) => fingerprint(f.cell(i))?.key);
        for (let i = 0; i < f.n; i++) {
          expect(f.fp(ids[i] ?? -1).key).toBe(keys[i]);
          for (let j = 0; j < i; j++) expect(ids[i] === ids[j]).toBe(keys[i] === keys[j]);
        }
      }),
      { numRuns: 800 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Header words, memoised.

describe("header words", () => {
  const words = (label: string): string[] => normalizeLabel(label).split(" ").filter(Boolean);
  const PERCENT = ["%", "persen", "persentase", "prosentase", "capaian", "serapan", "rasio", "ratio", "percent", "percentage"];
  const ID = ["no", "nomor", "nomer", "kode", "nip", "nik", "npwp", "telp", "telepon", "hp", "tahun", "tgl", "tanggal", "urut", "id", "rekening", "norek", "year"];
  const piece = fc.constantFrom("No", "No.", "Kode", "Tahun", "Capaian", "(%)", "%", "Persentase", "Rasio", "Uraian", "Jumlah", "Realisasi", "ID", "nomor urut", " ", "-", "Nó", "ratio");
  it("isPercentHeader and isIdHeader agree with the word lists, asked twice", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 4 }), (ps) => {
        const label = ps.join(" ");
        const pct = !!label && (label.includes("%") || words(label).some((w) => PERCENT.includes(w)));
        const id = !!label && words(label).some((w) => ID.includes(w));
        for (let k = 0; k < 2; k++) {
          expect(isPercentHeader(label)).toBe(pct);
          expect(isIdHeader(label)).toBe(id);
        }
      }),
      { numRuns: 2000 },
    );
    expect(isPercentHeader(undefined)).toBe(false);
    expect(isIdHeader(undefined)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// The units rule's percentage scale check against the list-based definition.

/** The former list-based check of one stretch of counted values (no total rows, no years). */
function scaleReference(vals: { cell: string; v: number }[]): { cell: string; expected: number; message: string }[] {
  const out: { cell: string; expected: number; message: string }[] = [];
  const small = vals.filter((x) => x.v > 0 && x.v <= 1.5);
  const large = vals.filter((x) => x.v >= 2 && x.v <= 200);
  const flag = (cell: string, v: number, expected: number, others: number[], asFraction: boolean): void => {
    const lo = Math.min(...others);
    const hi = Math.max(...others);
    if (expected < lo * 0.5 || expected > hi * 1.5) return;
    out.push({
      cell,
      expected,
      message: asFraction
        ? `The percentage ${fmtEn(v)} looks typed as a fraction among whole percentages (${fmtEn(lo)}–${fmtEn(hi)}); probably ${fmtEn(expected)} was meant.`
        : `The percentage ${fmtEn(v)} looks typed as a whole number among fractions (${fmtEn(lo)}–${fmtEn(hi)}); probably ${fmtEn(expected)} was meant.`,
    });
  };
  if (large.length >= 3 && small.length > 0 && small.length <= 0.25 * vals.length && large.length + small.length >= 0.9 * vals.length) {
    const others = large.map((x) => x.v);
    if (others.every((o) => o >= 5)) for (const { cell, v } of small) flag(cell, v, v * 100, others, true);
  } else if (small.length >= 3 && large.length > 0 && large.length <= 0.25 * vals.length && large.length + small.length >= 0.9 * vals.length) {
    const others = small.map((x) => x.v);
    for (const { cell, v } of large) flag(cell, v, v / 100, others, false);
  }
  return out;
}

describe("units: percentages on the other scale", () => {
  it("flags what the list-based definition flags, with the same messages and expected values", () => {
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.oneof(fc.integer({ min: 2, max: 120 }), fc.integer({ min: 200, max: 12000 }).map((x) => x / 100)) },
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 150 }).map((x) => x / 100) },
      { weight: 1, arbitrary: fc.constantFrom(0, 1.75, 250, -3, 4.5, 1.5, 2) },
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 4, maxLength: 24 }), (vs) => {
        const rows: In[][] = [["Indikator", "Capaian (%)"], ...vs.map((v, i): In[] => [`i${i}`, v])];
        const got = runRules(book(sheet("S", rows)), "mixed-units");
        const want = scaleReference(vs.map((v, i) => ({ cell: `B${i + 2}`, v })));
        expect(got.map((x) => ({ cell: x.cell, expected: x.expected, message: x.message_en }))).toEqual(want);
        for (const x of got) expect(x.impact).toBe(impactOf(x.expected as number, x.actual as number));
      }),
      { numRuns: 1500 },
    );
  });
});

// Keep the flag constants this file relies on in view: a change of their meaning should fail here.
it("flag constants are distinct bits", () => {
  const bits = [FORMULA, NUM, PCT, STRFORMULA, EMPTY];
  expect(new Set(bits).size).toBe(bits.length);
  for (const b of bits) expect(b & (b - 1)).toBe(0);
});

describe("fmtEn for whole numbers", () => {
  it("writes the grouping as toLocaleString does", () => {
    const whole = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ min: -1.2e11, max: 1.2e11, noNaN: true }).map(Math.trunc), fc.constantFrom(0, -0, 999, 1000, -1000, 99_999_999_999, -99_999_999_999, 1e11, 100_000_000_000 - 1));
    fc.assert(
      fc.property(whole, (v) => {
        expect(fmtEn(v)).toBe(v.toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 0 }));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("bare numerals", () => {
  it("the digits-only shortcut gives what the replacements give", () => {
    const piece = fc.constantFrom("1", "23", "456", ".", ",", "-", "Rp", "rp.", "IDR", " ", "\u00a0", "%", "(", ")", ",-", ".-", "−", "+", "0");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 7 }), (ps) => {
        const t = ps.join("");
        expect(bare(t)).toBe(bareSlow(t));
      }),
      { numRuns: 5000 },
    );
  });
});
