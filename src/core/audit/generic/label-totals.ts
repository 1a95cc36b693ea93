/**
 * `label-totals`: rows labelled Jumlah / Total / Sub Total / Grand Total / Rata-rata checked against
 * the numbers they summarise — the contiguous numeric block above, back to the previous total row, a
 * blank or a header — whether the total is a formula or a typed value. A total after subtotals is
 * checked against all the detail rows (= the sum of the subtotals); a total equal to details plus
 * subtotals is reported as double counting. A column headed Total/Jumlah is checked against the row
 * cells to its left, but only when one span of columns explains most rows.
 *
 * Silent on: columns whose header names percentages, ratios, years, numbers or codes; columns of
 * years or of row numbers 1…n; totals that are per-row formulas (a ratio in a total row); percent-
 * formatted cells (those are the percent-columns rule's business).
 *
 * Rounding: a difference within half a display unit (number format decimals, or the last decimal
 * typed) is fine; within 2.5 units it is "rounding drift" (info) — but only when the details carry
 * more decimals than the total shows; otherwise no rounding can explain a difference.
 *
 * Cost: each column is walked once from top to bottom (totals reuse the region summary of the
 * previous total), so O(cells).
 */
import type { CellSnapshot, SheetGrid } from "../../snapshot.js";
import type { AuditContext, Rule } from "../types.js";
import {
  addr,
  classifyDiff,
  displayUnit,
  fmtEn,
  fmtId,
  columnHeader,
  impactOf,
  isIdHeader,
  isPercentFormat,
  isPercentHeader,
  num,
  isDash,
  typedText,
  span,
  typedDecimals,
  type TotalKind,
  perSheetRule,
} from "./common.js";
import { BLANK, BROKEN, DASH, EMPTY, ERROR, NUM, PCT, PLAIN, TEXT, TEXTNUM, parseCached, sheetFacts, type SheetFacts } from "./facts.js";
import { rowLocal } from "./formula.js";

export const LABEL_TOTALS = "label-totals";

/** What a total row's region above holds, reused by the next total below it. */
interface Region {
  value: number;
  top: number;
  detailSum: number;
  detailCount: number;
  subtotalSum: number;
  /** Most decimals typed in the details: computed on first use (`maxDecimalsOf`), -1 until then. */
  maxDecimals: number;
  /** The region's own details, the numbers among positions from…to−1, and the region it continues. */
  from: number;
  to: number;
  prev: Region | undefined;
  allYears: boolean;
  percentCells: number;
  /** What the numbers stored as text in the region would add: 0, their sum, with a broken number's candidates. */
  textExtras: number[];
}

function extrasOf(textSum: number, broken: number[] | undefined, before: number[] | undefined): number[] {
  const own = [0];
  if (textSum) own.push(textSum);
  if (broken) for (const b of broken.slice(0, 6)) own.push(textSum + b);
  if (!before || before.length <= 1) return own;
  const out = new Set<number>();
  for (const a of own) for (const b of before) if (out.size < 16) out.add(a + b);
  return [...out];
}

const k = (r: number, c: number): number => r * 20000 + c;

