/**
 * Every formula block of the seed's BAB III and budget section, reproduced from its inputs.
 * Expected values are derived here with plain arithmetic, never copied from the report (whose
 * arithmetic is sometimes wrong); where the report is right, its rounded figure is checked too.
 */
import { describe, expect, it } from "vitest";
import * as sakip from "../src/lib/index.js";
import { SakipError } from "../src/core/errors.js";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof SakipError) return e.code;
    throw e;
  }
  return undefined;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

describe("BAB III sasaran I: Indeks Kualitas Layanan Keimigrasian", () => {
  it("K1 from its stated D1/D2 inputs (with the 23.257 denominator meant)", () => {
    const d1 = sakip.RASIO(23382, 24677);
    const d2 = sakip.RASIO(23254, 23257);
    expect(d1).toBeCloseTo((23382 / 24677) * 100, 10);
    expect(r2(d1)).toBe(94.75);
    expect(r2(d2)).toBe(99.99);
    const k1 = sakip.INDEKS_KOMPOSIT([[d1], [d2]], [[70], [30]]);
    expect(k1).toBeCloseTo(0.7 * d1 + 0.3 * d2, 10);
    expect(r2(k1)).toBe(96.32); // the report prints 96,31 after rounding each product first
  });

  it("the typed denominator 23.2547 is refused as broken grouping, not silently read", () => {
    expect(codeOf(() => sakip.RASIO(23254, "23.2547"))).toBe("#VALUE!");
    try {
      sakip.ANGKA_ID("23.2547");
    } catch (e) {
      expect((e as SakipError).messageId).toMatch(/23\.257/);
    }
  });

  it("K2 is 95,45 from its D1/D2, not the printed 95,17", () => {
    const d1 = 98.52;
    const d2 = 88.28;
    const k2 = sakip.INDEKS_KOMPOSIT([[d1, d2]], [[0.7, 0.3]]);
    expect(k2).toBeCloseTo(0.7 * 98.52 + 0.3 * 88.28, 10);
    expect(r2(k2)).toBe(95.45);
    expect(r2(k2)).not.toBe(95.17);
    // and from the raw ratios
    const raw = sakip.INDEKS_KOMPOSIT([[sakip.RASIO(1731, 1757)], [sakip.RASIO(1552, 1758)]], [[70], [30]]);
    expect(raw).toBeCloseTo(0.7 * (1731 / 1757) * 100 + 0.3 * (1552 / 1758) * 100, 10);
  });

  it("X = K1·50% + K2·50% and its capaian against target, RPJMN and national standard", () => {
    const x = sakip.INDEKS_KOMPOSIT([[96.31], [95.17]], [["50%"], ["50%"]]);
    expect(x).toBeCloseTo((96.31 + 95.17) / 2, 10);
    expect(r2(x)).toBe(95.74); // the report truncates to 95,73
    expect(r2(sakip.CAPAIAN(95.73, 91))).toBe(105.2);
    expect(r2(sakip.CAPAIAN(95.73, 95.2))).toBe(100.56);
    expect(r2(sakip.CAPAIAN(95.73, 96.52))).toBe(99.18);
  });

  it("IKK_LAYANAN from raw service rows with a header, per component and X", () => {
    const data = [
      ["Komponen", "UPT", "Jenis Layanan", "Total Permohonan", "Terbit", "Ditolak", "Batal by system", "Total Permohonan Sesuai Syarat", "Total Layanan Tepat Waktu"],
      ["K1", "Kupang", "Paspor", 12513, 11757, 33, 723, 11757, 11757],
      ["K1", "Atambua", "Paspor", 8292, 7855, 0, 437, 7855, 7855],
      ["K1", "Atambua", "Pos Lintas Batas", 730, 730, null, "-", 730, 730],
      ["K1", "Maumere", "Paspor", "1.432", "1.432", 0, 0, "1.432", "1.432"],
      ["K2", "Kupang", "EPO", 42, 41, 1, 0, 41, 39],
      ["K2", "Kupang", "Change data", 80, 69, 11, 0, 69, 53],
      ["", "", "Jumlah", 23089, 0, 0, 0, 0, 0],
    ];
    const k1d1 = ((11757 + 33 + 723 + 7855 + 437 + 730 + 1432) / (12513 + 8292 + 730 + 1432)) * 100;
    const k1d2 = ((11757 + 7855 + 730 + 1432) / (11757 + 7855 + 730 + 1432)) * 100;
    const k2d1 = ((41 + 1 + 69 + 11) / (42 + 80)) * 100;
    const k2d2 = ((39 + 53) / (41 + 69)) * 100;
    const k1 = 0.7 * k1d1 + 0.3 * k1d2;
    const k2 = 0.7 * k2d1 + 0.3 * k2d2;
    expect(sakip.IKK_LAYANAN(data, null, "K1.D1")).toBeCloseTo(k1d1, 10);
    expect(sakip.IKK_LAYANAN(data, null, "K2.D2")).toBeCloseTo(k2d2, 10);
    expect(sakip.IKK_LAYANAN(data, null, "K1")).toBeCloseTo(k1, 10);
    expect(sakip.IKK_LAYANAN(data)).toBeCloseTo(0.5 * k1 + 0.5 * k2, 10);
  });

  it("IKK_LAYANAN takes Tabel 4 and Tabel 5 shaped ranges separately, classifying services by name", () => {
    const tabel4 = [
      ["No", "UPT", "Jenis Layanan", "Jumlah Permohonan", "Diterbitkan", "Ditolak", "Batal oleh Sistem"],
      [1, "Kupang", "Paspor", 100, 90, 5, 5],
      ["", "", "Perpanjangan ITK", 50, 45, 5, 0],
    ];
    const tabel5 = [
      ["No", "UPT", "Jenis Layanan", "Lama Pelayanan (SOP)", "Total Permohonan Sesuai Syarat", "Total Layanan Tepat Waktu"],
      [1, "Kupang", "Paspor", "<=4 hari", 90, 81],
      ["", "", "Perpanjangan ITK", 3, 45, 36],
    ];
    const k1 = 0.7 * 100 + 0.3 * 90;
    const k2 = 0.7 * 100 + 0.3 * 80;
    expect(sakip.IKK_LAYANAN(tabel4, tabel5)).toBeCloseTo((k1 + k2) / 2, 10);
  });

  it("IKK_LAYANAN refuses more completed than received (Labuan Bajo: 1.608 + 18 + 84 against 1.608)", () => {
    const data = [
      ["Jenis Layanan", "Total Permohonan", "Terbit", "Ditolak", "Batal by system", "Sesuai Syarat", "Tepat Waktu"],
      ["Paspor", 1608, 1608, 18, 84, 1483, 1480],
      ["ITK", 10, 10, 0, 0, 10, 10],
    ];
    expect(codeOf(() => sakip.IKK_LAYANAN(data))).toBe("#NUM!");
  });
});

