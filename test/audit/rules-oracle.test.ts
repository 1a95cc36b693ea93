/**
 * The schema rules against their straightforward versions (kept in `reference/` as they were before
 * the rules were made faster): on random workbooks shaped like the schema's tables, each rule must
 * report the same findings, in the same order, as its reference.
 */
import { describe, expect, it } from "vitest";
import { SheetGrid, type CellSnapshot, type SheetSnapshot, type WorkbookSnapshot } from "../../src/core/snapshot.js";
import { recogniseTables } from "../../src/core/audit/tables.js";
import { loadBuiltinSchema } from "../../src/core/schema/schema.js";
import type { SchemaAuditContext } from "../../src/core/audit/engine.js";
import type { Rule } from "../../src/core/audit/types.js";
import { SCHEMA_RULES } from "../../src/core/audit/rules/index.js";
import { generateWorkbook, Rng } from "../../bench/gen.js";
import { recomputeRule } from "./reference/recompute.js";
import { polarityRule, ratiosRule, swappedRule, weightsRule } from "./reference/structure.js";
import { digitGroupingRule, duplicatesRule, totalsRule, unitsRule } from "./reference/tables-rules.js";
import { crossTableRule } from "./reference/cross-table.js";

const REFERENCE: Rule[] = [digitGroupingRule, recomputeRule, weightsRule, totalsRule, ratiosRule, crossTableRule, duplicatesRule, unitsRule, polarityRule, swappedRule];

type Reported = Parameters<SchemaAuditContext["report"]>[0];

/** Every report call of one rule, in order, on a freshly recognised workbook. */
function reports(rule: Rule, w: WorkbookSnapshot): Reported[] {
  const schema = loadBuiltinSchema();
  const grids = new Map<string, SheetGrid>();
  for (const s of w.sheets) grids.set(s.name, new SheetGrid(s));
  const out: Reported[] = [];
  const ctx: SchemaAuditContext = {
    workbook: w,
    grids,
    cancelled: () => false,
    report: (f) => {
      out.push(f);
    },
    schema,
    tables: recogniseTables(w, grids, schema),
  };
  rule.run(ctx);
  return out;
}

/** Messages seen by `expectSameAsReference`, to check that the random workbooks reach every path. */
const seen: string[] = [];

function expectSameAsReference(w: WorkbookSnapshot): number {
  let n = 0;
  for (const ref of REFERENCE) {
    const rule = SCHEMA_RULES.find((r) => r.id === ref.id);
    expect(rule, ref.id).toBeDefined();
    const want = reports(ref, w);
    const got = reports(rule as Rule, w);
    expect(got, ref.id).toEqual(want);
    n += want.length;
    for (const f of want) seen.push(`${f.rule}: ${f.message_en}`);
  }
  return n;
}

// ---- Random workbooks ----------------------------------------------------------------------------

type V = CellSnapshot["value"];

class Builder {
  readonly cells: CellSnapshot[] = [];
  row = 1;
  constructor(readonly rng: Rng) {}
  put(row: number, col: number, value: V, extra?: Partial<CellSnapshot>): void {
    if (value === null && !extra?.error) return;
    this.cells.push({ row, col, value, ...extra });
  }
  line(values: (V | { v: V; fmt?: string; error?: string })[], left = 1): void {
    values.forEach((x, j) => {
      if (x !== null && typeof x === "object") this.put(this.row, left + j, x.v, { ...(x.fmt ? { numberFormat: x.fmt } : {}), ...(x.error ? { error: x.error } : {}) });
      else this.put(this.row, left + j, x);
    });
    this.row++;
  }
  gap(): void {
    this.row += 2;
  }
}

const UPT = ["Kanim Kupang", "Kanim Atambua", "Kantor Imigrasi Kelas I TPI Kupang", "Rudenim Kupang", "KANIM  LABUAN-BAJO", "Kanim Maumère", ""];
const JENIS = ["Paspor Biasa 48H", "Paspor Elektronik", "Pas Lintas Batas", "ITAS", "ITAP", "ITK", "Alih Status", "Izin Tinggal", "Perubahan Data", "Lainnya"];
const SASARAN = ["Meningkatnya Layanan Keimigrasian", "Optimalnya Penegakan Hukum Keimigrasian", "Meningkatnya Pelaksanaan Reformasi Birokrasi", "Dukungan Manajemen"];
const INDIKATOR = ["Indeks Kualitas Layanan Keimigrasian", "Indeks Penegakan Hukum Keimigrasian", "Indeks Kepuasan Unit Kerja", "Rata-rata capaian", "Rerata Capaian Seluruh Indikator", "Anggaran", "Pagu", "Indikator"];
const DESA = ["Desa Oesao", "desa oesao", "DESA-OESAO", "Désa Oesao", "Desa Tarus", " Desa  Tarus ", "-", "", "Noelbaki", "Penfui"];

