/**
 * Indeks Penegakan Hukum Keimigrasian di Wilayah (the seed's BAB III, sasaran II).
 *
 *   K1 = I1·30% + I2·70%        I1 = D1·40% + D2·60% (D1 = SPDP / pra-penyidikan, D2 = selesai / SPDP)
 *                               I2 = TAK ditindaklanjuti / TAK ditangani
 *   K2 = pengawasan dilaksanakan / direncanakan
 *   K3 = min(100, intelijen ditindaklanjuti / dilaporkan)
 *   K4 = intelijen tepat waktu / dilaporkan
 *   K5 = D1·45% + D2·5% + D3·5% + D4·45%   (D2, D3 lower-is-better: (2 − t/t₋₁)·100, not below 0)
 *   K6 = D1·60% + D2·30% + D3·10%          (pemeriksaan / pelintas, pelanggaran ditangani / ditemukan, autogate / pelintas)
 *   X  = K1·20% + K2·20% + K3·20% + K4·10% + K5·10% + K6·20%
 *
 * Input: a two-column range of key | value (or a two-row range of keys over values). Keys are listed in
 * GAKUM_KEYS; case, spaces and dashes do not matter.
 */
import { fail } from "../errors.js";
import { isBlank, toMatrix, toNumber } from "../coerce.js";
import { capaian, ratio, weightedComposite, type ZeroOverZero } from "../formulas.js";
import { normalizeKey } from "../text.js";

export const GAKUM_KEYS = {
  pra_penyidikan: "Jumlah surat perintah pra-penyidikan / pre-investigation orders",
  spdp: "Jumlah penegakan hukum yang mencapai SPDP / cases reaching SPDP",
  penyidikan_selesai: "Jumlah penegakan hukum yang selesai (P21/SP3) / cases completed",
  tak_ditangani: "Jumlah TAK yang ditangani / administrative actions handled",
  tak_ditindaklanjuti: "Jumlah TAK yang ditindaklanjuti / administrative actions followed up",
  pengawasan_direncanakan: "Jumlah pengawasan yang direncanakan / supervisions planned",
  pengawasan_dilaksanakan: "Jumlah pengawasan yang dilaksanakan / supervisions carried out",
  intelijen_dilaporkan: "Jumlah produk intelijen yang dilaporkan / intelligence products reported",
  intelijen_ditindaklanjuti: "Jumlah produk intelijen yang ditindaklanjuti / products followed up",
  intelijen_tepat_waktu: "Jumlah produk intelijen ditindaklanjuti tepat waktu / followed up on time",
  sosialisasi_direncanakan: "Jumlah sosialisasi yang direncanakan / outreach events planned",
  sosialisasi_dilakukan: "Jumlah sosialisasi yang dilakukan / outreach events held",
  penolakan_paspor_t: "Penolakan penerbitan paspor tahun t / passport refusals in year t",
  penolakan_paspor_t1: "Penolakan penerbitan paspor tahun t-1 / passport refusals in year t-1",
  penolakan_keberangkatan_t: "Penolakan keberangkatan tahun t / departure refusals in year t",
  penolakan_keberangkatan_t1: "Penolakan keberangkatan tahun t-1 / departure refusals in year t-1",
  desa_binaan_direncanakan: "Jumlah desa binaan yang direncanakan / villages planned",
  desa_binaan_terbentuk: "Jumlah desa binaan yang terbentuk / villages formed",
  pelintas: "Jumlah pelintas di TPI / border crossers",
  pemeriksaan_selesai: "Jumlah pemeriksaan keimigrasian yang diselesaikan / inspections completed",
  pelanggaran_ditemukan: "Jumlah pelanggaran keimigrasian di TPI / violations found",
  pelanggaran_ditangani: "Jumlah pelanggaran yang ditangani / violations handled",
  pengguna_autogate: "Jumlah pengguna autogate / autogate users",
} as const;

export type GakumKey = keyof typeof GAKUM_KEYS;
export type GakumInput = Record<GakumKey, number>;

const ALIASES: Record<string, GakumKey> = {
  pra_penyidikan_surat_perintah: "pra_penyidikan",
  selesai: "penyidikan_selesai",
  p21_sp3: "penyidikan_selesai",
  pemeriksaan: "pemeriksaan_selesai",
  autogate: "pengguna_autogate",
  desa_binaan: "desa_binaan_terbentuk",
};

export const GAKUM_WEIGHTS = {
  X: [20, 20, 20, 10, 10, 20],
  K1: [30, 70],
  I1: [40, 60],
  K5: [45, 5, 5, 45],
  K6: [60, 30, 10],
} as const;

export interface GakumResult {
  X: number;
  K1: number;
  I1: number;
  I1_D1: number;
  I1_D2: number;
  I2: number;
  K2: number;
  K3: number;
  K4: number;
  K5: number;
  K5_D1: number;
  K5_D2: number;
  K5_D3: number;
  K5_D4: number;
  K6: number;
  K6_D1: number;
  K6_D2: number;
  K6_D3: number;
}

