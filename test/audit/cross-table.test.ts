/**
 * cross-table links over detailed tables: where/except filters on the row label, derived columns,
 * Jumlah rows left out, per-office sums with filled-down offices, counts of a list, the cells named
 * as related, and budget tables without a total row.
 */
import { describe, expect, it } from "vitest";
import { audit, blocks, pct, wb, type In } from "./helpers.js";

const CALC_HEAD = ["Komponen", "Pembilang", "Penyebut", "Nilai", "Bobot", "Nilai x Bobot"];
const LAYANAN_HEAD = ["No", "UPT", "Jenis Layanan", "Total Permohonan", "Terbit", "Ditolak", "Batal by system", "Jumlah Diselesaikan"];

/** A service row: completed (the derived `selesai`) is terbit + ditolak + batal. */
const svc = (no: number, upt: string | null, jenis: string, diterima: number, terbit: number, ditolak: number, batal: number): In[] => [no, upt, jenis, diterima, terbit, ditolak, batal, terbit + ditolak + batal];

describe("cross-table over detailed tables", () => {
  // Ten passport rows (more than the eight cells named), two stay-permit rows, a Jumlah row.
  const passports = Array.from({ length: 10 }, (_, i) => svc(i + 1, i % 2 === 0 ? "Kanim Kupang" : null, i % 2 ? "Paspor Elektronik" : "Paspor Biasa", 100, 90, 5, 1));
  const layanan = (extra: In[][] = []) => ({
    title: "Tabel 5: Data Layanan Keimigrasian",
    rows: [LAYANAN_HEAD, ...passports, svc(11, "Kanim Atambua", "ITAS", 50, 40, 2, 1), svc(12, null, "Izin Tinggal Kunjungan", 30, 20, 1, 0), ...extra, ["Jumlah", null, null, 1080, 960, 53, 11, 1024]],
  });
  const calc = (pembilang: number, penyebut: number) => ({
    title: "Perhitungan K1: Indeks kualitas layanan dokumen perjalanan",
    rows: [CALC_HEAD, ["D1", pembilang, penyebut, (pembilang / penyebut) * 100, pct(0.7), 0], ["D2", 10, 10, 100, pct(0.3), 30], ["K1", null, null, 0]],
  });

  it("D1 of K1 against the passport rows only: the derived completed count, the Jumlah row left out", () => {
    // 10 passport rows × (90 + 5 + 1) = 960 completed, 10 × 100 = 1000 received.
    expect(audit(wb(blocks("Data", [calc(960, 1000), layanan()])), ["cross-table"])).toEqual([]);
    const f = audit(wb(blocks("Data", [calc(961, 1000), layanan()])), ["cross-table"]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ cell: "B3", actual: 961, expected: 960 });
    expect(f[0]?.message_en).toMatch(/"terbit \+ ditolak \+ batal"/);
    // The first eight contributing rows are named, after the cell of the stated total.
    expect(f[0]?.related).toHaveLength(9);
    expect(f[0]?.related[1]).toMatch(/^Data!/);
  });

  it("a row named with a stay-permit word does not count towards the travel documents", () => {
    const f = audit(wb(blocks("Data", [calc(960, 1000), layanan([svc(13, null, "ITAP", 7, 7, 0, 0)])])), ["cross-table"]);
    expect(f).toEqual([]);
  });

  it("passports per office: refusals left out (except), offices filled down, an office without figures is 'empty'", () => {
    const w = wb(
      blocks("Data", [
        {
          title: "Tabel 8: Data Penerbitan Paspor",
          rows: [
            ["No", "UPT", "Jenis Paspor", "Jumlah"],
            [1, "Kanim Kupang", "Paspor Biasa", 300],
            [2, null, "Paspor Elektronik", 150],
            [3, null, "Penolakan Paspor", 40],
            [4, "Kanim Atambua", "Paspor Biasa", 99],
            [5, "Kanim Maumere", "Paspor Biasa", null],
            ["Jumlah", null, null, 589],
          ],
        },
        {
          title: "Tabel 5: Data Layanan Keimigrasian",
          rows: [LAYANAN_HEAD, svc(1, "Kanim Kupang", "Paspor Biasa", 320, 300, 10, 0), svc(2, null, "Paspor Elektronik", 160, 150, 5, 0), svc(3, null, "ITAS", 20, 20, 0, 0), svc(4, "Kanim Atambua", "Paspor Biasa", 110, 100, 0, 0), svc(5, "Kanim Maumere", "Paspor Biasa", 10, 8, 0, 0)],
        },
      ]),
    );
    const f = audit(w, ["cross-table"]);
    expect(f.map((x) => [x.cell, x.actual, x.expected])).toEqual(
      expect.arrayContaining([
        ["D6", 99, 100],
        ["D7", null, 8],
      ]),
    );
    expect(f).toHaveLength(2);
    expect(f.find((x) => x.cell === "D6")?.message_id).toMatch(/Atambua/);
    expect(f.find((x) => x.cell === "D7")?.message_id).toMatch(/kosong/);
  });

  it("villages formed against the list of villages: each village counted once, dashes not counted", () => {
    const w = (stated: number) =>
      wb(
        blocks("Gakum", [
          {
            title: "Perhitungan K5: desa binaan",
            rows: [CALC_HEAD, ["D1", 1, 1, 100, pct(0.45), 45], ["D2", 0, 1, 100, pct(0.05), 5], ["D3", 0, 1, 100, pct(0.05), 5], ["D4", stated, 3, (stated / 3) * 100, pct(0.45), 45], ["K5", null, null, 100]],
          },
          {
            title: "Tabel 20: Desa Binaan",
            rows: [
              ["No", "UPT", "Desa Binaan", "Tahun Pembentukan"],
              [1, "Kanim Kupang", "Desa Oesao", 2024],
              [2, "Kanim Kupang", "desa  OESAO", 2025],
              [3, "Kanim Atambua", "Desa Silawan", 2025],
              [4, "Kanim Maumere", "-", 2025],
              [5, "Kanim Maumere", "Desa Koting", 2025],
            ],
          },
        ]),
      );
    expect(audit(w(3), ["cross-table"])).toEqual([]);
    const f = audit(w(4), ["cross-table"]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ actual: 4, expected: 3 });
  });
});

describe("budget tables without a total row", () => {
  it("the same budget in two tables, summed from their rows: their realisations must agree", () => {
    const table = (title: string, rows: In[][]) => ({ title, rows: [["Jenis Belanja", "Pagu", "Realisasi", "Persentase"], ...rows] });
    const w = (second: number) =>
      wb(
        blocks("Anggaran", [
          table("Tabel 16: Realisasi Anggaran per Kegiatan", [
            ["Dukungan Manajemen", 600, 500, 83.33],
            ["Layanan Keimigrasian", 400, 300, 75],
          ]),
          table("Tabel 17: Realisasi Anggaran per Jenis Belanja", [
            ["Belanja Pegawai", 700, 560, 80],
            ["Belanja Barang", 300, second, (second / 300) * 100],
          ]),
        ]),
      );
    expect(audit(w(240), ["cross-table"])).toEqual([]);
    const f = audit(w(250), ["cross-table"]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ cell: "A7", actual: 810, expected: 800, related: [] });
  });
});
