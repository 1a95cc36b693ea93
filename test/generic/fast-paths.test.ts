/**
 * The generic rules' fast paths agree with the definitions they replace: the hand-written formula
 * shape reader with the @borgar/fx tokenizer, the text classification with parseIdNumber, the
 * total-label pre-filter with totalKind, the quickselect median with the sorted one, the majority
 * vote with dominantShape, and the cheap number helpers with their String / toLocaleString forms.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SheetGrid, type CellSnapshot } from "../../src/core/snapshot.js";
import { parseIdNumber } from "../../src/core/numbers.js";
import { fmtEn, isDash, isFormula, isPercentFormat, median, medianInPlace, num, numberLike, totalKind, typedDecimals, typedText } from "../../src/core/audit/generic/common.js";
import { DASH, FORMULA, NUM, PCT, PLAIN, STRFORMULA, TEXT, sheetFacts, totalKindFast } from "../../src/core/audit/generic/facts.js";
import { fastKey, fingerprint } from "../../src/core/audit/generic/formula.js";
import { dominantId } from "../../src/core/audit/generic/formula-consistency.js";
import { dominantShape, stretches } from "./reference.js";

const tokenizerKey = (formula: string, row: number, col: number): string | undefined => fingerprint({ row, col, value: null, formula })?.key;

// ---------------------------------------------------------------------------------------------
// Formulas.

const letters = (n: number): string => {
  let s = "";
  let x = n;
  while (x > 0) {
    s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
    x = Math.floor((x - 1) / 26);
  }
  return s;
};

/** A cell reference, mostly valid, sometimes at or past the sheet's edges. */
const ref = fc
  .tuple(fc.boolean(), fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 17000 })), fc.boolean(), fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 1_100_000 })))
  .map(([ac, c, ar, r]) => `${ac ? "$" : ""}${letters(c)}${ar ? "$" : ""}${r}`);
const simpleRef = fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 30 }), fc.boolean(), fc.integer({ min: 1, max: 60 })).map(([ac, c, ar, r]) => `${ac ? "$" : ""}${letters(c)}${ar ? "$" : ""}${r}`);
const range = fc.tuple(ref, ref).map(([a, b]) => `${a}:${b}`);
const orderedRange = fc
  .tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 9 }), fc.boolean(), fc.boolean())
  .map(([c, dc, r, dr, a, b]) => `${a ? "$" : ""}${letters(c)}${r}:${letters(c + dc)}${b ? "$" : ""}${r + dr}`);
const number = fc.oneof(fc.nat(1000).map(String), fc.tuple(fc.nat(99), fc.nat(999)).map(([a, b]) => `${a}.${b}`), fc.constantFrom("1E3", "1e-2", "0.5", "100", ".5", "1.", "007"));
const op = fc.constantFrom("+", "-", "*", "/", "^", "&", "=", "<>", "<", ">", "<=", ">=", "%", ",");
const fn = fc.constantFrom("SUM(", "AVERAGE(", "IF(", "ROUND(", "LOG10(", "sum(", "_xlfn.STDEV.S(", "MAX(", "A1(");
const odd = fc.constantFrom(" ", "  ", "\"a,b\"", "Sheet1!A1", "'Tabel 1'!B2", "A:A", "1:3", "TRUE", "Pagu", "#REF!", "{1,2}", "a1", "A1:B2:C3", "=", "!", "[", "_", "$A", "A$");
const piece = fc.oneof({ weight: 5, arbitrary: ref }, { weight: 3, arbitrary: range }, { weight: 3, arbitrary: number }, { weight: 4, arbitrary: op }, { weight: 2, arbitrary: fn }, { weight: 2, arbitrary: fc.constantFrom("(", ")") }, { weight: 1, arbitrary: odd });
/** Any sequence of formula pieces: valid, invalid and odd formulas alike. */
const anyFormula = fc.array(piece, { minLength: 1, maxLength: 10 }).map((xs) => xs.join(""));
/** Formulas of the kind the fast path is for. */
const simpleFormula = fc.oneof(
  fc.tuple(simpleRef, fc.constantFrom("+", "-", "*", "/"), simpleRef, fc.constantFrom("", "*100", "/100")).map(([a, o, b, t]) => `${a}${o}${b}${t}`),
  fc.tuple(fc.constantFrom("SUM", "AVERAGE", "MIN", "MAX", "COUNT"), orderedRange).map(([f, r]) => `${f}(${r})`),
  fc.tuple(simpleRef, simpleRef, fc.oneof(fc.nat(1000).map(String), fc.constant("0.5"))).map(([a, b, n]) => `IF(${a}>0,${b}/${a}*100,${n})`),
  fc.tuple(orderedRange, simpleRef).map(([r, a]) => `ROUND(SUM(${r})-${a},2)`),
);
const at = fc.tuple(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 60 }));

