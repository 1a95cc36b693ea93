/**
 * The SAKIP functions under their Excel names. One implementation serves the custom functions
 * (src/functions) and the Node library (src/lib): each takes raw Excel-like values (numbers, text,
 * booleans, null/"" for empty cells, 2-D arrays for ranges), coerces them through src/core/coerce.ts,
 * and returns a finite number or a text, or throws a SakipError carrying the Excel error code.
 */
import { fail } from "./errors.js";
import { finite, isBlank, toMatrix, toNumber, toNumberList, toNumberListWithBlanks, toOptionalNumber, toOptionalText } from "./coerce.js";
import {
  averageCapaian,
  capaian,
  ikpa,
  parseNegativeMethod,
  parsePolarity,
  parseZeroOverZero,
  predikatIkpa,
  predikatSakip,
  ratio,
  serapan,
  weightedComposite,
} from "./formulas.js";
import { formatIdNumber, parseIdNumber } from "./numbers.js";
import { ikkLayanan, type LayananResult } from "./indicators/layanan.js";
import { GAKUM_PARTS, computeGakum, parseGakumInput } from "./indicators/gakum.js";

/** Capaian (%) of a realisation against its target, with polarity. */
export function CAPAIAN(realisasi: unknown, target: unknown, polaritas?: unknown, metode_negatif?: unknown): number {
  // The common call, two finite numbers and no options, skips the option parsing.
  if (typeof realisasi === "number" && typeof target === "number" && Number.isFinite(realisasi) && Number.isFinite(target) && polaritas == null && metode_negatif == null) {
    return capaian(realisasi, target);
  }
  const r = toNumber(realisasi, "realisasi");
  const t = toNumber(target, "target");
  const p = parsePolarity(toOptionalText(polaritas, "polaritas", "positif"));
  const m = parseNegativeMethod(toOptionalText(metode_negatif, "metode_negatif", "selisih"));
  return capaian(r, t, p, m);
}

/** numerator / denominator × scale, with an optional upper cap and an explicit 0/0 policy. */
export function RASIO(pembilang: unknown, penyebut: unknown, skala?: unknown, batas_atas?: unknown, kebijakan_0_0?: unknown): number {
  const n = toNumber(pembilang, "pembilang");
  const d = toNumber(penyebut, "penyebut");
  const s = toOptionalNumber(skala, "skala", 100);
  if (s <= 0) fail("#NUM!", "skala harus lebih dari 0", "scale must be above 0");
  const capRaw = toOptionalNumber(batas_atas, "batas_atas", Number.NaN);
  const z = parseZeroOverZero(toOptionalText(kebijakan_0_0, "kebijakan_0_0", "galat"));
  return ratio(n, d, { scale: s, zeroOverZero: z, ...(Number.isNaN(capRaw) ? {} : { cap: capRaw }) });
}

/** Σ nilai·bobot with weights that must sum to 100% (or 1). */
export function INDEKS_KOMPOSIT(nilai: unknown, bobot: unknown): number {
  const v = toNumberListWithBlanks(nilai, "nilai");
  const w = toNumberListWithBlanks(bobot, "bobot");
  if (v.length !== w.length) {
    fail("#VALUE!", `jumlah sel nilai (${v.length}) dan bobot (${w.length}) berbeda`, `value cells (${v.length}) and weight cells (${w.length}) differ in count`);
  }
  const values: number[] = [];
  const weights: number[] = [];
  v.forEach((x, i) => {
    const wi = w[i];
    if (x === null && (wi === null || wi === undefined)) return;
    if (x === null) fail("#N/A", `nilai ke-${i + 1} kosong sedangkan bobotnya terisi`, `value ${i + 1} is empty while its weight is set`);
    if (wi === null || wi === undefined) fail("#VALUE!", `bobot ke-${i + 1} kosong`, `weight ${i + 1} is empty`);
    values.push(x);
    weights.push(wi);
  });
  return weightedComposite(values, weights);
}

const LAYANAN_PARTS: Record<string, (r: LayananResult) => number> = {
  x: (r) => r.X,
  k1: (r) => r.K1.K,
  k2: (r) => r.K2.K,
  "k1.d1": (r) => r.K1.D1,
  "k1.d2": (r) => r.K1.D2,
  "k2.d1": (r) => r.K2.D1,
  "k2.d2": (r) => r.K2.D2,
};

/**
 * Indeks Kualitas Layanan Keimigrasian from raw service rows. `waktu` is an optional second range
 * with the timing table (Tabel 5 shape); `bagian` picks X (default) or a component.
 */