describe("BAB III sasaran II: Indeks Penegakan Hukum Keimigrasian", () => {
  const seed: [string, number][] = [
    ["pra_penyidikan", 0], ["spdp", 0], ["penyidikan_selesai", 0],
    ["tak_ditangani", 428], ["tak_ditindaklanjuti", 428],
    ["pengawasan_direncanakan", 234], ["pengawasan_dilaksanakan", 192],
    ["intelijen_dilaporkan", 224], ["intelijen_ditindaklanjuti", 219], ["intelijen_tepat_waktu", 197],
    ["sosialisasi_direncanakan", 25], ["sosialisasi_dilakukan", 17],
    ["penolakan_paspor_t", 269], ["penolakan_paspor_t1", 310],
    ["penolakan_keberangkatan_t", 4], ["penolakan_keberangkatan_t1", 1],
    ["desa_binaan_direncanakan", 21], ["desa_binaan_terbentuk", 22],
    ["pelintas", 406519], ["pemeriksaan_selesai", 406519],
    ["pelanggaran_ditemukan", 1], ["pelanggaran_ditangani", 1], ["pengguna_autogate", 0],
  ];

  it("each component from its inputs", () => {
    expect(r2(sakip.IKK_GAKUM(seed, "K2", "nol"))).toBe(r2((192 / 234) * 100));
    expect(r2(sakip.IKK_GAKUM(seed, "K2", "nol"))).toBe(82.05);
    expect(r2(sakip.IKK_GAKUM(seed, "K3", "nol"))).toBe(97.77);
    expect(r2(sakip.IKK_GAKUM(seed, "K4", "nol"))).toBe(87.95);
    expect(sakip.IKK_GAKUM(seed, "K1", "nol")).toBeCloseTo(0.3 * 0 + 0.7 * 100, 10);
    // K5 with lower-is-better D2/D3: (2 − 269/310)·100 and max(0, (2 − 4/1)·100).
    const d2 = (2 - 269 / 310) * 100;
    const d3 = 0;
    expect(sakip.IKK_GAKUM(seed, "K5.D2", "nol")).toBeCloseTo(d2, 10);
    expect(sakip.IKK_GAKUM(seed, "K5.D3", "nol")).toBe(d3);
    const k5 = 0.45 * (17 / 25) * 100 + 0.05 * d2 + 0.05 * d3 + 0.45 * (22 / 21) * 100;
    expect(sakip.IKK_GAKUM(seed, "K5", "nol")).toBeCloseTo(k5, 10);
    expect(sakip.IKK_GAKUM(seed, "K6", "nol")).toBeCloseTo(0.6 * 100 + 0.3 * 100 + 0.1 * 0, 10);
  });

  it("X = Σ Kᵢ·Wᵢ with 20/20/20/10/10/20", () => {
    const k = ["K1", "K2", "K3", "K4", "K5", "K6"].map((p) => sakip.IKK_GAKUM(seed, p, "nol"));
    const w = [0.2, 0.2, 0.2, 0.1, 0.1, 0.2];
    const x = k.reduce((s, v, i) => s + v * (w[i] ?? 0), 0);
    expect(sakip.IKK_GAKUM(seed, "X", "nol")).toBeCloseTo(x, 10);
    // the report's stated components give 86,95 — verified independently with INDEKS_KOMPOSIT
    const stated = sakip.INDEKS_KOMPOSIT([[70, 82.05, 97.77, 87.95, 102.08, 90]], [[20, 20, 20, 10, 10, 20]]);
    expect(stated).toBeCloseTo(14 + 16.41 + 19.554 + 8.795 + 10.208 + 18, 10);
    expect(r2(sakip.CAPAIAN(86.95, 90.8))).toBe(95.76);
    expect(r2(sakip.CAPAIAN(86.95, 93.01))).toBe(93.48);
    expect(r2(sakip.CAPAIAN(86.95, 86.65))).toBe(100.35);
  });

  it("0/0 (no investigations) is an error unless a policy is chosen", () => {
    expect(codeOf(() => sakip.IKK_GAKUM(seed))).toBe("#DIV/0!");
    expect(sakip.IKK_GAKUM(seed, "K1.I1", "nol")).toBe(0);
    expect(sakip.IKK_GAKUM(seed, "K1.I1", "penuh")).toBe(100);
  });

  it("I1's report weights 40% + 70% = 110% are refused", () => {
    expect(codeOf(() => sakip.INDEKS_KOMPOSIT([[0, 0]], [[40, 70]]))).toBe("#NUM!");
    try {
      sakip.INDEKS_KOMPOSIT([[0, 0]], [[40, 70]]);
    } catch (e) {
      expect((e as SakipError).messageId).toMatch(/110%/);
    }
    expect(sakip.INDEKS_KOMPOSIT([[0, 0]], [[40, 60]])).toBe(0);
  });

  it("K3 is capped at 100", () => {
    expect(sakip.RASIO(230, 224, 100, 100)).toBe(100);
    expect(sakip.RASIO(219, 224, 100, 100)).toBeCloseTo((219 / 224) * 100, 10);
  });

  it("horizontal key/value layout and missing keys", () => {
    const horizontal = [seed.map(([k]) => k), seed.map(([, v]) => v)];
    expect(sakip.IKK_GAKUM(horizontal, "K2", "nol")).toBeCloseTo((192 / 234) * 100, 10);
    expect(codeOf(() => sakip.IKK_GAKUM(seed.slice(1), "X", "nol"))).toBe("#N/A");
  });
});