describe("formula shape fast path", () => {
  it("gives the tokenizer's key whenever it answers", () => {
    fc.assert(
      fc.property(anyFormula, at, (f, [row, col]) => {
        const fast = fastKey(f, row, col);
        if (fast !== undefined) expect(fast).toBe(tokenizerKey(f, row, col));
      }),
      { numRuns: 3000 },
    );
  });

  it("answers for simple formulas, with the tokenizer's key", () => {
    fc.assert(
      fc.property(simpleFormula, at, (f, [row, col]) => {
        expect(fastKey(f, row, col)).toBe(tokenizerKey(f, row, col));
      }),
      { numRuns: 2000 },
    );
  });

  it("handles the known shapes", () => {
    expect(fastKey("SUM(E5:G5)", 5, 8)).toBe("SUM(RC[-3]:RC[-1])");
    expect(fastKey("SUM($A$1:A4)", 5, 1)).toBe("SUM(R1C1:R[-1]C)");
    expect(fastKey("A1:A1", 3, 3)).toBe("R[-2]C[-2]");
    expect(fastKey("LOG10(A1)", 3, 3)).toBeUndefined(); // LOG10 reads as a cell too: left to the tokenizer
    expect(fastKey("SUM(A1, B1)", 3, 3)).toBeUndefined();
    expect(fastKey("Sheet1!A1", 3, 3)).toBeUndefined();
  });

  it("gives formulas copied down a column one shape id, and different shapes different ids", () => {
    const cells: CellSnapshot[] = [];
    for (let r = 2; r <= 9; r++) cells.push({ row: r, col: 1, value: r }, { row: r, col: 2, value: r, formula: r === 6 ? `A${r}*3` : `A${r}*2` });
    cells.push({ row: 10, col: 2, value: 0, formula: "SUM( B2:B9 )" }, { row: 11, col: 2, value: 0, formula: "SUM(B3:B10)" });
    const f = sheetFacts(new SheetGrid({ name: "S", cells }));
    const ids = f.fpIds();
    const idAt = (r: number, c: number): number => ids[f.indexAt(r, c)] ?? -2;
    expect(idAt(2, 1)).toBe(-1);
    expect(idAt(3, 2)).toBe(idAt(2, 2));
    expect(idAt(9, 2)).toBe(idAt(2, 2));
    expect(idAt(6, 2)).not.toBe(idAt(2, 2));
    // The same shape read by the tokenizer (spaces) and by the fast path: one id.
    expect(idAt(11, 2)).toBe(idAt(10, 2));
    expect(f.fp(idAt(10, 2)).key).toBe("SUM(R[-8]C:R[-1]C)");
  });
});