export function parseGakumInput(raw: unknown): GakumInput {
  const m = toMatrix(raw, "data");
  const pairs: [unknown, unknown][] = [];
  const looksLikeKey = (v: unknown) => typeof v === "string" && !isBlank(v) && resolveKey(v) !== undefined;
  if (m.length === 2 && (m[0] ?? []).filter(looksLikeKey).length >= 2 && (m[0]?.length ?? 0) > 2) {
    (m[0] ?? []).forEach((k, i) => pairs.push([k, m[1]?.[i]]));
  } else {
    for (const row of m) {
      if ((row?.length ?? 0) < 2) fail("#VALUE!", "data: harus dua kolom (kunci | nilai)", "data: must be two columns (key | value)");
      pairs.push([row[0], row[row.length - 1]]);
    }
  }
  const out: Partial<GakumInput> = {};
  pairs.forEach(([k, v], i) => {
    if (isBlank(k)) return;
    if (typeof k !== "string") return;
    const key = resolveKey(k);
    if (!key) return; // a header row or a note: ignored
    if (out[key] !== undefined) fail("#VALUE!", `data: kunci "${key}" muncul dua kali`, `data: key "${key}" appears twice`);
    out[key] = isBlank(v) ? 0 : toNumber(v, `data ${key} (baris ${i + 1})`);
  });
  const missing = (Object.keys(GAKUM_KEYS) as GakumKey[]).filter((k) => out[k] === undefined);
  if (missing.length) {
    fail("#N/A", `data: kunci belum ada: ${missing.join(", ")}`, `data: missing keys: ${missing.join(", ")}`);
  }
  return out as GakumInput;
}

function resolveKey(label: string): GakumKey | undefined {
  const k = normalizeKey(label);
  if (Object.hasOwn(GAKUM_KEYS, k)) return k as GakumKey;
  return Object.hasOwn(ALIASES, k) ? ALIASES[k] : undefined;
}

/** Lower-is-better component score: (2 − t/t₋₁)·100, not below 0, with the 0/0 policy for t = t₋₁ = 0. */
function negativeScore(t: number, t1: number, name: string, z: ZeroOverZero): number {
  if (t1 === 0 && t === 0) return ratio(0, 0, { name, zeroOverZero: z });
  if (t1 === 0) fail("#DIV/0!", `${name}: pembanding tahun t-1 nol`, `${name}: year t-1 reference is zero`);
  return capaian(t, t1, "negatif", "selisih");
}

export function computeGakum(d: GakumInput, z: ZeroOverZero = "galat"): GakumResult {
  const I1_D1 = ratio(d.spdp, d.pra_penyidikan, { name: "K1.I1.D1", zeroOverZero: z, numeratorAtMostDenominator: true });
  const I1_D2 = ratio(d.penyidikan_selesai, d.spdp, { name: "K1.I1.D2", zeroOverZero: z, numeratorAtMostDenominator: true });
  const I1 = weightedComposite([I1_D1, I1_D2], [...GAKUM_WEIGHTS.I1], "K1.I1");
  const I2 = ratio(d.tak_ditindaklanjuti, d.tak_ditangani, { name: "K1.I2", zeroOverZero: z, numeratorAtMostDenominator: true });
  const K1 = weightedComposite([I1, I2], [...GAKUM_WEIGHTS.K1], "K1");
  const K2 = ratio(d.pengawasan_dilaksanakan, d.pengawasan_direncanakan, { name: "K2", zeroOverZero: z });
  const K3 = ratio(d.intelijen_ditindaklanjuti, d.intelijen_dilaporkan, { name: "K3", zeroOverZero: z, cap: 100 });
  const K4 = ratio(d.intelijen_tepat_waktu, d.intelijen_dilaporkan, { name: "K4", zeroOverZero: z, numeratorAtMostDenominator: true });
  const K5_D1 = ratio(d.sosialisasi_dilakukan, d.sosialisasi_direncanakan, { name: "K5.D1", zeroOverZero: z });
  const K5_D2 = negativeScore(d.penolakan_paspor_t, d.penolakan_paspor_t1, "K5.D2", z);
  const K5_D3 = negativeScore(d.penolakan_keberangkatan_t, d.penolakan_keberangkatan_t1, "K5.D3", z);
  const K5_D4 = ratio(d.desa_binaan_terbentuk, d.desa_binaan_direncanakan, { name: "K5.D4", zeroOverZero: z });
  const K5 = weightedComposite([K5_D1, K5_D2, K5_D3, K5_D4], [...GAKUM_WEIGHTS.K5], "K5");
  const K6_D1 = ratio(d.pemeriksaan_selesai, d.pelintas, { name: "K6.D1", zeroOverZero: z, numeratorAtMostDenominator: true });
  const K6_D2 = ratio(d.pelanggaran_ditangani, d.pelanggaran_ditemukan, { name: "K6.D2", zeroOverZero: z, numeratorAtMostDenominator: true });
  const K6_D3 = ratio(d.pengguna_autogate, d.pelintas, { name: "K6.D3", zeroOverZero: z, numeratorAtMostDenominator: true });
  const K6 = weightedComposite([K6_D1, K6_D2, K6_D3], [...GAKUM_WEIGHTS.K6], "K6");
  const X = weightedComposite([K1, K2, K3, K4, K5, K6], [...GAKUM_WEIGHTS.X], "X");
  return { X, K1, I1, I1_D1, I1_D2, I2, K2, K3, K4, K5, K5_D1, K5_D2, K5_D3, K5_D4, K6, K6_D1, K6_D2, K6_D3 };
}

/** The parts a user can ask for: `X`, `K1`, `K1.I1`, `K1.I1.D1`, `K5.D2`, ... */
export const GAKUM_PARTS: Record<string, keyof GakumResult> = {
  x: "X", k1: "K1", "k1.i1": "I1", "k1.i1.d1": "I1_D1", "k1.i1.d2": "I1_D2", "k1.i2": "I2", i1: "I1", i2: "I2",
  k2: "K2", k3: "K3", k4: "K4", k5: "K5", "k5.d1": "K5_D1", "k5.d2": "K5_D2", "k5.d3": "K5_D3", "k5.d4": "K5_D4",
  k6: "K6", "k6.d1": "K6_D1", "k6.d2": "K6_D2", "k6.d3": "K6_D3",
};