describe("BAB III sasaran III and the average capaian", () => {
  it("RB percentage and kepuasan index capaian", () => {
    expect(sakip.CAPAIAN(95, 100)).toBe(95);
    expect(r2(sakip.CAPAIAN(3.79, 3.51))).toBe(107.98);
    expect(r2(sakip.CAPAIAN(3.79, 3.55))).toBe(106.76);
    expect(r2(sakip.CAPAIAN(3.79, 3.82))).toBe(99.21);
  });

  it("the 99,15 printed as the sasaran III average is the average of all four indicators", () => {
    expect(r2(sakip.RATA_CAPAIAN([[111.02], [82.6], [95], [107.98]]))).toBe(99.15);
    expect(r2(sakip.RATA_CAPAIAN([[95], [107.98]]))).toBe(101.49);
    expect(codeOf(() => sakip.RATA_CAPAIAN([[null], [""]]))).toBe("#N/A");
  });

  it("negative polarity: (2 − R/T)·100 by default, T/R·100 on request", () => {
    expect(sakip.CAPAIAN(80, 100, "negatif")).toBeCloseTo(120, 10);
    expect(sakip.CAPAIAN(80, 100, "negatif", "rasio")).toBeCloseTo(125, 10);
    expect(sakip.CAPAIAN(250, 100, "negatif")).toBe(0);
    expect(codeOf(() => sakip.CAPAIAN(1, 1, "sideways"))).toBe("#VALUE!");
  });
});