describe("dominant shape by majority vote", () => {
  it("agrees with dominantShape on columns of mixed formulas", () => {
    const shapes = ["A{r}*2", "A{r}*3", "SUM(A1:A{r})", "A{p}*2"];
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 14 }), (picks) => {
        const cells: CellSnapshot[] = picks.map((s, i) => ({ row: i + 2, col: 2, value: 0, formula: (shapes[s] ?? "").replace("{r}", String(i + 2)).replace("{p}", String(i + 1)) }));
        const f = sheetFacts(new SheetGrid({ name: "S", cells }));
        const ids = f.fpIds();
        const slow = dominantShape(cells);
        const fast = dominantId(ids, f.identity(), 0, f.n);
        expect(fast ? { key: f.fp(fast.id).key, count: fast.count } : undefined).toEqual(slow ? { key: slow.fp.key, count: slow.count } : undefined);
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Texts.

const textPiece = fc.oneof(
  fc.constantFrom("1", "23", "456", "1.234", "1,5", "12.34", "99,01", "23.2547", "1.2.3", "0812", "-", "–", "—", "--", "Rp", "Rp.", "IDR", "%", "(", ")", ",-", "e", "E5", " ", "\u00a0", "\u2007", "#N/A", "#DIV/0!"),
  fc.constantFrom("Jumlah", "TOTAL", "Sub Total", "subtotal", "Rata-rata", "rata2", "Rerata", "Average", "Grand total", "Jumlah akhir", "Nilai rata-rata", "Tótal", "ｊｕｍｌａｈ", "(Rp)", ":", "=", "capaian", "keseluruhan", "seluruhnya"),
  fc.string({ maxLength: 6 }),
);
const text = fc.array(textPiece, { minLength: 0, maxLength: 6 }).map((xs) => xs.join(""));

describe("text classification", () => {
  it("numberLike and isDash agree with parseIdNumber", () => {
    fc.assert(
      fc.property(text, (t) => {
        const p = parseIdNumber(t);
        expect(numberLike(t)).toBe(p.ok || p.kind === "broken_grouping" || p.kind === "empty");
        expect(isDash(t)).toBe(!!t.trim() && !p.ok && p.kind === "empty");
      }),
      { numRuns: 5000 },
    );
  });

  it("the total-label pre-filter agrees with totalKind", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(totalKindFast(t)).toBe(totalKind(t));
      }),
      { numRuns: 5000 },
    );
    for (const t of ["Jumlah", "JUMLAH TOTAL:", "Sub Jumlah", "Rata-rata (%)", "Tótal", "ｊｕｍｌａｈ", "Kegiatan 12", "Desa Tarus 3"]) expect(totalKindFast(t)).toBe(totalKind(t));
  });
});

// ---------------------------------------------------------------------------------------------
// Numbers.

