/**
 * Synthetic SAKIP workbooks for the benchmarks, generated in memory from a seeded PRNG (never
 * Math.random, never committed). The shapes follow the real LKjIP tables the built-in schema knows:
 * service tables (No | UPT | Jenis Layanan | Total Permohonan | Terbit | Ditolak | Batal by system |
 * Jumlah Diselesaikan), budget tables (Kegiatan | Anggaran | Realisasi | Persentase), calculation
 * tables (Komponen | Pembilang | Penyebut | Nilai | Bobot | Nilai x Bobot), capaian matrices and
 * long lists (No | UPT | Desa Binaan | Tahun Pembentukan), with formulas as text plus cached values,
 * Jumlah rows, merged title cells, some id-ID text numbers and a few deliberate slips so that the
 * rules have something to find.
 */
import type { CellSnapshot, SheetSnapshot, WorkbookSnapshot } from "../src/core/snapshot.js";
import { a1, columnLetters } from "../src/core/snapshot.js";

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  float(): number {
    return this.next();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
}

const UPT = ["Kanim Kupang", "Kanim Atambua", "Kanim Labuan Bajo", "Kanim Maumere", "Rudenim Kupang", "Kantor Wilayah"];
const JENIS = ["Paspor Biasa 48H", "Paspor Elektronik", "Dokumen Perjalanan", "Pas Lintas Batas", "ITAS", "ITAP", "ITK", "Alih Status", "Izin Masuk Kembali"];
const KEGIATAN = ["Dukungan Manajemen", "Belanja Pegawai", "Belanja Barang Operasional", "Belanja Modal Peralatan", "Layanan Perkantoran", "Pengawasan Orang Asing", "Penegakan Hukum"];
const DESA = ["Oesao", "Noelbaki", "Tarus", "Baumata", "Penfui", "Naibonat", "Camplong", "Oebelo", "Tanah Merah", "Kolhua"];

export interface SheetBuilder {
  sheet: SheetSnapshot;
  row: number;
}

function put(b: SheetBuilder, row: number, col: number, value: CellSnapshot["value"], extra?: Partial<CellSnapshot>): void {
  const c: CellSnapshot = { row, col, value };
  if (extra) Object.assign(c, extra);
  b.sheet.cells.push(c);
}

