/**
 * `percent-columns`: a column headed `%`, Persentase, Capaian, Serapan (or formatted as a
 * percentage) checked against the ratio of two neighbouring numeric columns of the same table. One
 * ratio pair (a / b × scale, scale 1 for percent-formatted cells, 100 or 1 otherwise) must explain
 * most rows (≥ 60 % of the rows where it can be computed, within display rounding, counting rows
 * explained by b / a — lower-is-better indicators — as long as a / b explains more); the rows it
 * does not explain are flagged with the expected value.
 *
 * Not flagged: a row explained by the inverse ratio (an indicator where lower is better), a value
 * capped at 100 / 120 / 150 %, a total row holding the average of the percentages above.
 * Cost: per numeric block of a percent column, candidate pairs among ≤ 16 neighbouring columns are
 * scored on at most 300 rows, then every row is checked once: O(rows).
 */
import type { CellSnapshot, SheetGrid } from "../../snapshot.js";
import type { AuditContext, Rule } from "../types.js";
import { addr, classifyDiff, type DiffClass, fmtEn, fmtId, headerAboveAt, impactOf, isPercentHeader, perSheetRule } from "./common.js";
import { DASH, NUM, PCT, sheetFacts, type SheetFacts } from "./facts.js";

export const PERCENT_COLUMNS = "percent-columns";

const NEIGHBOURHOOD = 8;
const SAMPLE = 300;
const MIN_SHARE = 0.6;
const MAX_CANDIDATES = 8;

/**
 * Runs of numeric cells down a column; a dash ("-", no data) neither counts nor breaks the run.
 * Checks each run of ≥ 3 numbers, given as positions [from, to) of the column in which the numbers
 * are the positions with the NUM flag (the others are dashes), with how many are percent-formatted.
 */
function checkColumn(ctx: AuditContext, grid: SheetGrid, f: SheetFacts, col: number): void {
  const s = f.colStart[col] ?? 0;
  const e = f.colEnd[col] ?? 0;
  let from = -1;
  let to = -1;
  let count = 0;
  let pct = 0;
  let lastRow = -1;
  for (let i = s; i < e; i++) {
    const fl = f.flags[i] ?? 0;
    const r = f.row[i] ?? 0;
    const dash = (fl & DASH) !== 0;
    const isNum = (fl & NUM) !== 0;
    if ((!isNum && !dash) || r !== lastRow + 1) {
      if (count >= 3) checkBlock(ctx, grid, f, col, from, to, count, pct);
      count = 0;
      pct = 0;
    }
    lastRow = isNum || dash ? r : -1;
    if (isNum) {
      if (count === 0) from = i;
      to = i + 1;
      count++;
      if (fl & PCT) pct++;
    }
  }
  if (count >= 3) checkBlock(ctx, grid, f, col, from, to, count, pct);
}

let pool = { pos: new Int32Array(0), rows: new Float64Array(0) };

/** Scratch for a block of `len` rows: its positions, and `lines` rows of `len` numbers. */
function scratch(len: number, lines: number): { pos: Int32Array; rows: Float64Array } {
  if (pool.pos.length < len || pool.rows.length < len * lines) {
    const size = Math.max(len, pool.pos.length * 2);
    pool = { pos: new Int32Array(size), rows: new Float64Array(size * lines) };
  }
  return pool;
}

/** Candidate columns of a block, nearest first (scratch reused from block to block). */
const cand: number[] = [];

const CAPS = [1, 1.2, 1.5];

/** Capped at 100 / 120 / 150 % where the ratio, either way round, goes beyond the cap. */
function isCapped(p: number, forward: number, inverse: number | undefined, scale: number, unit: number): boolean {
  if (!(forward > p || (inverse !== undefined && inverse > p))) return false;
  for (const x of CAPS) if (classifyDiff(p, x * scale, unit) === "ok") return true;
  return false;
}

/** Column `x`'s distance to `col`, then `x`: the order candidate columns are tried in. */
function nearer(x: number, y: number, col: number): boolean {
  const dx = Math.abs(x - col);
  const dy = Math.abs(y - col);
  return dx < dy || (dx === dy && x < y);
}

