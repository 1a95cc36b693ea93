/**
 * `units`: unit mixing within a column stretch (cut at headers/labels and at gaps of 3+ empty rows).
 * - A Rupiah-sized amount (≥ 1.000.000 and ≥ 1000 × the median) in a column of small counts
 *   (median ≤ 10.000, mostly whole numbers).
 * - A percentage typed as a fraction among whole percentages (0,95 among 95, 98, 99), or a whole
 *   percentage among fractions (95 among 0,95 / 0,98 in a `%`-formatted column). Only in a
 *   percentage context: a `%` / Persentase / Capaian / Serapan header or percent formatting.
 * Total rows are left out (a total is legitimately larger). O(n log n) per stretch for the median.
 */
import type { CellSnapshot, SheetGrid } from "../../snapshot.js";
import type { AuditContext, Rule } from "../types.js";
import { addr, fmtEn, fmtId, headerAbove, impactOf, isIdHeader, isPercentFormat, isPercentHeader, median, num, sheetIndex, stretches, type Stretch, perSheetRule } from "./common.js";

export const UNITS = "mixed-units";

function checkSegment(ctx: AuditContext, grid: SheetGrid, seg: Stretch): void {
  const idx = sheetIndex(grid);
  const vals: { cell: CellSnapshot; v: number }[] = [];
  let header = seg.header;
  for (const c of seg.cells) {
    const v = num(c);
    if (v !== undefined && !idx.totalRows.has(c.row) && !idx.yearRows.has(c.row)) vals.push({ cell: c, v });
  }
  if (vals.length < 4) return;
  const first = vals[0];
  if (!first) return;
  if (header === undefined) header = headerAbove(grid, first.cell.row, first.cell.col)?.text;
  if (isIdHeader(header)) return;
  const sheet = grid.sheet.name;
  const abs = vals.map((x) => Math.abs(x.v));
  const sum = vals.reduce((s, x) => s + x.v, 0);

  // A Rupiah amount among counts.
  const nonZero = abs.filter((v) => v !== 0);
  const m = median(nonZero);
  if (nonZero.length >= 4 && m <= 10_000) {
    const big = vals.filter((x) => Math.abs(x.v) >= 1_000_000 && Math.abs(x.v) >= 1000 * Math.max(m, 1));
    if (big.length > 0 && big.length <= Math.max(1, 0.2 * vals.length)) {
      for (const { cell, v } of big) {
        const at = addr(cell.row, cell.col);
        ctx.report({
          rule: UNITS,
          severity: "warning",
          sheet,
          cell: at,
          related: [],
          message_id: `Nilai sebesar Rupiah (${fmtId(v)}) di kolom berisi hitungan kecil (median ${fmtId(m)}): kemungkinan salah kolom atau salah satuan.`,
          message_en: `A Rupiah-sized amount (${fmtEn(v)}) in a column of small counts (median ${fmtEn(m)}): probably the wrong column or unit.`,
          actual: v,
          impact: Math.abs(v) / Math.max(Math.abs(sum), 1),
        });
      }
    }
  }

  // Percentages typed on the other scale.
  const pctFormatted = vals.filter((x) => isPercentFormat(x.cell)).length * 2 >= vals.length;
  if (!pctFormatted && !isPercentHeader(header)) return;
  const small = vals.filter((x) => x.v > 0 && x.v <= 1.5);
  const large = vals.filter((x) => x.v >= 2 && x.v <= 200);
  const flag = (cell: CellSnapshot, v: number, expected: number, others: number[], asFraction: boolean): void => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const o of others) {
      if (o < lo) lo = o;
      if (o > hi) hi = o;
    }
    if (expected < lo * 0.5 || expected > hi * 1.5) return;
    const at = addr(cell.row, cell.col);
    ctx.report({
      rule: UNITS,
      severity: "warning",
      sheet,
      cell: at,
      related: [],
      message_id: asFraction
        ? `Persentase ${fmtId(v)} tampaknya ditulis sebagai pecahan di antara persentase utuh (${fmtId(lo)}–${fmtId(hi)}); kemungkinan maksudnya ${fmtId(expected)}.`
        : `Persentase ${fmtId(v)} tampaknya ditulis sebagai angka utuh di antara pecahan (${fmtId(lo)}–${fmtId(hi)}); kemungkinan maksudnya ${fmtId(expected)}.`,
      message_en: asFraction
        ? `The percentage ${fmtEn(v)} looks typed as a fraction among whole percentages (${fmtEn(lo)}–${fmtEn(hi)}); probably ${fmtEn(expected)} was meant.`
        : `The percentage ${fmtEn(v)} looks typed as a whole number among fractions (${fmtEn(lo)}–${fmtEn(hi)}); probably ${fmtEn(expected)} was meant.`,
      expected,
      actual: v,
      impact: impactOf(expected, v),
    });
  };
  if (large.length >= 3 && small.length > 0 && small.length <= 0.25 * vals.length && large.length + small.length >= 0.9 * vals.length) {
    const others = large.map((x) => x.v);
    if (others.every((o) => o >= 5)) for (const { cell, v } of small) flag(cell, v, v * 100, others, true);
  } else if (small.length >= 3 && large.length > 0 && large.length <= 0.25 * vals.length && large.length + small.length >= 0.9 * vals.length) {
    const others = small.map((x) => x.v);
    for (const { cell, v } of large) flag(cell, v, v / 100, others, false);
  }
}

export const unitsRule: Rule = perSheetRule({
  id: UNITS,
  title_id: "Satuan bercampur dalam satu kolom",
  title_en: "Mixed units in a column",
  check(ctx, grid) {
    const idx = sheetIndex(grid);
    for (const cells of idx.columns.values()) {
      for (const seg of stretches(cells, idx.yearRows)) checkSegment(ctx, grid, seg);
    }
  },
});
