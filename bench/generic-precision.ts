/**
 * Precision and recall of the generic checks on synthetic, annotated workbooks.
 *
 * Generates (seeded, reproducible) budget, indicator and recap tables shaped like SAKIP reports —
 * Pagu / Realisasi / Serapan % (formula, ROUND, IFERROR, percent-formatted or typed), Sisa formulas,
 * counts per quarter or per year (year numbers as header row), SUM total rows, labelled subtotals,
 * hierarchical tables whose program rows carry unlabelled sums, typed totals, row numbers,
 * Keterangan text, "-" for no data, capped and lower-is-better capaian, Rata-rata rows — injects
 * known errors with their ground-truth cells, runs the generic rules and prints precision and recall
 * per error kind and overall.
 *
 * A finding on an injected cell is a true positive. A finding on a "consequence" cell (a typed
 * total or typed percentage that an injected data error made inconsistent) is neither true nor false
 * and is left out of precision. Any other finding is a false positive.
 *
 * Run: `npx tsc -p tsconfig.build.json && node dist/node/bench/generic-precision.js [workbooks] [seed]`.
 */
import { pathToFileURL } from "node:url";
import { SheetGrid, a1, type CellSnapshot, type SheetSnapshot, type WorkbookSnapshot } from "../src/core/snapshot.js";
import type { AuditContext, Finding } from "../src/core/audit/types.js";
import { GENERIC_RULES } from "../src/core/audit/generic/index.js";
import { evaluateFormula } from "../src/core/audit/generic/formula.js";
import { formatIdNumber, parseIdNumber } from "../src/core/numbers.js";

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32).

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  real(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    const x = xs[Math.floor(this.next() * xs.length)];
    if (x === undefined) throw new Error("pick from empty list");
    return x;
  }
}

// ---------------------------------------------------------------------------------------------
// Sheet building.

interface Def {
  v: number | string | null;
  f?: string;
  fmt?: string;
}

class SheetBuilder {
  readonly cells = new Map<number, Def>();
  constructor(readonly name: string) {}
  set(row: number, col: number, v: number | string | null, f?: string, fmt?: string): void {
    this.cells.set(row * 20000 + col, { v, ...(f ? { f } : {}), ...(fmt ? { fmt } : {}) });
  }
  get(row: number, col: number): Def | undefined {
    return this.cells.get(row * 20000 + col);
  }
  snapshot(): SheetSnapshot {
    const cells: CellSnapshot[] = [];
    for (const [k, d] of this.cells) {
      const row = Math.floor(k / 20000);
      const col = k % 20000;
      cells.push({ row, col, value: d.v, ...(d.f ? { formula: d.f } : {}), ...(d.fmt ? { numberFormat: d.fmt } : {}) });
    }
    cells.sort((a, b) => a.row - b.row || a.col - b.col);
    return { name: this.name, cells };
  }
}