function checkBlock(ctx: AuditContext, grid: SheetGrid, f: SheetFacts, col: number, from: number, to: number, len: number, pct: number): void {
  const pctFormatted = pct * 2 >= len;
  if (!pctFormatted && !isPercentHeader(headerAboveAt(f, from)?.text)) return;
  // Scratch arrays, reused from block to block (typed arrays are costly to allocate by the many).
  const pool = scratch(len, 2 * NEIGHBOURHOOD + 3);
  const blockPos = pool.pos;
  const rows = pool.rows;
  let nb = 0;
  for (let i = from; i < to; i++) if ((f.flags[i] ?? 0) & NUM) blockPos[nb++] = i;
  const topPos = from;

  // The numbers of the neighbouring columns on the block's rows (NaN: none), walking each column
  // alongside the block (both are sorted by row). Column x's numbers start at rows[(x − lo + 2) × len].
  const lo = Math.max(1, col - NEIGHBOURHOOD);
  const hi = col + NEIGHBOURHOOD;
  const near = (x: number): number => (x - lo + 2) * len;
  cand.length = 0;
  // Stop at the block's last row: a column with no cells beside the block costs nothing.
  const bottom = f.row[blockPos[len - 1] ?? 0] ?? 0;
  for (let x = lo; x <= hi; x++) {
    if (x === col || x > grid.maxCol) continue;
    const base = near(x);
    rows.fill(NaN, base, base + len);
    const e = f.colEnd[x] ?? 0;
    let j = f.lowerBound(x, f.row[topPos] ?? 0);
    let n = 0;
    for (let k = 0; k < len && j < e && (f.row[j] ?? 0) <= bottom; k++) {
      const r = f.row[blockPos[k] ?? 0] ?? 0;
      while (j < e && (f.row[j] ?? 0) < r) j++;
      // The last cell of the row wins, as in grid.get.
      while (j + 1 < e && f.row[j + 1] === r) j++;
      if (j < e && f.row[j] === r && (f.flags[j] ?? 0) & NUM) {
        rows[base + k] = f.value[j] ?? NaN;
        n++;
      }
    }
    // Candidate columns: numeric in most rows of the block, kept nearest first (insertion).
    if (n >= MIN_SHARE * len) {
      let at = cand.length;
      cand.push(x);
      while (at > 0 && nearer(x, cand[at - 1] ?? 0, col)) {
        cand[at] = cand[at - 1] ?? 0;
        at--;
      }
      cand[at] = x;
    }
  }
  // The nearest few only: bounded work per row.
  cand.length = Math.min(cand.length, MAX_CANDIDATES);
  if (cand.length < 2) return;
  const sampleLen = Math.min(len, SAMPLE);
  // Slot 0: each row's display unit; slot 1: its percentage.
  const unitBase = 0;
  const pBase = len;
  for (let k = 0; k < len; k++) {
    const i = blockPos[k] ?? 0;
    rows[unitBase + k] = f.displayUnit(i);
    rows[pBase + k] = f.value[i] ?? NaN;
  }

  // Score each pair: rows it explains, and rows only its inverse explains (indicators where lower
  // is better, e.g. a processing time, have capaian = target / realisasi) or a cap explains. The
  // best so far: most rows explained, then most explained the right way round, then nearest.
  let found = false;
  let bestA = 0;
  let bestB = 0;
  let bestScale = 1;
  let bestHits = 0;
  let bestInverse = 0;
  let bestExplained = 0;
  let bestEvaluable = 0;
  let bestDist = 0;
  const scaleCount = pctFormatted ? 1 : 2;
  for (const a of cand) {
    for (const b of cand) {
      if (a === b) continue;
      const av = near(a);
      const bv = near(b);
      for (let si = 0; si < scaleCount; si++) {
        const scale = pctFormatted || si === 1 ? 1 : 100;
        let hits = 0;
        let inverseHits = 0;
        let cappedHits = 0;
        let evaluable = 0;
        for (let k = 0; k < sampleLen; k++) {
          const p = rows[pBase + k] ?? NaN;
          const va = rows[av + k] ?? NaN;
          const vb = rows[bv + k] ?? NaN;
          if (Number.isNaN(p) || Number.isNaN(va) || Number.isNaN(vb) || vb === 0) continue;
          evaluable++;
          const unit = rows[unitBase + k] ?? 0;
          const forward = (va / vb) * scale;
          const inverse = va !== 0 ? (vb / va) * scale : undefined;
          if (classifyDiff(p, forward, unit) === "ok") hits++;
          else if (inverse !== undefined && classifyDiff(p, inverse, unit) === "ok") inverseHits++;
          else if (isCapped(p, forward, inverse, scale, unit)) cappedHits++;
        }
        const dist = Math.abs(a - col) + Math.abs(b - col);
        const explained = hits + inverseHits + cappedHits;
        const better = !found || explained > bestExplained || (explained === bestExplained && (hits > bestHits || (hits === bestHits && dist < bestDist)));
        if (better) {
          found = true;
          bestA = a;
          bestB = b;
          bestScale = scale;
          bestHits = hits;
          bestInverse = inverseHits;
          bestExplained = explained;
          bestEvaluable = evaluable;
          bestDist = dist;
        }
      }
    }
  }
  if (!found || bestHits < 3 || bestHits < bestInverse || bestExplained < MIN_SHARE * bestEvaluable) return;
  const a = bestA;
  const b = bestB;
  const scale = bestScale;
  const av = near(a);
  const bv = near(b);
  // Average of the block's percentages (a total row may hold it on purpose).
  let sumP = 0;
  let nP = 0;
  for (let k = 0; k < len; k++) {
    if (f.isTotalRow(f.row[blockPos[k] ?? 0] ?? 0)) continue;
    sumP += rows[pBase + k] ?? 0;
    nP++;
  }
  for (let k = 0; k < len; k++) {
    const p = rows[pBase + k] ?? NaN;
    const va = rows[av + k] ?? NaN;
    const vb = rows[bv + k] ?? NaN;
    if (Number.isNaN(p) || Number.isNaN(va) || Number.isNaN(vb) || vb === 0) continue;
    const expected = (va / vb) * scale;
    const unit = rows[unitBase + k] ?? 0;
    const cls = classifyDiff(p, expected, unit);
    if (cls === "ok") continue;
    const inverse = va !== 0 ? (vb / va) * scale : undefined;
    if (inverse !== undefined && classifyDiff(p, inverse, unit) === "ok") continue; // lower-is-better indicator
    if (isCapped(p, expected, inverse, scale, unit)) continue;
    const c = f.cell(blockPos[k] ?? 0);
    if (f.isTotalRow(c.row) && nP > 0 && classifyDiff(p, sumP / nP, Math.max(unit, 0.01 * (scale === 1 ? 0.01 : 1))) !== "error") continue;
    reportRow(ctx, grid, c, a, b, scale, pctFormatted, cls, p, expected, bestExplained, bestEvaluable);
  }
}

