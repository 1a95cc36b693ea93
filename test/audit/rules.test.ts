/**
 * Each schema rule on small workbooks shaped like the seed's tables: it fires on the seed's error
 * and stays silent on the corrected figure.
 */
import { describe, expect, it } from "vitest";
import { audit, blocks, pct, wb, type In } from "./helpers.js";

const CALC_HEAD = ["Komponen", "Pembilang", "Penyebut", "Nilai", "Bobot", "Nilai x Bobot"];

describe("digit-grouping", () => {
  it("flags the typed denominator 23.2547 and names the value that makes D2 true", () => {
    const w = wb(
      blocks("Hitung", [
        { title: "Perhitungan K1: Indeks kualitas layanan dokumen perjalanan", rows: [CALC_HEAD, ["D1", 23382, 24677, 94.75, pct(0.7), 66.32], ["D2", 23254, "23.2547", 99.99, pct(0.3), 29.99], ["K1", null, null, 96.31]] },
      ]),
    );
    const f = audit(w, ["digit-grouping"]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: "digit-grouping", severity: "error", sheet: "Hitung", cell: "C4", expected: 23257 });
    expect(f[0]?.message_id).toMatch(/23\.257/);
  });

  it("warns about numbers stored as text and mixed decimal marks", () => {
    const w = wb(
      blocks("Anggaran", [
        {
          rows: [
            ["BELANJA", "PAGU", "REALISASI", "%"],
            ["Belanja Pegawai", 100, 99, "99,00"],
            ["Belanja Barang", 100, 77.83, "77.83"],
            ["Belanja Modal", 100, 99.02, "99.02"],
          ],
        },
      ]),
    );
    const f = audit(w, ["digit-grouping"]);
    expect(f.filter((x) => /teks/.test(x.message_id))).toHaveLength(3);
    const mixed = f.filter((x) => /mencampur/.test(x.message_id));
    expect(mixed.map((x) => x.cell)).toEqual(["D2"]);
  });
});

