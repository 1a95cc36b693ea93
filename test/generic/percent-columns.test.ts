import { describe, expect, it } from "vitest";
import { book, cellsOf, f, fmt, runRules, sheet, type In } from "./helpers.js";

const run = (rows: In[][]) => runRules(book(sheet("S", rows)), "percent-columns");

const PAGU = [1200, 850, 430, 990, 2100, 760];
const REAL = [1100, 800, 430, 700, 2000, 760];
const round2 = (v: number) => Math.round(v * 100) / 100;

function serapan(edit?: (rows: In[][]) => void): In[][] {
  const rows: In[][] = [["Program", "Pagu", "Realisasi", "Serapan (%)"]];
  PAGU.forEach((p, i) => rows.push([`P${i}`, p, REAL[i] ?? 0, round2(((REAL[i] ?? 0) / p) * 100)]));
  edit?.(rows);
  return rows;
}

describe("percent-columns", () => {
  it("stays silent on a correct typed percentage column (values rounded to 2 decimals)", () => {
    expect(run(serapan())).toEqual([]);
  });

  it("flags the row the ratio does not explain, with the expected value", () => {
    const fs = run(serapan((rows) => ((rows[4] as In[])[3] = 80.71)));
    expect(cellsOf(fs)).toEqual(["D5"]);
    const x = fs[0];
    expect(x?.severity).toBe("warning");
    expect(x?.expected).toBeCloseTo(70.707, 2);
    expect(x?.actual).toBe(80.71);
    expect(x?.related).toEqual(["C5", "B5"]);
    expect(x?.message_en).toContain("C5/B5×100");
  });

  it("works with percent-formatted fractions and formulas", () => {
    const rows: In[][] = [["Program", "Pagu", "Realisasi", "Persentase"]];
    PAGU.forEach((p, i) => rows.push([`P${i}`, p, REAL[i] ?? 0, f(`C${i + 2}/B${i + 2}`, undefined, "0.00%")]));
    expect(run(rows)).toEqual([]);
    rows[3] = ["P2", 430, 430, fmt(0.9, "0.00%")];
    const fs = run(rows);
    expect(cellsOf(fs)).toEqual(["D4"]);
    expect(fs[0]?.expected).toBe(1);
    expect(fs[0]?.message_id).toContain("berisi 90%");
  });

  it("reports rounding drift as info", () => {
    const fs = run(serapan((rows) => ((rows[2] as In[])[3] = 94.13)));
    // 800/850 = 94.1176…: shown 94.12, typed 94.13 → one unit off.
    expect(fs.map((x) => [x.cell, x.severity])).toEqual([["D3", "info"]]);
  });

  it("stays silent when no ratio pair explains the column", () => {
    const rows: In[][] = [["Indikator", "Bobot", "Skor", "Capaian"]];
    [
      [10, 3, 55],
      [20, 7, 91],
      [5, 2, 12],
      [8, 9, 77],
      [30, 1, 64],
    ].forEach((r, i) => rows.push([`I${i}`, ...r]));
    expect(run(rows)).toEqual([]);
  });

  it("accepts an inverse ratio (lower is better) and a capped value", () => {
    const rows: In[][] = [["Indikator", "Target", "Realisasi", "Capaian (%)"]];
    [
      [100, 90],
      [50, 45],
      [80, 80],
      [40, 30],
      [200, 150],
    ].forEach(([t = 1, r = 1], i) => rows.push([`I${i}`, t, r, round2((r / t) * 100)]));
    rows.push(["I5 (waktu, makin kecil makin baik)", 10, 8, 125]); // 10/8
    rows.push(["I6", 50, 70, 120]); // capped at 120
    expect(run(rows)).toEqual([]);
  });
});

describe("percent-columns, harder layouts", () => {
  it("steps over dash rows and uses the header above them", () => {
    const rows: In[][] = [["Indikator", "Target", "Realisasi", "Capaian"], ["a", 50, "-", "-"]];
    [
      [40, 38],
      [25, 25],
      [60, 45],
      [12, 12],
    ].forEach(([t = 1, r = 1], i) => rows.push([`i${i}`, t, r, round2((r / t) * 100)]));
    rows.push(["x", 30, 27, 80]);
    const fs = run(rows);
    expect(cellsOf(fs)).toEqual(["D7"]);
    expect(fs[0]?.expected).toBe(90);
  });

  it("counts lower-is-better rows as explained, as long as the forward ratio explains more", () => {
    const rows: In[][] = [["Indikator", "Target", "Realisasi", "Capaian (%)"]];
    [
      [100, 90, 90],
      [50, 45, 90],
      [10, 8, 125], // inverse
      [40, 50, 80], // inverse
      [80, 60, 75],
      [20, 20, 100],
      [90, 45, 60], // wrong
    ].forEach(([t, r, p], i) => rows.push([`i${i}`, t ?? 0, r ?? 0, p ?? 0]));
    expect(cellsOf(run(rows))).toEqual(["D8"]);
  });
});