/**
 * One finding. Kept out of `checkBlock`: a report call inlined into the hot loop would be
 * deoptimised whenever the audit's context changes.
 */
function reportRow(
  ctx: AuditContext,
  grid: SheetGrid,
  c: CellSnapshot,
  a: number,
  b: number,
  scale: number,
  pctFormatted: boolean,
  cls: DiffClass,
  p: number,
  expected: number,
  explained: number,
  evaluable: number,
): void {
  const at = addr(c.row, c.col);
  const na = addr(c.row, a);
  const nb = addr(c.row, b);
  const how = scale === 100 ? `${na}/${nb}×100` : `${na}/${nb}`;
  const showP = (v: number): { id: string; en: string } =>
    pctFormatted ? { id: `${fmtId(v * 100)}%`, en: `${fmtEn(v * 100)}%` } : { id: fmtId(v), en: fmtEn(v) };
  ctx.report({
    rule: PERCENT_COLUMNS,
    severity: cls === "drift" ? "info" : "warning",
    sheet: grid.sheet.name,
    cell: at,
    related: [na, nb],
    message_id: `${cls === "drift" ? "Selisih pembulatan persentase" : "Persentase tidak sesuai"}: ${at} berisi ${showP(p).id}, sedangkan ${how} = ${showP(expected).id} (rasio ini cocok untuk ${explained} dari ${evaluable} baris di kolom ini).`,
    message_en: `${cls === "drift" ? "Percentage rounding drift" : "Percentage does not match"}: ${at} holds ${showP(p).en} but ${how} = ${showP(expected).en} (that ratio explains ${explained} of ${evaluable} rows of this column).`,
    expected,
    actual: p,
    impact: impactOf(expected, p),
  });
}

export const percentColumnsRule: Rule = perSheetRule({
  id: PERCENT_COLUMNS,
  title_id: "Kolom persentase terhadap rasio kolom tetangganya",
  title_en: "Percentage columns against the ratio of their neighbours",
  check(ctx, grid) {
    const f = sheetFacts(grid);
    for (const col of f.columns) checkColumn(ctx, grid, f, col);
  },
});
