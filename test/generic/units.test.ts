import { describe, expect, it } from "vitest";
import { book, cellsOf, fmt, runRules, sheet, type In } from "./helpers.js";

const run = (rows: In[][]) => runRules(book(sheet("S", rows)), "mixed-units");

describe("units", () => {
  it("flags a Rupiah amount in a column of counts", () => {
    const rows: In[][] = [["Satker", "Jumlah Perkara"], ["A", 12], ["B", 40], ["C", 7], ["D", 1_250_000_000], ["E", 19], ["Jumlah", 1_250_000_078]];
    const fs = run(rows);
    expect(cellsOf(fs)).toEqual(["B5"]);
    expect(fs[0]?.severity).toBe("warning");
    expect(fs[0]?.message_en).toMatch(/Rupiah-sized amount/);
    expect(fs[0]?.message_id).toMatch(/Nilai sebesar Rupiah/);
  });

  it("stays silent on an amount column and on a count column with its total", () => {
    expect(run([["Program", "Pagu"], ["A", 1_200_000_000], ["B", 850_000_000], ["C", 43_000_000], ["D", 5_000_000]])).toEqual([]);
    const rows: In[][] = [["Satker", "Perkara"]];
    for (let i = 0; i < 30; i++) rows.push([`S${i}`, 40 + (i % 7)]);
    rows.push(["Total", 1290]);
    expect(run(rows)).toEqual([]);
  });

  it("flags a percentage typed as a fraction among whole percentages", () => {
    const rows: In[][] = [["Indikator", "Capaian (%)"], ["a", 95], ["b", 98], ["c", 0.99], ["d", 99], ["e", 92.5]];
    const fs = run(rows);
    expect(cellsOf(fs)).toEqual(["B4"]);
    expect(fs[0]?.expected).toBe(99);
  });

  it("flags a whole percentage among percent-formatted fractions", () => {
    const rows: In[][] = [["Indikator", "Serapan"], ["a", fmt(0.95, "0%")], ["b", fmt(0.98, "0%")], ["c", fmt(97, "0%")], ["d", fmt(0.9, "0%")]];
    const fs = run(rows);
    expect(cellsOf(fs)).toEqual(["B4"]);
    expect(fs[0]?.expected).toBeCloseTo(0.97);
  });

  it("stays silent on percentages without a percentage context", () => {
    expect(run([["Indikator", "Skor"], ["a", 95], ["b", 98], ["c", 0.99], ["d", 99]])).toEqual([]);
  });
});
