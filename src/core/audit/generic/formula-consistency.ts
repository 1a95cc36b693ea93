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
import type { CellSnapshot, SheetGrid } from "../../snapshot.js";
import type { AuditContext, Rule } from "../types.js";
import { addr, classifyDiff, displayUnit, fmtEn, fmtId, impactOf, isFormula, num, sheetIndex, perSheetRule } from "./common.js";
import { describeShift, evaluateFormula, fingerprint, fingerprintToA1, refersUpstream, shiftOf, type Fingerprint } from "./formula.js";

export const FORMULA_CONSISTENCY = "formula-consistency";

/** Minimum share of the run the dominant shape must hold, and its minimum count. */
const DOMINANCE = 0.75;
const MIN_DOMINANT = 3;

type Axis = "col" | "row";

export interface DominantShape {
  fp: Fingerprint;
  count: number;
}

/** The shape that dominates a list of formula cells, when one does. */
export function dominantShape(cells: CellSnapshot[], minShare = DOMINANCE, minCount = MIN_DOMINANT): DominantShape | undefined {
  const counts = new Map<string, { fp: Fingerprint; count: number }>();
  for (const c of cells) {
    const fp = fingerprint(c);
    if (!fp) continue;
    const e = counts.get(fp.key);
    if (e) e.count++;
    else counts.set(fp.key, { fp, count: 1 });
  }
  let best: { fp: Fingerprint; count: number } | undefined;
  for (const e of counts.values()) if (!best || e.count > best.count) best = e;
  if (!best || best.count < minCount || best.count < minShare * cells.length) return undefined;
  return best;
}

function scanLine(ctx: AuditContext, grid: SheetGrid, line: CellSnapshot[], axis: Axis, flagged: Set<string>): void {
  const pos = axis === "col" ? (c: CellSnapshot) => c.row : (c: CellSnapshot) => c.col;
  let run: CellSnapshot[] = [];
  const flush = (): void => {
    if (run.length >= 3) checkRun(ctx, grid, run, axis, flagged);
    run = [];
  };
  for (const c of line) {
    if (!isFormula(c)) {
      flush();
      continue;
    }
    const last = run[run.length - 1];
    if (last && pos(c) !== pos(last) + 1) flush();
    run.push(c);
  }
  flush();
}

function checkRun(ctx: AuditContext, grid: SheetGrid, run: CellSnapshot[], axis: Axis, flagged: Set<string>): void {
  const idx = sheetIndex(grid);
  // Cells of labelled total rows (columns) may differ on purpose: they do not vote.
  const isTotalLine = (c: CellSnapshot): boolean => (axis === "col" ? idx.totalRows.has(c.row) : idx.totalCols.has(c.col));
  const voters = run.filter((c) => !isTotalLine(c));
  if (voters.length < 3) return;
  const dom = dominantShape(run) ?? dominantShape(voters);
  if (!dom) return;
  const domUpstream = refersUpstream(dom.fp, axis);
  const sheet = grid.sheet.name;
  for (let i = 0; i < run.length; i++) {
    const cell = run[i];
    if (!cell) continue;
    const fp = fingerprint(cell);
    if (!fp || fp.key === dom.fp.key) continue;
    const at = addr(cell.row, cell.col);
    if (flagged.has(at)) continue;
    const interior = i > 0 && i < run.length - 1;
    const shift = shiftOf(fp, dom.fp);
    if (!shift) {
      if (!interior) continue;
      // A total inside the run: labelled, summing its own line upstream, or consistent across.
      if (isTotalLine(cell)) continue;
      if (!domUpstream && refersUpstream(fp, axis)) continue;
      const across = axis === "col" ? [grid.get(cell.row, cell.col - 1), grid.get(cell.row, cell.col + 1)] : [grid.get(cell.row - 1, cell.col), grid.get(cell.row + 1, cell.col)];
      if (across.some((n) => n && n.formula && fingerprint(n)?.key === fp.key)) continue;
    }
    const suggestion = fingerprintToA1(dom.fp, cell.row, cell.col);
    if (!suggestion) continue;
    // An example neighbour holding the dominant shape, nearest first.
    let example: CellSnapshot | undefined;
    for (let d = 1; d < run.length && !example; d++) {
      for (const j of [i - d, i + d]) {
        const n = run[j];
        if (n && fingerprint(n)?.key === dom.fp.key) {
          example = n;
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
    flagged.add(at);
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
    const flagged = new Set<string>();
    for (const cells of sheetIndex(grid).columns.values()) scanLine(ctx, grid, cells, "col", flagged);
    for (const r of grid.rowNumbers()) scanLine(ctx, grid, grid.row(r), "row", flagged);
  },
});
