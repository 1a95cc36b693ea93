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

/** What a label cell says about its row (numbers, to keep the row loop on small integers). */
type LabelKind = 0 | 1 | 2 | 3;
const NO_KIND = 0;
const KIND_K1 = 1;
const KIND_K2 = 2;
/** A Jumlah/Total row: skipped so totals are never counted twice. */
const KIND_TOTAL = 3;

const labelKinds = new Map<string, LabelKind>();
let lastLabel = "";
let lastKind: LabelKind = NO_KIND;

/** The kind of a label: a Jumlah/Total row, a K1 or K2 service, or nothing (memoised: names repeat on every row). */
function labelKind(label: string): LabelKind {
  if (label === "K1") return KIND_K1; // the usual Komponen column
  if (label === "K2") return KIND_K2;
  if (label === lastLabel) return lastKind; // consecutive rows repeat their labels
  let kind = labelKinds.get(label);
  if (kind === undefined) {
    const component = isTotalText(label) ? "total" : classifyService(label);
    kind = component === "total" ? KIND_TOTAL : component === "K1" ? KIND_K1 : component === "K2" ? KIND_K2 : NO_KIND;
    if (labelKinds.size < 10_000) labelKinds.set(label, kind);
  }
  lastLabel = label;
  lastKind = kind;
  return kind;
}

function kindOf(cell: unknown): LabelKind {
  return typeof cell === "string" ? labelKind(cell) : NO_KIND;
}

/**
 * What the label cells of a row say: KIND_TOTAL when any holds a Jumlah/Total label, else the
 * component named by Komponen, else by Jenis Layanan (NO_KIND when neither names one).
 */
function rowKind(row: unknown[], c: Columns): LabelKind {
  let kind: LabelKind = NO_KIND;
  for (let q = 0; q < c.labels.length; q++) {
    const k = kindOf(row[c.labels[q]!]);
    if (k === KIND_TOTAL) return KIND_TOTAL;
    if (kind === NO_KIND && q < c.naming) kind = k;
  }
  return kind;
}

function isTotalText(v: string): boolean {
  return v.length >= 5 && (labelMatches(v, TOTAL_WORDS, "exact") || /^(jumlah|total)\b/.test(normalizeLabel(v))); // "Total" is the shortest
}

type Sums = Record<Component, { diterima: number; diselesaikan: number; sesuai: number; tepat: number }>;

const emptySums = (): Sums => ({
  K1: { diterima: 0, diselesaikan: 0, sesuai: 0, tepat: 0 },
  K2: { diterima: 0, diselesaikan: 0, sesuai: 0, tepat: 0 },
});

/** A count cell: blank/"-" is 0; the message naming the cell is only built when the cell is not a number. */
function num(cell: unknown, name: string, row: number, what: string): number {
  // A finite number passes as it is, a missing cell is a blank; the rare other cases go the slow, located way.
  return typeof cell === "number" && Number.isFinite(cell) ? cell : cell === undefined ? 0 : slowNum(cell, name, row, what);
}

function slowNum(cell: unknown, name: string, row: number, what: string): number {
  return isBlank(cell) ? 0 : toNumber(cell, `${name} baris ${row} (${what})`);
}

/**
 * The position given to a column the range does not have: past the end of every row (an
 * Excel row has at most 16,384 cells), so reading it gives undefined, a blank, as for a short row.
 * The row loop then reads every count column without a test per column, a fifth of its time.
 */
const ABSENT = 2 ** 30 - 1; // the largest integer V8 keeps unboxed

/** Where one range keeps its columns (one shape for every range), ABSENT for a column it does not have. */
interface Columns {
  /** The label columns it has, in the order Komponen, Jenis Layanan, UPT, No: any may mark a Jumlah/Total row. */
  labels: number[];
  /** How many of `labels` (the first ones: Komponen, Jenis Layanan) name the component, in that order. */
  naming: number;
  jenis: number;
  diterima: number;
  terbit: number;
  ditolak: number;
  batal: number;
  diselesaikan: number;
  sesuai: number;
  tepat: number;
}

function columnsOf(found: Map<Col, number>): Columns {
  const at = (k: Col): number => found.get(k) ?? ABSENT;
  const naming = (["komponen", "jenis"] as const).flatMap((k) => found.get(k) ?? []);
  return {
    labels: [...naming, ...(["upt", "no"] as const).flatMap((k) => found.get(k) ?? [])],
    naming: naming.length,
    jenis: at("jenis"),
    diterima: at("diterima"),
    terbit: at("terbit"),
    ditolak: at("ditolak"),
    batal: at("batal"),
    diselesaikan: at("diselesaikan"),
    sesuai: at("sesuai"),
    tepat: at("tepat"),
  };
}

