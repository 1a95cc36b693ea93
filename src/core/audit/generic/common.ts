/**
 * Shared helpers of the generic checks: cell classification, labels, display rounding from number
 * formats, and message formatting. The per-sheet facts every rule reads (columns, flags, total
 * rows, formula shapes, stretches) are built once per SheetGrid in facts.ts.
 */
import { a1, SheetGrid, type CellSnapshot } from "../../snapshot.js";
import { normalizeLabel } from "../../text.js";
import { formatIdNumber } from "../../numbers.js";
import type { AuditContext, Rule } from "../types.js";
import { BLANK, BROKEN, DASH, EMPTY, NUM, PLAIN, TEXTNUM, sheetFacts, textFlags, type SheetFacts } from "./facts.js";

/** The cell's number when it holds one (typed or the cached result of a formula); errors and text are not numbers. */
export function num(c: CellSnapshot | undefined): number | undefined {
  if (!c || c.error) return undefined;
  return typeof c.value === "number" && Number.isFinite(c.value) ? c.value : undefined;
}

/** A typed number: a number without a formula. */
export function isConstantNumber(c: CellSnapshot | undefined): boolean {
  return !!c && !c.formula && num(c) !== undefined;
}

export function isFormula(c: CellSnapshot | undefined): c is CellSnapshot & { formula: string } {
  return !!c && typeof c.formula === "string" && c.formula.length > 0;
}

/** A typed text (not a formula result). */
export function typedText(c: CellSnapshot | undefined): string | undefined {
  if (!c || c.formula || c.error) return undefined;
  return typeof c.value === "string" ? c.value : undefined;
}

/** The grid of a sheet: the one the engine built, or a new one. */
/** A generic rule that checks each sheet in turn (stopping when the audit is cancelled). */
export function perSheetRule(def: { id: string; title_id: string; title_en: string; check: (ctx: AuditContext, grid: SheetGrid) => void }): Rule {
  return {
    id: def.id,
    title_id: def.title_id,
    title_en: def.title_en,
    source: "generic",
    run(ctx) {
      for (const sheet of ctx.workbook.sheets) {
        if (ctx.cancelled()) return;
        const grid = gridOf(ctx, sheet.name);
        if (grid) def.check(ctx, grid);
      }
    },
  };
}

export function gridOf(ctx: AuditContext, sheetName: string): SheetGrid | undefined {
  const g = ctx.grids.get(sheetName);
  if (g) return g;
  const s = ctx.workbook.sheets.find((x) => x.name === sheetName);
  if (!s) return undefined;
  const built = new SheetGrid(s);
  ctx.grids.set(sheetName, built);
  return built;
}

// ---------------------------------------------------------------------------------------------
// Positions (the per-sheet facts live in facts.ts).

/** The cell at a position, or the anchor of the merge covering it. */
export function cellOrMerge(grid: SheetGrid, row: number, col: number): CellSnapshot | undefined {
  const c = grid.get(row, col);
  if (c) return c;
  const m = sheetFacts(grid).mergeAnchor().get(row * 20000 + col);
  return m ? grid.get(m.row, m.col) : undefined;
}

/**
 * The nearest text above a block (its header), looking at most `maxUp` rows up and skipping blank
 * cells, dashes and numbers stored as text; stops at a number (then there is no header).
 */
export function headerAbove(grid: SheetGrid, row: number, col: number, maxUp = 4): { text: string; row: number } | undefined {
  for (let r = row - 1; r >= 1 && r >= row - maxUp; r--) {
    const h = headerCell(cellOrMerge(grid, r, col), r);
    if (h !== SKIP) return h;
  }
  return undefined;
}

const SKIP = "skip";

/**
 * What a cell in row r above a block says of its header: SKIP for a blank, a dash or a number stored
 * as text (still data), the header for another text, undefined (no header) for anything else.
 */
function headerCell(c: CellSnapshot | undefined, r: number): { text: string; row: number } | undefined | typeof SKIP {
  if (!c || c.value === null || c.value === "") return SKIP;
  if (typeof c.value !== "string") return undefined;
  return numberLike(c.value) ? SKIP : { text: c.value, row: r };
}