/** A number, sometimes blank, text (id-ID), a percent, an error or a slip. */
function num(b: Builder, x: number, opts: { pct?: boolean } = {}): V | { v: V; fmt?: string; error?: string } {
  const r = b.rng.float();
  // Now and then a value whose sums overflow to Infinity.
  if (r > 0.997) return 1.7e308;
  if (r < 0.06) return null;
  if (r < 0.1) return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  if (r < 0.12) return { v: null, error: "#DIV/0!" };
  if (r < 0.14) return "-";
  if (opts.pct && r < 0.3) return { v: x / 100, fmt: "0.00%" };
  if (r < 0.35) return { v: x, fmt: b.rng.pick(["#,##0", "0.00", "0", '"Rp"#,##0', "General"]) };
  return x;
}

function slip(b: Builder, x: number): number {
  const r = b.rng.float();
  if (r < 0.15) return x + b.rng.int(1, 9);
  if (r < 0.2) return x + 0.004;
  if (r < 0.25) return x * 1000;
  return x;
}

function anggaran(b: Builder): void {
  const groups = b.rng.chance(0.3) ? 2 : 1;
  b.line([b.rng.pick(["Tabel 9 Realisasi Anggaran", "Realisasi anggaran per satuan kerja", ""])]);
  const head: V[] = ["Kegiatan"];
  for (let g = 0; g < groups; g++) head.push("Anggaran", "Realisasi", "Persentase");
  b.line(head);
  const n = b.rng.int(2, 14);
  for (let i = 0; i < n; i++) {
    const kind = b.rng.float();
    const label = kind < 0.15 ? b.rng.pick(["Jumlah", "Sub Total", "TOTAL", "Grand Total"]) : kind < 0.3 ? b.rng.pick(SASARAN) : `${b.rng.pick(["Belanja", "Dukungan", "Layanan"])} ${i}`;
    const row: (V | { v: V; fmt?: string })[] = [label];
    for (let g = 0; g < groups; g++) {
      const p = b.rng.int(0, 5) * 1000 + b.rng.int(0, 3);
      const r = b.rng.chance(0.2) ? p + b.rng.int(1, 500) : Math.floor(p * b.rng.float());
      row.push(num(b, p), num(b, r), num(b, slip(b, p ? (r / p) * 100 : 0), { pct: true }));
    }
    b.line(row, 1);
  }
}

function layanan(b: Builder): void {
  b.line([`Tabel ${b.rng.int(1, 20)} Data Layanan`]);
  b.line(["No", "UPT", "Jenis Layanan", "Total Permohonan", "Terbit", "Ditolak", "Batal by system", "Jumlah Diselesaikan"]);
  const n = b.rng.int(2, 16);
  for (let i = 0; i < n; i++) {
    if (b.rng.chance(0.1)) {
      b.line([b.rng.pick(["Jumlah", "Total", "Subtotal"]), null, null, num(b, b.rng.int(0, 900)), num(b, b.rng.int(0, 900))]);
      continue;
    }
    const total = b.rng.int(0, 300);
    const t = b.rng.int(0, total);
    const d = b.rng.int(0, total - t);
    const x = b.rng.chance(0.1) ? b.rng.int(0, 50) : b.rng.int(0, Math.max(0, total - t - d));
    b.line([i + 1, b.rng.chance(0.4) ? b.rng.pick(UPT) : null, b.rng.pick(JENIS), num(b, total), num(b, t), num(b, d), num(b, x), num(b, slip(b, t + d + x))]);
  }
}

function capaian(b: Builder): void {
  b.line(["Tabel 3 Capaian Kinerja"]);
  const uraian = b.rng.chance(0.3);
  b.line(["Sasaran Kegiatan", "Indikator Kinerja Kegiatan", ...(uraian ? ["Uraian"] : []), "Target", "Realisasi", "Capaian (%)"]);
  const n = b.rng.int(2, 12);
  for (let i = 0; i < n; i++) {
    const t = b.rng.int(0, 100);
    const r = b.rng.int(0, 120);
    const c = b.rng.chance(0.2) ? (t / (r || 1)) * 100 : b.rng.chance(0.2) ? Math.max(0, (2 - r / (t || 1)) * 100) : (r / (t || 1)) * 100;
    const ind = b.rng.chance(0.7) ? `${b.rng.pick(INDIKATOR)}${b.rng.chance(0.5) ? ` ${i}` : ""}` : null;
    b.line([
      b.rng.chance(0.4) ? b.rng.pick(SASARAN) : null,
      ind,
      ...(uraian ? [b.rng.chance(0.5) ? b.rng.pick(["Pagu efektif", "Realisasi", "Seluruh indikator"]) : null] : []),
      num(b, t, { pct: true }),
      num(b, r, { pct: true }),
      num(b, slip(b, c), { pct: true }),
    ]);
  }
}

function desa(b: Builder): void {
  b.line([b.rng.pick(["Tabel 5 Desa Binaan", ""])]);
  b.line(["No", "UPT", "Desa Binaan", "Tahun Pembentukan"]);
  const n = b.rng.int(2, 20);
  for (let i = 0; i < n; i++) b.line([i + 1, b.rng.chance(0.3) ? b.rng.pick(UPT) : null, b.rng.chance(0.5) ? b.rng.pick(DESA) : `Desa ${b.rng.int(1, 30)}`, b.rng.int(2019, 2025)]);
}

