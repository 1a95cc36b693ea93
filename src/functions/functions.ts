/**
 * Excel custom functions of the SAKIP add-in (namespace SAKIP, e.g. =SAKIP.CAPAIAN(B2;C2)).
 *
 * Each function is a thin wrapper: Excel hands over raw values (`any` for one cell, `any[][]` for a
 * range), the core in src/core/sheetFunctions.ts does the one coercion path and the calculation,
 * and `invoke` turns a SakipError into the matching CustomFunctions.Error.
 *
 * The JSDoc blocks are the function metadata: custom-functions-metadata-plugin reads them to build
 * functions.json. The ids (`@customfunction ID NAME`) are a compatibility promise: workbooks store
 * them, so they never change. Descriptions are Indonesian first, English after.
 */
import * as core from "../core/sheetFunctions.js";
import { associateShim, checked, toCustomFunctionError } from "./errors.js";

/*
 * When webpack bundles this file, custom-functions-metadata-plugin's loader appends one
 * `CustomFunctions.associate("ID", FUNCTION);` line per function at the end of the file (see
 * node_modules/custom-functions-metadata-plugin/lib/loader.js), with no guard. This module-scoped
 * binding shadows the global so those lines reach the real runtime when Office.js provided it, and
 * do nothing, instead of throwing a ReferenceError, when it did not (page opened outside Excel,
 * office.js blocked). It must stay a top-level binding named exactly `CustomFunctions`.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- used by the lines the plugin appends
const CustomFunctions = associateShim();

/**
 * Capaian kinerja (%) realisasi terhadap target, dengan polaritas. / Performance achievement (%) of a realisation against its target.
 * @customfunction CAPAIAN CAPAIAN
 * @param realisasi Nilai realisasi. / Actual value.
 * @param target Nilai target. / Target value.
 * @param [polaritas] "positif" (bawaan, makin tinggi makin baik) atau "negatif". / "positif" (default, higher is better) or "negatif".
 * @param [metode_negatif] Untuk polaritas negatif: "selisih" (bawaan, (2−R/T)×100) atau "rasio" (T/R×100). / For negative polarity: "selisih" (default) or "rasio".
 * @returns Capaian dalam persen. / Achievement in percent.
 */
export function CAPAIAN(realisasi: any, target: any, polaritas?: any, metode_negatif?: any): number {
  try {
    return checked(core.CAPAIAN(realisasi, target, polaritas, metode_negatif));
  } catch (thrown) {
    throw toCustomFunctionError(thrown);
  }
}

/**
 * Rasio pembilang/penyebut × skala, dengan batas atas dan kebijakan 0/0. / Numerator/denominator × scale, with a cap and a 0/0 policy.
 * @customfunction RASIO RASIO
 * @param pembilang Pembilang. / Numerator.
 * @param penyebut Penyebut. / Denominator.
 * @param [skala] Pengali, bawaan 100. / Multiplier, default 100.
 * @param [batas_atas] Batas atas hasil, mis. 100. / Upper bound of the result, e.g. 100.
 * @param [kebijakan_0_0] Hasil 0/0: "galat" (bawaan, #DIV/0!), "nol" (0) atau "penuh" (100). / Result of 0/0: "galat" (default), "nol" or "penuh".
 * @returns Rasio berskala. / Scaled ratio.
 */
export function RASIO(pembilang: any, penyebut: any, skala?: any, batas_atas?: any, kebijakan_0_0?: any): number {
  try {
    return checked(core.RASIO(pembilang, penyebut, skala, batas_atas, kebijakan_0_0));
  } catch (thrown) {
    throw toCustomFunctionError(thrown);
  }
}

/**
 * Indeks komposit Σ nilai×bobot; jumlah bobot harus 100% atau 1. / Weighted composite index; weights must sum to 100% or 1.
 * @customfunction INDEKS_KOMPOSIT INDEKS_KOMPOSIT
 * @param nilai_range Rentang nilai komponen. / Range of component values.
 * @param bobot_range Rentang bobot, sejajar dengan nilai. / Range of weights, aligned with the values.
 * @returns Nilai indeks. / Index value.
 */
export function INDEKS_KOMPOSIT(nilai_range: any[][], bobot_range: any[][]): number {
  try {
    return checked(core.INDEKS_KOMPOSIT(nilai_range, bobot_range));
  } catch (thrown) {
    throw toCustomFunctionError(thrown);
  }
}

/**
 * Indeks Kualitas Layanan Keimigrasian dari baris data layanan. / Immigration Service Quality Index from raw service rows.
 * @customfunction IKK_LAYANAN IKK_LAYANAN
 * @param data_range Tabel layanan (dengan atau tanpa baris judul). / Service table (with or without a header row).
 * @param [waktu_range] Tabel ketepatan waktu terpisah (opsional). / Separate timeliness table (optional).
 * @param [bagian] "X" (bawaan), "K1", "K1.D1", "K1.D2", "K2", "K2.D1" atau "K2.D2". / Part to return: "X" (default) or a component.
 * @param [kebijakan_0_0] Hasil 0/0: "galat" (bawaan), "nol" atau "penuh". / Result of 0/0: "galat" (default), "nol" or "penuh".
 * @returns Nilai indeks (0–100). / Index value (0–100).
 */
export function IKK_LAYANAN(data_range: any[][], waktu_range?: any[][], bagian?: any, kebijakan_0_0?: any): number {
  try {
    return checked(core.IKK_LAYANAN(data_range, waktu_range, bagian, kebijakan_0_0));
  } catch (thrown) {
    throw toCustomFunctionError(thrown);
  }
}

