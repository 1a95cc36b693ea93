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
import type { AuditContext, Rule } from "../types.js";
import { addr, classifyDiff, columnHeader, displayUnit, fmtEn, fmtId, impactOf, isPercentFormat, isPercentHeader, num, perSheetRule } from "./common.js";
import { FORMULA, NUM, TOTAL_LINE, sheetFacts, type Lines, type SheetFacts } from "./facts.js";
import { evaluateFormula, fingerprintToA1 } from "./formula.js";
import { dominantId } from "./formula-consistency.js";

export const CONSTANT_IN_FORMULAS = "constant-in-formulas";

/** Segments of ≥ 4 contiguous cells that are formulas or typed numbers, along a line `L[from…to)`. */
function scanLine(ctx: AuditContext, f: SheetFacts, L: Lines, from: number, to: number): void {
  const { flags, at } = L;
  let segStart = from;
  for (let k = from; k <= to; k++) {
    // A formula, or a typed number (a number without a formula: a formula flag otherwise).
    const ok = k < to && ((flags[k] ?? 0) & (FORMULA | NUM)) !== 0;
    const contiguous = ok && k > segStart && (at[k] ?? 0) === (at[k - 1] ?? 0) + 1;
    if (ok && (k === segStart || contiguous)) continue;
    if (k - segStart >= 4) checkSegment(ctx, f, L, segStart, k);
    segStart = ok ? k : k + 1;
  }
}

function checkSegment(ctx: AuditContext, f: SheetFacts, L: Lines, from: number, to: number): void {
  const { axis, pos, cross } = L;
  let formulas = 0;
  // Typed numbers in total rows (typed subtotals) are not candidates and do not dilute the stretch.
  let constants = 0;
  for (let k = from; k < to; k++) {
    if ((L.flags[k] ?? 0) & FORMULA) formulas++;
    else if (!((cross[L.at[k] ?? 0] ?? 0) & TOTAL_LINE)) constants++;
  }
  if (constants === 0 || formulas < 3 || constants > Math.max(1, 0.25 * (formulas + constants))) return;
  // Cells of labelled total rows (columns) may differ on purpose: they do not vote.
  const isTotalLine = axis === "col" ? (i: number): boolean => f.isTotalRow(f.row[i] ?? 0) : (i: number): boolean => f.isTotalCol(f.col[i] ?? 0);
  const isF = (i: number): boolean => ((f.flags[i] ?? 0) & FORMULA) !== 0;
  const ids = f.fpIds();
  // The dominant shape among the formulas (then among those outside total lines).
  const dom = dominantId(ids, pos, from, to, (i) => !isF(i)) ?? dominantId(ids, pos, from, to, (i) => !isF(i) || isTotalLine(i));
  if (!dom) return;
  const domFp = f.fp(dom.id);
  const grid = f.grid;
  const sheet = grid.sheet.name;
  // Nearest dominant formula on each side, in one pass each way.
  const len = to - from;
  const before = new Int32Array(len).fill(-1);
  const after = new Int32Array(len).fill(-1);
  let last = -1;
  for (let k = 0; k < len; k++) {
    before[k] = last;
    const i = pos[from + k] ?? 0;
    if (ids[i] === dom.id) last = i;
  }
  last = -1;
  for (let k = len - 1; k >= 0; k--) {
    after[k] = last;
    const i = pos[from + k] ?? 0;
    if (ids[i] === dom.id) last = i;
  }
  for (let k = 0; k < len; k++) {
    const ci = pos[from + k] ?? 0;
    if (isF(ci)) continue;
    const pi = before[k] ?? -1;
    const ni = after[k] ?? -1;
    if (pi < 0 || ni < 0) continue;
    if (isTotalLine(ci)) continue;
    const cell = f.cell(ci);
    const prev = f.cell(pi);
    const next = f.cell(ni);
    const current = num(cell);
    if (current === undefined) continue;
    // Across a total row, a typed percentage is not a missing SUM: percentages are not summed.
    if (axis === "row" && (isPercentFormat(cell) || isPercentHeader(columnHeader(grid, cell.row, cell.col)))) continue;
    const suggestion = fingerprintToA1(domFp, cell.row, cell.col);
    if (!suggestion) continue;
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
  }
}

export const constantInFormulasRule: Rule = perSheetRule({
  id: CONSTANT_IN_FORMULAS,
  title_id: "Angka ketikan di antara rumus",
  title_en: "Typed numbers among formulas",
  check(ctx, grid) {
    const f = sheetFacts(grid);
    const cols = f.lines("col");
    // A line with fewer than 3 formulas holds no run (no segment) worth checking.
    for (const col of f.columns) if ((f.colFormulas[col] ?? 0) >= 3) scanLine(ctx, f, cols, f.colStart[col] ?? 0, f.colEnd[col] ?? 0);
    for (let k = 0; k < f.rowNums.length; k++) if ((f.rowFormulas[k] ?? 0) >= 3) scanLine(ctx, f, f.lines("row"), f.rowStart[k] ?? 0, f.rowStart[k + 1] ?? 0);
  },
});
