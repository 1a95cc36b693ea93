/**
 * Indeks Kualitas Layanan Keimigrasian from raw service rows (the seed's Tabel 4/5/6).
 *
 * Per component (K1 dokumen perjalanan, K2 izin tinggal dan status keimigrasian):
 *   D1 = diselesaikan / diterima · 100 (diselesaikan = terbit + ditolak + batal oleh sistem)
 *   D2 = tepat waktu / sesuai syarat · 100
 *   K  = D1·70% + D2·30%
 *   X  = K1·50% + K2·50%
 *
 * Range shapes accepted (see README):
 * - with a header row, columns recognised by name in any order (Komponen, Jenis Layanan, Total Permohonan,
 *   Terbit, Ditolak, Batal by system, Jumlah Diselesaikan, Total Permohonan Sesuai Syarat, Total Layanan Tepat Waktu);
 * - without a header row, 7 columns in this order: komponen | diterima | terbit | ditolak | batal | sesuai syarat | tepat waktu.
 * The timing figures may come from a second range shaped like Tabel 5 (Jenis Layanan, Sesuai Syarat, Tepat Waktu).
 * Rows labelled Jumlah/Total are skipped so totals are never counted twice. Blank and "-" count as 0.
 */
import { fail } from "../errors.js";
import { isBlank, toMatrix, toNumber } from "../coerce.js";
import { ratio, weightedComposite, type ZeroOverZero } from "../formulas.js";
import { formatIdNumber } from "../numbers.js";
import { labelMatches, normalizeLabel } from "../text.js";

type Col = "komponen" | "jenis" | "sesuai" | "tepat" | "diterima" | "terbit" | "ditolak" | "batal" | "diselesaikan" | "upt" | "no";

/** Most specific first: "Total Permohonan Sesuai Syarat" must not be read as "Total Permohonan". */
const HEADER_VARIANTS: [Col, string[]][] = [
  ["sesuai", ["total permohonan sesuai syarat", "permohonan sesuai syarat", "sesuai syarat", "memenuhi syarat", "sesuai persyaratan"]],
  ["tepat", ["total layanan tepat waktu", "layanan tepat waktu", "tepat waktu"]],
  ["diselesaikan", ["jumlah diselesaikan", "total diselesaikan", "diselesaikan", "jumlah selesai"]],
  ["diterima", ["total permohonan", "jumlah permohonan", "permohonan diterima", "total permohonan diterima", "permohonan", "diterima"]],
  ["terbit", ["terbit", "diterbitkan", "jumlah terbit", "penerbitan"]],
  ["ditolak", ["ditolak", "tolak", "penolakan"]],
  ["batal", ["batal by system", "batal oleh sistem", "batal sistem", "batal", "dibatalkan", "pembatalan"]],
  ["komponen", ["komponen"]],
  ["jenis", ["jenis layanan", "layanan", "jenis"]],
  ["upt", ["upt", "satker", "satuan kerja", "kantor"]],
  ["no", ["no", "nomor"]],
];

const K1_WORDS = ["k1", "dokumen perjalanan", "dokumen", "paspor", "paspur", "pos lintas batas", "plb", "pas lintas batas", "perjalanan"];
const K2_WORDS = ["k2", "izin tinggal", "ijin tinggal", "itk", "itas", "itap", "epo", "alih status", "change data", "perubahan data", "status keimigrasian", "izin masuk kembali", "imk"];
const TOTAL_WORDS = ["jumlah", "total", "sub total", "subtotal", "grand total"];

export type Component = "K1" | "K2";

const classified = new Map<string, Component | null>();

/** K1 or K2 from a service or component label (memoised: the same names repeat on every row). */
let lastClassified = "";
let lastClass: Component | null = null;

export function classifyService(label: string): Component | undefined {
  if (label === "K1" || label === "K2") return label;
  if (label === lastClassified) return lastClass ?? undefined;
  let c = classified.get(label);
  if (c === undefined) {
    c = classifyUncached(label) ?? null;
    if (classified.size < 10_000) classified.set(label, c);
  }
  lastClassified = label;
  lastClass = c;
  return c ?? undefined;
}

function classifyUncached(label: string): Component | undefined {
  const n = normalizeLabel(label);
  if (!n) return undefined;
  if (n === "k1" || n === "1") return "K1";
  if (n === "k2" || n === "2") return "K2";
  // Izin tinggal words first: "Alih Status ITK ke ITAS" must not match "paspor"-like words.
  if (labelMatches(label, K2_WORDS)) return "K2";
  if (labelMatches(label, K1_WORDS)) return "K1";
  return undefined;
}

function headerColumns(row: unknown[]): Map<Col, number> | undefined {
  const found = new Map<Col, number>();
  row.forEach((cell, i) => {
    if (typeof cell !== "string") return;
    for (const [col, variants] of HEADER_VARIANTS) {
      if (found.has(col)) continue;
      if (labelMatches(cell, variants, "exact") || labelMatches(cell, variants)) {
        found.set(col, i);
        break;
      }
    }
  });
  const numeric = ["sesuai", "tepat", "diselesaikan", "diterima", "terbit", "ditolak", "batal"].filter((c) => found.has(c as Col)).length;
  return numeric >= 2 ? found : undefined;
}