/**
 * Indeks Penegakan Hukum Keimigrasian dari rentang kunci | nilai. / Immigration Law Enforcement Index from a key | value range.
 * @customfunction IKK_GAKUM IKK_GAKUM
 * @param data_range Rentang dua kolom: kunci | nilai. / Two-column range: key | value.
 * @param [bagian] "X" (bawaan), "K1"…"K6", "K1.I1", "K5.D2", dst. / Part to return: "X" (default), "K1"…"K6", "K1.I1", "K5.D2", ...
 * @param [kebijakan_0_0] Hasil 0/0: "galat" (bawaan), "nol" atau "penuh". / Result of 0/0: "galat" (default), "nol" or "penuh".
 * @returns Nilai indeks. / Index value.
 */
export function IKK_GAKUM(data_range: any[][], bagian?: any, kebijakan_0_0?: any): number {
  try {
    return checked(core.IKK_GAKUM(data_range, bagian, kebijakan_0_0));
  } catch (thrown) {
    throw toCustomFunctionError(thrown);
  }
}

/**
 * Rata-rata capaian beberapa indikator; sel kosong dilewati. / Average achievement of several indicators; blank cells are skipped.
 * @customfunction RATA_CAPAIAN RATA_CAPAIAN
 * @param capaian_range Rentang nilai capaian (%). / Range of achievement values (%).
 * @returns Rata-rata capaian (%). / Average achievement (%).
 */
export function RATA_CAPAIAN(capaian_range: any[][]): number {
  try {
    return checked(core.RATA_CAPAIAN(capaian_range));
  } catch (thrown) {
    throw toCustomFunctionError(thrown);
  }
}

/**
 * Serapan anggaran (%): realisasi ÷ (pagu − blokir) × 100. / Budget absorption (%): realisation ÷ (budget − blocked) × 100.
 * @customfunction SERAPAN SERAPAN
 * @param realisasi Realisasi anggaran. / Amount spent.
 * @param pagu Pagu anggaran. / Budget ceiling.
 * @param [blokir] Anggaran yang diblokir, bawaan 0. / Blocked amount, default 0.
 * @returns Serapan dalam persen. / Absorption in percent.
 */
export function SERAPAN(realisasi: any, pagu: any, blokir?: any): number {
  try {
    return checked(core.SERAPAN(realisasi, pagu, blokir));
  } catch (thrown) {
    throw toCustomFunctionError(thrown);
  }
}

/**
 * Nilai akhir IKPA dengan konversi bobot, dikurangi dispensasi. / Final IKPA score with weight conversion, minus dispensation.
 * @customfunction IKPA IKPA
 * @param nilai_range Rentang nilai indikator IKPA (0–100). / Range of IKPA indicator values (0–100).
 * @param bobot_range Rentang bobot indikator. / Range of indicator weights.
 * @param [dispensasi] Pengurang dispensasi, bawaan 0. / Dispensation deduction, default 0.
 * @returns Nilai akhir IKPA. / Final IKPA score.
 */
export function IKPA(nilai_range: any[][], bobot_range: any[][], dispensasi?: any): number {
  try {
    return checked(core.IKPA(nilai_range, bobot_range, dispensasi));
  } catch (thrown) {
    throw toCustomFunctionError(thrown);
  }
}

/**
 * Predikat IKPA: Sangat Baik, Baik, Cukup atau Kurang. / IKPA category: Sangat Baik, Baik, Cukup or Kurang.
 * @customfunction PREDIKAT_IKPA PREDIKAT_IKPA
 * @param nilai Nilai IKPA (0–100). / IKPA score (0–100).
 * @returns Predikat. / Category.
 */
export function PREDIKAT_IKPA(nilai: any): string {
  try {
    return checked(core.PREDIKAT_IKPA(nilai));
  } catch (thrown) {
    throw toCustomFunctionError(thrown);
  }
}

/**
 * Predikat SAKIP (AA, A, BB, B, CC, C, D) menurut PermenPAN-RB 88/2021. / SAKIP grade (AA … D) per PermenPAN-RB 88/2021.
 * @customfunction PREDIKAT_SAKIP PREDIKAT_SAKIP
 * @param nilai Nilai evaluasi SAKIP (0–100). / SAKIP evaluation score (0–100).
 * @returns Predikat. / Grade.
 */
export function PREDIKAT_SAKIP(nilai: any): string {
  try {
    return checked(core.PREDIKAT_SAKIP(nilai));
  } catch (thrown) {
    throw toCustomFunctionError(thrown);
  }
}

/**
 * Membaca angka bertulisan Indonesia, mis. "1.234.567,89", "95,73%", "Rp 5.679.617.677,-". / Reads a number written the Indonesian way.
 * @customfunction ANGKA_ID ANGKA_ID
 * @param teks Teks angka (atau angka). / Number text (or a number).
 * @returns Angka. / Number.
 */
export function ANGKA_ID(teks: any): number {
  try {
    return checked(core.ANGKA_ID(teks));
  } catch (thrown) {
    throw toCustomFunctionError(thrown);
  }
}

/**
 * Menulis angka dengan format Indonesia, mis. 1234567,891 → "1.234.567,89". / Formats a number the Indonesian way.
 * @customfunction TEKS_ID TEKS_ID
 * @param angka Angka yang ditulis. / Number to format.
 * @param [desimal] Jumlah desimal 0–10, bawaan 2. / Decimal places 0–10, default 2.
 * @returns Teks angka. / Formatted text.
 */
export function TEKS_ID(angka: any, desimal?: any): string {
  try {
    return checked(core.TEKS_ID(angka, desimal));
  } catch (thrown) {
    throw toCustomFunctionError(thrown);
  }
}