export function IKK_LAYANAN(data: unknown, waktu?: unknown, bagian?: unknown, kebijakan_0_0?: unknown): number {
  const part = toOptionalText(bagian, "bagian", "x").replace(/\s/g, "");
  const pick = Object.hasOwn(LAYANAN_PARTS, part) ? LAYANAN_PARTS[part] : undefined;
  if (!pick) {
    fail("#VALUE!", `bagian "${part}" tidak dikenal; pakai X, K1, K2, K1.D1, K1.D2, K2.D1 atau K2.D2`, `unknown part "${part}"; use X, K1, K2, K1.D1, K1.D2, K2.D1 or K2.D2`);
  }
  const z = parseZeroOverZero(toOptionalText(kebijakan_0_0, "kebijakan_0_0", "galat"));
  const timing = waktu === undefined || waktu === null || (Array.isArray(waktu) && toMatrix(waktu, "waktu").every((r) => r.every(isBlank))) ? undefined : waktu;
  return finite(pick(ikkLayanan(data, timing, z)), "IKK_LAYANAN");
}

/** Indeks Penegakan Hukum Keimigrasian from a key | value range. */
export function IKK_GAKUM(data: unknown, bagian?: unknown, kebijakan_0_0?: unknown): number {
  const part = toOptionalText(bagian, "bagian", "x").replace(/\s/g, "");
  const z = parseZeroOverZero(toOptionalText(kebijakan_0_0, "kebijakan_0_0", "galat"));
  const key = Object.hasOwn(GAKUM_PARTS, part) ? GAKUM_PARTS[part] : undefined;
  if (!key) {
    fail("#VALUE!", `bagian "${part}" tidak dikenal; pakai X, K1…K6, K1.I1, K1.I2, K5.D1…K5.D4, K6.D1…K6.D3`, `unknown part "${part}"; use X, K1…K6, K1.I1, K1.I2, K5.D1…K5.D4, K6.D1…K6.D3`);
  }
  return finite(computeGakum(parseGakumInput(data), z)[key], "IKK_GAKUM");
}

/** The average of the capaian values in a range (blanks skipped). */
export function RATA_CAPAIAN(capaian_range: unknown): number {
  return averageCapaian(toNumberList(capaian_range, "capaian"));
}

/** Budget absorption (%): realisasi / (pagu − blokir) × 100. */
export function SERAPAN(realisasi: unknown, pagu: unknown, blokir?: unknown): number {
  return serapan(toNumber(realisasi, "realisasi"), toNumber(pagu, "pagu"), toOptionalNumber(blokir, "blokir", 0));
}

/** IKPA final value: Σ nilai·bobot ÷ Σ applicable bobot − dispensasi. */
export function IKPA(nilai: unknown, bobot: unknown, dispensasi?: unknown): number {
  return ikpa(toNumberListWithBlanks(nilai, "nilai"), toNumberListWithBlanks(bobot, "bobot"), toOptionalNumber(dispensasi, "dispensasi", 0)).nilaiAkhir;
}

export function PREDIKAT_IKPA(nilai: unknown): string {
  return predikatIkpa(toNumber(nilai, "nilai"));
}

export function PREDIKAT_SAKIP(nilai: unknown): string {
  return predikatSakip(toNumber(nilai, "nilai"));
}

/** Read a number written the id-ID way; a number passes through. */
export function ANGKA_ID(teks: unknown): number {
  const v = Array.isArray(teks) ? toMatrix(teks, "teks")[0]?.[0] : teks;
  if (typeof v === "string") {
    const p = parseIdNumber(v);
    if (!p.ok) fail(p.kind === "empty" ? "#N/A" : "#VALUE!", p.messageId, p.messageEn);
    return p.value;
  }
  return toNumber(v, "teks");
}

/** Format a number the id-ID way, e.g. 1234567.891 → "1.234.567,89". */
export function TEKS_ID(angka: unknown, desimal?: unknown): string {
  const n = toNumber(angka, "angka");
  const d = toOptionalNumber(desimal, "desimal", 2);
  if (!Number.isInteger(d) || d < 0 || d > 10) fail("#NUM!", "desimal harus bilangan bulat 0–10", "decimals must be a whole number 0–10");
  return formatIdNumber(n, d);
}

/** Every function by its Excel name, for the library and for tests. */
export const SHEET_FUNCTIONS = {
  CAPAIAN,
  RASIO,
  INDEKS_KOMPOSIT,
  IKK_LAYANAN,
  IKK_GAKUM,
  RATA_CAPAIAN,
  SERAPAN,
  IKPA,
  PREDIKAT_IKPA,
  PREDIKAT_SAKIP,
  ANGKA_ID,
  TEKS_ID,
} as const;

export type SheetFunctionName = keyof typeof SHEET_FUNCTIONS;