function cellAt(row: unknown[], i: number): unknown {
  return i >= 0 ? row[i] : undefined;
}

const totalLabels = new Map<string, boolean>();

/** A Jumlah/Total label: such rows are skipped so totals are never counted twice. */
let lastTotalLabel = "";
let lastIsTotal = false;

function isTotalLabel(v: unknown): boolean {
  if (typeof v !== "string" || v.length < 5) return false; // "Total" is the shortest
  if (v === lastTotalLabel) return lastIsTotal; // consecutive rows repeat their labels
  let t = totalLabels.get(v);
  if (t === undefined) {
    t = labelMatches(v, TOTAL_WORDS, "exact") || /^(jumlah|total)\b/.test(normalizeLabel(v));
    if (totalLabels.size < 10_000) totalLabels.set(v, t);
  }
  lastTotalLabel = v;
  lastIsTotal = t;
  return t;
}

type Sums = Record<Component, { diterima: number; diselesaikan: number; sesuai: number; tepat: number }>;

const emptySums = (): Sums => ({
  K1: { diterima: 0, diselesaikan: 0, sesuai: 0, tepat: 0 },
  K2: { diterima: 0, diselesaikan: 0, sesuai: 0, tepat: 0 },
});

/** A count cell: blank/"-" is 0; the message naming the cell is only built when the cell is not a number. */
function num(cell: unknown, name: string, row: number, what: string): number {
  // `x - x === 0` holds exactly for finite numbers; the rare other cases go the slow, located way.
  return typeof cell === "number" && cell - cell === 0 ? cell : slowNum(cell, name, row, what);
}

function slowNum(cell: unknown, name: string, row: number, what: string): number {
  return isBlank(cell) ? 0 : toNumber(cell, `${name} baris ${row} (${what})`);
}

/** Sums per component of the rows of one range; returns how many rows counted. */
function sumRows(raw: unknown, name: string, timingOnly: boolean, sums: Sums): number {
  // A range arrives as rows of cells; checking each row as it is read spares a pass over a big range.
  const m = Array.isArray(raw) && Array.isArray(raw[0]) ? (raw as unknown[][]) : toMatrix(raw, name);
  let start = 0;
  let cols: Map<Col, number> | undefined;
  for (let r = 0; r < Math.min(m.length, 5); r++) {
    cols = headerColumns(m[r] ?? []);
    if (cols) {
      start = r + 1;
      break;
    }
  }
  if (!cols) {
    const width = m[0]?.length ?? 0;
    if (timingOnly && width >= 3) {
      cols = new Map<Col, number>([["jenis", 0], ["sesuai", width - 2], ["tepat", width - 1]]);
    } else if (!timingOnly && width === 7) {
      cols = new Map<Col, number>([["komponen", 0], ["diterima", 1], ["terbit", 2], ["ditolak", 3], ["batal", 4], ["sesuai", 5], ["tepat", 6]]);
    } else {
      fail(
        "#VALUE!",
        `${name}: baris judul kolom tidak dikenali dan rentang tidak 7 kolom (komponen, diterima, terbit, ditolak, batal, sesuai syarat, tepat waktu)`,
        `${name}: no recognisable header row and the range is not 7 columns (component, received, issued, rejected, cancelled, eligible, on time)`,
      );
    }
  }
  const c = cols;
  const idx = (k: Col): number => c.get(k) ?? -1;
  const iKomponen = idx("komponen"), iJenis = idx("jenis"), iUpt = idx("upt"), iNo = idx("no");
  const iDiterima = idx("diterima"), iTerbit = idx("terbit"), iDitolak = idx("ditolak"), iBatal = idx("batal");
  const iSelesai = idx("diselesaikan"), iSesuai = idx("sesuai"), iTepat = idx("tepat");
  const hasParts = iTerbit >= 0 || iDitolak >= 0 || iBatal >= 0;
  const labelIdx = [iKomponen, iJenis, iUpt, iNo].filter((i) => i >= 0);
  // Per component: diterima, diselesaikan, sesuai, tepat (tuples keep the hot loop monomorphic).
  const k1: [number, number, number, number] = [0, 0, 0, 0];
  const k2: [number, number, number, number] = [0, 0, 0, 0];
  let counted = 0;
  let lastComponent: Component | undefined;
  for (let r = start; r < m.length; r++) {
    const row = m[r];
    if (!Array.isArray(row)) fail("#VALUE!", `${name} baris ${r + 1}: bukan baris rentang`, `${name} row ${r + 1}: not a range row`);
    let total = false;
    for (let li = 0; li < labelIdx.length; li++) if (isTotalLabel(row[labelIdx[li] ?? 0])) total = true;
    if (total) continue;
    const diterima = num(cellAt(row, iDiterima), name, r + 1, "diterima");
    const diselesaikan = hasParts
      ? num(cellAt(row, iTerbit), name, r + 1, "terbit") + num(cellAt(row, iDitolak), name, r + 1, "ditolak") + num(cellAt(row, iBatal), name, r + 1, "batal")
      : num(cellAt(row, iSelesai), name, r + 1, "diselesaikan");
    const sesuai = num(cellAt(row, iSesuai), name, r + 1, "sesuai syarat");
    const tepat = num(cellAt(row, iTepat), name, r + 1, "tepat waktu");
    if (diterima + diselesaikan <= 0 && sesuai + tepat <= 0) continue;
    const k = cellAt(row, iKomponen);
    const j = cellAt(row, iJenis);
    const component = (typeof k === "string" ? classifyService(k) : undefined) ?? (typeof j === "string" ? classifyService(j) : undefined) ?? lastComponent;
    if (!component) {
      const shown = typeof j === "string" ? j : "";
      fail(
        "#VALUE!",
        `${name} baris ${r + 1}: jenis layanan "${shown}" tidak dikenali sebagai dokumen perjalanan (K1) atau izin tinggal (K2); tambahkan kolom Komponen`,
        `${name} row ${r + 1}: service "${shown}" not recognised as travel document (K1) or stay permit (K2); add a Komponen column`,
      );
    }
    lastComponent = component;
    if (diselesaikan > diterima && !timingOnly) {
      fail(
        "#NUM!",
        `${name} baris ${r + 1}: diselesaikan ${formatIdNumber(diselesaikan)} melebihi permohonan diterima ${formatIdNumber(diterima)}`,
        `${name} row ${r + 1}: completed ${diselesaikan} exceeds applications received ${diterima}`,
      );
    }
    if (tepat > sesuai) {
      fail(
        "#NUM!",
        `${name} baris ${r + 1}: tepat waktu ${formatIdNumber(tepat)} melebihi permohonan sesuai syarat ${formatIdNumber(sesuai)}`,
        `${name} row ${r + 1}: on time ${tepat} exceeds eligible applications ${sesuai}`,
      );
    }
    if (component === "K1") {
      k1[0] += timingOnly ? 0 : diterima;
      k1[1] += timingOnly ? 0 : diselesaikan;
      k1[2] += sesuai;
      k1[3] += tepat;
    } else {
      k2[0] += timingOnly ? 0 : diterima;
      k2[1] += timingOnly ? 0 : diselesaikan;
      k2[2] += sesuai;
      k2[3] += tepat;
    }
    counted++;
  }
  for (const [k, a] of [["K1", k1], ["K2", k2]] as const) {
    sums[k].diterima += a[0];
    sums[k].diselesaikan += a[1];
    sums[k].sesuai += a[2];
    sums[k].tepat += a[3];
  }
  return counted;
}