describe("recompute and weights", () => {
  it("K2 stated as 95,17 is an error (its inputs give 95,45); K1's 96,31 is rounding drift", () => {
    const w = wb(
      blocks("Hitung", [
        { title: "Perhitungan K1: dokumen perjalanan", rows: [CALC_HEAD, ["D1", 23382, 24677, 94.75, pct(0.7), 66.32], ["D2", 23254, 23257, 99.99, pct(0.3), 29.99], ["K1", null, null, 96.31]] },
        { title: "Perhitungan K2: izin tinggal", rows: [CALC_HEAD, ["D1", 1731, 1757, 98.52, pct(0.7), 68.96], ["D2", 1552, 1758, 88.28, pct(0.3), 26.48], ["K2", null, null, 95.17]] },
      ]),
    );
    const f = audit(w, ["recompute"]);
    const k2 = f.find((x) => x.cell === "D11");
    expect(k2).toMatchObject({ severity: "error", expected: 95.448 });
    expect(k2?.message_id).toMatch(/95,44/); // the stated products' sum is quoted
    const k1 = f.find((x) => x.cell === "D5");
    expect(k1?.severity).toBe("info");
    expect(f.filter((x) => x.severity === "error")).toHaveLength(1);
  });

  it("I1's weights 40% + 70% are refused and the 70% named against the formula's 60%", () => {
    const w = wb(
      blocks("Gakum", [{ title: "Perhitungan I1: Indeks penyidikan keimigrasian", rows: [[...CALC_HEAD, "Kebijakan 0/0"], ["D1", 0, 0, 0, pct(0.4), 0, "nol"], ["D2", 0, 0, 0, pct(0.7), 0, "nol"], ["I1", null, null, 0]] }]),
    );
    const f = audit(w, ["weights"]);
    expect(f.find((x) => /110/.test(x.message_id))).toMatchObject({ severity: "error", cell: "E3", actual: 110 });
    expect(f.find((x) => /60%/.test(x.message_id))).toMatchObject({ cell: "E4", expected: 60, actual: 70 });
    const fixed = wb(blocks("Gakum", [{ title: "Perhitungan I1: penyidikan", rows: [[...CALC_HEAD, "Kebijakan 0/0"], ["D1", 0, 0, 0, pct(0.4), 0, "nol"], ["D2", 0, 0, 0, pct(0.6), 0, "nol"], ["I1", null, null, 0]] }]));
    expect(audit(fixed)).toEqual([]);
  });

  it("capaian: Tabel 3's 111,02 for 101,2 / 91 is wrong, the average row is checked per sasaran", () => {
    const w = wb(
      blocks("Tabel 3", [
        {
          title: "Tabel 3: Matriks Capaian Kinerja",
          rows: [
            ["Sasaran Kegiatan", "Indikator Kinerja Kegiatan", "Target", "Realisasi", "Capaian"],
            ["I. Meningkatnya Layanan Keimigrasian", "Indeks Kualitas Layanan Keimigrasian di Wilayah", 91, 101.2, 111.02],
            ["II. Optimalnya penegakan hukum", "Indeks Penegakan Hukum Keimigrasian di Wilayah", 90.8, 75, 82.6],
            ["III. Meningkatnya Pelayanan Reformasi Birokrasi", "Persentase Pelaksanaan Rencana Aksi Reformasi Birokrasi", 100, 95, 95],
            [null, "Indeks Kepuasan Unit Kerja", 3.51, 3.79, 107.98],
            [null, "Rata-rata capaian Sasaran Kegiatan III", null, null, 99.15],
          ],
        },
      ]),
    );
    const f = audit(w, ["recompute"]);
    expect(f.find((x) => x.cell === "E3")).toMatchObject({ severity: "error" });
    const avg = f.find((x) => x.cell === "E7");
    expect(avg?.severity).toBe("error");
    expect(avg?.expected).toBeCloseTo(101.49, 2);
    expect(avg?.message_id).toMatch(/seluruh 4 indikator/);
    expect(f.find((x) => x.cell === "E4")).toBeUndefined(); // 75 / 90,8 = 82,60
  });

  it("a literal percent sign in a capaian format (0.00\"%\", 0.00\\%) shows the value as it is: no ×100", () => {
    const table = (fmt: string, capaian: number) =>
      wb(
        blocks("Tabel 3", [
          {
            title: "Tabel 3: Matriks Capaian Kinerja",
            rows: [
              ["Sasaran Kegiatan", "Indikator Kinerja Kegiatan", "Target", "Realisasi", "Capaian"],
              ["I. Meningkatnya Layanan Keimigrasian", "Indeks Kualitas Layanan Keimigrasian di Wilayah", 91, 87.14, { v: capaian, fmt }],
              ["II. Optimalnya penegakan hukum", "Indeks Penegakan Hukum Keimigrasian di Wilayah", 90.8, 75, { v: capaian === 95.76 ? 82.6 : 0.826, fmt }],
            ],
          },
        ]),
      );
    // 87,14 / 91 = 95,76 %: stated as 95.76 under a literal sign, as 0.9576 under a percent format.
    expect(audit(table('0.00"%"', 95.76), ["recompute"])).toEqual([]);
    expect(audit(table("0.00\\%", 95.76), ["recompute"])).toEqual([]);
    expect(audit(table("0.00%", 0.9576), ["recompute"])).toEqual([]);
    // Read as a percentage, a literal-sign 95.76 would be 9.576 %: the check still catches a wrong one.
    expect(audit(table('0.00"%"', 0.9576), ["recompute"]).map((x) => x.cell)).toContain("E3");
  });
});

