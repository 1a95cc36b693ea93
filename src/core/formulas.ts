/**
 * The indicator formulas of a SAKIP report (LKjIP BAB III and its budget section), on plain numbers.
 * Percentages are on the 0–100 scale, as the reports write them. Every function either returns a
 * finite number or throws a SakipError with the Excel code that fits.
 */
import { fail } from "./errors.js";
import { finite } from "./coerce.js";
import { formatIdNumber } from "./numbers.js";

/** What a ratio of 0/0 means. The reports silently write 0; here the choice is explicit. */
export type ZeroOverZero = "galat" | "nol" | "penuh";
export const ZERO_OVER_ZERO_POLICIES: readonly ZeroOverZero[] = ["galat", "nol", "penuh"];

export interface RatioOptions {
  /** Multiplier, 100 for a percentage (default). */
  scale?: number;
  /** Upper bound of the result, e.g. 100 for K3. */
  cap?: number;
  zeroOverZero?: ZeroOverZero;
  /** Refuse a numerator above the denominator (more completed than received). */
  numeratorAtMostDenominator?: boolean;
  /** Name used in messages. */
  name?: string;
}

export function parseZeroOverZero(text: string): ZeroOverZero {
  const t = text.trim().toLowerCase();
  const aliases: Record<string, ZeroOverZero> = {
    galat: "galat", error: "galat", "": "galat",
    nol: "nol", zero: "nol", "0": "nol",
    penuh: "penuh", full: "penuh", "100": "penuh",
  };
  const p = Object.hasOwn(aliases, t) ? aliases[t] : undefined;
  if (!p) fail("#VALUE!", `kebijakan 0/0 "${text}" tidak dikenal; pakai "galat", "nol" atau "penuh"`, `unknown 0/0 policy "${text}"; use "galat", "nol" or "penuh"`);
  return p;
}

/** D = numerator / denominator × scale, with an explicit 0/0 policy and an optional cap. */
export function ratio(numerator: number, denominator: number, opts: RatioOptions = {}): number {
  const name = opts.name ?? "rasio";
  const scale = opts.scale ?? 100;
  if (numerator < 0 || denominator < 0) {
    fail("#NUM!", `${name}: pembilang dan penyebut tidak boleh negatif`, `${name}: numerator and denominator must not be negative`);
  }
  if (denominator === 0) {
    if (numerator !== 0) fail("#DIV/0!", `${name}: penyebut nol`, `${name}: zero denominator`);
    const policy = opts.zeroOverZero ?? "galat";
    if (policy === "galat") {
      fail("#DIV/0!", `${name}: 0/0 tidak terdefinisi; pilih kebijakan "nol" atau "penuh" bila disengaja`, `${name}: 0/0 is undefined; choose the policy "nol" or "penuh" if intended`);
    }
    return policy === "nol" ? 0 : opts.cap !== undefined ? Math.min(scale, opts.cap) : scale;
  }
  if (opts.numeratorAtMostDenominator && numerator > denominator) {
    fail(
      "#NUM!",
      `${name}: pembilang ${formatIdNumber(numerator)} melebihi penyebut ${formatIdNumber(denominator)}`,
      `${name}: numerator ${numerator} exceeds denominator ${denominator}`,
    );
  }
  const v = (numerator / denominator) * scale;
  return finite(opts.cap !== undefined ? Math.min(v, opts.cap) : v, name);
}

/**
 * Normalise weights to fractions. Weights are either percentages (summing to 100) or fractions
 * (all ≤ 1, summing to 1). Anything else is refused with the sum it found: the report's I1 uses
 * 40% + 70% = 110%.
 */
export function normaliseWeights(weights: number[], name = "bobot"): number[] {
  if (weights.length === 0) fail("#VALUE!", `${name}: tidak ada bobot`, `${name}: no weights`);
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) fail("#NUM!", `${name}: bobot tidak boleh negatif`, `${name}: weights must not be negative`);
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  const asFractions = weights.every((w) => w <= 1);
  const total = asFractions ? sum * 100 : sum;
  if (Math.abs(total - 100) > 1e-6) {
    fail(
      "#NUM!",
      `${name}: jumlah bobot ${formatIdNumber(total)}%, seharusnya 100%`,
      `${name}: weights sum to ${Math.round(total * 100) / 100}%, must be 100%`,
    );
  }
  return weights.map((w) => (asFractions ? w : w / 100));
}

