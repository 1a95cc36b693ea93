import { describe, expect, it } from "vitest";
import { loadBuiltinSchema } from "../../src/core/schema/schema.js";
import type { CellSnapshot, WorkbookSnapshot } from "../../src/core/snapshot.js";
import { capaianSeries } from "../../src/taskpane/capaian.js";

function sheet(rows: (string | number | null | { v: number; nf: string })[][], top = 1): CellSnapshot[] {
  const cells: CellSnapshot[] = [];
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      if (v === null) return;
      if (typeof v === "object") cells.push({ row: top + i, col: j + 1, value: v.v, numberFormat: v.nf });
      else cells.push({ row: top + i, col: j + 1, value: v });
    }),
  );
  return cells;
}

describe("capaianSeries", () => {
  const schema = loadBuiltinSchema();
  const book: WorkbookSnapshot = {
    sheets: [
      {
        name: "Tabel 2",
        cells: sheet([
          ["Tabel 2. Capaian Kinerja Tahun 2025"],
          [],
          ["Sasaran Kegiatan", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"],
          ["Meningkatnya kualitas layanan", "Indeks Kualitas Layanan Keimigrasian di Wilayah", 91, 93.5, 102.75],
          [null, "Indeks Penegakan Hukum Keimigrasian di Wilayah", 90.8, 88, null],
          ["Terwujudnya tata kelola", "Indeks Kepuasan Unit Kerja Lingkup UPT Imigrasi", 3.51, 3.42, { v: 0.9744, nf: "0.00%" }],
          [null, "Rata-rata capaian", null, null, 99],
        ]),
      },
    ],
  };

  it("gives one point per schema indicator, stated or computed, on the percent scale", () => {
    const s = capaianSeries(book, schema);
    expect(s.map((p) => p.id)).toEqual(schema.indicators.map((i) => i.id));
    const by = Object.fromEntries(s.map((p) => [p.id, p]));
    expect(by.ikk_layanan).toMatchObject({ target: 91, realisasi: 93.5, capaian: 102.75, where: "Tabel 2!E4" });
    expect(by.ikk_gakum?.capaian).toBeCloseTo((88 / 90.8) * 100, 6);
    expect(by.kepuasan?.capaian).toBeCloseTo(97.44, 6);
    // Not in the workbook: no data, not a crash.
    expect(by.rb).toMatchObject({ capaian: null, target: null });
  });

  it("is tolerant: an empty workbook gives points without data", () => {
    const s = capaianSeries({ sheets: [] }, schema);
    expect(s.every((p) => p.capaian === null)).toBe(true);
  });
});