describe("totals", () => {
  it("Tabel 16: 79,49% for 1.114.081.167 / 1.629.443.000 and a total that is not the sum of its parents", () => {
    const w = wb(
      blocks("Anggaran", [
        {
          title: "Tabel 16: Realisasi Anggaran",
          rows: [
            ["Kegiatan", "Anggaran", "Realisasi", "Persentase"],
            ["Meningkatnya Layanan Keimigrasian di Kewilayahan", 384013000, 305272097, pct(0.7949)],
            ["Indeks Kualitas Layanan Keimigrasian di Wilayah", 384013000, 305272097, pct(0.7949)],
            ["Optimalnya penegakan hukum Keimigrasian di kewilayahan", 1629443000, 1114081167, pct(0.7949)],
            ["Indeks Penegakan Hukum Keimigrasian di Wilayah", 1629443000, 1114081167, pct(0.7949)],
            ["Total", 2013456000, 1419353265, pct(0.7049)],
          ],
        },
      ]),
    );
    const f = audit(w, ["totals"]);
    const pctErr = f.filter((x) => x.severity === "error" && /68,37/.test(x.message_id));
    expect(pctErr.map((x) => x.cell)).toEqual(["D5", "D6"]);
    expect(f.find((x) => x.cell === "D3")?.severity).toBe("info"); // 79,495 shown truncated
    expect(f.find((x) => x.cell === "C7")?.severity).toBe("error"); // 1.419.353.265 ≠ 1.419.353.264
    expect(f.find((x) => x.cell === "B7")).toBeUndefined();
  });

  it("a child identical to its parent with two children is flagged", () => {
    const w = wb(
      blocks("T18", [
        {
          rows: [
            ["Kegiatan", "Anggaran", "Realisasi", "Persentase (%)"],
            ["Meningkatnya Pelayanan Reformasi Birokrasi di Lingkup UPT", 48485653000, 45881908110, 94.63],
            ["Persentase Pelaksanaan Rencana Aksi Reformasi Birokrasi", 48485653000, 45881908110, 94.63],
            ["Indeks Kepuasan Unit Kerja", 23659102000, 22409336531, 94.72],
          ],
        },
      ]),
    );
    const f = audit(w, ["totals"]);
    expect(f.filter((x) => /sama persis/.test(x.message_id)).length).toBe(2);
    expect(f.filter((x) => /induk/.test(x.message_id) && x.severity === "error").length).toBe(2);
  });
});

describe("ratios, duplicates, units, polarity, swapped columns", () => {
  it("more completed than received (Labuan Bajo) is an error", () => {
    const w = wb(
      blocks("Layanan", [
        {
          title: "Tabel 4: Layanan Dokumen Perjalanan",
          rows: [
            ["No", "UPT", "Jenis Layanan", "Total Permohonan", "Terbit", "Ditolak", "Batal by system"],
            [3, "Kanim Kelas II TPI Labuan Bajo", "Paspor", 1608, 1608, 18, 84],
            [null, null, "Pos Lintas Batas", 0, 0, null, null],
            [4, "Kanim Kelas II TPI Maumere", "Paspor", 1432, 1432, 0, 0],
          ],
        },
      ]),
    );
    const f = audit(w, ["ratios"]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ cell: "E3", severity: "error", actual: 1710 });
    expect(f[0]?.message_id).toMatch(/Labuan Bajo/);
  });

  it("0/0 written as 0 without a stated policy is a warning", () => {
    const w = wb(blocks("K6", [{ title: "Perhitungan K6", rows: [CALC_HEAD, ["D1", 100, 100, 100, pct(0.6), 60], ["D2", 1, 1, 100, pct(0.3), 30], ["D3", 0, 0, 0, pct(0.1), 0], ["K6", null, null, 90]] }]));
    const f = audit(w, ["ratios"]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ cell: "D5", severity: "warning" });
  });

  it("a village listed twice, the Rupiah amount in the TAK count column", () => {
    const w = wb(
      blocks("Gakum", [
        {
          rows: [
            ["No", "UPT", "Desa Binaan", "Tahun Pembentukan"],
            [3, "Kanim Labuan Bajo", "Desa Batu Cermin Kab. Manggarai Barat", 2024],
            [null, null, "Desa Wae Ri'i Kab. Manggarai", 2024],
            [null, null, "Desa Batu Cermin  Kab. Manggarai Barat", 2025],
          ],
        },
        {
          rows: [
            ["No", "UPT", "Tindakan Administratif Keimigrasian", "Jumlah"],
            [2, "Kanim Atambua", "Deportasi", 67],
            [null, null, "Deportasi dan Usulan Penangkalan", 58],
            [null, null, "Keharusan untuk bertempat tinggal", 67],
            [null, null, "Pengenaan Biaya Beban", 675500000],
            [3, "Kanim Maumere", "Deportasi", 4],
          ],
        },
      ]),
    );
    const d = audit(w, ["duplicates"]);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ cell: "C4", related: ["Gakum!C2"] });
    const u = audit(w, ["units"]);
    expect(u).toHaveLength(1);
    expect(u[0]).toMatchObject({ cell: "D10", severity: "error" });
  });

  it("K5's lower-is-better D2 scored as 269/310 is a polarity error", () => {
    const w = wb(
      blocks("K5", [
        {
          title: "Perhitungan K5: desa binaan",
          rows: [
            [...CALC_HEAD, "Polaritas"],
            ["D1", 17, 25, 68, pct(0.45), 30.6],
            ["D2", 269, 310, 86.77, pct(0.05), 4.34, "negatif"],
            ["D3", 4, 1, 0, pct(0.05), 0, "negatif"],
            ["D4", 21, 21, 100, pct(0.45), 45],
            ["K5", null, null, 79.94],
          ],
        },
      ]),
    );
    const f = audit(w, ["polarity"]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ cell: "D4", expected: 113.23 });
  });

  it("Tabel 3's Anggaran row: target and realisasi swapped", () => {
    const w = wb(
      blocks("T3", [
        {
          rows: [
            ["Sasaran Kegiatan", "Indikator Kinerja Kegiatan", "Target", "Realisasi", "Capaian"],
            ["Anggaran", null, 5679617677, 5823371000, 97.53],
          ],
        },
      ]),
    );
    const f = audit(w, ["swapped-columns"]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ cell: "C2", severity: "error" });
    expect(audit(w, ["recompute"])).toEqual([]);
  });
});

