import { describe, expect, it } from "vitest";
import { book, cellsOf, f, fmt, runRules, sheet, type In } from "./helpers.js";

const run = (rows: In[][]) => runRules(book(sheet("S", rows)), "label-totals");

/** Header row 1, details rows 2–6, total row 7. */
function counts(total: In, extra: In[] = []): In[][] {
  return [
    ["No", "Satuan Kerja", "Perkara Masuk", "Perkara Selesai"],
    [1, "Kejari A", 120, 100],
    [2, "Kejari B", 85, 80],
    [3, "Kejari C", 42, 40],
    [4, "Kejari D", 66, 60],
    [5, "Kejari E", 17, 15],
    [null, "Jumlah", total, ...(extra.length ? extra : [f("SUM(D2:D6)")])],
  ];
}

describe("label-totals", () => {
  it("stays silent on correct totals, typed or formula", () => {
    expect(run(counts(330, [295]))).toEqual([]);
    expect(run(counts(f("SUM(C2:C6)")))).toEqual([]);
  });

  it("flags a wrong typed total with the difference", () => {
    const fs = run(counts(340));
    expect(cellsOf(fs)).toEqual(["C7"]);
    const x = fs[0];
    expect(x?.severity).toBe("error");
    expect(x?.expected).toBe(330);
    expect(x?.actual).toBe(340);
    expect(x?.impact).toBeCloseTo(10 / 340);
    expect(x?.message_id).toContain("selisih 10");
    expect(x?.message_en).toContain("difference 10");
    expect(x?.related).toEqual(["C2:C6"]);
  });

  it("flags a SUM that omits a row (by its cached value)", () => {
    const fs = run(counts(f("SUM(C2:C5)")));
    expect(cellsOf(fs)).toEqual(["C7"]);
    expect(fs[0]?.expected).toBe(330);
    expect(fs[0]?.actual).toBe(313);
  });

  it("treats display rounding as fine and small drift as info", () => {
    const rows: In[][] = [
      ["Program", "Anggaran (juta)"],
      ["A", 10.24],
      ["B", 20.33],
      ["C", 5.18],
      ["Total", fmt(35.8, "#,##0.0")],
    ];
    expect(run(rows)).toEqual([]); // 35.75 shown with one decimal
    rows[4] = ["Total", fmt(35.9, "#,##0.0")];
    const fs = run(rows);
    expect(fs.map((x) => [x.cell, x.severity])).toEqual([["B5", "info"]]);
    expect(fs[0]?.message_en).toMatch(/Rounding drift/);
    rows[4] = ["Total", fmt(36.5, "#,##0.0")];
    expect(run(rows).map((x) => x.severity)).toEqual(["error"]);
  });

  it("checks subtotals and the grand total, and detects double counting", () => {
    const rows: In[][] = [
      ["Uraian", "Pagu"],
      ["Keg 1", 100],
      ["Keg 2", 200],
      ["Sub Total", f("SUM(B2:B3)")],
      ["Keg 3", 50],
      ["Keg 4", 25],
      ["Sub Total", f("SUM(B5:B6)")],
      ["Grand Total", f("B4+B7")],
    ];
    expect(run(rows)).toEqual([]);
    rows[7] = ["Grand Total", f("SUM(B2:B7)")];
    const fs = run(rows);
    expect(cellsOf(fs)).toEqual(["B8"]);
    expect(fs[0]?.expected).toBe(375);
    expect(fs[0]?.actual).toBe(750);
    expect(fs[0]?.message_en).toMatch(/double counting/);
    expect(fs[0]?.message_id).toMatch(/terhitung ganda/);
  });

  it("checks a wrong subtotal against its own block", () => {
    const rows: In[][] = [
      ["Uraian", "Pagu"],
      ["Keg 1", 100],
      ["Keg 2", 200],
      ["Subtotal", 310],
      ["Keg 3", 50],
      ["Keg 4", 25],
      ["Subtotal", 75],
    ];
    const fs = run(rows);
    expect(cellsOf(fs)).toEqual(["B4"]);
    expect(fs[0]?.expected).toBe(300);
  });

  it("stays silent on totals of unrelated columns: years, text, row numbers, percentages", () => {
    const rows: In[][] = [
      ["No", "Tahun", "Uraian", "Capaian (%)", "Nilai"],
      [1, 2021, "a", 95, 10],
      [2, 2022, "b", 98, 20],
      [3, 2023, "c", 99, 30],
      [null, null, null, null, null],
    ];
    rows[4] = [3, 2023, "Total", 97.33, 60];
    // "Total" sits in column C: only D and E are to its right; D is a percentage column.
    expect(run(rows)).toEqual([]);
    const years: In[][] = [
      ["Uraian", "Tahun", "Jumlah Perkara"],
      ["a", 2021, 5],
      ["b", 2022, 6],
    ];
    years.push(["Total", 6065, 11]);
    // The years column sums to 6065 by chance of the fixture: still not a quantity to total.
    expect(run(years)).toEqual([]);
  });

  it("checks a percentage column through its header only, not as a sum", () => {
    const rows: In[][] = [
      ["Program", "Pagu", "Realisasi", "%"],
      ["A", 100, 90, 90],
      ["B", 200, 150, 75],
      ["Jumlah", 300, 240, 80],
    ];
    expect(run(rows)).toEqual([]);
  });

  it("checks Rata-rata rows as averages", () => {
    const rows: In[][] = [
      ["Indikator", "Nilai"],
      ["a", 80],
      ["b", 90],
      ["c", 70],
      ["Rata-rata", 80],
    ];
    expect(run(rows)).toEqual([]);
    rows[4] = ["Rata-rata", 85];
    const fs = run(rows);
    expect(cellsOf(fs)).toEqual(["B5"]);
    expect(fs[0]?.expected).toBe(80);
  });

  it("checks a Jumlah column against the cells to its left when one span explains most rows", () => {
    const rows: In[][] = [["No", "Satker", "TW I", "TW II", "TW III", "Jumlah"]];
    const data = [
      [3, 4, 5],
      [1, 1, 2],
      [6, 2, 2],
      [0, 5, 4],
      [2, 2, 2],
    ];
    data.forEach((d, i) => rows.push([i + 1, `S${i}`, ...d, d.reduce((s, v) => s + v, 0)]));
    expect(run(rows)).toEqual([]);
    (rows[3] as In[])[5] = 11;
    const fs = run(rows);
    expect(cellsOf(fs)).toEqual(["F4"]);
    expect(fs[0]?.expected).toBe(10);
    expect(fs[0]?.related).toEqual(["C4:E4"]);
  });

  it("stays silent on a 'Jumlah' column that is not a row sum", () => {
    const rows: In[][] = [["Satker", "Kode", "Jumlah"]];
    [
      [11, 5],
      [12, 40],
      [13, 7],
      [14, 3],
    ].forEach(([k, v], i) => rows.push([`S${i}`, k ?? 0, v ?? 0]));
    expect(run(rows)).toEqual([]);
  });
});

