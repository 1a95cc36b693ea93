/**
 * Per-sheet facts shared by the six generic rules, computed once per SheetGrid (cached in a
 * WeakMap) so that no rule classifies a cell, parses a text or fingerprints a formula twice.
 *
 * Layout: the sheet's cells in column-major order (column by column, top to bottom), with parallel
 * typed arrays holding each cell's row, column, flags and number; a column is a contiguous range
 * of positions. Rows are reached through `rm2cm` (row-major position → column-major position).
 * Typed arrays instead of objects per cell: no per-cell allocation, little garbage collection.
 */
import type { CellSnapshot, SheetGrid } from "../../snapshot.js";
import { parseRange } from "../../snapshot.js";
import { hasNonNumberLetter, parseIdNumber, type ParseResult } from "../../numbers.js";
import { formatInfo, totalKind, type TotalKind } from "./common.js";
import { fingerprint, renderShape, shapeBuffer, shapeCodes, type Fingerprint } from "./formula.js";

// Cell flags.
/** A formula (`isFormula`). */
export const FORMULA = 1;
/** Holds a finite number (`num` is defined). */
export const NUM = 2;
/** A typed text (`typedText` is defined). */
export const TEXT = 4;
/** A typed text that is not blank and not number-like: a header or a label (it cuts stretches). */
export const PLAIN = 8;
/** A typed text `parseIdNumber` reads as a number. */
export const TEXTNUM = 16;
/** A typed text with broken thousands grouping. */
export const BROKEN = 32;
/** A typed dash meaning "no data" (`isDash`). */
export const DASH = 64;
/** A typed text that is empty or only spaces. */
export const BLANK = 128;
/** An error cell. */
export const ERROR = 256;
/** A percent number format. */
export const PCT = 512;
/** A formula whose cached result is a text. */
export const STRFORMULA = 1024;

// Row and column flags.
export const TOTAL_ROW = 1;
export const YEAR_ROW = 2;
export const TOTAL_COL = 1;

// ---------------------------------------------------------------------------------------------
// Text classification, once per distinct text where it needs parsing.

const parseMemo = new Map<string, ParseResult>();
const PARSE_MEMO_LIMIT = 100_000;

/** `parseIdNumber`, memoised (texts that may be numbers repeat: dashes, codes, amounts). */
export function parseCached(text: string): ParseResult {
  let p = parseMemo.get(text);
  if (p === undefined) {
    p = parseIdNumber(text);
    if (parseMemo.size >= PARSE_MEMO_LIMIT) parseMemo.clear();
    parseMemo.set(text, p);
  }
  return p;
}

/** The flags of a typed text: TEXT plus PLAIN, TEXTNUM, BROKEN, DASH or BLANK (as `numberLike` / `isDash` define them). */
export function textFlags(t: string): number {
  if (hasNonNumberLetter(t)) return TEXT | PLAIN;
  const p = parseCached(t);
  if (p.ok) return TEXT | TEXTNUM;
  if (p.kind === "broken_grouping") return TEXT | BROKEN;
  if (p.kind === "empty") return t.trim() ? TEXT | DASH : TEXT | BLANK;
  return TEXT | PLAIN;
}