describe("cross-table", () => {
  it("crossings per office in Tabel 12 against Tabel 23, and a count against its list", () => {
    const w = wb(
      blocks("Data", [
        {
          title: "Tabel 12: Data Perlintasan",
          rows: [
            ["No", "UPT", "Jumlah Pemeriksaan", "Jumlah Pelanggaran Yang Di Temukan", "Total Penggunaan Autogate"],
            [1, "Kanim Kelas I TPI Kupang", 4063, 1, 0],
            [2, "Kanim Kelas II TPI Atambua", 402021, 0, 0],
            [3, "Kanim Kelas II TPI Maumere", 435, 0, 0],
          ],
        },
        {
          title: "Tabel 23: Data Perlintasan",
          rows: [
            ["No.", "UPT", "Kedatangan WNI", "Keberangkatan WNI", "Kedatangan OA", "Keberangkatan OA", "Jumlah"],
            [1, "Kanim Kelas I TPI Kupang", 30, 38, 27, 30, 125],
            [null, null, 357, 430, 2484, 667, 3938],
            [2, "Kanim Kelas II TPI Atambua", 90011, 92641, 156222, 153359, 492233],
            [null, null, 13774, 14124, 17666, 17278, 62842],
            [4, "Kanim Kelas II TPI Maumere", "-", 19, "-", 416, 435],
          ],
        },
      ]),
    );
    const f = audit(w, ["cross-table"]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ cell: "C4", expected: 555075, actual: 402021 });
    expect(f[0]?.message_id).toMatch(/Atambua/);
  });
});

describe("table recognition", () => {
  it("an Excel table keeps its rows across blank rows; its name serves as the title", () => {
    const s = blocks("Data", [
      {
        rows: [
          ["No", "UPT", "Desa Binaan", "Tahun Pembentukan"],
          [1, "Kanim Kupang", "Desa Batutua", 2025],
          [],
          [],
          [2, "Kanim Atambua", "Desa Batutua", 2025],
        ],
      },
    ]);
    s.tables = [{ name: "DaftarDesa", ref: "A1:D5" }];
    const f = audit(wb(s), ["duplicates"]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ cell: "C5" });
    expect(f[0]?.message_id).toMatch(/DaftarDesa/);
    // without the Excel table, two blank rows end the list
    const plain = blocks("Data", [{ rows: [["No", "UPT", "Desa Binaan", "Tahun Pembentukan"], [1, "Kanim Kupang", "Desa Batutua", 2025], [], [], [2, "Kanim Atambua", "Desa Batutua", 2025]] }]);
    expect(audit(wb(plain), ["duplicates"])).toEqual([]);
  });
});