function checkRowTotals(ctx: AuditContext, grid: SheetGrid): void {
  const f = sheetFacts(grid);
  const memo = new Map<number, Region>();
  const totalRows = [...f.totalRows.entries()].sort((a, b) => a[0] - b[0]);
  for (const [r, label] of totalRows) {
    for (const cell of grid.row(r)) {
      if (cell.col <= label.col) continue;
      const c = cell.col;
      const pos = f.indexAt(r, c);
      // The formula's own range first: it works without cached values too.
      const rangeReported = label.kind !== "average" && !!cell.formula && pos >= 0 && checkSumRange(ctx, f, pos);
      const actual = num(cell);
      if (actual === undefined) continue;
      const w = walkUp(f, pos, r);
      const prevTotal = w.totalRow >= 0 ? memo.get(k(w.totalRow, c)) : undefined;
      const lastCount = w.count;
      const lastSum = w.sum;
      const region: Region = {
        value: actual,
        top: prevTotal ? prevTotal.top : w.top,
        detailSum: lastSum + (prevTotal?.detailSum ?? 0),
        detailCount: lastCount + (prevTotal?.detailCount ?? 0),
        subtotalSum: prevTotal ? prevTotal.subtotalSum + prevTotal.value : 0,
        maxDecimals: -1,
        from: w.stop + 1,
        to: pos,
        prev: prevTotal,
        allYears: w.allYears && (prevTotal?.allYears ?? true),
        percentCells: w.percentCells + (prevTotal?.percentCells ?? 0),
        textExtras: extrasOf(w.textSum, w.broken, prevTotal?.textExtras),
      };
      memo.set(k(r, c), region);
      if (w.aborted || region.detailCount < 2) continue;
      // Not a sum: percentages, ratios, years, row numbers, codes. (An average of percentages is
      // checked: "Rata-rata capaian".)
      const header = columnHeader(grid, region.top, c);
      if (isIdHeader(header)) continue;
      if (label.kind !== "average" && (isPercentFormat(cell) || region.percentCells * 2 >= region.detailCount || isPercentHeader(header))) continue;
      if (region.allYears) continue;
      if (!prevTotal && isRowNumbers(f, region)) continue;
      if (cell.formula && pos >= 0) {
        const id = f.fpIds()[pos] ?? -1;
        if (id >= 0 && rowLocal(f.fp(id))) continue;
      }
      if (!rangeReported) checkOne(ctx, f, cell, actual, label.kind, lastCount, lastSum, region, prevTotal);
    }
  }
}

/** What `walkUp` found: one record, refilled by each walk (no object per total). */
const walk = {
  /** The position the walk stopped at: the details are the numbers among positions stop+1 … pos−1. */
  stop: 0,
  count: 0,
  sum: 0,
  allYears: true,
  percentCells: 0,
  /** The top row of the details (the total's own row when there are none). */
  top: 0,
  /** What the numbers stored as text between the details add, and a broken number's candidates. */
  textSum: 0,
  broken: undefined as number[] | undefined,
  /** The total row the walk stopped at, -1 for none. */
  totalRow: -1,
  /** Stopped at an error cell. */
  aborted: false,
};

/**
 * Walks up from the total at position `pos` (row `r`) over the last segment, to the previous total
 * row, a blank, a text or a row of years. Numbers stored as text inside the block are stepped over
 * (SUM skips them; the text-numbers rule reports them), and remembered: a typed total may include
 * what they were meant to be. Up the column: positions pos−1, pos−2, … as long as the rows are
 * r−1, r−2, … (a missing row is a blank: the walk stops there).
 */
function walkUp(f: SheetFacts, pos: number, r: number): typeof walk {
  const { flags, value, row } = f;
  let count = 0;
  let sum = 0;
  let allYears = true;
  let percentCells = 0;
  let top = r;
  let textSum = 0;
  let pendingText = 0;
  let broken: number[] | undefined;
  let pendingBroken: number[] | undefined;
  let totalRow = -1;
  let aborted = false;
  const s = pos >= 0 ? (f.colStart[f.col[pos] ?? 0] ?? 0) : 0;
  let j = pos - 1;
  for (let rr = r - 1; rr >= 1 && j >= s && row[j] === rr; rr--, j--) {
    const fl = flags[j] ?? 0;
    if (fl & ERROR) {
      aborted = true;
      break;
    }
    if (!(fl & NUM)) {
      if (fl & (DASH | BLANK)) continue; // a dash: no data (SUM and AVERAGE skip it)
      if (fl & TEXTNUM) {
        pendingText += value[j] ?? 0; // the number the text reads as
        continue;
      }
      if (fl & BROKEN) {
        const p = parseCached(f.cell(j).value as string);
        if (!p.ok && p.candidates?.length && !pendingBroken) {
          pendingBroken = p.candidates;
          continue;
        }
      }
      break;
    }
    const v = value[j] ?? 0;
    if (f.isYearRow(rr) && !f.isTotalRow(rr)) break;
    if (f.isTotalRow(rr)) {
      totalRow = rr;
      break;
    }
    textSum += pendingText;
    pendingText = 0;
    if (pendingBroken) broken ??= pendingBroken;
    pendingBroken = undefined;
    top = rr;
    count++;
    sum += v;
    if (!(Number.isInteger(v) && v >= 1900 && v <= 2100)) allYears = false;
    if (fl & PCT) percentCells++;
  }
  walk.stop = j;
  walk.count = count;
  walk.sum = sum;
  walk.allYears = allYears;
  walk.percentCells = percentCells;
  walk.top = top;
  walk.textSum = textSum;
  walk.broken = broken;
  walk.totalRow = totalRow;
  walk.aborted = aborted;
  return walk;
}