export interface LayananComponentResult {
  diterima: number;
  diselesaikan: number;
  sesuai: number;
  tepat: number;
  D1: number;
  D2: number;
  K: number;
}

export interface LayananResult {
  K1: LayananComponentResult;
  K2: LayananComponentResult;
  X: number;
}

export const LAYANAN_WEIGHTS = { D1: 70, D2: 30, K1: 50, K2: 50 } as const;

export function computeLayanan(totals: Record<Component, { diterima: number; diselesaikan: number; sesuai: number; tepat: number }>, zeroOverZero: ZeroOverZero = "galat"): LayananResult {
  const comp = (k: Component): LayananComponentResult => {
    const t = totals[k];
    const D1 = ratio(t.diselesaikan, t.diterima, { name: `${k}.D1`, zeroOverZero, numeratorAtMostDenominator: true });
    const D2 = ratio(t.tepat, t.sesuai, { name: `${k}.D2`, zeroOverZero, numeratorAtMostDenominator: true });
    return { ...t, D1, D2, K: weightedComposite([D1, D2], [LAYANAN_WEIGHTS.D1, LAYANAN_WEIGHTS.D2], k) };
  };
  const K1 = comp("K1");
  const K2 = comp("K2");
  return { K1, K2, X: weightedComposite([K1.K, K2.K], [LAYANAN_WEIGHTS.K1, LAYANAN_WEIGHTS.K2], "X") };
}

/** IKK Layanan from one or two ranges. */
export function ikkLayanan(data: unknown, timing?: unknown, zeroOverZero: ZeroOverZero = "galat"): LayananResult {
  const sums = emptySums();
  sumRows(data, "data", false, sums);
  if (timing !== undefined && timing !== null) {
    // A separate timing range replaces whatever timing columns the data range had.
    const timed = emptySums();
    if (sumRows(timing, "waktu", true, timed) > 0) {
      for (const k of ["K1", "K2"] as const) {
        sums[k].sesuai = timed[k].sesuai;
        sums[k].tepat = timed[k].tepat;
      }
    }
  }
  return computeLayanan(sums, zeroOverZero);
}