describe("effective budget (pagu efektif)", () => {
  const table = (serapan: number, realisasi = 5679617677) =>
    blocks("Anggaran", [
      {
        title: "Tabel 16: Realisasi Anggaran",
        rows: [
          ["Kegiatan", "Anggaran", "Realisasi", "Persentase"],
          ["Meningkatnya Layanan Keimigrasian", 6374168000, 5679617677, pct(0.891)],
          ["Total", 6374168000, 5679617677, pct(0.891)],
        ],
      },
      {
        title: "Pagu Efektif dan Serapan Anggaran",
        rows: [
          ["Uraian", "Jumlah"],
          ["Pagu Anggaran", 6374168000],
          ["Blokir Anggaran", 550797000],
          ["Pagu Efektif", 5823371000],
          ["Realisasi Anggaran", realisasi],
          ["Persentase Serapan", pct(serapan)],
        ],
      },
    ]);

  it("serapan is realisasi ÷ (pagu − blokir): 97,53%, not the 89,10% of the whole budget", () => {
    expect(audit(wb(table(0.9753)), ["recompute"])).toEqual([]);
    const f = audit(wb(table(0.891)), ["recompute"]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ cell: "B12", severity: "error", expected: 97.53 });
  });

  it("its realisation must match the budget table with the same pagu", () => {
    const f = audit(wb(table(0.9753, 5679617633)), ["cross-table"]);
    expect(f.map((x) => [x.cell, x.actual, x.expected])).toEqual([["B11", 5679617633, 5679617677]]);
  });
});

describe("targets against the Perjanjian Kinerja", () => {
  it("a capaian target or a PK target that differs from the schema's targets is an error", () => {
    const w = wb(
      blocks("PK", [
        {
          rows: [
            ["No", "Sasaran Kegiatan", "Indikator Kinerja Kegiatan", "Satuan", "Target 2025", "Target 2026"],
            [1, "Optimalnya Penegakan Hukum", "Indeks Penegakan Hukum Keimigrasian di Wilayah", "Indeks", 90.8, 91.35],
            [2, "Meningkatnya Layanan Keimigrasian", "Indeks Kualitas Layanan Keimigrasian di Wilayah", "Indeks", 91, 92.2],
          ],
        },
        {
          rows: [
            ["Sasaran Kegiatan", "Indikator Kinerja Kegiatan", "Target", "Realisasi", "Capaian"],
            ["I. Meningkatnya Layanan Keimigrasian", "Indeks Kualitas Layanan Keimigrasian di Wilayah", 90, 95.73, 106.37],
          ],
        },
      ]),
    );
    const f = audit(w, ["cross-table"]);
    expect(f.map((x) => [x.cell, x.expected, x.actual])).toEqual(
      expect.arrayContaining([
        ["F2", 91.53, 91.35],
        ["C6", 91, 90],
      ]),
    );
    expect(f).toHaveLength(2);
  });
});

describe("IKPA table", () => {
  const ikpa = (akhir: number, konversi: In) =>
    wb(
      blocks("IKPA", [
        {
          title: "Indikator Pelaksanaan Anggaran (OM SPAN)",
          rows: [
            ["Komponen", "Nilai", "Bobot", "Nilai Akhir"],
            ["Revisi DIPA", 100, 10, 10],
            ["Deviasi Halaman III DIPA", 94.58, 15, 14.19],
            ["Penyerapan Anggaran", 81.68, 20, 16.34],
            ["Belanja Kontraktual", 0, 0, 0],
            ["Penyelesaian Tagihan", 100, 10, 10],
            ["Pengelolaan UP dan TUP", 97.94, 10, 9.79],
            ["Capaian Output", 100, 25, 25],
            ["Nilai Total", null, null, 85.32],
            ["Konversi Bobot", null, null, konversi],
            ["Dispensasi SPM", null, null, 0],
            ["Nilai Akhir", null, null, akhir],
          ],
        },
      ]),
    );

  it("85,32 / 90% = 94,80 passes; a final value or a weight conversion that does not follow is flagged", () => {
    expect(audit(ikpa(94.8, pct(0.9)), ["recompute"]).filter((f) => f.severity !== "info")).toEqual([]);
    const f = audit(ikpa(95.8, pct(1)), ["recompute"]).filter((x) => x.severity === "error");
    expect(f.map((x) => [x.cell, x.expected])).toEqual(
      expect.arrayContaining([
        ["D13", 94.7967],
        ["D11", 90],
      ]),
    );
  });
});