/**
 * A total written `=SUM(X a:X b)` over its own column whose range lies inside the block of cells
 * above it but leaves rows out at either end (a range that stops one row short, or starts one row
 * late). Reported even when the omitted cells are 0 (then as a warning) and when the workbook has no
 * cached values. Returns whether it reported.
 */
function checkSumRange(ctx: AuditContext, f: SheetFacts, pos: number): boolean {
  const grid = f.grid;
  const cell = f.cell(pos);
  const id = f.fpIds()[pos] ?? -1;
  if (id < 0) return false;
  const fp = f.fp(id);
  const ref = fp.refs[0];
  if (!ref || fp.refs.length !== 1 || !/^SUM\(¤\|0000¤\)$/.test(fp.skeleton)) return false;
  if (ref.c0 !== 0 || ref.c1 !== 0 || ref.r0 === null || ref.r1 === null || ref.r1 >= 0) return false;
  const r = cell.row;
  const c = cell.col;
  // The block above: numbers, formulas, errors, number-like texts; up to a blank, a plain text, a
  // total row or a row of years.
  let top = r;
  const s = f.colStart[c] ?? 0;
  for (let rr = r - 1, j = pos - 1; rr >= 1; rr--, j--) {
    if (f.isTotalRow(rr) || f.isYearRow(rr)) break;
    if (j < s || f.row[j] !== rr) break;
    if ((f.flags[j] ?? 0) & (EMPTY | PLAIN)) break;
    top = rr;
  }
  if (top >= r - 1) return false;
  const from = r + ref.r0;
  const to = r + ref.r1;
  if (from < top || to > r - 1 || (from === top && to === r - 1)) return false;
  const omitted: number[] = [];
  for (let rr = top; rr < from; rr++) omitted.push(rr);
  for (let rr = to + 1; rr <= r - 1; rr++) omitted.push(rr);
  let omittedSum = 0;
  let unknown = false;
  for (const rr of omitted) {
    const x = grid.get(rr, c);
    const v = num(x);
    if (v === undefined) unknown = true;
    else omittedSum += v;
  }
  const col = addr(1, c).replace(/\d+$/, "");
  const suggestion = `SUM(${col}${top}:${col}${r - 1})`;
  const rowsText = omitted.length === 1 ? `${col}${omitted[0]}` : `${col}${omitted[0]}…${col}${omitted[omitted.length - 1]}`;
  const actual = num(cell);
  const known = actual !== undefined && !unknown;
  const expected = known ? actual + omittedSum : undefined;
  const zero = known && omittedSum === 0;
  const at = addr(r, c);
  ctx.report({
    rule: LABEL_TOTALS,
    severity: zero ? "warning" : "error",
    sheet: grid.sheet.name,
    cell: at,
    related: [span(top, c, r - 1, c)],
    message_id: `Rumus total =${cell.formula} melewatkan ${rowsText} dari blok ${span(top, c, r - 1, c)} di atasnya; kemungkinan seharusnya =${suggestion}.${expected !== undefined && !zero ? ` Totalnya menjadi ${fmtId(expected)}, bukan ${fmtId(actual ?? 0)}.` : zero ? " Nilai yang terlewat saat ini 0, tetapi akan hilang bila diisi." : ""}`,
    message_en: `The total formula =${cell.formula} leaves out ${rowsText} of the block ${span(top, c, r - 1, c)} above it; it probably should be =${suggestion}.${expected !== undefined && !zero ? ` The total becomes ${fmtEn(expected)}, not ${fmtEn(actual ?? 0)}.` : zero ? " The omitted value is 0 today but would be lost once filled in." : ""}`,
    ...(expected !== undefined ? { expected, actual: actual ?? null, impact: impactOf(expected, actual ?? 0) } : { expected: `=${suggestion}`, actual: `=${cell.formula}` }),
  });
  return true;
}

