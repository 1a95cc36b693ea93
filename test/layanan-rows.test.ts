/**
 * IKK_LAYANAN over big and irregular ranges: the row loop runs in blocks of rows and reads columns a
 * range does not have as blanks, so these check what must not change across a block boundary (the
 * component a row inherits from the row above, the located row number of an error) and the
 * columns that are absent or short.
 */
import { describe, expect, it } from "vitest";
import { SakipError } from "../src/core/errors.js";
import { IKK_LAYANAN } from "../src/core/sheetFunctions.js";

function errorOf(fn: () => unknown): SakipError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SakipError) return e;
    throw e;
  }
  throw new Error("no error");
}

/** D1, D2, K and X computed directly from per-component totals. */
function expected(k1: number[], k2: number[]): { X: number; K1: number; K2: number } {
  const k = ([diterima = 0, selesai = 0, sesuai = 0, tepat = 0]: number[]) => 0.7 * ((selesai / diterima) * 100) + 0.3 * ((tepat / sesuai) * 100);
  return { X: 0.5 * k(k1) + 0.5 * k(k2), K1: k(k1), K2: k(k2) };
}

describe("IKK_LAYANAN row loop", () => {
  it("a row without a component keeps the one above it, across thousands of rows", () => {
    // Only rows 1 and 1,501 name a component; the rows below each belong to it (blocks are 1,024 rows).
    const rows: unknown[][] = [];
    const k1 = [0, 0, 0, 0];
    const k2 = [0, 0, 0, 0];
    for (let i = 0; i < 3000; i++) {
      const label = i === 0 ? "K1" : i === 1500 ? "K2" : i % 3 ? "" : null;
      const diterima = 10 + (i % 7);
      const row = [label, diterima, diterima - 3, 1, 1, 20, 15 + (i % 5)];
      rows.push(row);
      const acc = i < 1500 ? k1 : k2;
      acc[0]! += diterima;
      acc[1]! += diterima - 1;
      acc[2]! += 20;
      acc[3]! += 15 + (i % 5);
    }
    const want = expected(k1, k2);
    expect(IKK_LAYANAN(rows)).toBeCloseTo(want.X, 9);
    expect(IKK_LAYANAN(rows, null, "K1")).toBeCloseTo(want.K1, 9);
    expect(IKK_LAYANAN(rows, null, "K2")).toBeCloseTo(want.K2, 9);
  });

  it("names the row of a bad cell far down a big range", () => {
    const rows: unknown[][] = Array.from({ length: 2500 }, (_, i) => [i % 2 ? "K2" : "K1", 100, 90, 5, 5, 100, 90]);
    rows[2222] = ["K1", 100, "sembilan puluh", 5, 5, 100, 90];
    const e = errorOf(() => IKK_LAYANAN(rows));
    expect(e.code).toBe("#VALUE!");
    expect(e.messageId).toContain("data baris 2223 (terbit)");
    rows[2222] = ["K1", 100, 90, 5, 5, 100, 101];
    const n = errorOf(() => IKK_LAYANAN(rows));
    expect(n.code).toBe("#NUM!");
    expect(n.messageId).toContain("data baris 2223: tepat waktu 101");
  });

  it("skips a total row marked in any label column, also UPT and No, and the row of a total in Jenis Layanan above an unknown one", () => {
    const rows = [
      ["No", "UPT", "Komponen", "Jenis Layanan", "Total Permohonan", "Terbit", "Ditolak", "Batal by system", "Sesuai Syarat", "Tepat Waktu"],
      [1, "Kupang", "K1", "Paspor", 100, 90, 5, 5, 100, 90],
      [2, "Kupang", "K2", "ITK", 50, 40, 5, 5, 50, 40],
      ["", "Jumlah", "", "", 150, 130, 10, 10, 150, 130],
      ["Total", "", "", "", 150, 130, 10, 10, 150, 130],
      ["", "", "K1", "Jumlah K1", 100, 90, 5, 5, 100, 90],
    ];
    const want = expected([100, 100, 100, 90], [50, 50, 50, 40]);
    expect(IKK_LAYANAN(rows)).toBeCloseTo(want.X, 12);
  });

  it("reads missing columns and short rows as blanks", () => {
    // Jumlah Diselesaikan instead of terbit/ditolak/batal; the last row is cut short after diterima.
    const data = [
      ["Jenis Layanan", "Total Permohonan", "Jumlah Diselesaikan", "Sesuai Syarat", "Tepat Waktu"],
      ["Paspor", 100, 100, 100, 90],
      ["ITK", 50, 50, 50, 40],
      ["Paspor", 10],
    ];
    const want = expected([110, 100, 100, 90], [50, 50, 50, 40]);
    expect(IKK_LAYANAN(data)).toBeCloseTo(want.X, 12);
    // A headerless timing range (Jenis Layanan | sesuai | tepat) replaces the data's timing figures.
    const timing = [
      ["Paspor", 80, 60],
      ["ITK", 40, 20],
    ];
    const timed = expected([110, 100, 80, 60], [50, 50, 40, 20]);
    expect(IKK_LAYANAN(data, timing)).toBeCloseTo(timed.X, 12);
  });

  it("refuses a row that is not a row, and an unknown service with no component above, at their row", () => {
    const rows: unknown[] = [["K1", 100, 90, 5, 5, 100, 90], "K2"];
    expect(errorOf(() => IKK_LAYANAN(rows)).messageId).toContain("data baris 2: bukan baris rentang");
    const unknown = [
      ["Jenis Layanan", "Total Permohonan", "Terbit", "Sesuai Syarat", "Tepat Waktu"],
      ["Lainnya", 10, 10, 10, 10],
    ];
    const e = errorOf(() => IKK_LAYANAN(unknown));
    expect(e.code).toBe("#VALUE!");
    expect(e.messageId).toContain('data baris 2: jenis layanan "Lainnya" tidak dikenali');
  });
});
