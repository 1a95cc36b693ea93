/**
 * `constant-in-formulas`: a typed number in the middle of a column (or row) of formulas that share
 * one shape — typically a hard-coded total or a value pasted over a formula. The finding carries the
 * formula its neighbours suggest and, when the snapshot's cached values allow computing it, the value
 * that formula would give.
 *
 * Only stretches that are mostly formulas count (typed numbers at most a quarter of the stretch),
 * and the typed number must have a formula of the dominant shape on both sides: a column of typed
 * data with a few subtotal formulas, or a typed value at the end of a run, stays silent.
 */
import type { CellSnapshot, SheetGrid } from "../../snapshot.js";
import type { AuditContext, Rule } from "../types.js";
import {
  addr,
  classifyDiff,
  columnHeader,
  displayUnit,
  fmtEn,
  fmtId,
  impactOf,
  isConstantNumber,
  isFormula,
  isPercentFormat,
  isPercentHeader,
  num,
  sheetIndex,
  perSheetRule,
} from "./common.js";
import { evaluateFormula, fingerprint, fingerprintToA1 } from "./formula.js";
import { dominantShape } from "./formula-consistency.js";

export const CONSTANT_IN_FORMULAS = "constant-in-formulas";

type Axis = "col" | "row";

function scanLine(ctx: AuditContext, grid: SheetGrid, line: CellSnapshot[], axis: Axis): void {
  const pos = axis === "col" ? (c: CellSnapshot) => c.row : (c: CellSnapshot) => c.col;
  let seg: CellSnapshot[] = [];
  const flush = (): void => {
    if (seg.length >= 4) checkSegment(ctx, grid, seg, axis);
    seg = [];
  };
  for (const c of line) {
    if (!isFormula(c) && !isConstantNumber(c)) {
      flush();
      continue;
    }
    const last = seg[seg.length - 1];
    if (last && pos(c) !== pos(last) + 1) flush();
    seg.push(c);
  }
  flush();
}

function checkSegment(ctx: AuditContext, grid: SheetGrid, seg: CellSnapshot[], axis: Axis): void {
  const idx = sheetIndex(grid);
  // Cells of labelled total rows (columns) may differ on purpose: they do not vote.
  const isTotalLine = (c: CellSnapshot): boolean => (axis === "col" ? idx.totalRows.has(c.row) : idx.totalCols.has(c.col));
  const formulas = seg.filter((c) => isFormula(c));
  // Typed numbers in total rows (typed subtotals) are not candidates and do not dilute the stretch.
  const constants = seg.filter((c) => !isFormula(c) && !isTotalLine(c)).length;
  if (constants === 0 || formulas.length < 3 || constants > Math.max(1, 0.25 * (formulas.length + constants))) return;
  const dom = dominantShape(formulas) ?? dominantShape(formulas.filter((c) => !isTotalLine(c)));
  if (!dom) return;
  const isDom = (c: CellSnapshot | undefined): boolean => !!c && isFormula(c) && fingerprint(c)?.key === dom.fp.key;
  // Nearest dominant formula on each side, in one pass each way.
  const before: (CellSnapshot | undefined)[] = [];
  let last: CellSnapshot | undefined;
  for (const c of seg) {
    before.push(last);
    if (isDom(c)) last = c;
  }
  const after: (CellSnapshot | undefined)[] = new Array(seg.length);
  last = undefined;
  for (let i = seg.length - 1; i >= 0; i--) {
    after[i] = last;
    if (isDom(seg[i])) last = seg[i];
  }
  const sheet = grid.sheet.name;
  seg.forEach((cell, i) => {
    if (isFormula(cell)) return;
    const prev = before[i];
    const next = after[i];
    if (!prev || !next) return;
    if (isTotalLine(cell)) return;
    const current = num(cell);
    if (current === undefined) return;
    // Across a total row, a typed percentage is not a missing SUM: percentages are not summed.
    if (axis === "row" && (isPercentFormat(cell) || isPercentHeader(columnHeader(grid, cell.row, cell.col)))) return;
    const suggestion = fingerprintToA1(dom.fp, cell.row, cell.col);
    if (!suggestion) return;
    const would = evaluateFormula(suggestion, sheet, ctx.grids);
    const cls = would === undefined ? undefined : classifyDiff(current, would, displayUnit(cell, 2));
    const at = addr(cell.row, cell.col);
    const lineId = axis === "col" ? "kolom" : "baris";
    const lineEn = axis === "col" ? "column" : "row";
    const nb = `${addr(prev.row, prev.col)}: =${prev.formula}`;
    let tailId: string;
    let tailEn: string;
    if (would === undefined) {
      tailId = "Nilainya tidak ikut berubah bila datanya berubah.";
      tailEn = "It will not follow when the data change.";
    } else if (cls === "ok") {
      tailId = `Saat ini nilainya masih sama (${fmtId(would)}), tetapi tidak akan ikut berubah bila datanya berubah.`;
      tailEn = `It still equals the formula's result (${fmtEn(would)}) but will not follow when the data change.`;
    } else {
      tailId = `Rumus itu menghasilkan ${fmtId(would)}, bukan ${fmtId(current)}.`;
      tailEn = `That formula gives ${fmtEn(would)}, not ${fmtEn(current)}.`;
    }
    ctx.report({
      rule: CONSTANT_IN_FORMULAS,
      severity: cls === undefined ? "warning" : cls === "ok" ? "info" : "error",
      sheet,
      cell: at,
      related: [addr(prev.row, prev.col), addr(next.row, next.col)],
      message_id: `Angka ${fmtId(current)} diketik langsung di tengah ${lineId} berisi rumus (mis. ${nb}); kemungkinan seharusnya =${suggestion}. ${tailId}`,
      message_en: `The number ${fmtEn(current)} is typed in the middle of a ${lineEn} of formulas (e.g. ${nb}); it probably should be =${suggestion}. ${tailEn}`,
      ...(would !== undefined ? { expected: would, impact: impactOf(would, current) } : {}),
      actual: current,
    });
  });
}

export const constantInFormulasRule: Rule = perSheetRule({
  id: CONSTANT_IN_FORMULAS,
  title_id: "Angka ketikan di antara rumus",
  title_en: "Typed numbers among formulas",
  check(ctx, grid) {
    for (const cells of sheetIndex(grid).columns.values()) scanLine(ctx, grid, cells, "col");
    for (const r of grid.rowNumbers()) scanLine(ctx, grid, grid.row(r), "row");
  },
});