/** Most decimals typed in a region's details, its continued regions included (memoised on the region). */
function maxDecimalsOf(f: SheetFacts, region: Region): number {
  // The chain back to the first region already counted (iterative: chains of subtotals can be long).
  const chain: Region[] = [];
  for (let r: Region | undefined = region; r && r.maxDecimals < 0; r = r.prev) chain.push(r);
  for (let i = chain.length - 1; i >= 0; i--) {
    const r = chain[i] as Region;
    let m = r.prev ? r.prev.maxDecimals : 0;
    for (let j = r.to - 1; j >= r.from; j--) if ((f.flags[j] ?? 0) & NUM) m = Math.max(m, typedDecimals(f.value[j] ?? 0));
    r.maxDecimals = m;
  }
  return region.maxDecimals;
}

/** A region's own details read 1, 2, …, n downwards. */
function isRowNumbers(f: SheetFacts, region: Region): boolean {
  let n = 0;
  for (let j = region.from; j < region.to; j++) if ((f.flags[j] ?? 0) & NUM) n++;
  if (n < 2) return false;
  // Bottom-up: n, n − 1, …, 1.
  let i = 0;
  for (let j = region.to - 1; j >= region.from; j--) if ((f.flags[j] ?? 0) & NUM && f.value[j] !== n - i++) return false;
  return true;
}