/** Fill formula values the way Excel would have cached them (a few passes; errors become #VALUE!). */
function computeValues(wb: WorkbookSnapshot): void {
  const formulaCells = wb.sheets.flatMap((s) => s.cells.filter((c) => c.formula).map((c) => ({ s, c })));
  for (let pass = 0; pass < 6; pass++) {
    const grids = new Map(wb.sheets.map((s) => [s.name, new SheetGrid(s)]));
    for (const { s, c } of formulaCells) {
      const v = evaluateFormula(c.formula ?? "", s.name, grids);
      if (v === undefined) {
        c.value = null;
        c.error = "#VALUE!";
      } else {
        c.value = Math.round(v * 1e9) / 1e9;
        delete c.error;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Tables.

type Kind = "ref-shift" | "hard-coded" | "sum-omit" | "wrong-total" | "percent" | "text-number" | "broken-grouping" | "unit-mix";
const KINDS: Kind[] = ["ref-shift", "hard-coded", "sum-omit", "wrong-total", "percent", "text-number", "broken-grouping", "unit-mix"];

interface Table {
  sheet: SheetBuilder;
  kind: "budget" | "capaian" | "rekap";
  /** Detail rows in order, and their contiguous groups. */
  groups: number[][];
  subtotalRows: number[];
  totalRow: number;
  /** Columns of typed quantities (counts or amounts) in detail rows. */
  quantityCols: number[];
  amountCols: number[];
  countCols: number[];
  /** Per-row formula columns (a formula in every detail row). */
  formulaCols: number[];
  /** Per-row formula text builder for a column, with a row shift on one reference. */
  rowFormula: Map<number, (r: number, shift: number) => string>;
  typedPercentCol?: number;
  /** Total row (and subtotal rows) hold SUM formulas in these columns, or typed values. */
  totalsTyped: boolean;
  sumCols: number[];
  /** A "Jumlah" column summing the quantities of its row. */
  totalCol?: number;
  totalColTyped: boolean;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

function budgetTable(rng: Rng, sb: SheetBuilder, top: number, left: number): { table: Table; bottom: number } {
  const [cNo, cName, cPagu, cReal, cPct, cSisa] = [0, 1, 2, 3, 4, 5].map((i) => left + i) as [number, number, number, number, number, number];
  const L = (c: number): string => a1(1, c).replace(/\d+$/, "");
  sb.set(top, cNo, "No");
  sb.set(top, cName, rng.pick(["Program/Kegiatan", "Uraian", "Kegiatan"]));
  sb.set(top, cPagu, rng.pick(["Pagu (Rp)", "Pagu Anggaran", "Anggaran"]));
  sb.set(top, cReal, rng.pick(["Realisasi (Rp)", "Realisasi"]));
  sb.set(top, cPct, rng.pick(["Serapan (%)", "%", "Persentase Serapan", "Capaian (%)"]));
  sb.set(top, cSisa, rng.pick(["Sisa Anggaran", "Sisa (Rp)"]));
  const pctMode = rng.pick(["formula", "round", "typed", "pctfmt", "iferror"] as const);
  const totalsTyped = rng.chance(0.3);
  // Flat; grouped with labelled subtotals; or hierarchical: program rows carrying the (unlabelled)
  // sums of the activity rows under them.
  const style = rng.pick(["flat", "flat", "grouped", "hierarchical"] as const);
  const grouped = style === "grouped";
  const nGroups = style === "flat" ? 1 : rng.int(2, 3);
  const cNote = cSisa + 1;
  const withNote = rng.chance(0.4);
  if (withNote) sb.set(top, cNote, "Keterangan");
  const groups: number[][] = [];
  const subtotalRows: number[] = [];
  let r = top + 1;
  let no = 1;
  const pctFormula = (row: number, shift: number): string =>
    pctMode === "pctfmt"
      ? `${L(cReal)}${row + shift}/${L(cPagu)}${row}`
      : pctMode === "round"
        ? `ROUND(${L(cReal)}${row + shift}/${L(cPagu)}${row}*100,2)`
        : pctMode === "iferror"
          ? `IFERROR(${L(cReal)}${row + shift}/${L(cPagu)}${row}*100,0)`
          : `${L(cReal)}${row + shift}/${L(cPagu)}${row}*100`;
  const sisaFormula = (row: number, shift: number): string => `${L(cPagu)}${row}-${L(cReal)}${row + shift}`;
  const pctFmt = pctMode === "pctfmt" ? "0.00%" : pctMode === "typed" ? undefined : "0.00";
  const putPct = (row: number, pagu: number, real: number): void => {
    if (pctMode === "typed") sb.set(row, cPct, round2((real / pagu) * 100));
    else sb.set(row, cPct, null, pctFormula(row, 0), pctFmt);
  };
  const sums = { pagu: 0, real: 0 };
  for (let g = 0; g < nGroups; g++) {
    const rows: number[] = [];
    const n = style === "flat" ? rng.int(5, 25) : rng.int(3, 6);
    let gp = 0;
    let gr = 0;
    const programRow = style === "hierarchical" ? r++ : 0;
    for (let i = 0; i < n; i++) {
      const pagu = rng.int(50, 5000) * 1_000_000 + rng.int(0, 999) * 1000;
      const real = Math.round((pagu * rng.real(0.55, 1)) / 1000) * 1000;
      sb.set(r, cNo, no++);
      sb.set(r, cName, `Kegiatan ${String.fromCharCode(65 + g)}.${i + 1}`);
      sb.set(r, cPagu, pagu, undefined, "#,##0");
      sb.set(r, cReal, real, undefined, "#,##0");
      putPct(r, pagu, real);
      sb.set(r, cSisa, null, sisaFormula(r, 0), "#,##0");
      if (withNote && rng.chance(0.5)) sb.set(r, cNote, rng.pick(["Sesuai rencana", "-", "Efisiensi", "Lelang ulang"]));
      gp += pagu;
      gr += real;
      rows.push(r);
      r++;
    }
    groups.push(rows);
    sums.pagu += gp;
    sums.real += gr;
    if (programRow) {
      const a = rows[0] ?? r;
      const b = rows[rows.length - 1] ?? r;
      sb.set(programRow, cNo, String.fromCharCode(65 + g));
      sb.set(programRow, cName, `Program ${String.fromCharCode(65 + g)}`);
      for (const [c, v] of [
        [cPagu, gp],
        [cReal, gr],
      ] as const) {
        if (totalsTyped) sb.set(programRow, c, v, undefined, "#,##0");
        else sb.set(programRow, c, null, `SUM(${L(c)}${a}:${L(c)}${b})`, "#,##0");
      }
      sb.set(programRow, cSisa, null, sisaFormula(programRow, 0), "#,##0");
      putPct(programRow, gp, gr);
      subtotalRows.push(programRow);
    }
    if (grouped) {
      const a = rows[0] ?? r;
      const b = rows[rows.length - 1] ?? r;
      sb.set(r, cName, rng.pick(["Sub Total", "Subtotal", "Sub Jumlah"]));
      if (totalsTyped) {
        sb.set(r, cPagu, gp, undefined, "#,##0");
        sb.set(r, cReal, gr, undefined, "#,##0");
        sb.set(r, cSisa, gp - gr, undefined, "#,##0");
      } else {
        sb.set(r, cPagu, null, `SUM(${L(cPagu)}${a}:${L(cPagu)}${b})`, "#,##0");
        sb.set(r, cReal, null, `SUM(${L(cReal)}${a}:${L(cReal)}${b})`, "#,##0");
        sb.set(r, cSisa, null, `SUM(${L(cSisa)}${a}:${L(cSisa)}${b})`, "#,##0");
      }
      putPct(r, gp, gr);
      subtotalRows.push(r);
      r++;
    }
  }
  const totalRow = r;
  sb.set(totalRow, cName, rng.pick(grouped ? ["Grand Total", "Jumlah", "TOTAL"] : ["Jumlah", "Total", "JUMLAH", "TOTAL", "Jumlah Total"]));
  for (const [c, v] of [
    [cPagu, sums.pagu],
    [cReal, sums.real],
    [cSisa, sums.pagu - sums.real],
  ] as const) {
    if (totalsTyped) sb.set(totalRow, c, v, undefined, "#,##0");
    else if (style !== "flat") sb.set(totalRow, c, null, subtotalRows.map((s) => `${L(c)}${s}`).join("+"), "#,##0");
    else sb.set(totalRow, c, null, `SUM(${L(c)}${top + 1}:${L(c)}${totalRow - 1})`, "#,##0");
  }
  putPct(totalRow, sums.pagu, sums.real);
  const rowFormula = new Map<number, (r: number, s: number) => string>([[cSisa, sisaFormula]]);
  if (pctMode !== "typed") rowFormula.set(cPct, pctFormula);
  return {
    table: {
      sheet: sb,
      kind: "budget",
      groups,
      subtotalRows,
      totalRow,
      quantityCols: [cPagu, cReal],
      amountCols: [cPagu, cReal],
      countCols: [],
      formulaCols: [...rowFormula.keys()],
      rowFormula,
      ...(pctMode === "typed" ? { typedPercentCol: cPct } : {}),
      totalsTyped,
      sumCols: [cPagu, cReal, cSisa],
      totalColTyped: false,
    },
    bottom: totalRow,
  };
}

function capaianTable(rng: Rng, sb: SheetBuilder, top: number, left: number): { table: Table; bottom: number } {
  const [cNo, cName, cUnit, cTarget, cReal, cPct] = [0, 1, 2, 3, 4, 5].map((i) => left + i) as [number, number, number, number, number, number];
  ["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", rng.pick(["Capaian (%)", "Capaian", "% Capaian"])].forEach((h, i) => sb.set(top, left + i, h));
  const n = rng.int(5, 20);
  const rows: number[] = [];
  const pcts: number[] = [];
  const cap = rng.pick([0, 0, 100, 120]);
  for (let i = 0; i < n; i++) {
    const r = top + 1 + i;
    const isPct = rng.chance(0.4);
    const target = isPct ? rng.int(60, 100) : rng.int(5, 500);
    const real = isPct ? round2(target * rng.real(0.75, 1.15)) : Math.max(1, Math.round(target * rng.real(0.6, 1.2)));
    const inverse = rng.chance(0.1);
    let pct = round2(inverse ? (target / real) * 100 : (real / target) * 100);
    if (cap && pct > cap) pct = cap;
    sb.set(r, cNo, i + 1);
    sb.set(r, cName, `Persentase penyelesaian perkara jenis ${i + 1}`);
    sb.set(r, cUnit, isPct ? "%" : rng.pick(["Perkara", "Dokumen", "Orang", "Kegiatan"]));
    sb.set(r, cTarget, target);
    if (rng.chance(0.05)) {
      // Not measured this year: dashes.
      sb.set(r, cReal, "-");
      sb.set(r, cPct, "-");
      continue;
    }
    sb.set(r, cReal, real);
    sb.set(r, cPct, pct);
    rows.push(r);
    pcts.push(pct);
  }
  let bottom = top + n;
  const hasAvg = rng.chance(0.5);
  if (hasAvg) {
    bottom++;
    sb.set(bottom, cName, "Rata-rata");
    sb.set(bottom, cPct, round2(pcts.reduce((s, v) => s + v, 0) / pcts.length));
  }
  return {
    table: {
      sheet: sb,
      kind: "capaian",
      groups: [rows],
      subtotalRows: [],
      totalRow: hasAvg ? bottom : -1,
      quantityCols: [cTarget, cReal],
      amountCols: [],
      countCols: [cTarget, cReal],
      formulaCols: [],
      rowFormula: new Map(),
      typedPercentCol: cPct,
      totalsTyped: true,
      sumCols: [],
      totalColTyped: false,
    },
    bottom,
  };
}

function rekapTable(rng: Rng, sb: SheetBuilder, top: number, left: number): { table: Table; bottom: number } {
  const years = rng.chance(0.35);
  const labels = years ? ["2021", "2022", "2023", "2024"] : ["TW I", "TW II", "TW III", "TW IV"];
  const nq = years ? rng.int(3, 4) : 4;
  const cNo = left;
  const cName = left + 1;
  const qCols = Array.from({ length: nq }, (_, i) => left + 2 + i);
  const cTot = left + 2 + nq;
  const L = (c: number): string => a1(1, c).replace(/\d+$/, "");
  sb.set(top, cNo, "No");
  sb.set(top, cName, rng.pick(["Satuan Kerja", "Unit Kerja", "Kejaksaan Negeri"]));
  qCols.forEach((c, i) => sb.set(top, c, years ? Number(labels[i]) : (labels[i] ?? "")));
  sb.set(top, cTot, rng.pick(["Jumlah", "Total", "JUMLAH"]));
  const totalColTyped = rng.chance(0.35);
  const dashes = rng.chance(0.3);
  const totalsTyped = rng.chance(0.3);
  const n = rng.int(5, 30);
  const rows: number[] = [];
  const colSums = qCols.map(() => 0);
  for (let i = 0; i < n; i++) {
    const r = top + 1 + i;
    sb.set(r, cNo, i + 1);
    sb.set(r, cName, `Kejari ${i + 1}`);
    let s = 0;
    qCols.forEach((c, j) => {
      const v = rng.int(0, 60);
      if (dashes && v < 5) {
        sb.set(r, c, "-");
        return;
      }
      sb.set(r, c, v);
      s += v;
      colSums[j] = (colSums[j] ?? 0) + v;
    });
    if (totalColTyped) sb.set(r, cTot, s);
    else sb.set(r, cTot, null, `SUM(${L(qCols[0] ?? cTot)}${r}:${L(qCols[nq - 1] ?? cTot)}${r})`);
    rows.push(r);
  }
  const totalRow = top + n + 1;
  sb.set(totalRow, cName, rng.pick(["Jumlah", "Total", "TOTAL"]));
  [...qCols, cTot].forEach((c, j) => {
    const v = j < nq ? (colSums[j] ?? 0) : colSums.reduce((a, b) => a + b, 0);
    if (totalsTyped) sb.set(totalRow, c, v);
    else sb.set(totalRow, c, null, `SUM(${L(c)}${top + 1}:${L(c)}${totalRow - 1})`);
  });
  const rowFormula = new Map<number, (r: number, s: number) => string>();
  if (!totalColTyped) rowFormula.set(cTot, (r, s) => `SUM(${L(qCols[0] ?? cTot)}${r + s}:${L(qCols[nq - 1] ?? cTot)}${r + s})`);
  return {
    table: {
      sheet: sb,
      kind: "rekap",
      groups: [rows],
      subtotalRows: [],
      totalRow,
      quantityCols: qCols,
      amountCols: [],
      countCols: qCols,
      formulaCols: [...rowFormula.keys()],
      rowFormula,
      totalsTyped,
      sumCols: [...qCols, cTot],
      totalCol: cTot,
      totalColTyped,
    },
    bottom: totalRow,
  };
}

// ---------------------------------------------------------------------------------------------
// Injections.

export interface Truth {
  sheet: string;
  cell: string;
  kind: Kind;
}

export interface Annotated {
  wb: WorkbookSnapshot;
  truths: Truth[];
  /** Cells an injected data error made inconsistent (typed totals / percentages): neither TP nor FP. */
  consequences: Set<string>;
}

const id = (sheet: string, row: number, col: number): string => `${sheet}!${a1(row, col)}`;

function interiorRows(t: Table): number[] {
  return t.groups.flatMap((g) => g.slice(1, -1));
}

function markConsequences(t: Table, row: number, col: number, out: Set<string>, readers = false): void {
  const s = t.sheet.name;
  for (const tr of [...t.subtotalRows, t.totalRow]) if (tr > 0) out.add(id(s, tr, col));
  if (t.totalCol) {
    out.add(id(s, row, t.totalCol));
    for (const tr of [...t.subtotalRows, t.totalRow]) if (tr > 0) out.add(id(s, tr, t.totalCol));
  }
  if (!readers) return;
  if (t.typedPercentCol) {
    out.add(id(s, row, t.typedPercentCol));
    for (const tr of [...t.subtotalRows, t.totalRow]) if (tr > 0) out.add(id(s, tr, t.typedPercentCol));
  }
  // Per-row formulas reading the cell turn into #VALUE! or change: their totals follow.
  for (const c of t.formulaCols) {
    out.add(id(s, row, c));
    for (const tr of [...t.subtotalRows, t.totalRow]) if (tr > 0) out.add(id(s, tr, c));
  }
}

function breakGrouping(rng: Rng, v: number): string | undefined {
  const text = formatIdNumber(Math.round(v), 0);
  const groups = text.split(".");
  if (groups.length < 2) return undefined;
  const gi = rng.int(1, groups.length - 1);
  const g = groups[gi] ?? "";
  const di = rng.int(0, g.length - 1);
  groups[gi] = g.slice(0, di + 1) + (g[di] ?? "0") + g.slice(di + 1);
  const out = groups.join(".");
  const p = parseIdNumber(out);
  return !p.ok && p.kind === "broken_grouping" ? out : undefined;
}

/** Try to inject one error of a kind into a table; returns the truth or undefined when the table has no place for it. */
function inject(rng: Rng, t: Table, kind: Kind, used: Set<string>, consequences: Set<string>): Truth | undefined {
  const sb = t.sheet;
  const s = sb.name;
  const free = (r: number, c: number): boolean => !used.has(id(s, r, c));
  const take = (r: number, c: number): Truth => {
    used.add(id(s, r, c));
    // Whatever changed value, the typed totals that include it (and typed percentages of its row
    // and of the total rows) now disagree too.
    markConsequences(t, r, c, consequences, true);
    return { sheet: s, cell: a1(r, c), kind };
  };
  switch (kind) {
    case "ref-shift": {
      const opts = t.formulaCols.flatMap((c) => interiorRows(t).filter((r) => free(r, c)).map((r) => [r, c] as const));
      if (!opts.length) return undefined;
      const [r, c] = rng.pick(opts);
      const f = t.rowFormula.get(c);
      const d = sb.get(r, c);
      if (!f || !d) return undefined;
      sb.set(r, c, null, f(r, rng.chance(0.5) ? 1 : -1), d.fmt);
      return take(r, c);
    }
    case "hard-coded": {
      // A typed value over a per-row formula, or over a SUM in the total row between other SUMs.
      const rowOpts = t.formulaCols.flatMap((c) => interiorRows(t).filter((r) => free(r, c)).map((r) => [r, c] as const));
      const totOpts = !t.totalsTyped && t.subtotalRows.length === 0 && t.totalRow > 0 ? t.sumCols.slice(1, -1).filter((c) => free(t.totalRow, c) && sb.get(t.totalRow, c)?.f?.startsWith("SUM(")).map((c) => [t.totalRow, c] as const) : [];
      const opts = rng.chance(0.5) && totOpts.length ? totOpts : rowOpts.length ? rowOpts : totOpts;
      if (!opts.length) return undefined;
      const [r, c] = rng.pick(opts);
      const d = sb.get(r, c);
      if (!d) return undefined;
      // Stale: computed later from the neighbours' values; mark for a post-pass.
      sb.set(r, c, Number.NaN, undefined, d.fmt);
      staleQueue.push({ sb, r, c, formula: d.f ?? "", exact: rng.chance(0.25), factor: rng.real(0.85, 1.15) });
      return take(r, c);
    }
    case "sum-omit": {
      if (t.totalsTyped) return undefined;
      const totalRows = t.subtotalRows.length ? t.subtotalRows : t.totalRow > 0 ? [t.totalRow] : [];
      const opts = totalRows.flatMap((tr) => t.sumCols.filter((c) => free(tr, c) && /^SUM\([A-Z]+\d+:[A-Z]+\d+\)$/.test(sb.get(tr, c)?.f ?? "")).map((c) => [tr, c] as const));
      if (!opts.length) return undefined;
      const [r, c] = rng.pick(opts);
      const d = sb.get(r, c);
      const m = /^SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$/.exec(d?.f ?? "");
      if (!d || !m) return undefined;
      const a = Number(m[2]);
      const b = Number(m[4]);
      const f = rng.chance(0.7) ? `SUM(${m[1]}${a}:${m[3]}${b - 1})` : `SUM(${m[1]}${a + 1}:${m[3]}${b})`;
      sb.set(r, c, null, f, d.fmt);
      return take(r, c);
    }
    case "wrong-total": {
      const opts: (readonly [number, number])[] = [];
      if (t.totalsTyped) for (const tr of [...t.subtotalRows, t.totalRow]) if (tr > 0) for (const c of t.sumCols) if (free(tr, c) && typeof sb.get(tr, c)?.v === "number" && !sb.get(tr, c)?.f) opts.push([tr, c]);
      if (t.totalCol && t.totalColTyped) for (const r of t.groups.flat()) if (free(r, t.totalCol)) opts.push([r, t.totalCol]);
      if (!opts.length) return undefined;
      const [r, c] = rng.pick(opts);
      const d = sb.get(r, c);
      if (!d || typeof d.v !== "number") return undefined;
      const v = d.v;
      let nv = rng.chance(0.5) ? v + (rng.chance(0.5) ? 1 : -1) * Math.max(3, Math.round(v * rng.real(0.01, 0.1))) : v + rng.pick([10, -10, 100, 9, -9, 90]) * (v > 1e6 ? 1000 : 1);
      if (nv === v) nv = v + 5;
      sb.set(r, c, nv, undefined, d.fmt);
      return take(r, c);
    }
    case "percent": {
      const c = t.typedPercentCol;
      if (!c) return undefined;
      const opts = t.groups.flat().filter((r) => free(r, c));
      if (!opts.length) return undefined;
      const r = rng.pick(opts);
      const d = sb.get(r, c);
      if (!d || typeof d.v !== "number") return undefined;
      const nv = round2(d.v + (rng.chance(0.5) ? 1 : -1) * rng.real(3, 20));
      sb.set(r, c, nv, undefined, d.fmt);
      return take(r, c);
    }
    case "text-number":
    case "broken-grouping": {
      const cols = kind === "broken-grouping" ? (t.amountCols.length ? t.amountCols : t.countCols) : t.quantityCols;
      const opts = cols.flatMap((c) => t.groups.flat().filter((r) => free(r, c) && typeof sb.get(r, c)?.v === "number" && (kind === "text-number" || (sb.get(r, c)?.v as number) >= 1000)).map((r) => [r, c] as const));
      if (!opts.length) return undefined;
      const [r, c] = rng.pick(opts);
      const d = sb.get(r, c);
      if (!d || typeof d.v !== "number") return undefined;
      let text: string | undefined;
      if (kind === "text-number") text = Number.isInteger(d.v) && d.v >= 1000 ? formatIdNumber(d.v, 0) : String(d.v).replace(".", ",");
      else text = breakGrouping(rng, d.v);
      if (!text) return undefined;
      sb.set(r, c, text);
      markConsequences(t, r, c, consequences, true);
      return take(r, c);
    }
    case "unit-mix": {
      if (t.typedPercentCol && rng.chance(0.5)) {
        const c = t.typedPercentCol;
        const opts = t.groups.flat().filter((r) => free(r, c) && typeof sb.get(r, c)?.v === "number" && (sb.get(r, c)?.v as number) >= 20);
        if (opts.length) {
          const r = rng.pick(opts);
          const d = sb.get(r, c);
          sb.set(r, c, round2(((d?.v as number) ?? 0) / 100) === 0 ? 0.5 : ((d?.v as number) ?? 0) / 100);
          markConsequences(t, r, c, consequences, true);
          return take(r, c);
        }
      }
      if (!t.countCols.length) return undefined;
      const opts = t.countCols.flatMap((c) => t.groups.flat().filter((r) => free(r, c)).map((r) => [r, c] as const));
      if (!opts.length) return undefined;
      const [r, c] = rng.pick(opts);
      sb.set(r, c, rng.int(1, 9) * 1_000_000_000 + rng.int(0, 999) * 1_000_000 + rng.int(0, 999) * 1000);
      markConsequences(t, r, c, consequences, true);
      return take(r, c);
    }
  }
}

const staleQueue: { sb: SheetBuilder; r: number; c: number; formula: string; exact: boolean; factor: number }[] = [];

function generate(rng: Rng, index: number, clean: boolean): Annotated {
  staleQueue.length = 0;
  const nSheets = rng.int(1, 2);
  const tables: Table[] = [];
  const builders: SheetBuilder[] = [];
  for (let s = 0; s < nSheets; s++) {
    const sb = new SheetBuilder(rng.pick(["Anggaran", "Capaian Kinerja", "Rekap", "Tabel 3.1", "Lampiran"]) + (s ? ` ${s + 1}` : ""));
    builders.push(sb);
    sb.set(1, 1, `LAPORAN KINERJA SATKER ${index} TAHUN 2024`);
    let top = rng.int(3, 5);
    const nTables = rng.int(1, 2);
    for (let k = 0; k < nTables; k++) {
      const left = rng.int(1, 2);
      if (k > 0) sb.set(top - 1, left, `Tabel ${k + 1}`);
      const make = rng.pick([budgetTable, capaianTable, rekapTable]);
      const { table, bottom } = make(rng, sb, top, left);
      tables.push(table);
      top = bottom + rng.int(3, 5);
    }
  }
  const truths: Truth[] = [];
  const consequences = new Set<string>();
  const used = new Set<string>();
  if (!clean) {
    const n = rng.int(1, 3);
    for (let i = 0, tries = 0; i < n && tries < 30; tries++) {
      const t = rng.pick(tables);
      const kind = rng.pick(KINDS);
      const truth = inject(rng, t, kind, used, consequences);
      if (truth) {
        truths.push(truth);
        i++;
      }
    }
  }
  const wb: WorkbookSnapshot = { source: `synthetic-${index}`, sheets: builders.map((b) => b.snapshot()) };
  computeValues(wb);
  // Hard-coded values: what the formula gave (exact) or a stale value near it.
  if (staleQueue.length) {
    const grids = new Map(wb.sheets.map((s) => [s.name, new SheetGrid(s)]));
    for (const q of staleQueue) {
      const v = evaluateFormula(q.formula, q.sb.name, grids) ?? 0;
      const digits = Number.isInteger(v) ? 1 : 100;
      const typed = q.exact ? Math.round(v * digits) / digits : Math.round(v * q.factor * digits) / digits;
      const cell = wb.sheets.find((s) => s.name === q.sb.name)?.cells.find((c) => c.row === q.r && c.col === q.c);
      if (cell) cell.value = typed === v && !q.exact ? typed + 1 : typed;
    }
    computeValues(wb);
  }
  return { wb, truths, consequences };
}

// ---------------------------------------------------------------------------------------------
// Running and scoring.

/** Run the generic rules (all, or those named) with a minimal audit context; every report is kept. Tests use it too. */
export function runGenericRules(wb: WorkbookSnapshot, ...ids: string[]): Finding[] {
  const grids = new Map(wb.sheets.map((s) => [s.name, new SheetGrid(s)]));
  const out: Finding[] = [];
  const ctx: AuditContext = {
    workbook: wb,
    grids,
    cancelled: () => false,
    report(x) {
      out.push({ ...x, source: x.source ?? "generic", key: x.key ?? `${x.rule}|${x.sheet}|${x.cell}|${out.length}` } as Finding);
    },
  };
  for (const r of GENERIC_RULES) if (!ids.length || ids.includes(r.id)) r.run(ctx);
  return out;
}

/** The error kind a finding claims, from its rule (and message). */
function claimedKind(f: Finding): Kind {
  switch (f.rule) {
    case "formula-consistency":
      return /range (stops|extends)/.test(f.message_en) ? "sum-omit" : "ref-shift";
    case "constant-in-formulas":
      return "hard-coded";
    case "label-totals":
      return "wrong-total";
    case "percent-columns":
      return "percent";
    case "text-numbers":
      return /Broken thousands/.test(f.message_en) ? "broken-grouping" : "text-number";
    default:
      return "unit-mix";
  }
}

export interface BenchResult {
  workbooks: number;
  cells: number;
  perKind: Record<Kind, { injected: number; detected: number; claimed: number; claimedTrue: number }>;
  perRule: Record<string, { findings: number; truePositives: number; ignored: number }>;
  overall: { precision: number; recall: number; truePositives: number; falsePositives: number; ignored: number; injected: number; detected: number };
  strict: { precision: number; findings: number };
  falsePositives: Finding[];
  missed: string[];
  ms: number;
}

/** The annotated workbooks of a run, in order (the same PRNG sequence as `evaluate`). */
export function annotatedWorkbooks(count = 60, seed = 20240601): Annotated[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, i) => generate(rng, i, i % 6 === 0));
}

export function evaluate(count = 60, seed = 20240601): BenchResult {
  const rng = new Rng(seed);
  const perKind = Object.fromEntries(KINDS.map((k) => [k, { injected: 0, detected: 0, claimed: 0, claimedTrue: 0 }])) as BenchResult["perKind"];
  const perRule: BenchResult["perRule"] = {};
  let tp = 0;
  let fp = 0;
  let ignored = 0;
  let injected = 0;
  let detected = 0;
  let strictFindings = 0;
  let strictTp = 0;
  let cells = 0;
  let ms = 0;
  const falsePositives: Finding[] = [];
  const missed: string[] = [];
  for (let i = 0; i < count; i++) {
    const clean = i % 6 === 0; // one workbook in six has no error at all
    const { wb, truths, consequences } = generate(rng, i, clean);
    cells += wb.sheets.reduce((s, x) => s + x.cells.length, 0);
    const t0 = performance.now();
    const findings = runGenericRules(wb);
    ms += performance.now() - t0;
    const truthAt = new Map(truths.map((t) => [`${t.sheet}!${t.cell}`, t]));
    const hit = new Set<string>();
    for (const f of findings) {
      const at = `${f.sheet}!${f.cell}`;
      const rule = (perRule[f.rule] ??= { findings: 0, truePositives: 0, ignored: 0 });
      const claim = perKind[claimedKind(f)];
      if (truthAt.has(at)) {
        tp++;
        rule.findings++;
        rule.truePositives++;
        claim.claimed++;
        claim.claimedTrue++;
        hit.add(at);
        if (f.severity !== "info") {
          strictFindings++;
          strictTp++;
        }
      } else if (consequences.has(at)) {
        ignored++;
        rule.ignored++;
      } else {
        fp++;
        rule.findings++;
        claim.claimed++;
        falsePositives.push({ ...f, key: `${wb.source ?? ""}|${f.key}` });
        if (f.severity !== "info") strictFindings++;
      }
    }
    for (const t of truths) {
      const k = perKind[t.kind];
      k.injected++;
      injected++;
      if (hit.has(`${t.sheet}!${t.cell}`)) {
        k.detected++;
        detected++;
      } else missed.push(`${wb.source ?? ""} ${t.sheet}!${t.cell} ${t.kind}`);
    }
  }
  return {
    workbooks: count,
    cells,
    perKind,
    perRule,
    overall: { precision: tp / Math.max(tp + fp, 1), recall: detected / Math.max(injected, 1), truePositives: tp, falsePositives: fp, ignored, injected, detected },
    strict: { precision: strictTp / Math.max(strictFindings, 1), findings: strictFindings },
    falsePositives,
    missed,
    ms,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function formatResult(r: BenchResult, verbose = false): string {
  const lines: string[] = [];
  lines.push(`Generic checks on ${r.workbooks} synthetic workbooks (${r.cells} cells), ${r.overall.injected} injected errors, ${r.ms.toFixed(0)} ms`);
  lines.push("");
  lines.push("| error kind | injected | detected | recall | findings claiming it | of which on an error | precision |");
  lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const k of KINDS) {
    const x = r.perKind[k];
    lines.push(`| ${k} | ${x.injected} | ${x.detected} | ${x.injected ? pct(x.detected / x.injected) : "–"} | ${x.claimed} | ${x.claimedTrue} | ${x.claimed ? pct(x.claimedTrue / x.claimed) : "–"} |`);
  }
  lines.push(`| **overall** | ${r.overall.injected} | ${r.overall.detected} | ${pct(r.overall.recall)} | ${r.overall.truePositives + r.overall.falsePositives} | ${r.overall.truePositives} | ${pct(r.overall.precision)} |`);
  lines.push("");
  lines.push(`Errors and warnings only: precision ${pct(r.strict.precision)} over ${r.strict.findings} findings. Findings on consequence cells (left out): ${r.overall.ignored}.`);
  lines.push("");
  lines.push("| rule | findings | on an injected error | precision |");
  lines.push("| --- | ---: | ---: | ---: |");
  for (const [rule, x] of Object.entries(r.perRule).sort()) lines.push(`| ${rule} | ${x.findings} | ${x.truePositives} | ${x.findings ? pct(x.truePositives / x.findings) : "–"} |`);
  if (r.falsePositives.length) {
    lines.push("");
    lines.push(`False positives (${verbose ? "all" : "first 10"}):`);
    for (const f of r.falsePositives.slice(0, verbose ? undefined : 10)) lines.push(`- ${f.key.split("|")[0]} ${f.sheet}!${f.cell} [${f.rule}/${f.severity}] ${f.message_en}`);
  }
  if (r.missed.length) {
    lines.push("");
    lines.push(`Missed (${verbose ? "all" : "first 10"}):`);
    for (const m of r.missed.slice(0, verbose ? undefined : 10)) lines.push(`- ${m}`);
  }
  return lines.join("\n");
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<BenchResult> {
  const count = Math.max(50, Number(argv[0] ?? 60) || 60);
  const seed = Number(argv[1] ?? 20240601) || 20240601;
  const r = evaluate(count, seed);
  console.log(formatResult(r, argv.includes("--verbose")));
  return r;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
