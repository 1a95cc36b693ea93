/**
 * Files saved by LibreOffice Calc (test/fixtures/libreoffice/, made as its README.md says): both
 * .xlsx readers must read them alike, the fast reader must not need its fallback for them, and
 * the bundled sample re-saved by LibreOffice must audit like the original. No LibreOffice is
 * needed here: the fixtures are committed.
 */
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAudit } from "../src/core/audit/engine.js";
import { isPercentFormat } from "../src/core/audit/generic/common.js";
import { SheetGrid, a1, parseA1 } from "../src/core/snapshot.js";
import type { CellSnapshot, WorkbookSnapshot } from "../src/core/snapshot.js";
import { main } from "../src/cli/sakip-audit.js";
import { keepNumberFormatsVerbatim, readXlsx } from "../src/io/xlsx.js";
import { readXlsxFast, readXlsxFastOnly } from "../src/io/xlsx-fast.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "libreoffice");
const SAMPLE = join(import.meta.dirname, "..", "samples", "lkjip-ntt-2025.xlsx");
const LO_SAMPLE = join(FIXTURES, "lkjip-ntt-2025.lo.xlsx");

function bytesOf(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** The full reader's snapshot, after checking the fast path (no fallback) gives exactly the same. */
async function readBoth(bytes: Uint8Array, source: string): Promise<WorkbookSnapshot> {
  const full = await readXlsx(bytes, source);
  // readXlsxFastOnly throws where readXlsxFast would hand the file to the full reader.
  const fast = await readXlsxFastOnly(bytes, source);
  expect(fast).toEqual(full);
  // toEqual ignores undefined-valued keys; the snapshot must not even carry those.
  expect(JSON.stringify(fast)).toBe(JSON.stringify(full));
  expect(await readXlsxFast(bytes, source)).toEqual(full);
  return full;
}

function cellsOf(snap: WorkbookSnapshot, sheet: string): Map<string, CellSnapshot> {
  const s = snap.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  const out = new Map<string, CellSnapshot>();
  for (const c of s.cells) out.set(a1(c.row, c.col), c);
  return out;
}

/** A cell as `{ value, formula?, error?, numberFormat? }`, for compact expectations. */
function at(cells: Map<string, CellSnapshot>, address: string): Omit<CellSnapshot, "row" | "col"> | undefined {
  const c = cells.get(address);
  if (!c) return undefined;
  const { row: _row, col: _col, ...rest } = c;
  return rest;
}

// None of the LibreOffice files needs the fast reader's fallback: readBoth calls readXlsxFastOnly.
describe("LibreOffice-saved fixtures: fast reader = full reader, on the fast path", () => {
  it.each(["lkjip-ntt-2025.lo.xlsx", "lo-mixed.xlsx", "lo-mixed-ooxml.xlsx", "lo-native.xlsx"])("%s", async (name) => {
    const snap = await readBoth(bytesOf(join(FIXTURES, name)), name);
    expect(snap.unreadable).toBeUndefined();
  });

  it("the two xlsx filters of LibreOffice give the same snapshot", async () => {
    // "Calc MS Excel 2007 XML" (Excel 2007-365, the default) and "Calc Office Open XML" differ in
    // package details only (e.g. the core-properties relationship type), not in what is read.
    const a = await readXlsx(bytesOf(join(FIXTURES, "lo-mixed.xlsx")), "m.xlsx");
    const b = await readXlsx(bytesOf(join(FIXTURES, "lo-mixed-ooxml.xlsx")), "m.xlsx");
    expect(b).toEqual(a);
  });
});

describe("what LibreOffice writes, as read", () => {
  it("lo-mixed.xlsx: an exceljs workbook re-saved by LibreOffice", async () => {
    const snap = await readBoth(bytesOf(join(FIXTURES, "lo-mixed.xlsx")), "m.xlsx");
    expect(snap.sheets.map((s) => [s.name, s.hidden ?? false, s.cells.length])).toEqual([
      ["Data", false, 44],
      ["Tersembunyi", true, 2],
      ["Kosong", false, 0],
      ["Ringkasan", false, 3],
    ]);
    // LibreOffice sorts the defined names.
    expect(snap.definedNames).toEqual([
      { name: "Persen", ref: "Data!$C$3" },
      { name: "Realisasi", ref: "Data!$A$3:$B$3" },
    ]);
    const data = snap.sheets[0];
    expect(data?.merges).toEqual(["A12:C13", "D12:D13"]);
    const c = cellsOf(snap, "Data");
    // Shared strings, rich text (flattened), entities, a line break, characters beyond the BMP.
    expect(at(c, "A1")).toEqual({ value: "Kegiatan" });
    expect(at(c, "B1")).toEqual({ value: "Tabel 4 capaian" });
    expect(at(c, "C1")).toEqual({ value: '  spasi & <tag> "kutip" Ünïcødé 数字 😀  ' });
    expect(at(c, "D1")).toEqual({ value: "baris1\nbaris2" });
    // id-ID-looking text stays text.
    expect([at(c, "A2"), at(c, "B2"), at(c, "C2"), at(c, "D2")]).toEqual([{ value: "23.382" }, { value: "1.234.567,89" }, { value: "97,53%" }, { value: "Rp 384.013.000" }]);
    // Number formats: LibreOffice writes a `"-"` literal as `\-`, `(` as `\(`, and a custom
    // "General" (numFmtId 164) that the snapshot drops like the built-in one.
    expect(at(c, "A3")).toEqual({ value: 23382, numberFormat: "#,##0" });
    expect(at(c, "C3")).toEqual({ value: 0.9753, numberFormat: "0.00%" });
    expect(at(c, "D3")).toEqual({ value: 384013000, numberFormat: '_("Rp"* #,##0_);_("Rp"* \\(#,##0\\);_("Rp"* \\-_);_(@_)' });
    expect(at(c, "E3")).toEqual({ value: 1629443000, numberFormat: "[$Rp-421]#,##0" });
    expect(at(c, "H3")).toEqual({ value: 1e-7 }); // written as 1E-007
    expect(at(c, "I3")).toEqual({ value: 123456789012345 });
    // Cached results are kept as they were: LibreOffice does not recalculate this file on load
    // (G4 still holds the stale 999 exceljs wrote for A3+1).
    expect(at(c, "A4")).toEqual({ value: 1.8939, formula: "A3/B3*100", numberFormat: "#,##0.00" });
    expect(at(c, "G4")).toEqual({ value: 999, formula: "A3+1" });
    expect(at(c, "C4")).toEqual({ value: null, formula: 'IF(A3>0,"","x")' }); // t="str" with <v></v>
    expect(at(c, "D4")).toEqual({ value: "Kegiatan 23.382", formula: 'A1&" "&A2' });
    expect(at(c, "E4")).toEqual({ value: true, formula: "A3>0" });
    expect(at(c, "F4")).toEqual({ value: 0, formula: "A3*0" });
    // Errors: formula results, and error constants, which LibreOffice saves as formulas.
    expect(at(c, "A5")).toEqual({ value: null, formula: "A3/0", error: "#DIV/0!" });
    expect(at(c, "B5")).toEqual({ value: null, formula: "#REF!+1", error: "#REF!" });
    expect(at(c, "C5")).toEqual({ value: null, formula: "NA()", error: "#N/A" });
    expect(at(c, "D5")).toEqual({ value: null, formula: 'VALUE("abc")', error: "#VALUE!" });
    expect(at(c, "E5")).toEqual({ value: null, formula: "#N/A", error: "#N/A" });
    expect(at(c, "F5")).toEqual({ value: null, formula: "#DIV/0!", error: "#DIV/0!" });
    // Dates as serials, with LibreOffice's escaped date formats; booleans become TRUE()/FALSE().
    expect(at(c, "A6")).toEqual({ value: 45672, numberFormat: "dd/mm/yyyy" });
    expect(at(c, "B6")).toEqual({ value: 45838.60416667, numberFormat: "yyyy\\-mm\\-dd\\ hh:mm" });
    expect(at(c, "C6")).toEqual({ value: 45673, formula: "A6+1", numberFormat: "d\\ mmmm\\ yyyy" });
    expect(at(c, "D6")).toEqual({ value: true, formula: "TRUE()" });
    expect(at(c, "E6")).toEqual({ value: false, formula: "FALSE()" });
    expect(at(c, "A7")).toEqual({ value: "laman" }); // a hyperlink cell
    // exceljs's shared formula B8:B10 comes back as three plain formulas.
    expect([at(c, "B8"), at(c, "B9"), at(c, "B10")]).toEqual([
      { value: 20, formula: "A8*2" },
      { value: 22, formula: "A9*2" },
      { value: 24, formula: "A10*2" },
    ]);
    // Merged cells: only the top-left one; LibreOffice keeps no value under a merge.
    expect(at(c, "A12")).toEqual({ value: "Judul gabungan" });
    expect(c.has("B12") || c.has("A13")).toBe(false);
    expect(at(c, "D12")).toEqual({ value: 7 });
    expect(c.has("E12")).toBe(false); // styled but empty
    const sum = cellsOf(snap, "Ringkasan");
    expect(at(sum, "A1")).toEqual({ value: 1257949.891, formula: "SUM(Realisasi)" });
    expect(at(sum, "A3")).toEqual({ value: 46764, formula: "Tersembunyi!B2" });
  });

  it("lo-native.xlsx: a workbook made in LibreOffice Calc itself", async () => {
    const snap = await readBoth(bytesOf(join(FIXTURES, "lo-native.xlsx")), "n.xlsx");
    expect(snap.sheets.map((s) => [s.name, s.hidden ?? false])).toEqual([
      ["Capaian", false],
      ["Catatan", false],
      ["Arsip", true],
      ["Kosong", false],
      ["Rincian", false],
    ]);
    expect(snap.sheets[3]?.cells).toEqual([]);
    // The named constant `Ambang` (=95) is not a range: exceljs drops it. The sheet-scoped
    // LokalCapaian comes through as a plain name.
    expect(snap.definedNames).toEqual([
      { name: "Realisasi", ref: "Capaian!$D$2:$D$4" },
      { name: "TargetAwal", ref: "Capaian!$C$2" },
      { name: "LokalCapaian", ref: "Capaian!$E$2:$E$4" },
    ]);
    expect(snap.sheets[0]?.merges).toEqual(["A6:D6"]);
    const c = cellsOf(snap, "Capaian");
    // Calc keeps 15 significant digits of a cached result.
    expect(at(c, "E2")).toEqual({ value: 98.3333333333333, formula: "D2/C2*100", numberFormat: "0.00\\%" });
    expect(at(c, "E6")).toEqual({ value: 103.642857142857, formula: "AVERAGE(E2:E4)", numberFormat: "0.00\\%" });
    // `0.00"%"` typed in Calc is saved as `0.00\%`: a literal sign, not a percentage.
    expect(isPercentFormat(c.get("E2"))).toBe(false);
    expect(at(c, "E7")).toEqual({ value: 0.9753, numberFormat: "[$-421]0.00%" });
    expect(isPercentFormat(c.get("E7"))).toBe(true);
    expect(at(c, "C7")).toEqual({ value: 1589283000, numberFormat: "[$Rp-421]\\ #,##0" });
    // Calc gives a formula the format of what it refers to (a ratio shown in rupiah here).
    expect(at(c, "D7")).toEqual({ value: 0.975353541056668, formula: "C7/B7", numberFormat: "[$Rp-421]\\ #,##0" });
    expect(at(c, "A8")).toEqual({ value: "97,53%" });
    expect(at(c, "C8")).toEqual({ value: "23.382", formula: '"23.382"' });
    expect(at(c, "D8")).toEqual({ value: null, formula: "B7/0", error: "#DIV/0!" });
    expect(at(c, "E8")).toEqual({ value: null, formula: 'IF(D2>C2,"tercapai","")' });
    expect(at(c, "A9")).toEqual({ value: 42, formula: "Arsip!B2" });
    expect(at(c, "B9")).toEqual({ value: 223.12, formula: "SUM(Realisasi)" });
    expect(at(c, "D9")).toEqual({ value: false, formula: "D2>C2" });
    expect(at(c, "F9")).toEqual({ value: 23697.67, formula: "SUM(C2:C4*D2:D4)" }); // an array formula
    expect(at(c, "A10")).toEqual({ value: 45672, numberFormat: "dd/mm/yyyy" });
    expect(at(c, "B10")).toEqual({ value: 45838.5, numberFormat: "yyyy\\-mm\\-dd\\ hh:mm" });
    expect(at(c, "C10")).toEqual({ value: 45702, formula: "A10+30", numberFormat: "[$-421]dd/mm/yy" });
    expect(at(c, "D10")).toEqual({ value: null, formula: "NA()", error: "#N/A" });
    expect(at(c, "A12")).toEqual({ value: "Tabel 3 capaian kinerja" }); // rich text typed in Calc
    expect(at(c, "C13")).toEqual({ value: "0123", numberFormat: "@" });
    const notes = cellsOf(snap, "Catatan");
    expect(at(notes, "A2")).toEqual({ value: "laman", formula: 'HYPERLINK("https://sakip.example.go.id","laman")' });
    expect(at(notes, "A4")).toEqual({ value: 0, numberFormat: '"Ya";"Ya";"Tidak"' });
    expect(at(notes, "A6")).toEqual({ value: 123456789.123457 });
    expect(at(notes, "A7")).toEqual({ value: -0.5, numberFormat: "#,##0.00;[RED]\\-#,##0.00" });
    // A reference broken by deleting a row: Calc saves #REF! in the formula, #VALUE! as its result.
    expect(at(cellsOf(snap, "Arsip"), "C1")).toEqual({ value: null, formula: "#REF!*2", error: "#VALUE!" });
  });

  it("lo-native.xlsx audits with its literal percent signs read as such", async () => {
    const snap = await readXlsxFast(bytesOf(join(FIXTURES, "lo-native.xlsx")), "n.xlsx");
    // Rincian!D2:D6 hold Hasil / Rencana × 100 shown as `0.00\%`; D5 (95.6) should be 92.6. Read
    // as `0.00%` (a percentage, as exceljs alone reads it), the column would be compared with the
    // plain ratio 0.926 and the wrong row would go unnoticed.
    expect(at(cellsOf(snap, "Rincian"), "D5")).toEqual({ value: 95.6, numberFormat: "0.00\\%" });
    const findings = runAudit(snap).findings.map((f) => `${f.rule} ${f.sheet}!${f.cell}`);
    expect(findings).toEqual(["percent-columns Rincian!D5", "digit-grouping Capaian!C8"]);
  });
});

describe("number formats are read as the file stores them", () => {
  // exceljs drops every backslash of a format code as it reads styles.xml: `0.00\%` (a literal
  // percent sign) became `0.00%` (a percentage). Both readers now keep the stored code.
  it("backslash escapes survive, in both readers", async () => {
    const codes = ['0.00\\%', '0.00"%"', '#,##0.00\\ "Rp"', "#,##0;\\(#,##0\\)", "0.0\\ \\k\\m", "0.00\\\\", "yyyy\\-mm\\-dd"];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("F");
    codes.forEach((code, i) => {
      const cell = ws.getCell(i + 1, 1);
      cell.value = 97.53;
      cell.numFmt = code;
    });
    // A built-in format on a cell next to a custom one that only differs by an escape.
    ws.getCell("B1").value = 0.9753;
    ws.getCell("B1").numFmt = "0.00%";
    const snap = await readBoth(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), "f.xlsx");
    const cells = snap.sheets[0]?.cells ?? [];
    expect(cells.filter((c) => c.col === 1).map((c) => c.numberFormat)).toEqual(codes);
    expect(cells.find((c) => c.col === 2)?.numberFormat).toBe("0.00%");
    // The date format is still a date format: the value is the same serial either way.
    expect(cells.find((c) => c.row === 7)?.value).toBe(97.53);
    expect(isPercentFormat(cells[0])).toBe(false);
    expect(isPercentFormat(cells.find((c) => c.col === 2))).toBe(true);
  });

  it("also with exceljs's browser bundle, which the web page reads with", async () => {
    const Bundle = createRequire(import.meta.url)("exceljs/dist/exceljs.min.js") as typeof ExcelJS;
    const read = async () => {
      const wb = new Bundle.Workbook();
      await wb.xlsx.load(bytesOf(join(FIXTURES, "lo-native.xlsx")) as unknown as ExcelJS.Buffer);
      return wb.getWorksheet("Rincian")?.getCell("D5").numFmt;
    };
    expect(await read()).toBe("0.00%"); // the bundle's own reading, unpatched
    keepNumberFormatsVerbatim(Bundle);
    expect(await read()).toBe("0.00\\%");
  });
});