/** Starts `word` (lower-case ASCII) at `i` of `t`, case-insensitively? */
function wordAt(t: string, i: number, word: string): boolean {
  if (i + word.length > t.length) return false;
  for (let k = 0; k < word.length; k++) if ((t.charCodeAt(i + k) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * `totalKind`, with a cheap exact pre-filter: every total label contains "jumlah", "total", "rata"
 * or "average" as letters in a row, so an ASCII text without any of them names no total (a
 * non-ASCII text may normalise to one, so it takes the full path).
 */
export function totalKindFast(t: string): TotalKind | undefined {
  if (t.length > 60) return undefined;
  let candidate = false;
  for (let i = 0; i < t.length && !candidate; i++) {
    const ch = t.charCodeAt(i);
    if (ch >= 128) candidate = true;
    else {
      const l = ch | 0x20;
      if (l === 106) candidate = wordAt(t, i, "jumlah");
      else if (l === 116) candidate = wordAt(t, i, "total");
      else if (l === 114) candidate = wordAt(t, i, "rata");
      else if (l === 97) candidate = wordAt(t, i, "average");
    }
  }
  return candidate ? totalKind(t) : undefined;
}

const TOTAL_KINDS: (TotalKind | undefined)[] = [undefined, "sum", "subtotal", "average"];
const KIND_SHIFT = 12;

/** `textFlags` with the text's total kind in the bits from KIND_SHIFT up. */
function textInfo(t: string): number {
  const kind = totalKindFast(t);
  return textFlags(t) | (kind ? TOTAL_KINDS.indexOf(kind) << KIND_SHIFT : 0);
}

// ---------------------------------------------------------------------------------------------
// The facts of one sheet.

export interface TotalLabel {
  col: number;
  kind: TotalKind;
  text: string;
}

export class SheetFacts {
  readonly grid: SheetGrid;
  /** Number of cells. */
  readonly n: number;
  /** Cells, column-major. */
  readonly cells: CellSnapshot[];
  readonly row: Int32Array;
  readonly col: Int32Array;
  readonly flags: Uint16Array;
  /** The cell's number (`num`), NaN when it has none. */
  readonly value: Float64Array;
  /** Column numbers in the order they first appear reading row by row. */
  readonly columns: number[];
  /** Per column number: its first position and one past its last. */
  readonly colStart: Int32Array;
  readonly colEnd: Int32Array;
  /** Row numbers holding cells, ascending; the row at slot k spans row-major positions rowStart[k]…rowStart[k+1]. */
  readonly rowNums: Int32Array;
  readonly rowStart: Int32Array;
  /** Row-major position → column-major position. */
  readonly rm2cm: Int32Array;
  /** Per row number: TOTAL_ROW, YEAR_ROW. */
  readonly rowFlags: Uint8Array;
  /** Per column number: TOTAL_COL. */
  readonly colFlags: Uint8Array;
  /** Row → the total label found in it (first matching text cell). */
  readonly totalRows = new Map<number, TotalLabel>();
  /** Columns that hold a total label. */
  readonly totalCols = new Set<number>();

  private mergeMap: Map<number, { row: number; col: number }> | undefined;
  private fpIdArr: Int32Array | undefined;
  private fpList: Fingerprint[] = [];
  private stretchArr: Int32Array | undefined;
  private identityArr: Int32Array | undefined;

  constructor(grid: SheetGrid) {
    this.grid = grid;
    const rows = grid.rowNumbers();
    const maxCol = grid.maxCol;
    const maxRow = grid.maxRow;
    let n = 0;
    for (const r of rows) n += grid.row(r).length;
    this.n = n;
    // Pass 1, row by row: each cell object is read once (classified into row-major arrays), and
    // the columns are counted in order of first appearance.
    const colEnd = new Int32Array(maxCol + 2);
    const columns: number[] = [];
    const flagsRM = new Uint16Array(n);
    const valueRM = new Float64Array(n);
    const colRM = new Int32Array(n);
    const rowFlags = new Uint8Array(maxRow + 2);
    const colFlags = new Uint8Array(maxCol + 2);
    const rowNums = new Int32Array(rows.length);
    const rowStart = new Int32Array(rows.length + 1);
    let p = 0;
    let lastFmt: string | undefined;
    let lastPct = false;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k] ?? 0;
      rowNums[k] = r;
      rowStart[k] = p;
      let numbers = 0;
      let years = 0;
      let formulas = 0;
      const line = grid.row(r);
      for (let q = 0; q < line.length; q++, p++) {
        const c = line[q] as CellSnapshot;
        const col = c.col;
        colRM[p] = col;
        const seen = colEnd[col] ?? 0;
        if (seen === 0) columns.push(col);
        colEnd[col] = seen + 1;
        let fl = 0;
        let num = NaN;
        const v = c.value;
        if (c.error) fl |= ERROR;
        else if (typeof v === "number" && Number.isFinite(v)) {
          fl |= NUM;
          num = v;
          numbers++;
          if (Number.isInteger(v) && v >= 1900 && v <= 2100) years++;
        }
        if (c.formula) {
          if (typeof c.formula === "string" && c.formula.length > 0) fl |= FORMULA;
          if (typeof v === "string") fl |= STRFORMULA;
          formulas++;
        } else if (!c.error && typeof v === "string") {
          const info = textInfo(v);
          fl |= info & ((1 << KIND_SHIFT) - 1);
          const kind = TOTAL_KINDS[info >> KIND_SHIFT];
          if (kind) {
            if (!this.totalRows.has(r)) this.totalRows.set(r, { col, kind, text: v });
            this.totalCols.add(col);
            rowFlags[r] = (rowFlags[r] ?? 0) | TOTAL_ROW;
            colFlags[col] = TOTAL_COL;
          }
        }
        const fmt = c.numberFormat;
        if (fmt) {
          // Formats repeat from cell to cell: one lookup per change.
          if (fmt !== lastFmt) {
            lastFmt = fmt;
            lastPct = formatInfo(fmt)?.percent === true;
          }
          if (lastPct) fl |= PCT;
        }
        flagsRM[p] = fl;
        valueRM[p] = num;
      }
      if (numbers > 0 && years === numbers && formulas === 0) rowFlags[r] = (rowFlags[r] ?? 0) | YEAR_ROW;
    }
    rowStart[rows.length] = p;
    const colStart = new Int32Array(maxCol + 2);
    let acc = 0;
    for (let c = 0; c <= maxCol + 1; c++) {
      const count = colEnd[c] ?? 0;
      colStart[c] = acc;
      colEnd[c] = acc; // a cursor in pass 2, the column's end after it
      acc += count;
    }
    // Pass 2: a stable counting sort by column of the row-major order (typed arrays and the row
    // lists' pointers only: no cell object is read again).
    const cells: CellSnapshot[] = new Array<CellSnapshot>(n);
    const rowCM = new Int32Array(n);
    const colCM = new Int32Array(n);
    const flags = new Uint16Array(n);
    const value = new Float64Array(n);
    const rm2cm = new Int32Array(n);
    p = 0;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k] ?? 0;
      const line = grid.row(r);
      for (let q = 0; q < line.length; q++, p++) {
        const col = colRM[p] ?? 0;
        const i = colEnd[col] ?? 0;
        colEnd[col] = i + 1;
        cells[i] = line[q] as CellSnapshot;
        rowCM[i] = r;
        colCM[i] = col;
        flags[i] = flagsRM[p] ?? 0;
        value[i] = valueRM[p] ?? NaN;
        rm2cm[p] = i;
      }
    }
    this.cells = cells;
    this.row = rowCM;
    this.col = colCM;
    this.flags = flags;
    this.value = value;
    this.columns = columns;
    this.colStart = colStart;
    this.colEnd = colEnd;
    this.rowNums = rowNums;
    this.rowStart = rowStart;
    this.rm2cm = rm2cm;
    this.rowFlags = rowFlags;
    this.colFlags = colFlags;
  }

  isTotalRow(r: number): boolean {
    return ((this.rowFlags[r] ?? 0) & TOTAL_ROW) !== 0;
  }

  isYearRow(r: number): boolean {
    return ((this.rowFlags[r] ?? 0) & YEAR_ROW) !== 0;
  }

  isTotalCol(c: number): boolean {
    return ((this.colFlags[c] ?? 0) & TOTAL_COL) !== 0;
  }

  /** The first position of column `col` at or below `row` (colEnd when none). */
  lowerBound(col: number, row: number): number {
    let lo = this.colStart[col] ?? 0;
    let hi = this.colEnd[col] ?? 0;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.row[mid] ?? 0) < row) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The position of the cell at (row, col), -1 when there is none. */
  indexAt(row: number, col: number): number {
    if (col < 1 || col >= this.colStart.length - 1) return -1;
    const i = this.lowerBound(col, row);
    return i < (this.colEnd[col] ?? 0) && this.row[i] === row ? i : -1;
  }

  /** Cell key → anchor of the merge covering it (small merges only). Built on first use. */
  mergeAnchor(): Map<number, { row: number; col: number }> {
    if (this.mergeMap) return this.mergeMap;
    const out = new Map<number, { row: number; col: number }>();
    for (const m of this.grid.sheet.merges ?? []) {
      const b = parseRange(m);
      if (!b) continue;
      if ((b.bottom - b.top + 1) * (b.right - b.left + 1) > 400) continue;
      for (let r = b.top; r <= b.bottom; r++) {
        for (let c = b.left; c <= b.right; c++) {
          if (r !== b.top || c !== b.left) out.set(r * 20000 + c, { row: b.top, col: b.left });
        }
      }
    }
    this.mergeMap = out;
    return out;
  }

  /**
   * Per position, the id of its formula's shape (equal ids ⇔ equal fingerprint keys), -1 for a cell
   * without a formula. Each formula's key is computed once (a hand-written fast path for simple
   * formulas, the tokenizer otherwise); the full fingerprint is built once per distinct key.
   */
  fpIds(): Int32Array {
    if (this.fpIdArr) return this.fpIdArr;
    const ids = new Int32Array(this.n).fill(-1);
    const byKey = new Map<string, number>();
    // The codes of the last fast-path formula: a formula copied down a column has the same codes
    // as the one above it, so most formulas need no key string and no map lookup.
    let cur = shapeBuffer();
    let prev = shapeBuffer();
    let prevLen = -1;
    let prevId = -1;
    for (let i = 0; i < this.n; i++) {
      if (!((this.flags[i] ?? 0) & FORMULA)) continue;
      const c = this.cells[i] as CellSnapshot;
      const len = shapeCodes(c.formula ?? "", c.row, c.col, cur);
      if (len >= 0 && len === prevLen && sameCodes(cur, prev, len)) {
        ids[i] = prevId;
        continue;
      }
      const key = len >= 0 ? renderShape(cur, len) : (fingerprint(c) as Fingerprint).key;
      let id = byKey.get(key);
      if (id === undefined) {
        id = this.fpList.length;
        byKey.set(key, id);
        this.fpList.push(fingerprint(c) as Fingerprint);
      }
      ids[i] = id;
      if (len >= 0) {
        [cur, prev] = [prev, cur];
        prevLen = len;
        prevId = id;
      }
    }
    this.fpIdArr = ids;
    return ids;
  }

  /** Positions 0…n−1: a column is a range of them (for code that walks lines given as positions). */
  identity(): Int32Array {
    if (!this.identityArr) {
      this.identityArr = new Int32Array(this.n);
      for (let i = 0; i < this.n; i++) this.identityArr[i] = i;
    }
    return this.identityArr;
  }

  /** The fingerprint of a shape id. */
  fp(id: number): Fingerprint {
    return this.fpList[id] as Fingerprint;
  }

  /**
   * Column stretches (defined by `stretches` in test/generic/reference.ts, with the sheet's year rows as header rows), as
   * triples [first position, one past the last, header position or -1]. The cells of a stretch are
   * its positions minus formulas with a text result (those are skipped, not cut at).
   */
  stretches(): Int32Array {
    if (this.stretchArr) return this.stretchArr;
    const out: number[] = [];
    const flags = this.flags;
    const row = this.row;
    for (const col of this.columns) {
      const s = this.colStart[col] ?? 0;
      const e = this.colEnd[col] ?? 0;
      let header = -1;
      let first = -1;
      let last = -1;
      let prev = -Infinity;
      const close = (): void => {
        if (first >= 0) out.push(first, last + 1, header);
        first = -1;
      };
      for (let i = s; i < e; i++) {
        const r = row[i] ?? 0;
        const fl = flags[i] ?? 0;
        if (r - prev > 3 && first >= 0) {
          close();
          header = -1;
        }
        prev = r;
        if (fl & PLAIN || this.isYearRow(r)) {
          close();
          header = i;
          continue;
        }
        if (fl & STRFORMULA) continue;
        if (first < 0) first = i;
        last = i;
      }
      close();
    }
    this.stretchArr = Int32Array.from(out);
    return this.stretchArr;
  }

  /** The header text of a stretch's header position: the text, or a year row's number as text. */
  headerText(pos: number): string | undefined {
    if (pos < 0) return undefined;
    const c = this.cells[pos] as CellSnapshot;
    return (this.flags[pos] ?? 0) & PLAIN ? (c.value as string) : String(c.value);
  }
}

function sameCodes(a: Int32Array, b: Int32Array, len: number): boolean {
  for (let k = 0; k < len; k++) if (a[k] !== b[k]) return false;
  return true;
}

const factsCache = new WeakMap<SheetGrid, SheetFacts>();

/** The facts of a grid, built on first use and shared by every generic rule of the audit. */
export function sheetFacts(grid: SheetGrid): SheetFacts {
  let f = factsCache.get(grid);
  if (!f) {
    f = new SheetFacts(grid);
    factsCache.set(grid, f);
  }
  return f;
}