/** An id-ID text number, as typed into a cell formatted as text. */
function idText(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

function header(b: SheetBuilder, labels: string[], left: number): number {
  const r = b.row;
  labels.forEach((l, j) => put(b, r, left + j, l));
  b.row++;
  return r;
}

function title(b: SheetBuilder, text: string, left: number, width: number): void {
  put(b, b.row, left, text);
  if (width > 1 && b.sheet.merges) b.sheet.merges.push(`${a1(b.row, left)}:${a1(b.row, left + width - 1)}`);
  b.row++;
}

let tableNo = 0;

/** Layanan: 8 columns, Jumlah Diselesaikan = SUM(terbit..batal), Jumlah row at the bottom. */
function layanan(b: SheetBuilder, rng: Rng, rows: number): void {
  const L = 1;
  title(b, `Tabel ${++tableNo} Data Layanan Dokumen Perjalanan dan Izin Tinggal`, L, 8);
  header(b, ["No", "UPT", "Jenis Layanan", "Total Permohonan", "Terbit", "Ditolak", "Batal by system", "Jumlah Diselesaikan"], L);
  const first = b.row;
  const sums = new Float64Array(5);
  for (let i = 0; i < rows; i++) {
    const r = b.row++;
    const total = rng.int(50, 30000);
    const terbit = Math.floor(total * (0.8 + 0.15 * rng.float()));
    const ditolak = Math.floor((total - terbit) * rng.float() * 0.5);
    const batal = Math.floor((total - terbit - ditolak) * rng.float());
    const sel = terbit + ditolak + batal;
    put(b, r, L, i + 1);
    if (i % 3 === 0) put(b, r, L + 1, rng.pick(UPT)); // fill-down: UPT written once per group
    put(b, r, L + 2, rng.pick(JENIS));
    put(b, r, L + 3, rng.chance(0.02) ? idText(total) : total, { numberFormat: "#,##0" });
    put(b, r, L + 4, terbit, { numberFormat: "#,##0" });
    put(b, r, L + 5, ditolak);
    put(b, r, L + 6, batal);
    const slip = rng.chance(0.003) ? rng.int(1, 9) : 0; // a cached value that disagrees
    put(b, r, L + 7, sel + slip, { formula: `SUM(${a1(r, L + 4)}:${a1(r, L + 6)})`, numberFormat: "#,##0" });
    sums[0] = (sums[0] ?? 0) + total;
    sums[1] = (sums[1] ?? 0) + terbit;
    sums[2] = (sums[2] ?? 0) + ditolak;
    sums[3] = (sums[3] ?? 0) + batal;
    sums[4] = (sums[4] ?? 0) + sel + slip;
  }
  const last = b.row - 1;
  const r = b.row++;
  put(b, r, L, "Jumlah");
  if (b.sheet.merges) b.sheet.merges.push(`${a1(r, L)}:${a1(r, L + 2)}`);
  for (let j = 0; j < 5; j++) {
    const col = L + 3 + j;
    put(b, r, col, sums[j] ?? 0, { formula: `SUM(${columnLetters(col)}${first}:${columnLetters(col)}${last})`, numberFormat: "#,##0" });
  }
  b.row++;
}

/** Anggaran: Persentase = C/B*100, Jumlah row. */
function anggaran(b: SheetBuilder, rng: Rng, rows: number): void {
  const L = 2;
  title(b, `Tabel ${++tableNo} Realisasi Anggaran per Kegiatan`, L, 4);
  header(b, ["Kegiatan", "Anggaran", "Realisasi", "Persentase"], L);
  const first = b.row;
  let pagu = 0;
  let real = 0;
  for (let i = 0; i < rows; i++) {
    const r = b.row++;
    const p = rng.int(10, 9000) * 1_000_000 + rng.int(0, 999) * 1000;
    const x = Math.floor(p * (0.6 + 0.4 * rng.float()));
    put(b, r, L, `${rng.pick(KEGIATAN)} ${i + 1}`);
    put(b, r, L + 1, p, { numberFormat: "#,##0" });
    put(b, r, L + 2, rng.chance(0.02) ? idText(x) : x, { numberFormat: "#,##0" });
    put(b, r, L + 3, (x / p) * 100 + (rng.chance(0.003) ? 3 : 0), { formula: `${a1(r, L + 2)}/${a1(r, L + 1)}*100`, numberFormat: "0.00" });
    pagu += p;
    real += x;
  }
  const last = b.row - 1;
  const r = b.row++;
  put(b, r, L, "Jumlah");
  put(b, r, L + 1, pagu, { formula: `SUM(${a1(first, L + 1)}:${a1(last, L + 1)})`, numberFormat: "#,##0" });
  put(b, r, L + 2, real, { formula: `SUM(${a1(first, L + 2)}:${a1(last, L + 2)})`, numberFormat: "#,##0" });
  put(b, r, L + 3, (real / pagu) * 100, { formula: `${a1(r, L + 2)}/${a1(r, L + 1)}*100`, numberFormat: "0.00" });
  b.row++;
}

/**
 * Perhitungan: a BAB III calculation block the schema binds (K1 or K2 of the IKK Layanan: D1 and D2
 * weighted 70/30, then the K row), so that the links between the calculations and the service
 * tables are evaluated as in a real report. Nilai = B/C*100, Nilai x Bobot = D*E/100.
 */
const CALCS = [
  { code: "K1", title: "Perhitungan K1 Indeks Kualitas Layanan Dokumen Perjalanan" },
  { code: "K2", title: "Perhitungan K2 Indeks Kualitas Layanan Izin Tinggal" },
];

function perhitungan(b: SheetBuilder, rng: Rng): void {
  const L = 1;
  const calc = rng.pick(CALCS);
  title(b, calc.title, L, 6);
  header(b, ["Komponen", "Pembilang", "Penyebut", "Nilai", "Bobot", "Nilai x Bobot"], L);
  const first = b.row;
  let total = 0;
  [70, 30].forEach((bobot, i) => {
    const r = b.row++;
    const den = rng.int(100, 50000);
    const num = Math.floor(den * (0.7 + 0.3 * rng.float()));
    const nilai = (num / den) * 100;
    put(b, r, L, `D${i + 1}`);
    put(b, r, L + 1, num);
    put(b, r, L + 2, den);
    put(b, r, L + 3, nilai, { formula: `${a1(r, L + 1)}/${a1(r, L + 2)}*100`, numberFormat: "0.00" });
    put(b, r, L + 4, bobot, { numberFormat: "0" });
    put(b, r, L + 5, (nilai * bobot) / 100, { formula: `${a1(r, L + 3)}*${a1(r, L + 4)}/100`, numberFormat: "0.00" });
    total += (nilai * bobot) / 100;
  });
  const r = b.row++;
  put(b, r, L, calc.code);
  put(b, r, L + 3, total, { formula: `SUM(${a1(first, L + 5)}:${a1(r - 1, L + 5)})`, numberFormat: "0.00" });
  b.row++;
}

/** Capaian matrix: Capaian = Realisasi/Target*100. */
function capaian(b: SheetBuilder, rng: Rng, rows: number): void {
  const L = 1;
  title(b, `Tabel ${++tableNo} Capaian Kinerja`, L, 5);
  header(b, ["Sasaran Kegiatan", "Indikator Kinerja Kegiatan", "Target", "Realisasi", "Capaian (%)"], L);
  for (let i = 0; i < rows; i++) {
    const r = b.row++;
    const t = rng.int(50, 100);
    const x = t * (0.8 + 0.4 * rng.float());
    if (i % 4 === 0) put(b, r, L, "Meningkatnya Layanan Keimigrasian di Kewilayahan");
    // The first row names the real indicator, so the capaian links to the calculations are evaluated.
    put(b, r, L + 1, i === 0 ? "Indeks Kualitas Layanan Keimigrasian" : `Indikator ${i + 1}`);
    put(b, r, L + 2, t);
    put(b, r, L + 3, rng.chance(0.02) ? x.toFixed(2).replace(".", ",") : x);
    put(b, r, L + 4, (x / t) * 100, { formula: `${a1(r, L + 3)}/${a1(r, L + 2)}*100`, numberFormat: "0.00" });
  }
  b.row++;
}

/** Desa binaan: a long list with a key column (duplicates possible). */
function desa(b: SheetBuilder, rng: Rng, rows: number): void {
  const L = 1;
  title(b, `Tabel ${++tableNo} Desa Binaan Imigrasi`, L, 4);
  header(b, ["No", "UPT", "Desa Binaan", "Tahun Pembentukan"], L);
  for (let i = 0; i < rows; i++) {
    const r = b.row++;
    put(b, r, L, i + 1);
    put(b, r, L + 1, rng.pick(UPT));
    put(b, r, L + 2, rng.chance(0.002) ? rng.pick(DESA) : `Desa ${rng.pick(DESA)} ${i + 1}`);
    put(b, r, L + 3, rng.int(2019, 2025));
  }
  b.row++;
}

const KINDS: { fn: (b: SheetBuilder, rng: Rng, rows: number) => void; width: number; weight: number; maxRows?: number }[] = [
  { fn: layanan, width: 8, weight: 4 },
  { fn: anggaran, width: 4, weight: 3 },
  { fn: perhitungan, width: 6, weight: 1, maxRows: 3 },
  { fn: capaian, width: 5, weight: 1 },
  { fn: desa, width: 4, weight: 3 },
];

export interface GenOptions {
  /** Target number of non-empty cells (the result is within a few percent). */
  cells: number;
  seed?: number;
}

/** Count of non-empty cells of a snapshot. */
export function cellCount(wb: WorkbookSnapshot): number {
  return wb.sheets.reduce((a, s) => a + s.cells.length, 0);
}

/**
 * A workbook of about `cells` non-empty cells. Sheet count and table length both grow with the
 * size (≈ √(cells/1000) sheets), so a cost quadratic in either shows in the 1M/100k ratio.
 */
export function generateWorkbook(opts: GenOptions): WorkbookSnapshot {
  const rng = new Rng(opts.seed ?? 20250101);
  tableNo = 0;
  const nSheets = Math.max(2, Math.min(40, Math.round(Math.sqrt(opts.cells / 1000))));
  const perSheet = opts.cells / nSheets;
  const totalWeight = KINDS.reduce((a, k) => a + k.weight, 0);
  const sheets: SheetSnapshot[] = [];
  for (let s = 0; s < nSheets; s++) {
    const b: SheetBuilder = { sheet: { name: `Tabel ${s + 1}`, cells: [], merges: [] }, row: 1 };
    if (s === nSheets - 1 && nSheets > 2) b.sheet.hidden = true;
    let budget = perSheet;
    while (budget > 0) {
      let x = rng.float() * totalWeight;
      let kind = KINDS[0];
      for (const k of KINDS) {
        x -= k.weight;
        if (x <= 0) {
          kind = k;
          break;
        }
      }
      if (!kind) break;
      // About eight tables per sheet, each between a quarter and twice the average length.
      const avgRows = Math.max(4, perSheet / 8 / kind.width);
      let rows = Math.max(3, Math.round(avgRows * (0.25 + 1.75 * rng.float())));
      if (kind.maxRows) rows = Math.min(rows, kind.maxRows);
      rows = Math.max(3, Math.min(rows, Math.ceil(budget / kind.width) + 2));
      const before = b.sheet.cells.length;
      kind.fn(b, rng, rows);
      budget -= b.sheet.cells.length - before;
    }
    sheets.push(b.sheet);
  }
  return { source: `synthetic-${opts.cells}.xlsx`, sheets };
}