describe("Budget section", () => {
  it("Tabel 16: 1.114.081.167 / 1.629.443.000 is 68,37%, not the printed 79,49%", () => {
    const s = sakip.SERAPAN(1114081167, 1629443000);
    expect(s).toBeCloseTo((1114081167 / 1629443000) * 100, 10);
    expect(r2(s)).toBe(68.37);
    // 79,495…%: the report truncates to 79,49 where rounding gives 79,50 (drift, not an error)
    const t = sakip.SERAPAN("Rp 305.272.097", "Rp 384.013.000,-");
    expect(r2(t)).toBe(79.5);
    expect(Math.trunc(t * 100) / 100).toBe(79.49);
  });

  it("pagu efektif after blokir: 5.679.617.677 / (6.374.168.000 − 550.797.000) = 97,53%", () => {
    expect(r2(sakip.SERAPAN(5679617677, 6374168000, 550797000))).toBe(97.53);
    expect(r2(sakip.SERAPAN(5679617677, 6374168000))).toBe(89.1);
  });

  it("swapped pagu and realisasi are refused", () => {
    expect(codeOf(() => sakip.SERAPAN(5823371000, 5679617677))).toBe("#NUM!");
  });

  it("IKPA with konversi bobot: 85,32 / 90% = 94,80", () => {
    const nilai = [[100, 94.58, 81.68, 0, 100, 97.94, 100]];
    const bobot = [[10, 15, 20, 0, 10, 10, 25]];
    const total = (100 * 10 + 94.58 * 15 + 81.68 * 20 + 100 * 10 + 97.94 * 10 + 100 * 25) / 100;
    expect(r2(total)).toBe(85.32);
    const x = sakip.IKPA(nilai, bobot);
    expect(x).toBeCloseTo(total / 0.9, 10);
    expect(r2(x)).toBe(94.8);
    expect(sakip.IKPA(nilai, bobot, 1.5)).toBeCloseTo(total / 0.9 - 1.5, 10);
    expect(codeOf(() => sakip.IKPA([[101]], [[10]]))).toBe("#NUM!");
    expect(codeOf(() => sakip.IKPA([[1, 2]], [[10]]))).toBe("#VALUE!");
  });

  it("IKPA categories and SAKIP predicates at their borders", () => {
    expect(sakip.PREDIKAT_IKPA(94.8)).toBe("Baik");
    expect(sakip.PREDIKAT_IKPA(95)).toBe("Sangat Baik");
    expect(sakip.PREDIKAT_IKPA(89)).toBe("Baik");
    expect(sakip.PREDIKAT_IKPA(88.99)).toBe("Cukup");
    expect(sakip.PREDIKAT_IKPA(70)).toBe("Cukup");
    expect(sakip.PREDIKAT_IKPA(69.99)).toBe("Kurang");
    expect([90.01, 90, 80, 70, 60, 50, 30, 0].map((n) => sakip.PREDIKAT_SAKIP(n))).toEqual(["AA", "A", "BB", "B", "CC", "C", "D", "D"]);
    expect(codeOf(() => sakip.PREDIKAT_SAKIP(100.5))).toBe("#NUM!");
  });
});