describe("label-totals, harder layouts", () => {
  it("flags a SUM range that leaves out a row even without cached values", () => {
    const rows: In[][] = [
      ["Satker", "Perkara"],
      ["A", 10],
      ["B", 0],
      ["C", 7],
      ["Jumlah", f("SUM(B2:B3)", null)],
    ];
    const fs = run(rows);
    expect(cellsOf(fs)).toEqual(["B5"]);
    expect(fs[0]?.severity).toBe("error");
    expect(fs[0]?.expected).toBe("=SUM(B2:B4)");
    expect(fs[0]?.message_en).toContain("leaves out B4");
  });

  it("warns when the omitted row is 0 today", () => {
    const rows: In[][] = [["Satker", "Perkara"], ["A", 10], ["B", 5], ["C", 0], ["Jumlah", f("SUM(B2:B3)")]];
    const fs = run(rows);
    expect(fs.map((x) => [x.cell, x.severity])).toEqual([["B5", "warning"]]);
  });

  it("steps over dashes and numbers stored as text inside the block", () => {
    const rows: In[][] = [["Satker", "TW I"], ["A", 10], ["B", "-"], ["C", "7"], ["D", 3], ["Jumlah", 20]];
    // 10 + 3 typed, "7" stored as text: a typed total of 20 includes it; the text-numbers rule reports C4.
    expect(run(rows)).toEqual([]);
    rows[5] = ["Jumlah", f("SUM(B2:B5)")];
    expect(run(rows)).toEqual([]); // SUM skips the text: 13, consistent with what Excel shows
  });

  it("checks an average of percentages (Rata-rata capaian)", () => {
    const rows: In[][] = [["Indikator", "Capaian (%)"], ["a", 90], ["b", "-"], ["c", 100], ["Rata-rata", 95]];
    expect(run(rows)).toEqual([]);
    rows[4] = ["Rata-rata", 92];
    expect(cellsOf(run(rows))).toEqual(["B5"]);
  });

  it("stays silent on a hierarchical table whose parent rows carry unlabelled sums", () => {
    const rows: In[][] = [
      ["Uraian", "Pagu"],
      ["Program A", f("SUM(B3:B4)")],
      ["Kegiatan A.1", 100],
      ["Kegiatan A.2", 50],
      ["Program B", f("SUM(B6:B7)")],
      ["Kegiatan B.1", 30],
      ["Kegiatan B.2", 20],
      ["Jumlah", f("B2+B5")],
    ];
    expect(run(rows)).toEqual([]);
  });
});