describe("number helpers", () => {
  const anyNumber = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 1e6 }).map((x) => x / 100), fc.constantFrom(0, -0, 1e21, -1e21, 1e20, 0.1 + 0.2, 1.005));

  it("typedDecimals agrees with the decimals of String(v)", () => {
    const slow = (v: number): number => {
      const s = String(v);
      if (/e/i.test(s)) return 10;
      const dot = s.indexOf(".");
      return dot < 0 ? 0 : Math.min(s.length - dot - 1, 10);
    };
    fc.assert(
      fc.property(anyNumber, (v) => {
        expect(typedDecimals(v)).toBe(slow(v));
      }),
      { numRuns: 3000 },
    );
  });

  it("fmtEn agrees with toLocaleString", () => {
    fc.assert(
      fc.property(anyNumber, (v) => {
        const r = Math.round(v * 1e4) / 1e4;
        const d = Math.min(typedDecimals(r), 4);
        expect(fmtEn(v)).toBe(v.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d }));
      }),
      { numRuns: 1000 },
    );
  });

  it("the in-place median agrees with the sorted one", () => {
    const values = fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })), { maxLength: 60 });
    fc.assert(
      fc.property(values, (xs) => {
        // Numerically equal (=== also holds for -0 and +0, which the two orders may pick differently).
        const fast = medianInPlace(Float64Array.from(xs), xs.length);
        const sorted = median(xs);
        expect(fast === sorted, `${fast} vs ${sorted}`).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Sheet facts against the per-cell definitions.

const cellValue = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -5, max: 3000 }).map((v): Partial<CellSnapshot> => ({ value: v })) },
  { weight: 2, arbitrary: fc.integer({ min: 2019, max: 2024 }).map((v): Partial<CellSnapshot> => ({ value: v })) },
  { weight: 3, arbitrary: fc.constantFrom("Jumlah", "Sub Total", "Rata-rata", "Uraian", "No", "-", "", " ", "1.234", "23.2547", "99,01", "Rp 5.000,-", "#N/A", "Tótal").map((v): Partial<CellSnapshot> => ({ value: v })) },
  { weight: 2, arbitrary: fc.constantFrom<Partial<CellSnapshot>>({ value: 5, formula: "A1*2" }, { value: "x", formula: "A1&\"\"" }, { value: null, formula: "1/0", error: "#DIV/0!" }, { value: null, error: "#N/A" }, { value: 0.5, numberFormat: "0.00%" }, { value: true }, { value: null }) },
);
const smallSheet = fc.array(fc.tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 4 }), cellValue), { maxLength: 40 }).map((xs) => {
  const seen = new Set<number>();
  const cells: CellSnapshot[] = [];
  for (const [row, col, v] of xs) {
    if (seen.has(row * 100 + col)) continue;
    seen.add(row * 100 + col);
    cells.push({ row, col, value: null, ...v } as CellSnapshot);
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return cells;
});

describe("sheet facts", () => {
  it("flags, total rows, year rows and stretches agree with the per-cell definitions", () => {
    fc.assert(
      fc.property(smallSheet, (cells) => {
        const grid = new SheetGrid({ name: "S", cells });
        const f = sheetFacts(grid);
        // Per cell.
        for (let i = 0; i < f.n; i++) {
          const c = f.cell(i);
          const fl = f.flags[i] ?? 0;
          expect(!!(fl & NUM)).toBe(num(c) !== undefined);
          expect(!!(fl & FORMULA)).toBe(isFormula(c));
          const t = typedText(c);
          expect(!!(fl & TEXT)).toBe(t !== undefined);
          expect(!!(fl & PLAIN)).toBe(t !== undefined && !!t.trim() && !numberLike(t));
          expect(!!(fl & DASH)).toBe(t !== undefined && isDash(t));
          expect(!!(fl & PCT)).toBe(isPercentFormat(c));
        }
        // Per row and column, as the former per-sheet index defined them.
        const totalRows = new Map<number, number>();
        const totalCols = new Set<number>();
        const yearRows = new Set<number>();
        const columns = new Map<number, CellSnapshot[]>();
        for (const r of grid.rowNumbers()) {
          let numbers = 0;
          let years = 0;
          let formulas = 0;
          for (const c of grid.row(r)) {
            columns.set(c.col, [...(columns.get(c.col) ?? []), c]);
            const t = typedText(c);
            if (t !== undefined && totalKind(t)) {
              if (!totalRows.has(r)) totalRows.set(r, c.col);
              totalCols.add(c.col);
            }
            const v = num(c);
            if (v !== undefined) {
              numbers++;
              if (Number.isInteger(v) && v >= 1900 && v <= 2100) years++;
            }
            if (c.formula) formulas++;
          }
          if (numbers > 0 && years === numbers && formulas === 0) yearRows.add(r);
        }
        expect(new Map([...f.totalRows].map(([r, l]) => [r, l.col]))).toEqual(totalRows);
        expect(f.totalCols).toEqual(totalCols);
        for (let r = 1; r <= 14; r++) expect(f.isYearRow(r)).toBe(yearRows.has(r));
        expect(f.columns).toEqual([...columns.keys()]);
        // Stretches.
        const expected = [...columns.values()].flatMap((list) => stretches(list, yearRows)).map((s) => ({ header: s.header, cells: s.cells }));
        const st = f.stretches();
        const got: { header: string | undefined; cells: CellSnapshot[] }[] = [];
        for (let k = 0; k < st.length; k += 3) {
          const list: CellSnapshot[] = [];
          for (let i = st[k] ?? 0; i < (st[k + 1] ?? 0); i++) if (!((f.flags[i] ?? 0) & STRFORMULA)) list.push(f.cell(i));
          got.push({ header: f.headerText(st[k + 2] ?? -1), cells: list });
        }
        expect(got).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  });
});