describe("the bundled sample re-saved by LibreOffice audits like the original", () => {
  it("same findings; only a cached value LibreOffice rounded to 15 digits shows through", async () => {
    const original = await readBoth(bytesOf(SAMPLE), "lkjip-ntt-2025.xlsx");
    const saved = await readBoth(bytesOf(LO_SAMPLE), "lkjip-ntt-2025.xlsx");
    // Cell by cell: the same cells and formulas. Numbers differ only where Calc wrote a cached
    // formula result with 15 significant digits (Excel and exceljs write 17), and formats only
    // where Calc escaped a literal character (`dd-mmm-yy` saved as `dd\-mmm\-yy`: the same format).
    expect(saved.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
    let rounded = 0;
    const formats = new Set<string>();
    original.sheets.forEach((s, i) => {
      const other = saved.sheets[i]?.cells ?? [];
      expect(other.length).toBe(s.cells.length);
      s.cells.forEach((c, j) => {
        const d = { ...(other[j] as CellSnapshot) };
        if (d.numberFormat !== c.numberFormat) {
          formats.add(`${String(c.numberFormat)} -> ${String(d.numberFormat)}`);
          d.numberFormat = c.numberFormat;
        }
        if (typeof c.value === "number" && c.value !== d.value) {
          expect(c.formula).toBeDefined();
          // 15 significant digits (Calc's rounding of the last one may differ from toPrecision's).
          expect(String(d.value).replace(/^-?0\.0*|[-.]/g, "").length).toBeLessThanOrEqual(15);
          expect(Math.abs((d.value as number) - c.value)).toBeLessThan(1e-14 * Math.abs(c.value));
          d.value = c.value;
          rounded++;
        }
        expect(d).toEqual(c);
      });
    });
    expect(rounded).toBe(36);
    expect([...formats]).toEqual(["dd-mmm-yy -> dd\\-mmm\\-yy"]);

    const a = runAudit(original);
    const b = runAudit(saved);
    expect(b.summary).toEqual(a.summary);
    expect(b.recognised).toEqual(a.recognised);
    expect(b.notes).toEqual(a.notes);
    expect(b.findings.length).toBe(a.findings.length);
    const differences: string[] = [];
    a.findings.forEach((f, i) => {
      const g = b.findings[i];
      expect(g).toBeDefined();
      if (!g) return;
      const { actual: fa, impact: fi, ...restA } = f;
      const { actual: ga, impact: gi, ...restB } = g;
      expect(restB).toEqual(restA);
      // Ranking weights computed from the rounded results move in the 15th digit at most.
      if (fi === undefined) expect(gi).toBeUndefined();
      else expect(Math.abs((gi ?? NaN) - fi)).toBeLessThan(1e-12 * Math.max(1, Math.abs(fi)));
      if (ga !== fa) differences.push(`${g.rule} ${g.sheet}!${g.cell}: ${String(fa)} -> ${String(ga)}`);
    });
    // The stated average in Tabel 3 Capaian!E7 is a cached AVERAGE(E3:E6): its 15-digit copy.
    expect(differences).toEqual(["recompute Tabel 3 Capaian!E7: 99.14908172998481 -> 99.1490817299848"]);
    // Every finding points at a cell that holds something.
    for (const f of b.findings) {
      const sheet = saved.sheets.find((s) => s.name === f.sheet);
      const p = parseA1(f.cell);
      expect(sheet && p ? new SheetGrid(sheet).get(p.row, p.col) : undefined, `${f.sheet}!${f.cell}`).toBeDefined();
    }
  });

  it("the CLI prints the same report for both files", async () => {
    const run = async (path: string) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main([path, "--all"], { out: (s) => out.push(s), err: (s) => err.push(s) });
      return { code, out: out.join("\n").replace(path, "FILE"), err: err.join("\n") };
    };
    const a = await run(SAMPLE);
    const b = await run(LO_SAMPLE);
    expect(b.err).toBe("");
    expect(b.code).toBe(a.code);
    expect(b.out).toBe(a.out);
  });
});
