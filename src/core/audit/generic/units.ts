/**
 * `units`: unit mixing within a column stretch (cut at headers/labels and at gaps of 3+ empty rows).
 * - A Rupiah-sized amount (≥ 1.000.000 and ≥ 1000 × the median) in a column of small counts
 *   (median ≤ 10.000, mostly whole numbers).
 * - A percentage typed as a fraction among whole percentages (0,95 among 95, 98, 99), or a whole
 *   percentage among fractions (95 among 0,95 / 0,98 in a `%`-formatted column). Only in a
 *   percentage context: a `%` / Persentase / Capaian / Serapan header or percent formatting.
 * Total rows are left out (a total is legitimately larger). O(n) per stretch (quickselect median,
 * computed only when an amount ≥ 1.000.000 could be flagged).
 */
import type { AuditContext, Rule } from "../types.js";
import { addr, fmtEn, fmtId, headerAboveAt, impactOf, isIdHeader, isPercentHeader, medianInPlace, perSheetRule } from "./common.js";
import { NUM, PCT, TOTAL_ROW, YEAR_ROW, sheetFacts, type SheetFacts } from "./facts.js";

export const UNITS = "mixed-units";

/** Scratch buffer for the median (grown as needed, reused: no garbage per stretch). */
let scratch = new Float64Array(1024);

/** A number that counts in a stretch: not on a total row nor on a header row of years. */
function counted(f: SheetFacts, i: number): boolean {
  return ((f.flags[i] ?? 0) & NUM) !== 0 && ((f.rowFlags[f.row[i] ?? 0] ?? 0) & (TOTAL_ROW | YEAR_ROW)) === 0;
}

function checkSegment(ctx: AuditContext, sheet: string, f: SheetFacts, start: number, end: number, headerPos: number): void {
  const { flags, value } = f;
  // One pass for what decides whether anything can be reported; lists only when it can.
  let count = 0;
  let first = -1;
  let nonZero = 0;
  let nonZeroSmall = 0;
  let huge = 0;
  let sum = 0;
  let pct = 0;
  for (let i = start; i < end; i++) {
    if (!counted(f, i)) continue;
    const v = value[i] ?? 0;
    if (first < 0) first = i;
    count++;
    sum += v;
    if ((flags[i] ?? 0) & PCT) pct++;
    if (v !== 0) {
      nonZero++;
      if (Math.abs(v) <= 10_000) nonZeroSmall++;
    }
    if (Math.abs(v) >= 1_000_000) huge++;
  }
  if (count < 4) return;
  let header = f.headerText(headerPos);
  if (header === undefined) header = headerAboveAt(f, first)?.text;
  if (isIdHeader(header)) return;

  // A Rupiah amount among counts: needs an amount ≥ 1.000.000 and a median ≤ 10.000 (so at least
  // half of the non-zero values ≤ 10.000) before the median is worth computing.
  if (huge > 0 && nonZero >= 4 && nonZeroSmall * 2 >= nonZero - 1) checkAmounts(ctx, sheet, f, start, end, count, nonZero, sum);
  // Percentages typed on the other scale.
  const pctFormatted = pct * 2 >= count;
  if (pctFormatted || isPercentHeader(header)) checkScale(ctx, sheet, f, start, end, count);
}

/** Rupiah-sized amounts among small counts (the median decides). */
function checkAmounts(ctx: AuditContext, sheet: string, f: SheetFacts, start: number, end: number, count: number, nonZero: number, sum: number): void {
  const { value } = f;
  if (scratch.length < nonZero) scratch = new Float64Array(nonZero * 2);
  let k = 0;
  for (let i = start; i < end; i++) {
    const v = value[i] ?? 0;
    if (counted(f, i) && v !== 0) scratch[k++] = Math.abs(v);
  }
  const m = medianInPlace(scratch, k);
  if (m <= 10_000) {
    const big: number[] = [];
    for (let i = start; i < end; i++) {
      const v = value[i] ?? 0;
      if (counted(f, i) && Math.abs(v) >= 1_000_000 && Math.abs(v) >= 1000 * Math.max(m, 1)) big.push(i);
    }
    if (big.length > 0 && big.length <= Math.max(1, 0.2 * count)) {
      for (const i of big) {
        const cell = f.cell(i);
        const v = value[i] ?? 0;
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
}

/**
 * Percentages typed on the other scale: fractions (0 < v ≤ 1,5) among whole percentages
 * (2 ≤ v ≤ 200), or the other way round. Counts and ranges first, the cells only when flagged.
 */
function checkScale(ctx: AuditContext, sheet: string, f: SheetFacts, start: number, end: number, count: number): void {
  const { value } = f;
  let small = 0;
  let smallLo = Infinity;
  let smallHi = -Infinity;
  let large = 0;
  let largeLo = Infinity;
  let largeHi = -Infinity;
  for (let i = start; i < end; i++) {
    if (!counted(f, i)) continue;
    const v = value[i] ?? 0;
    if (v > 0 && v <= 1.5) {
      small++;
      if (v < smallLo) smallLo = v;
      if (v > smallHi) smallHi = v;
    } else if (v >= 2 && v <= 200) {
      large++;
      if (v < largeLo) largeLo = v;
      if (v > largeHi) largeHi = v;
    }
  }
  /** Reports the cells of one range (fractions or whole percentages) rescaled into the others' range lo…hi. */
  const flagAll = (asFraction: boolean, lo: number, hi: number): void => {
    for (let i = start; i < end; i++) {
      if (!counted(f, i)) continue;
      const v = value[i] ?? 0;
      if (asFraction ? !(v > 0 && v <= 1.5) : !(v >= 2 && v <= 200)) continue;
      const expected = asFraction ? v * 100 : v / 100;
      if (expected < lo * 0.5 || expected > hi * 1.5) continue;
      const cell = f.cell(i);
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
    }
  };
  if (large >= 3 && small > 0 && small <= 0.25 * count && large + small >= 0.9 * count) {
    if (largeLo >= 5) flagAll(true, largeLo, largeHi);
  } else if (small >= 3 && large > 0 && large <= 0.25 * count && large + small >= 0.9 * count) {
    flagAll(false, smallLo, smallHi);
  }
}

export const unitsRule: Rule = perSheetRule({
  id: UNITS,
  title_id: "Satuan bercampur dalam satu kolom",
  title_en: "Mixed units in a column",
  check(ctx, grid) {
    const f = sheetFacts(grid);
    const st = f.stretches();
    const sheet = grid.sheet.name;
    for (let s = 0; s < st.length; s += 3) checkSegment(ctx, sheet, f, st[s] ?? 0, st[s + 1] ?? 0, st[s + 2] ?? -1);
  },
});