/** Sums per component of the rows of one range; returns how many rows counted. */
function sumRows(raw: unknown, name: string, timingOnly: boolean, sums: Sums): number {
  // A range arrives as rows of cells; checking each row as it is read spares a pass over a big range.
  const m = Array.isArray(raw) && Array.isArray(raw[0]) ? (raw as unknown[][]) : toMatrix(raw, name);
  let start = 0;
  let cols: Map<Col, number> | undefined;
  for (let r = 0; r < Math.min(m.length, 5); r++) {
    const row = m[r];
    cols = Array.isArray(row) ? headerColumns(row) : undefined; // a non-row is refused, located, below
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
  // Running sums: K1's diterima, diselesaikan, sesuai, tepat in acc[0..3], K2's in acc[4..7],
  // rows counted in acc[8].
  const acc = new Float64Array(9);
  const c = columnsOf(cols);
  let last: LabelKind = NO_KIND;
  for (let from = start; from < m.length; from += BLOCK_ROWS) {
    last = sumBlock(m, from, Math.min(m.length, from + BLOCK_ROWS), c, name, timingOnly, acc, last);
  }
  sums.K1.diterima += acc[0] ?? 0;
  sums.K1.diselesaikan += acc[1] ?? 0;
  sums.K1.sesuai += acc[2] ?? 0;
  sums.K1.tepat += acc[3] ?? 0;
  sums.K2.diterima += acc[4] ?? 0;
  sums.K2.diselesaikan += acc[5] ?? 0;
  sums.K2.sesuai += acc[6] ?? 0;
  sums.K2.tepat += acc[7] ?? 0;
  return acc[8] ?? 0;
}

/**
 * Rows per call of `sumBlock`. The row loop runs in blocks so that V8 sees one small function called
 * many times and optimises it whole, with type feedback for every statement. One call over a big
 * range would instead be compiled mid-loop (on-stack replacement) without feedback for the code
 * before and after the loop, and V8 kept bailing out of that code on every later call.
 */
const BLOCK_ROWS = 1024;

/**
 * Adds rows [from, to) of a range to `acc` (see sumRows) and returns the component of the last
 * counted row, `last` when no row counted: a row that names no component belongs to the one above.
 */
function sumBlock(m: unknown[][], from: number, to: number, c: Columns, name: string, timingOnly: boolean, acc: Float64Array, last: LabelKind): LabelKind {
  // The usual range has one label column, Komponen or Jenis Layanan: read it straight; other ranges
  // go through rowKind's loop over their label columns (never compiled into this loop when unused).
  const oneLabel = c.labels.length === 1 && c.naming === 1, iLabel = c.labels[0] ?? ABSENT;
  const iDiterima = c.diterima, iTerbit = c.terbit, iDitolak = c.ditolak, iBatal = c.batal;
  const iSelesai = c.diselesaikan, iSesuai = c.sesuai, iTepat = c.tepat;
  const hasParts = iTerbit !== ABSENT || iDitolak !== ABSENT || iBatal !== ABSENT;
  // Per component: received, completed, eligible, on time (locals: unboxed in optimised code).
  let d1 = 0, s1 = 0, e1 = 0, t1 = 0;
  let d2 = 0, s2 = 0, e2 = 0, t2 = 0;
  let counted = 0;
  let lastComponent = last;
  for (let r = from; r < to; r++) {
    const row = m[r];
    if (!Array.isArray(row)) fail("#VALUE!", `${name} baris ${r + 1}: bukan baris rentang`, `${name} row ${r + 1}: not a range row`);
    // The component named by Komponen, else by Jenis Layanan; a total label anywhere skips the row.
    let component = oneLabel ? kindOf(row[iLabel]) : rowKind(row, c);
    if (component === KIND_TOTAL) continue;
    const line = r + 1;
    const diterima = num(row[iDiterima], name, line, "diterima");
    const diselesaikan = hasParts
      ? num(row[iTerbit], name, line, "terbit") + num(row[iDitolak], name, line, "ditolak") + num(row[iBatal], name, line, "batal")
      : num(row[iSelesai], name, line, "diselesaikan");
    const sesuai = num(row[iSesuai], name, line, "sesuai syarat");
    const tepat = num(row[iTepat], name, line, "tepat waktu");
    if (diterima + diselesaikan <= 0 && sesuai + tepat <= 0) continue;
    if (component === NO_KIND) component = lastComponent;
    if (component === NO_KIND) {
      const j = row[c.jenis];
      const shown = typeof j === "string" ? j : "";
      fail(
        "#VALUE!",
        `${name} baris ${line}: jenis layanan "${shown}" tidak dikenali sebagai dokumen perjalanan (K1) atau izin tinggal (K2); tambahkan kolom Komponen`,
        `${name} row ${line}: service "${shown}" not recognised as travel document (K1) or stay permit (K2); add a Komponen column`,
      );
    }
    lastComponent = component;
    if (diselesaikan > diterima && !timingOnly) {
      fail(
        "#NUM!",
        `${name} baris ${line}: diselesaikan ${formatIdNumber(diselesaikan)} melebihi permohonan diterima ${formatIdNumber(diterima)}`,
        `${name} row ${line}: completed ${diselesaikan} exceeds applications received ${diterima}`,
      );
    }
    if (tepat > sesuai) {
      fail(
        "#NUM!",
        `${name} baris ${line}: tepat waktu ${formatIdNumber(tepat)} melebihi permohonan sesuai syarat ${formatIdNumber(sesuai)}`,
        `${name} row ${line}: on time ${tepat} exceeds eligible applications ${sesuai}`,
      );
    }
    if (component === KIND_K1) {
      d1 += diterima;
      s1 += diselesaikan;
      e1 += sesuai;
      t1 += tepat;
    } else {
      d2 += diterima;
      s2 += diselesaikan;
      e2 += sesuai;
      t2 += tepat;
    }
    counted++;
  }
  // A timing range only brings the timing figures. (`!`: acc has 9 slots.)
  if (!timingOnly) {
    acc[0]! += d1;
    acc[1]! += s1;
    acc[4]! += d2;
    acc[5]! += s2;
  }
  acc[2]! += e1;
  acc[3]! += t1;
  acc[6]! += e2;
  acc[7]! += t2;
  acc[8]! += counted;
  return lastComponent;
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
