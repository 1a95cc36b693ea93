/**
 * `formula-consistency`: in a run of ≥ 3 contiguous formula cells down a column (or across a row),
 * one relative shape usually dominates; a cell that breaks it is flagged with the formula it most
 * likely should have (the dominant shape written at that cell).
 *
 * Silent on intentional differences: a cell at either end of a run (a total row under the column,
 * a header formula) is flagged only when its shape is the dominant one with a reference moved by a
 * single row/column; a cell inside the run is not flagged when it looks like a total (its row or
 * column is labelled Jumlah/Total…, it sums the cells before it on its own line while the others do
 * not, or it shares its shape with its neighbour across).
 */
import type { CellSnapshot } from "../../snapshot.js";
import type { AuditContext, Rule } from "../types.js";
import { addr, classifyDiff, displayUnit, fmtEn, fmtId, impactOf, num, perSheetRule } from "./common.js";
import { FORMULA, TOTAL_LINE, sheetFacts, type Lines, type SheetFacts } from "./facts.js";
import { describeShift, evaluateFormula, fingerprintToA1, refersUpstream, shiftOf } from "./formula.js";

export const FORMULA_CONSISTENCY = "formula-consistency";

/** Minimum share of the run the dominant shape must hold, and its minimum count. */
export const DOMINANCE = 0.75;
export const MIN_DOMINANT = 3;

/**
 * The dominant shape id among positions `pos[from…to)` (skipping those `skip` rejects): the same
 * answer as the map-based count in test/generic/reference.ts (`dominantShape`) with its default thresholds. Such a shape holds a strict majority (≥ 75 %),
 * so a majority vote (Boyer–Moore) finds the only candidate, then a count checks it: no map per run.
 */
export function dominantId(
  ids: Int32Array,
  pos: Int32Array,
  from: number,
  to: number,
  skip?: (i: number) => boolean,
): { id: number; count: number } | undefined {
  let cand = -1;
  let votes = 0;
  let len = 0;
  for (let k = from; k < to; k++) {
    const i = pos[k] ?? 0;
    if (skip?.(i)) continue;
    len++;
    const id = ids[i] ?? -1;
    if (id < 0) continue;
    if (votes === 0) {
      cand = id;
      votes = 1;
    } else if (id === cand) votes++;
    else votes--;
  }
  if (cand < 0) return undefined;
  let count = 0;
  for (let k = from; k < to; k++) {
    const i = pos[k] ?? 0;
    if (skip?.(i)) continue;
    if (ids[i] === cand) count++;
  }
  if (count < MIN_DOMINANT || count < DOMINANCE * len) return undefined;
  return { id: cand, count };
}

/**
 * Runs of ≥ 3 contiguous formula cells along each column, then each row, checked in turn. A line is
 * given as positions `pos[from…to)`; cells are contiguous when their row numbers (down a column) or
 * column numbers (along a row) follow each other.
 */
function scanLine(ctx: AuditContext, f: SheetFacts, L: Lines, from: number, to: number, flagged: Uint8Array): void {
  const { flags, at } = L;
  let runStart = from;
  for (let k = from; k <= to; k++) {
    const ok = k < to && ((flags[k] ?? 0) & FORMULA) !== 0;
    const contiguous = ok && k > runStart && (at[k] ?? 0) === (at[k - 1] ?? 0) + 1;
    if (ok && (k === runStart || contiguous)) continue;
    // The run [runStart, k) ends here.
    if (k - runStart >= 3) checkRun(ctx, f, L, runStart, k, flagged);
    runStart = ok ? k : k + 1;
  }
}