/** X = Σ Kᵢ·Wᵢ with weights that must sum to 100%. */
export function weightedComposite(values: number[], weights: number[], name = "indeks komposit"): number {
  if (values.length !== weights.length) {
    fail("#VALUE!", `${name}: ${values.length} nilai tetapi ${weights.length} bobot`, `${name}: ${values.length} values but ${weights.length} weights`);
  }
  const w = normaliseWeights(weights, name);
  let x = 0;
  for (let i = 0; i < values.length; i++) x += (values[i] ?? 0) * (w[i] ?? 0);
  return finite(x, name);
}

export type Polarity = "positif" | "negatif";
/** For lower-is-better indicators: (2 − R/T)·100 (PermenPAN-RB), or T/R·100. */
export type NegativeMethod = "selisih" | "rasio";

const POSITIVE_WORDS = new Set(["positif", "positive", "+", "naik", "maximize", "max"]);
const NEGATIVE_WORDS = new Set(["negatif", "negative", "-", "turun", "minimize", "min"]);
const SELISIH_WORDS = new Set(["selisih", "2-r/t", "difference", "standar"]);
const RASIO_WORDS = new Set(["rasio", "t/r", "ratio", "kebalikan"]);

export function parsePolarity(text: string): Polarity {
  const t = text.trim().toLowerCase();
  if (POSITIVE_WORDS.has(t)) return "positif";
  if (NEGATIVE_WORDS.has(t)) return "negatif";
  return fail("#VALUE!", `polaritas "${text}" tidak dikenal; pakai "positif" atau "negatif"`, `unknown polarity "${text}"; use "positif" or "negatif"`);
}

export function parseNegativeMethod(text: string): NegativeMethod {
  const t = text.trim().toLowerCase();
  if (SELISIH_WORDS.has(t)) return "selisih";
  if (RASIO_WORDS.has(t)) return "rasio";
  return fail("#VALUE!", `metode negatif "${text}" tidak dikenal; pakai "selisih" atau "rasio"`, `unknown negative method "${text}"; use "selisih" or "rasio"`);
}

/**
 * Capaian (achievement, %) of a realisation against its target.
 * Positive polarity: R/T·100. Negative polarity: (2 − R/T)·100, never below 0 (default), or T/R·100.
 */
export function capaian(realisasi: number, target: number, polarity: Polarity = "positif", method: NegativeMethod = "selisih"): number {
  if (target < 0 || realisasi < 0) fail("#NUM!", "capaian: realisasi dan target tidak boleh negatif", "capaian: realisation and target must not be negative");
  if (polarity === "positif") {
    if (target === 0) fail("#DIV/0!", "capaian: target nol", "capaian: zero target");
    return finite((realisasi / target) * 100, "capaian");
  }
  if (method === "rasio") {
    if (realisasi === 0) fail("#DIV/0!", "capaian negatif (T/R): realisasi nol", "negative capaian (T/R): zero realisation");
    return finite((target / realisasi) * 100, "capaian");
  }
  if (target === 0) fail("#DIV/0!", "capaian negatif: target nol", "negative capaian: zero target");
  return finite(Math.max(0, (2 - realisasi / target) * 100), "capaian");
}

/** The average capaian of several indicators (blanks already removed). */
export function averageCapaian(values: number[]): number {
  if (values.length === 0) fail("#N/A", "rata-rata capaian: tidak ada nilai", "average capaian: no values");
  return finite(values.reduce((a, b) => a + b, 0) / values.length, "rata-rata capaian");
}

/** Budget absorption, %: realisasi / (pagu − blokir) · 100. */
export function serapan(realisasi: number, pagu: number, blokir = 0): number {
  if (realisasi < 0 || pagu < 0 || blokir < 0) fail("#NUM!", "serapan: nilai tidak boleh negatif", "absorption: values must not be negative");
  const efektif = pagu - blokir;
  if (efektif < 0) fail("#NUM!", "serapan: blokir melebihi pagu", "absorption: blocked amount exceeds the budget");
  if (efektif === 0) fail("#DIV/0!", "serapan: pagu efektif nol", "absorption: zero effective budget");
  if (realisasi > efektif) {
    fail(
      "#NUM!",
      `serapan: realisasi ${formatIdNumber(realisasi)} melebihi pagu efektif ${formatIdNumber(efektif)}; kolom pagu dan realisasi tertukar?`,
      `absorption: realisation exceeds the effective budget; are the budget and realisation columns swapped?`,
    );
  }
  return finite((realisasi / efektif) * 100, "serapan");
}