function checkOne(
  ctx: AuditContext,
  f: SheetFacts,
  cell: CellSnapshot,
  actual: number,
  kind: TotalKind,
  lastCount: number,
  lastSum: number,
  region: Region,
  prevTotal: Region | undefined,
): void {
  const candidates: { value: number; what: "last" | "all" | "subtotals" }[] = [];
  if (kind === "average") {
    if (lastCount) candidates.push({ value: lastSum / lastCount, what: "last" });
    if (prevTotal) candidates.push({ value: region.detailSum / region.detailCount, what: "all" });
  } else {
    if (lastCount) candidates.push({ value: lastSum, what: "last" });
    if (prevTotal) {
      candidates.push({ value: region.detailSum, what: "all" });
      if (lastCount === 0) candidates.push({ value: region.subtotalSum, what: "subtotals" });
    }
  }
  if (!candidates.length) return;
  let best = candidates[0];
  for (const cand of candidates) if (best && Math.abs(cand.value - actual) < Math.abs(best.value - actual)) best = cand;
  if (!best) return;
  const expected = best.value;
  const shown = displayUnit(cell);
  // Rounding can explain a difference only when the details carry more decimals than the total
  // shows (an average always can).
  // Equal without any rounding: fine whatever the unit (the common case, so the decimals of the
  // details are counted only when needed).
  if (classifyDiff(actual, expected, 0) === "ok") return;
  const unit = kind === "average" || Math.pow(10, -maxDecimalsOf(f, region)) < shown ? shown : 0;
  const cls = classifyDiff(actual, expected, unit);
  if (cls === "ok") return;
  // A typed total that includes numbers stored as text above it: the text-numbers rule says so.
  if (region.textExtras.some((x) => x !== 0 && candidates.some((cand) => classifyDiff(actual, cand.value + x, unit) === "ok"))) return;
  const tol = Math.max(unit, 1e-9 * Math.max(1, Math.abs(actual)));
  if (kind !== "average" && Math.abs(actual * 2 - expected) <= tol * 2 && expected !== 0) return; // the block holds unlabelled subtotals
  const c = cell.col;
  const at = addr(cell.row, c);
  const label = kind === "average" ? { id: "rata-rata", en: "average" } : { id: "jumlah", en: "sum" };
  const from = best.what === "last" ? cell.row - lastCount : region.top;
  const what =
    best.what === "last"
      ? { id: `baris ${from}–${cell.row - 1}`, en: `rows ${from}–${cell.row - 1}` }
      : { id: `baris rincian ${from}–${cell.row - 1}`, en: `the detail rows ${from}–${cell.row - 1}` };
  const diff = actual - expected;
  let extraId = "";
  let extraEn = "";
  if (cls === "error" && kind !== "average") {
    if (prevTotal && Math.abs(actual - (region.detailSum + region.subtotalSum)) <= tol) {
      extraId = " Total ini menjumlahkan rincian beserta subtotalnya (terhitung ganda).";
      extraEn = " This total adds the details and their subtotals too (double counting).";
    } else if (Math.abs(actual - 2 * expected) <= tol && expected !== 0) {
      extraId = " Nilainya dua kali lipat: kemungkinan terhitung ganda.";
      extraEn = " It is twice the sum: probably double counted.";
    }
  }
  const head = cls === "drift" ? { id: "Selisih pembulatan", en: "Rounding drift" } : { id: "Total tidak cocok", en: "Total does not match" };
  // Far off without labelled subtotals: the block may be a hierarchy (parent rows carrying the sums
  // of rows under them, unlabelled). Still worth a look, but not a certain error.
  const ratio = actual !== 0 ? expected / actual : Infinity;
  const structural = cls === "error" && !prevTotal && !extraId && (ratio > 1.6 || ratio < 0.6);
  if (structural) {
    extraId = " Bila sebagian baris di atas adalah rincian dari baris lain (tanpa label subtotal), periksa strukturnya: total ini mungkin hanya menjumlahkan baris induk.";
    extraEn = " If some rows above are sub-items of others (unlabelled subtotals), check the structure: this total may add the parent rows only.";
  }
  ctx.report({
    rule: LABEL_TOTALS,
    severity: cls === "drift" ? "info" : structural ? "warning" : "error",
    sheet: f.grid.sheet.name,
    cell: at,
    related: [span(from, c, cell.row - 1, c)],
    message_id: `${head.id}: ${at} berisi ${fmtId(actual)}, sedangkan ${label.id} ${what.id} adalah ${fmtId(expected)} (selisih ${fmtId(diff)}).${extraId}`,
    message_en: `${head.en}: ${at} holds ${fmtEn(actual)} but the ${label.en} of ${what.en} is ${fmtEn(expected)} (difference ${fmtEn(diff)}).${extraEn}`,
    expected,
    actual,
    impact: impactOf(expected, actual),
  });
}

/** A column headed Total/Jumlah/Rata-rata: each row against the sum of the cells to its left. */
function checkColumnTotals(ctx: AuditContext, grid: SheetGrid): void {
  const f = sheetFacts(grid);
  for (const c of f.totalCols) {
    const s = f.colStart[c] ?? 0;
    const e = f.colEnd[c] ?? 0;
    for (let i = s; i < e; i++) {
      // Only a text in a total row can be a total label (an error cell is looked at as it is).
      if (!((f.flags[i] ?? 0) & (TEXT | ERROR)) || !f.isTotalRow(f.row[i] ?? 0)) continue;
      const head = f.cell(i);
      if (typeof head.value !== "string" || head.formula) continue;
      const labelRow = f.totalRows.get(head.row);
      const kind = labelRow && labelRow.col === c ? labelRow.kind : undefined;
      if (!kind) continue;
      // A row label has numbers to its right; a column header has a number under it.
      if (grid.row(head.row).some((x) => x.col > c && num(x) !== undefined)) continue;
      const block: CellSnapshot[] = [];
      for (let j = i + 1; j < e; j++) {
        const x = f.cell(j);
        const prev = block[block.length - 1] ?? head;
        if (x.row !== prev.row + 1 || num(x) === undefined) break;
        block.push(x);
      }
      if (block.length < 3) continue;
      checkColumnBlock(ctx, grid, c, kind, block);
    }
  }
}