function checkRun(ctx: AuditContext, f: SheetFacts, L: Lines, from: number, to: number, flagged: Uint8Array): void {
  const { axis, pos, cross, at } = L;
  let voters = 0;
  for (let k = from; k < to; k++) if (!((cross[at[k] ?? 0] ?? 0) & TOTAL_LINE)) voters++;
  if (voters < 3) return;
  const ids = f.fpIds();
  // Cells of labelled total rows (columns) may differ on purpose: they do not vote.
  const isTotalLine = axis === "col" ? (i: number): boolean => f.isTotalRow(f.row[i] ?? 0) : (i: number): boolean => f.isTotalCol(f.col[i] ?? 0);
  const dom = dominantId(ids, pos, from, to) ?? dominantId(ids, pos, from, to, isTotalLine);
  if (!dom) return;
  let differs = false;
  for (let k = from; k < to && !differs; k++) if (ids[pos[k] ?? 0] !== dom.id) differs = true;
  if (!differs) return;
  const domFp = f.fp(dom.id);
  const domUpstream = refersUpstream(domFp, axis);
  const grid = f.grid;
  const sheet = grid.sheet.name;
  const len = to - from;
  for (let k = from; k < to; k++) {
    const ci = pos[k] ?? 0;
    const id = ids[ci] ?? -1;
    if (id < 0 || id === dom.id || flagged[ci]) continue;
    const cell = f.cell(ci);
    const fp = f.fp(id);
    const i = k - from;
    const interior = i > 0 && i < len - 1;
    const shift = shiftOf(fp, domFp);
    if (!shift) {
      if (!interior) continue;
      // A total inside the run: labelled, summing its own line upstream, or consistent across.
      if (isTotalLine(ci)) continue;
      if (!domUpstream && refersUpstream(fp, axis)) continue;
      const a = axis === "col" ? f.indexAt(cell.row, cell.col - 1) : f.indexAt(cell.row - 1, cell.col);
      const b = axis === "col" ? f.indexAt(cell.row, cell.col + 1) : f.indexAt(cell.row + 1, cell.col);
      if ((a >= 0 && ids[a] === id) || (b >= 0 && ids[b] === id)) continue;
    }
    const suggestion = fingerprintToA1(domFp, cell.row, cell.col);
    if (!suggestion) continue;
    // An example neighbour holding the dominant shape, nearest first.
    let example: CellSnapshot | undefined;
    for (let d = 1; d < len && !example; d++) {
      for (const j of [i - d, i + d]) {
        if (j < 0 || j >= len) continue;
        const n = pos[from + j] ?? 0;
        if (ids[n] === dom.id) {
          example = f.cell(n);
          break;
        }
      }
    }
    const current = num(cell);
    const would = evaluateFormula(suggestion, sheet, ctx.grids);
    const differs = current !== undefined && would !== undefined && classifyDiff(current, would, displayUnit(cell)) !== "ok";
    const why = shift ? describeShift(shift) : { id: "bentuk rumusnya berbeda", en: "its shape differs" };
    const lineId = axis === "col" ? "kolom" : "baris";
    const lineEn = axis === "col" ? "column" : "row";
    const exId = example ? ` (mis. ${addr(example.row, example.col)}: =${example.formula})` : "";
    const exEn = example ? ` (e.g. ${addr(example.row, example.col)}: =${example.formula})` : "";
    const valId = differs && would !== undefined && current !== undefined ? ` Hasilnya ${fmtId(would)}, bukan ${fmtId(current)}.` : "";
    const valEn = differs && would !== undefined && current !== undefined ? ` That gives ${fmtEn(would)}, not ${fmtEn(current)}.` : "";
    const at = addr(cell.row, cell.col);
    flagged[ci] = 1;
    ctx.report({
      rule: FORMULA_CONSISTENCY,
      severity: differs ? "error" : "warning",
      sheet,
      cell: at,
      related: example ? [addr(example.row, example.col)] : [],
      message_id: `Rumus =${cell.formula} tidak sejalan dengan ${dom.count} rumus lain di ${lineId} ini${exId}: ${why.id}. Kemungkinan seharusnya =${suggestion}.${valId}`,
      message_en: `Formula =${cell.formula} breaks the pattern of ${dom.count} other formulas in this ${lineEn}${exEn}: ${why.en}. It probably should be =${suggestion}.${valEn}`,
      expected: `=${suggestion}`,
      actual: `=${cell.formula}`,
      ...(current !== undefined && would !== undefined ? { impact: impactOf(would, current) } : {}),
    });
  }
}

export const formulaConsistencyRule: Rule = perSheetRule({
  id: FORMULA_CONSISTENCY,
  title_id: "Konsistensi rumus dalam kolom/baris",
  title_en: "Formula consistency along columns and rows",
  check(ctx, grid) {
    const f = sheetFacts(grid);
    const flagged = new Uint8Array(f.n);
    const cols = f.lines("col");
    // A line with fewer than 3 formulas holds no run (no segment) worth checking.
    for (const col of f.columns) if ((f.colFormulas[col] ?? 0) >= 3) scanLine(ctx, f, cols, f.colStart[col] ?? 0, f.colEnd[col] ?? 0, flagged);
    for (let k = 0; k < f.rowNums.length; k++) if ((f.rowFormulas[k] ?? 0) >= 3) scanLine(ctx, f, f.lines("row"), f.rowStart[k] ?? 0, f.rowStart[k + 1] ?? 0, flagged);
  },
});