export interface IkpaResult {
  nilaiTotal: number;
  konversiBobot: number;
  nilaiAkhir: number;
}

/**
 * IKPA final value with konversi bobot: Σ nilai·bobot / Σ applicable bobot − dispensasi.
 * A component is applicable when its bobot is above 0 and its nilai is not blank (null).
 */
export function ikpa(nilai: (number | null)[], bobot: (number | null)[], dispensasi = 0): IkpaResult {
  if (nilai.length !== bobot.length) {
    fail("#VALUE!", `IKPA: ${nilai.length} nilai tetapi ${bobot.length} bobot`, `IKPA: ${nilai.length} values but ${bobot.length} weights`);
  }
  if (dispensasi < 0) fail("#NUM!", "IKPA: dispensasi tidak boleh negatif", "IKPA: the dispensation must not be negative");
  let weighted = 0;
  let applicable = 0;
  let totalBobot = 0;
  for (let i = 0; i < nilai.length; i++) {
    const n = nilai[i];
    const b = bobot[i] ?? 0;
    if (b === null || b === undefined) continue;
    if (b < 0) fail("#NUM!", "IKPA: bobot tidak boleh negatif", "IKPA: weights must not be negative");
    totalBobot += b;
    if (n === null || n === undefined || b === 0) continue;
    if (n < 0 || n > 100) fail("#NUM!", `IKPA: nilai ${formatIdNumber(n)} di luar 0–100`, `IKPA: value ${n} outside 0–100`);
    weighted += n * b;
    applicable += b;
  }
  if (totalBobot > 100 + 1e-9) fail("#NUM!", `IKPA: jumlah bobot ${formatIdNumber(totalBobot)} melebihi 100`, `IKPA: weights sum to ${totalBobot}, above 100`);
  if (applicable === 0) fail("#DIV/0!", "IKPA: tidak ada komponen yang berlaku", "IKPA: no applicable component");
  const nilaiTotal = weighted / 100;
  const konversiBobot = applicable / 100;
  return {
    nilaiTotal: finite(nilaiTotal, "IKPA"),
    konversiBobot,
    nilaiAkhir: finite(nilaiTotal / konversiBobot - dispensasi, "IKPA"),
  };
}

export type IkpaCategory = "Sangat Baik" | "Baik" | "Cukup" | "Kurang";

/** IKPA category: ≥95 Sangat Baik, 89–<95 Baik, 70–<89 Cukup, <70 Kurang. */
export function predikatIkpa(nilai: number): IkpaCategory {
  if (nilai < 0 || nilai > 100) fail("#NUM!", `predikat IKPA: nilai ${formatIdNumber(nilai)} di luar 0–100`, `IKPA category: value ${nilai} outside 0–100`);
  if (nilai >= 95) return "Sangat Baik";
  if (nilai >= 89) return "Baik";
  if (nilai >= 70) return "Cukup";
  return "Kurang";
}

export type SakipPredicate = "AA" | "A" | "BB" | "B" | "CC" | "C" | "D";

/** SAKIP predicate per PermenPAN-RB 88/2021: AA >90, A >80–90, BB >70–80, B >60–70, CC >50–60, C >30–50, D ≤30. */
export function predikatSakip(nilai: number): SakipPredicate {
  if (nilai < 0 || nilai > 100) fail("#NUM!", `predikat SAKIP: nilai ${formatIdNumber(nilai)} di luar 0–100`, `SAKIP predicate: value ${nilai} outside 0–100`);
  if (nilai > 90) return "AA";
  if (nilai > 80) return "A";
  if (nilai > 70) return "BB";
  if (nilai > 60) return "B";
  if (nilai > 50) return "CC";
  if (nilai > 30) return "C";
  return "D";
}