function perhitungan(b: Builder): void {
  b.line([b.rng.pick(["Perhitungan K1 Indeks Kualitas Layanan Dokumen Perjalanan", "Perhitungan K2 Izin Tinggal", "Perhitungan K5", "Perhitungan I1"])]);
  const pol = b.rng.chance(0.3);
  b.line(["Komponen", "Pembilang", "Penyebut", "Nilai", "Bobot", "Nilai x Bobot", ...(pol ? ["Polaritas", "Kebijakan"] : [])]);
  const parts = b.rng.int(0, 4);
  let total = 0;
  for (let i = 0; i < parts; i++) {
    const den = b.rng.chance(0.1) ? 0 : b.rng.int(1, 500);
    const nu = b.rng.int(0, 500);
    const nilai = den ? slip(b, (nu / den) * 100) : b.rng.pick([0, 100]);
    const w = b.rng.pick([70, 30, 40, 60, 25, 50]);
    total += (nilai * w) / 100;
    b.line([`D${i + 1}`, num(b, nu), num(b, den), num(b, nilai), b.rng.chance(0.5) ? { v: w / 100, fmt: "0%" } : w, num(b, slip(b, (nilai * w) / 100)), ...(pol ? [b.rng.pick(["Negatif", "Positif", "-", null]), b.rng.pick(["nol", "penuh", null])] : [])]);
  }
  b.line([b.rng.pick(["K1", "K2", "I1", "X", "K5"]), parts ? null : num(b, b.rng.int(0, 90)), parts ? null : num(b, b.rng.int(1, 90)), num(b, slip(b, total))]);
}

function serapan(b: Builder): void {
  b.line(["Pagu efektif dan serapan"]);
  b.line(["Uraian", "Jumlah"]);
  const pagu = b.rng.int(1000, 5000);
  const blokir = b.rng.int(0, 500);
  const real = b.rng.int(0, pagu - blokir);
  b.line(["Pagu", num(b, pagu)]);
  b.line(["Blokir", num(b, blokir)]);
  b.line(["Pagu efektif", num(b, slip(b, pagu - blokir))]);
  b.line(["Realisasi", num(b, real)]);
  b.line(["Persentase serapan", num(b, slip(b, (real / (pagu - blokir)) * 100), { pct: true })]);
}

function ikpa(b: Builder): void {
  b.line(["Nilai IKPA"]);
  b.line(["Komponen IKPA", "Nilai", "Bobot", "Nilai Akhir"]);
  for (const k of ["Revisi DIPA", "Deviasi Halaman III DIPA", "Penyerapan Anggaran", "Penyelesaian Tagihan"]) {
    const v = b.rng.int(50, 100);
    const w = b.rng.pick([10, 15, 20, 25]);
    b.line([k, num(b, v), num(b, w), num(b, slip(b, (v * w) / 100))]);
  }
  b.line(["Nilai Total", num(b, b.rng.int(50, 100))]);
  b.line(["Konversi Bobot", num(b, b.rng.int(50, 100), { pct: true })]);
  b.line(["Nilai Akhir", num(b, b.rng.int(50, 100))]);
}

const MAKERS = [anggaran, layanan, capaian, desa, perhitungan, serapan, ikpa];

function randomWorkbook(seed: number): WorkbookSnapshot {
  const rng = new Rng(seed);
  const sheets: SheetSnapshot[] = [];
  for (let s = 0; s < rng.int(1, 3); s++) {
    const b = new Builder(rng);
    for (let k = 0; k < rng.int(1, 6); k++) {
      rng.pick(MAKERS)(b);
      b.gap();
    }
    sheets.push({ name: `S${s + 1}`, cells: b.cells });
  }
  return { sheets };
}

describe("schema rules against their reference versions", () => {
  it("report the same findings on random workbooks", () => {
    let findings = 0;
    for (let seed = 1; seed <= 300; seed++) findings += expectSameAsReference(randomWorkbook(seed));
    // The generator must give the rules something to say.
    expect(findings).toBeGreaterThan(1000);
    // Every kind of finding of the rules made faster is among them.
    const kinds = [
      /^totals: Row sum/,
      /^totals: Percentage/,
      /^totals: Parent row/,
      /^totals: Child/,
      /^totals: Row ".*" column/,
      /^ratios: Completed services/,
      /^duplicates: /,
      /^units: The value/,
      /^recompute: Capaian/,
      /^recompute: Average capaian/,
      /^recompute: IKPA/,
      /^cross-table: /,
      /^cross-table: Total realisation/,
      /^cross-table: Total budget/,
      /^swapped-columns: /,
      /^polarity: /,
    ];
    for (const k of kinds) expect(seen.some((m) => k.test(m)), String(k)).toBe(true);
  });

  it("report the same findings on the benchmark's synthetic workbooks", () => {
    for (const seed of [1, 2, 3]) expect(expectSameAsReference(generateWorkbook({ cells: 20_000, seed }))).toBeGreaterThan(0);
  });
});
