import { describe, expect, it } from "vitest";
import { book, cellsOf, f, runRules, sheet, type In } from "./helpers.js";
import { runAudit } from "../../src/core/audit/engine.js";
import { fingerprint, fingerprintToA1, shiftOf } from "../../src/core/audit/generic/formula.js";

const PAGU = [1200, 850, 430, 990, 2100, 760, 540, 1300];
const REAL = [1100, 800, 430, 700, 2000, 760, 500, 1250];

/** Header at row 3, data rows 4–11, Jumlah at row 12. `edit` changes cells by address before building. */
function budget(edit: Record<string, In> = {}): In[][] {
  const rows: In[][] = [["Laporan Anggaran 2024"], [], ["No", "Program", "Pagu", "Realisasi", "Serapan (%)", "Sisa"]];
  PAGU.forEach((p, i) => {
    const r = 4 + i;
    rows.push([i + 1, `Program ${i + 1}`, p, REAL[i] ?? 0, f(`D${r}/C${r}*100`), f(`C${r}-D${r}`)]);
  });
  rows.push([null, "Jumlah", f("SUM(C4:C11)"), f("SUM(D4:D11)"), f("D12/C12*100"), f("SUM(F4:F11)")]);
  for (const [at, v] of Object.entries(edit)) {
    const m = /^([A-Z])(\d+)$/.exec(at);
    if (!m) continue;
    const r = Number(m[2]) - 1;
    const c = (m[1] ?? "A").charCodeAt(0) - 65;
    const row = (rows[r] ??= []);
    row[c] = v;
  }
  return rows;
}

const run = (rows: In[][]) => runRules(book(sheet("Anggaran", rows)), "formula-consistency");

describe("fingerprints", () => {
  it("share one shape down a column and keep $ parts absolute", () => {
    const a = fingerprint({ row: 5, col: 5, value: 1, formula: "D5/C5*100+$B$2" });
    const b = fingerprint({ row: 9, col: 5, value: 1, formula: "D9/C9*100+$B$2" });
    expect(a?.key).toBe(b?.key);
    expect(a?.key).toContain("R2C2");
    const c = fingerprint({ row: 9, col: 5, value: 1, formula: "D9/C9*100+$B$3" });
    expect(c?.key).not.toBe(a?.key);
    expect(c && a ? shiftOf(c, a) : undefined).toBeDefined();
  });

  it("translate back to A1 at another cell", () => {
    const a = fingerprint({ row: 5, col: 5, value: 1, formula: "SUM(B5:D5)" });
    expect(a && fingerprintToA1(a, 9, 5)).toBe("SUM(B9:D9)");
  });

  it("handle quoted sheet names and whitespace", () => {
    const a = fingerprint({ row: 2, col: 2, value: 1, formula: "'Data 2024'!A2 + 1" });
    const b = fingerprint({ row: 3, col: 2, value: 1, formula: "'Data 2024'!A3+1" });
    expect(a?.key).toBe(b?.key);
  });
});

describe("formula-consistency", () => {
  it("stays silent on a consistent table with a total row and a header formula", () => {
    expect(run(budget())).toEqual([]);
  });

  it("flags a reference slipped by one row inside a run, with the formula it should have", () => {
    const fs = run(budget({ E7: f("D8/C7*100") }));
    expect(cellsOf(fs)).toEqual(["E7"]);
    const x = fs[0];
    expect(x?.expected).toBe("=D7/C7*100");
    expect(x?.actual).toBe("=D8/C7*100");
    expect(x?.severity).toBe("error");
    expect(x?.message_en).toMatch(/shifted by one row/);
    expect(x?.message_id).toMatch(/bergeser satu baris/);
    expect(x?.impact).toBeGreaterThan(0);
  });

  it("flags a SUM range that stops one row short in a row of totals", () => {
    const rows: In[][] = [["Kegiatan", "TW I", "TW II", "TW III", "TW IV"]];
    for (let r = 2; r <= 7; r++) rows.push([`Kegiatan ${r}`, r * 3, r * 5, r * 7, r * 11]);
    rows.push(["Jumlah", f("SUM(B2:B7)"), f("SUM(C2:C6)"), f("SUM(D2:D7)"), f("SUM(E2:E7)")]);
    const fs = runRules(book(sheet("Triwulan", rows)), "formula-consistency");
    expect(cellsOf(fs)).toEqual(["C8"]);
    expect(fs[0]?.expected).toBe("=SUM(C2:C7)");
    expect(fs[0]?.message_en).toMatch(/stops one row short/);
    expect(fs[0]?.message_id).toMatch(/berhenti satu baris terlalu awal/);
  });

  it("flags a 1-cell shift at the end of a run, but not a different formula there", () => {
    expect(cellsOf(run(budget({ F11: f("C11-D10") })))).toEqual(["F11"]);
    // F12 (SUM over the column) differs in shape at the end of the F run: intentional.
    expect(run(budget({ F12: f("SUM(F4:F11)") }))).toEqual([]);
  });

  it("stays silent on a header formula at the top of a run", () => {
    const rows = budget();
    // A formula header above column F: =TEXT-like label computed from another cell.
    rows[2] = ["No", "Program", "Pagu", "Realisasi", "Serapan (%)", f('"Sisa "&A1', "Sisa")];
    expect(run(rows)).toEqual([]);
  });

  it("stays silent on labelled subtotals inside a run", () => {
    const rows: In[][] = [["Uraian", "Pagu", "Realisasi", "Sisa"]];
    const data = [
      ["Keg 1", 100, 90],
      ["Keg 2", 200, 150],
      ["Keg 3", 50, 50],
    ];
    let r = 2;
    for (const block of [0, 1]) {
      const start = r;
      for (const d of data) {
        rows.push([`${d[0]}${block}`, d[1], d[2], f(`B${r}-C${r}`)]);
        r++;
      }
      rows.push(["Sub Total", f(`SUM(B${start}:B${r - 1})`), f(`SUM(C${start}:C${r - 1})`), f(`SUM(D${start}:D${r - 1})`)]);
      r++;
    }
    expect(runRules(book(sheet("S", rows)), "formula-consistency")).toEqual([]);
  });

  it("handles absolute references: a moved $ anchor is a shift", () => {
    const rows: In[][] = [["Bobot", 2], ["Nilai", "Skor"]];
    for (let r = 3; r <= 8; r++) rows.push([r * 10, f(`A${r}*$B$1`)]);
    expect(runRules(book(sheet("S", rows)), "formula-consistency")).toEqual([]);
    rows[5] = [60, f("A6*$B$2")];
    expect(cellsOf(runRules(book(sheet("S", rows)), "formula-consistency"))).toEqual(["B6"]);
  });

  it("is registered in the engine's generic rules", () => {
    const res = runAudit(book(sheet("Anggaran", budget({ E7: f("D8/C7*100") }))), { rules: ["formula-consistency"] });
    expect(res.findings.map((x) => [x.cell, x.source])).toEqual([["E7", "generic"]]);
  });
});
