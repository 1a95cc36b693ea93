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
import { addr, classifyDiff, displayUnit, fmtEn, fmtId, headerAbove, impactOf, isPercentFormat, isPercentHeader, isDash, num, sheetIndex, typedText, perSheetRule } from "./common.js";

export const PERCENT_COLUMNS = "percent-columns";

const NEIGHBOURHOOD = 8;
const SAMPLE = 300;
const MIN_SHARE = 0.6;
const MAX_CANDIDATES = 8;

interface Pair {
  a: number;
  b: number;
  scale: number;
}

/** Runs of numeric cells down a column; a dash ("-", no data) neither counts nor breaks the run. */
function blocksOf(cells: CellSnapshot[]): CellSnapshot[][] {
  const out: CellSnapshot[][] = [];
  let cur: CellSnapshot[] = [];
  let lastRow = -1;
  for (const c of cells) {
    const t = typedText(c);
    const dash = t !== undefined && isDash(t);
    const isNum = num(c) !== undefined;
    if ((!isNum && !dash) || c.row !== lastRow + 1) {
      if (cur.length) out.push(cur);
      cur = [];
    }
    lastRow = isNum || dash ? c.row : -1;
    if (isNum) cur.push(c);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Capped at 100 / 120 / 150 % where the ratio, either way round, goes beyond the cap. */
function isCapped(p: number, forward: number, inverse: number | undefined, scale: number, unit: number): boolean {
  return [1, 1.2, 1.5].some((x) => classifyDiff(p, x * scale, unit) === "ok" && (forward > p || (inverse !== undefined && inverse > p)));
}

function checkBlock(ctx: AuditContext, grid: SheetGrid, col: number, block: CellSnapshot[]): void {
  const top = block[0];
  if (!top) return;
  const header = headerAbove(grid, top.row, col);
  const pctFormatted = block.filter((c) => isPercentFormat(c)).length * 2 >= block.length;
  if (!pctFormatted && !isPercentHeader(header?.text)) return;

  // Candidate columns: numeric in most rows of the block.
  const cand: number[] = [];
  for (let x = Math.max(1, col - NEIGHBOURHOOD); x <= col + NEIGHBOURHOOD; x++) {
    if (x === col) continue;
    let n = 0;
    for (const c of block) if (num(grid.get(c.row, x)) !== undefined) n++;
    if (n >= MIN_SHARE * block.length) cand.push(x);
  }
  // The nearest few only: bounded work per row.
  cand.sort((x, y) => Math.abs(x - col) - Math.abs(y - col) || x - y);
  cand.length = Math.min(cand.length, MAX_CANDIDATES);
  if (cand.length < 2) return;
  const scales = pctFormatted ? [1] : [100, 1];
  const sample = block.slice(0, SAMPLE);
  const val = (r: number, x: number): number | undefined => num(grid.get(r, x));

  // Score each pair: rows it explains, and rows only its inverse explains (indicators where lower
  // is better, e.g. a processing time, have capaian = target / realisasi) or a cap explains.
  let best: { pair: Pair; hits: number; inverseHits: number; explained: number; evaluable: number; dist: number } | undefined;
  for (const a of cand) {
    for (const b of cand) {
      if (a === b) continue;
      for (const scale of scales) {
        let hits = 0;
        let inverseHits = 0;
        let cappedHits = 0;
        let evaluable = 0;
        for (const c of sample) {
          const p = num(c);
          const va = val(c.row, a);
          const vb = val(c.row, b);
          if (p === undefined || va === undefined || vb === undefined || vb === 0) continue;
          evaluable++;
          const unit = displayUnit(c);
          const forward = (va / vb) * scale;
          const inverse = va !== 0 ? (vb / va) * scale : undefined;
          if (classifyDiff(p, forward, unit) === "ok") hits++;
          else if (inverse !== undefined && classifyDiff(p, inverse, unit) === "ok") inverseHits++;
          else if (isCapped(p, forward, inverse, scale, unit)) cappedHits++;
        }
        const dist = Math.abs(a - col) + Math.abs(b - col);
        const explained = hits + inverseHits + cappedHits;
        const better = !best || explained > best.explained || (explained === best.explained && (hits > best.hits || (hits === best.hits && dist < best.dist)));
        if (better) best = { pair: { a, b, scale }, hits, inverseHits, explained, evaluable, dist };
      }
    }
  }
  if (!best || best.hits < 3 || best.hits < best.inverseHits || best.explained < MIN_SHARE * best.evaluable) return;
  const { a, b, scale } = best.pair;
  const idx = sheetIndex(grid);
  // Average of the block's percentages (a total row may hold it on purpose).
  let sumP = 0;
  let nP = 0;
  for (const c of block) {
    if (idx.totalRows.has(c.row)) continue;
    sumP += num(c) ?? 0;
    nP++;
  }
  for (const c of block) {
    const p = num(c);
    const va = val(c.row, a);
    const vb = val(c.row, b);
    if (p === undefined || va === undefined || vb === undefined || vb === 0) continue;
    const expected = (va / vb) * scale;
    const unit = displayUnit(c);
    const cls = classifyDiff(p, expected, unit);
    if (cls === "ok") continue;
    const inverse = va !== 0 ? (vb / va) * scale : undefined;
    if (inverse !== undefined && classifyDiff(p, inverse, unit) === "ok") continue; // lower-is-better indicator
    if (isCapped(p, expected, inverse, scale, unit)) continue;
    if (idx.totalRows.has(c.row) && nP > 0 && classifyDiff(p, sumP / nP, Math.max(unit, 0.01 * (scale === 1 ? 0.01 : 1))) !== "error") continue;
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
      message_id: `${cls === "drift" ? "Selisih pembulatan persentase" : "Persentase tidak sesuai"}: ${at} berisi ${showP(p).id}, sedangkan ${how} = ${showP(expected).id} (rasio ini cocok untuk ${best.explained} dari ${best.evaluable} baris di kolom ini).`,
      message_en: `${cls === "drift" ? "Percentage rounding drift" : "Percentage does not match"}: ${at} holds ${showP(p).en} but ${how} = ${showP(expected).en} (that ratio explains ${best.explained} of ${best.evaluable} rows of this column).`,
      expected,
      actual: p,
      impact: impactOf(expected, p),
    });
  }
}

export const percentColumnsRule: Rule = perSheetRule({
  id: PERCENT_COLUMNS,
  title_id: "Kolom persentase terhadap rasio kolom tetangganya",
  title_en: "Percentage columns against the ratio of their neighbours",
  check(ctx, grid) {
    for (const [col, cells] of sheetIndex(grid).columns) {
      for (const block of blocksOf(cells)) if (block.length >= 3) checkBlock(ctx, grid, col, block);
    }
  },
});