const MAX_SPAN = 40;

function checkColumnBlock(ctx: AuditContext, grid: SheetGrid, c: number, kind: TotalKind, block: CellSnapshot[]): void {
  // Per row: the running sums of the contiguous numbers to the left.
  const rows = block.map((cell) => {
    const sums: number[] = [0];
    let maxDec = 0;
    for (let x = c - 1; x >= 1 && c - x <= MAX_SPAN; x--) {
      const at = grid.get(cell.row, x);
      const t = typedText(at);
      const v = t !== undefined && isDash(t) ? 0 : num(at);
      if (v === undefined) break;
      maxDec = Math.max(maxDec, typedDecimals(v));
      sums.push((sums[sums.length - 1] ?? 0) + v);
    }
    return { cell, sums, maxDec };
  });
  const value = (sums: number[], n: number): number | undefined => {
    const s = sums[n];
    if (s === undefined) return undefined;
    return kind === "average" ? s / n : s;
  };
  const matches = new Map<number, number>();
  let evaluable = 0;
  for (const { cell, sums, maxDec } of rows) {
    if (sums.length < 3) continue;
    evaluable++;
    const actual = num(cell) ?? 0;
    const shown = displayUnit(cell);
    const unit = kind === "average" || Math.pow(10, -maxDec) < shown ? shown : 0;
    for (let n = 2; n < sums.length; n++) {
      const v = value(sums, n);
      if (v !== undefined && classifyDiff(actual, v, unit) === "ok") matches.set(n, (matches.get(n) ?? 0) + 1);
    }
  }
  let bestN = 0;
  let bestCount = 0;
  for (const [n, cnt] of matches) if (cnt > bestCount || (cnt === bestCount && n < bestN)) [bestN, bestCount] = [n, cnt];
  if (bestCount < 3 || bestCount < 0.6 * evaluable) return;
  for (const { cell, sums, maxDec } of rows) {
    const expected = value(sums, bestN);
    const actual = num(cell);
    if (expected === undefined || actual === undefined) continue;
    const shown = displayUnit(cell);
    const cls = classifyDiff(actual, expected, kind === "average" || Math.pow(10, -maxDec) < shown ? shown : 0);
    if (cls === "ok") continue;
    const at = addr(cell.row, c);
    const range = span(cell.row, c - bestN, cell.row, c - 1);
    const label = kind === "average" ? { id: "rata-rata", en: "average" } : { id: "jumlah", en: "sum" };
    ctx.report({
      rule: LABEL_TOTALS,
      severity: cls === "drift" ? "info" : "error",
      sheet: grid.sheet.name,
      cell: at,
      related: [range],
      message_id: `${cls === "drift" ? "Selisih pembulatan" : "Total tidak cocok"}: ${at} berisi ${fmtId(actual)}, sedangkan ${label.id} ${range} adalah ${fmtId(expected)} (baris lain di kolom ini cocok dengan pola itu).`,
      message_en: `${cls === "drift" ? "Rounding drift" : "Total does not match"}: ${at} holds ${fmtEn(actual)} but the ${label.en} of ${range} is ${fmtEn(expected)} (the other rows of this column follow that pattern).`,
      expected,
      actual,
      impact: impactOf(expected, actual),
    });
  }
}

export const labelTotalsRule: Rule = perSheetRule({
  id: LABEL_TOTALS,
  title_id: "Baris Jumlah/Total terhadap rinciannya",
  title_en: "Total rows against their details",
  check(ctx, grid) {
    checkRowTotals(ctx, grid);
    checkColumnTotals(ctx, grid);
  },
});
