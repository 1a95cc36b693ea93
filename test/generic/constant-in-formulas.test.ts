import { describe, expect, it } from "vitest";
import { book, cellsOf, f, runRules, sheet, type In } from "./helpers.js";

const run = (rows: In[][]) => runRules(book(sheet("S", rows)), "constant-in-formulas");

function table(edit?: (rows: In[][]) => void): In[][] {
  const rows: In[][] = [["Uraian", "Target", "Realisasi", "Capaian (%)"]];
  const data = [
    [40, 38],
    [25, 25],
    [60, 45],
    [12, 12],
    [90, 81],
    [30, 27],
  ];
  data.forEach(([t, r], i) => {
    const row = i + 2;
    rows.push([`Indikator ${i + 1}`, t ?? 0, r ?? 0, f(`C${row}/B${row}*100`)]);
  });
  edit?.(rows);
  return rows;
}

describe("constant-in-formulas", () => {
  it("flags a typed number in the middle of a formula column, with the formula and its value", () => {
    const fs = run(table((rows) => (rows[3] = ["Indikator 3", 60, 45, 80])));
    expect(cellsOf(fs)).toEqual(["D4"]);
    const x = fs[0];
    expect(x?.severity).toBe("error");
    expect(x?.expected).toBe(75);
    expect(x?.actual).toBe(80);
    expect(x?.message_en).toContain("=C4/B4*100");
    expect(x?.message_id).toContain("=C4/B4*100");
    expect(x?.impact).toBeCloseTo(5 / 80);
  });

  it("flags a hard-coded total between SUM formulas in a total row", () => {
    const rows: In[][] = [["Kegiatan", "TW I", "TW II", "TW III", "TW IV"]];
    for (let r = 2; r <= 6; r++) rows.push([`K${r}`, r, r * 2, r * 3, r * 4]);
    rows.push(["Jumlah", f("SUM(B2:B6)"), f("SUM(C2:C6)"), 55, f("SUM(E2:E6)")]);
    const fs = run(rows);
    expect(cellsOf(fs)).toEqual(["D7"]);
    expect(fs[0]?.expected).toBe(60);
    expect(fs[0]?.message_en).toContain("=SUM(D2:D6)");
  });

  it("reports a typed value that still equals its formula as info", () => {
    const fs = run(table((rows) => (rows[3] = ["Indikator 3", 60, 45, 75])));
    expect(fs.map((x) => [x.cell, x.severity])).toEqual([["D4", "info"]]);
  });

  it("stays silent on a typed value at the end of a run, and on typed data with a few formulas", () => {
    expect(run(table((rows) => rows.push(["Rata-rata", null, null, 88.4])))).toEqual([]);
    const rows: In[][] = [["Uraian", "Pagu"]];
    let r = 2;
    for (let g = 0; g < 4; g++) {
      const start = r;
      for (let i = 0; i < 3; i++) {
        rows.push([`Item ${r}`, 100 + r]);
        r++;
      }
      rows.push(["Sub Total", f(`SUM(B${start}:B${r - 1})`)]);
      r++;
    }
    expect(run(rows)).toEqual([]);
  });

  it("omits expected when the formula cannot be computed", () => {
    const rows: In[][] = [["Kode", "Label"]];
    for (let r = 2; r <= 7; r++) rows.push([`K${r}`, f(`VLOOKUP(A${r},Ref!A:B,2,0)`, r * 10)]);
    rows[3] = ["K4", 999];
    const fs = run(rows);
    expect(cellsOf(fs)).toEqual(["B4"]);
    expect(fs[0]?.severity).toBe("warning");
    expect(fs[0]?.expected).toBeUndefined();
  });
});

describe("constant-in-formulas, totals", () => {
  it("stays silent on a typed percentage in a total row between SUMs, and on typed subtotals", () => {
    const rows: In[][] = [["Program", "Pagu", "Realisasi", "Serapan (%)", "Sisa"]];
    for (let r = 2; r <= 6; r++) rows.push([`P${r}`, r * 100, r * 90, 90, f(`B${r}-C${r}`)]);
    rows.push(["Jumlah", f("SUM(B2:B6)"), f("SUM(C2:C6)"), 90, f("SUM(E2:E6)")]);
    expect(run(rows)).toEqual([]);
    const grouped: In[][] = [["Uraian", "Pagu", "Realisasi", "Sisa"]];
    let r = 2;
    for (let g = 0; g < 3; g++) {
      for (let i = 0; i < 3; i++) {
        grouped.push([`K${r}`, 100 + r, 90, f(`B${r}-C${r}`)]);
        r++;
      }
      grouped.push(["Sub Total", 300, 270, 30 + 3 * r]);
      r++;
    }
    expect(run(grouped)).toEqual([]);
  });
});