describe("Excel error paths", () => {
  it.each([
    [() => sakip.CAPAIAN(1, 0), "#DIV/0!"],
    [() => sakip.CAPAIAN(null, 1), "#N/A"],
    [() => sakip.CAPAIAN("", 1), "#N/A"],
    [() => sakip.CAPAIAN("abc", 1), "#VALUE!"],
    [() => sakip.CAPAIAN(true, 1), "#VALUE!"],
    [() => sakip.CAPAIAN("#REF!", 1), "#REF!"],
    [() => sakip.CAPAIAN(Number.NaN, 1), "#NUM!"],
    [() => sakip.CAPAIAN(-1, 1), "#NUM!"],
    [() => sakip.RASIO(0, 0), "#DIV/0!"],
    [() => sakip.RASIO(1, 0, 100, null, "nol"), "#DIV/0!"],
    [() => sakip.RASIO(1, 2, 0), "#NUM!"],
    [() => sakip.RASIO(1, 2, 100, null, "maybe"), "#VALUE!"],
    [() => sakip.INDEKS_KOMPOSIT([[1, 2]], [[100]]), "#VALUE!"],
    [() => sakip.INDEKS_KOMPOSIT([[1, 2]], [[-50, 150]]), "#NUM!"],
    [() => sakip.SERAPAN(1, 0), "#DIV/0!"],
    [() => sakip.SERAPAN(1, 10, 20), "#NUM!"],
    [() => sakip.ANGKA_ID("dua"), "#VALUE!"],
    [() => sakip.ANGKA_ID(""), "#N/A"],
    [() => sakip.TEKS_ID(1, 1.5), "#NUM!"],
    [() => sakip.IKK_GAKUM([["x", 1]], "Z9"), "#VALUE!"],
  ] as const)("case %#", (fn, code) => {
    expect(codeOf(fn)).toBe(code);
  });

  it("text numbers are read the id-ID way everywhere", () => {
    expect(sakip.CAPAIAN("95,73", "91")).toBeCloseTo((95.73 / 91) * 100, 10);
    expect(sakip.RASIO("1.731", "1.757")).toBeCloseTo((1731 / 1757) * 100, 10);
    expect(sakip.ANGKA_ID("1.234.567,89")).toBe(1234567.89);
    expect(sakip.ANGKA_ID(42)).toBe(42);
    expect(sakip.TEKS_ID(1234567.891)).toBe("1.234.567,89");
  });
});