/**
 * `headerAbove` for the cell at position `pos` of a sheet's facts: the same answer, reading the
 * cells above from the facts' column (no grid lookups) and the merges only where a cell is missing.
 */
export function headerAboveAt(f: SheetFacts, pos: number, maxUp = 4): { text: string; row: number } | undefined {
  const row = f.row[pos] ?? 0;
  const col = f.col[pos] ?? 0;
  const s = f.colStart[col] ?? 0;
  let j = pos - 1;
  for (let r = row - 1; r >= 1 && r >= row - maxUp; r--) {
    // The column's last cell in row r (the one grid.get returns), if any.
    while (j >= s && (f.row[j] ?? 0) > r) j--;
    let c: CellSnapshot | undefined;
    if (j >= s && f.row[j] === r) {
      // The flags answer for most cells without reading them.
      const fl = f.flags[j] ?? 0;
      if (fl & NUM) return undefined; // a number
      if (fl & (EMPTY | BLANK | DASH | TEXTNUM | BROKEN)) continue; // empty, or a number-like text
      if (fl & PLAIN) return { text: f.cell(j).value as string, row: r };
      c = f.cell(j);
    } else {
      // No cell there (`cellOrMerge` without looking the cell up again).
      const m = f.mergeAnchor().get(r * 20000 + col);
      c = m ? f.grid.get(m.row, m.col) : undefined;
    }
    const h = headerCell(c, r);
    if (h !== SKIP) return h;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Labels.

export type TotalKind = "sum" | "subtotal" | "average";

const SUM_LABELS = new Set([
  "jumlah", "total", "grand total", "jumlah total", "total keseluruhan", "jumlah keseluruhan", "jumlah seluruhnya",
  "total jumlah", "jumlah akhir", "total akhir", "jumlah semua",
]);
const SUBTOTAL_LABELS = new Set(["sub total", "subtotal", "sub jumlah", "jumlah sub"]);
const AVERAGE_LABELS = new Set(["rata rata", "rata2", "rerata", "average", "nilai rata rata", "rata rata capaian"]);

/** Every normalised label `totalKind` accepts (for the pre-filter in facts.ts). */
export const TOTAL_LABELS: readonly string[] = [...SUM_LABELS, ...SUBTOTAL_LABELS, ...AVERAGE_LABELS];

/** Which kind of total a label names, if any: exact labels, optionally followed by `(…)` or `:`. */
export function totalKind(text: string): TotalKind | undefined {
  if (text.length > 60) return undefined;
  const stripped = text.replace(/\(.*?\)/g, " ").replace(/[:=]+\s*$/, "");
  const l = normalizeLabel(stripped);
  if (!l) return undefined;
  if (SUBTOTAL_LABELS.has(l)) return "subtotal";
  if (SUM_LABELS.has(l)) return "sum";
  if (AVERAGE_LABELS.has(l)) return "average";
  return undefined;
}

function words(label: string): string[] {
  return normalizeLabel(label).split(" ").filter(Boolean);
}

const PERCENT_WORDS = new Set(["%", "persen", "persentase", "prosentase", "capaian", "serapan", "rasio", "ratio", "percent", "percentage"]);
const ID_WORDS = new Set(["no", "nomor", "nomer", "kode", "nip", "nik", "npwp", "telp", "telepon", "hp", "tahun", "tgl", "tanggal", "urut", "id", "rekening", "norek", "year"]);

const PERCENT_HEADER = 1;
const ID_HEADER = 2;
/** Header text → PERCENT_HEADER | ID_HEADER: headers repeat from block to block and sheet to sheet. */
const headerMemo = new Map<string, number>();
const HEADER_MEMO_LIMIT = 20_000;

function headerKind(label: string): number {
  let k = headerMemo.get(label);
  if (k === undefined) {
    const ws = words(label);
    k = (label.includes("%") || ws.some((w) => PERCENT_WORDS.has(w)) ? PERCENT_HEADER : 0) | (ws.some((w) => ID_WORDS.has(w)) ? ID_HEADER : 0);
    if (headerMemo.size >= HEADER_MEMO_LIMIT) headerMemo.clear();
    headerMemo.set(label, k);
  }
  return k;
}

/** A header that names a percentage / ratio column. */
export function isPercentHeader(label: string | undefined): boolean {
  return !!label && (headerKind(label) & PERCENT_HEADER) !== 0;
}

/** A header that names identifiers, years or ordinal numbers: columns whose numbers are not quantities. */
export function isIdHeader(label: string | undefined): boolean {
  return !!label && (headerKind(label) & ID_HEADER) !== 0;
}

// ---------------------------------------------------------------------------------------------
// Number formats and display rounding.

export interface FormatInfo {
  /** Decimal places shown. */
  decimals: number;
  percent: boolean;
  /** Decimals of the value itself: a percent format shows it ×100, two decimals more of it. */
  valueDecimals: number;
}

/** Format → its info, `null` for a format that shows no fixed decimals. */
const formatCache = new Map<string, FormatInfo | null>();

/** The last format asked for and its info: cells in a row or a column mostly share one. */
let lastFormat: string | undefined;
let lastFormatInfo: FormatInfo | undefined;

/** Decimals shown by an Excel number format (its positive section), and whether it is a percentage. */
export function formatInfo(fmt: string | undefined): FormatInfo | undefined {
  if (!fmt) return undefined;
  if (fmt === lastFormat) return lastFormatInfo;
  const cached = formatCache.get(fmt);
  if (cached !== undefined) {
    lastFormat = fmt;
    lastFormatInfo = cached ?? undefined;
    return lastFormatInfo;
  }
  let info: FormatInfo | undefined;
  if (!/^general$/i.test(fmt.trim()) && fmt !== "@") {
    const first = (fmt.split(";")[0] ?? "").replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "");
    if (/[0#?]/.test(first)) {
      const dot = first.indexOf(".");
      let decimals = 0;
      if (dot >= 0) {
        for (let i = dot + 1; i < first.length; i++) {
          const ch = first[i];
          if (ch === "0" || ch === "#" || ch === "?") decimals++;
          else break;
        }
      }
      const percent = first.includes("%");
      info = { decimals, percent, valueDecimals: decimals + (percent ? 2 : 0) };
    }
  }
  // A workbook uses a handful of formats; a long-running process (a batch, the task pane) many more.
  if (formatCache.size >= 10_000) formatCache.clear();
  formatCache.set(fmt, info ?? null);
  lastFormat = fmt;
  lastFormatInfo = info;
  return info;
}

export function isPercentFormat(c: CellSnapshot | undefined): boolean {
  return formatInfo(c?.numberFormat)?.percent === true;
}

/** Decimals written in a typed number (`1234.5` → 1). */
export function typedDecimals(v: number): number {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return 0; // written without a point or an exponent
  const s = String(v);
  if (/e/i.test(s)) return 10;
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : Math.min(s.length - dot - 1, 10);
}

/**
 * The display unit of a cell's value: one unit of its last shown decimal, in the value's own units
 * (a `0.00%` cell shows 4 decimals of the fraction). Without a number format: the last decimal
 * typed for a typed number, `fallbackDecimals` for a formula result.
 */
export function displayUnit(c: CellSnapshot, fallbackDecimals = 6): number {
  const f = formatInfo(c.numberFormat);
  if (f) return Math.pow(10, -f.valueDecimals);
  const v = num(c);
  if (!c.formula && v !== undefined) return Math.pow(10, -typedDecimals(v));
  return Math.pow(10, -fallbackDecimals);
}

export type DiffClass = "ok" | "drift" | "error";

/** Within half a display unit: fine; within 2.5 units: rounding drift; beyond: an error. */
export function classifyDiff(current: number, correct: number, unit: number): DiffClass {
  const d = Math.abs(current - correct);
  const eps = 1e-9 * Math.max(1, Math.abs(current), Math.abs(correct));
  if (d <= unit * 0.5 + eps) return "ok";
  if (d <= unit * 2.5 + eps) return "drift";
  return "error";
}

/** |correct − current| / max(|current|, 1). */
export function impactOf(correct: number, current: number): number {
  return Math.abs(correct - current) / Math.max(Math.abs(current), 1);
}

// ---------------------------------------------------------------------------------------------
// Messages.

function shownDecimals(v: number): number {
  const r = Math.round(v * 1e4) / 1e4;
  return Math.min(typedDecimals(r), 4);
}

/** A number the id-ID way for `message_id`: `1.234.567,5`. */
export function fmtId(v: number): string {
  return formatIdNumber(v, shownDecimals(v));
}

/** A number the English way for `message_en`: `1,234,567.5`. */
export function fmtEn(v: number): string {
  // Whole numbers (most of them): the grouping written out, as the formatter writes it.
  if (Number.isInteger(v) && Math.abs(v) < 1e11 && !Object.is(v, -0)) return groupThousands(v);
  const d = shownDecimals(v);
  // The same as v.toLocaleString("en-US", …), without building a formatter per call.
  let f = enFormatters[d];
  if (!f) {
    f = new Intl.NumberFormat("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
    enFormatters[d] = f;
  }
  return f.format(v);
}

const enFormatters: Intl.NumberFormat[] = [];

/** A whole number with `,` between groups of three digits: `-1,234,567`. */
function groupThousands(v: number): string {
  const s = String(Math.abs(v));
  const head = s.length % 3 || 3;
  let out = s.slice(0, head);
  for (let i = head; i < s.length; i += 3) out += `,${s.slice(i, i + 3)}`;
  return v < 0 ? `-${out}` : out;
}

export function addr(row: number, col: number): string {
  return a1(row, col);
}

/** `A5:A9` for a vertical or horizontal stretch. */
export function span(r0: number, c0: number, r1: number, c1: number): string {
  return r0 === r1 && c0 === c1 ? a1(r0, c0) : `${a1(r0, c0)}:${a1(r1, c1)}`;
}

/**
 * The header of a column at a row: the nearest typed text above it in the same column (not a
 * number-like text), at most `maxUp` cells up. Binary search in the column: O(log n + maxUp).
 */
export function columnHeader(grid: SheetGrid, row: number, col: number, maxUp = 200): string | undefined {
  const f = sheetFacts(grid);
  if (col < 1 || col > grid.maxCol) return undefined;
  const s = f.colStart[col] ?? 0;
  for (let i = f.lowerBound(col, row) - 1, n = 0; i >= s && n < maxUp; i--, n++) {
    if ((f.flags[i] ?? 0) & PLAIN) return f.cell(i).value as string;
  }
  return undefined;
}

/** A text that reads as a number (or a broken one), or a dash meaning "no data" (blank counts too). */
export function numberLike(text: string): boolean {
  return (textFlags(text) & PLAIN) === 0;
}

/** A dash ("-", "–") meaning "no data". */
export function isDash(text: string): boolean {
  return (textFlags(text) & DASH) !== 0;
}

/** Median of a list (copied, sorted: O(n log n)). */
export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** The median of the first `n` numbers of `buf` (reordered in place): the same value as `median`. */
export function medianInPlace(buf: Float64Array, n: number): number {
  if (n === 0) return 0;
  const m = n >> 1;
  const hi = select(buf, n, m);
  if (n % 2) return hi;
  // The largest value left of m is the (m−1)-th smallest.
  let lo = -Infinity;
  for (let i = 0; i < m; i++) if ((buf[i] ?? 0) > lo) lo = buf[i] ?? 0;
  return (lo + hi) / 2;
}

/** Quickselect: the k-th smallest of buf[0…n), leaving smaller values left of k. */
function select(buf: Float64Array, n: number, k: number): number {
  let left = 0;
  let right = n - 1;
  while (right > left) {
    const pivot = buf[(left + right) >> 1] ?? 0;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((buf[i] ?? 0) < pivot) i++;
      while ((buf[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const t = buf[i] ?? 0;
        buf[i] = buf[j] ?? 0;
        buf[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return buf[k] ?? 0;
}
