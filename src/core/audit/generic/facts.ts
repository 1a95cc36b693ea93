/**
 * Per-sheet facts shared by the six generic rules, computed once per SheetGrid (cached in a
 * WeakMap) so that no rule classifies a cell, parses a text or fingerprints a formula twice.
 *
 * Layout: the sheet's cells in column-major order (column by column, top to bottom), with parallel
 * typed arrays holding each cell's row, column, flags (display unit included), number and formula
 * shape id; a column is a contiguous range of positions, and the cell object itself is reached
 * through its row (`cell`). Rows are reached through `rm2cm` (row-major position → column-major
 * position). Everything is read in two passes over the cells, row by row. Typed arrays instead of
 * objects per cell: no per-cell allocation, little garbage collection.
 */
import type { CellSnapshot, SheetGrid } from "../../snapshot.js";
import { parseRange } from "../../snapshot.js";
import { hasNonNumberLetter, parseIdNumber, type ParseResult } from "../../numbers.js";
import { labelCharCode } from "../../text.js";
import { displayUnit, formatInfo, TOTAL_LABELS, totalKind, typedDecimals, type TotalKind } from "./common.js";
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
/** An empty cell: value null, neither a formula nor an error. */
export const EMPTY = 2048;
/**
 * The top four bits hold the cell's display unit (`displayUnit`) as a code: 0…13, a number format
 * showing that many decimals of the value (a percentage's two included); UNIT_BY_VALUE, no format
 * with fixed decimals (the typed number or the fallback decides); UNIT_BY_CELL, anything else (ask
 * the cell). Read it with `SheetFacts.displayUnit`.
 */
const UNIT_SHIFT = 12;
const UNIT_BY_VALUE = 14;
const UNIT_BY_CELL = 15;
/** 10^−k for the unit codes, computed as `displayUnit` computes them (Math.pow is slow per call). */
const UNITS = Array.from({ length: UNIT_BY_VALUE }, (_, k) => Math.pow(10, -k));

// Row and column flags.
export const TOTAL_ROW = 1;
export const YEAR_ROW = 2;
export const TOTAL_COL = 1;
/** TOTAL_ROW in a row's flags or TOTAL_COL in a column's (`Lines.cross`). */
export const TOTAL_LINE = 1;

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

/** A normalised label's character for an ASCII code: lower-case letters, digits and `%` stay, anything else is a space. */
function labelChar(ch: number): number {
  return labelCharCode(ch) || 32;
}

/**
 * Per pair of label characters (first × 128 + second): 1 when a total label starts with them. An
 * ASCII text starting with a letter, digit or `%` normalises to a label starting with that character
 * (lower-cased) and then its second character as `labelChar` reads it (a `(…)` group or a `:` there
 * becomes a space; a lone letter stays a one-letter label): so two characters rule most texts out.
 * All ones (saying nothing) if some label were shorter than two characters. Built on first use:
 * common.ts and this module import each other.
 */
let labelStarts: Uint8Array | undefined;

function labelStartsTable(): Uint8Array {
  if (labelStarts) return labelStarts;
  const t = new Uint8Array(128 * 128);
  if (TOTAL_LABELS.some((l) => l.length < 2)) t.fill(1);
  else for (const l of TOTAL_LABELS) t[l.charCodeAt(0) * 128 + l.charCodeAt(1)] = 1;
  labelStarts = t;
  return t;
}

/**
 * `totalKind`, with two cheap exact pre-filters: the first two characters (`labelStartsTable`), then
 * every total label contains "jumlah", "total", "rata" or "average" as letters in a row, so an
 * ASCII text without any of them names no total (a non-ASCII text may normalise to one, so it
 * takes the full path).
 */
export function totalKindFast(t: string): TotalKind | undefined {
  if (t.length > 60) return undefined;
  if (t.length >= 2) {
    const c0 = t.charCodeAt(0);
    const c1 = t.charCodeAt(1);
    if (c0 < 128 && c1 < 128) {
      const first = labelChar(c0);
      if (first !== 32 && (labelStarts ?? labelStartsTable())[first * 128 + labelChar(c1)] === 0) return undefined;
    }
  }
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

/**
 * The cells as lines along one axis, in line order: down each column (column-major) or along each
 * row (row-major). `flags[k]` and `at[k]` (the row down a column, the column along a row) belong to
 * the facts position `pos[k]`; `cross[at[k]] & TOTAL_LINE` says whether the cell is on a labelled
 * total row (down a column) or total column (along a row). Scanning a line reads these in order.
 */
export interface Lines {
  axis: "col" | "row";
  flags: Uint16Array;
  at: Int32Array;
  pos: Int32Array;
  cross: Uint8Array;
}

export interface TotalLabel {
  col: number;
  kind: TotalKind;
  text: string;
}

/** `SheetFacts.identity`: k at k. */
let identityArr = new Int32Array(0);

export class SheetFacts {
  readonly grid: SheetGrid;
  /** Number of cells. */
  readonly n: number;
  /** Per position: the cell's index in its row's list (`grid.row`); read cells with `cell`. */
  /** Position → index of its cell in the grid's `cells`. */
  private readonly at: Int32Array;
  readonly row: Int32Array;
  readonly col: Int32Array;
  readonly flags: Uint16Array;
  /** The cell's number (`num`); for a TEXTNUM text, the number it reads as; NaN otherwise. */
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
  /** Formulas (FORMULA cells) per row slot (as rowNums) and per column number: lines with few skip the formula scans. */
  readonly rowFormulas: Int32Array;
  readonly colFormulas: Int32Array;
  /** Row → the total label found in it (first matching text cell). */
  readonly totalRows = new Map<number, TotalLabel>();
  /** Columns that hold a total label. */
  readonly totalCols = new Set<number>();

  private mergeMap: Map<number, { row: number; col: number }> | undefined;
  private readonly fpIdArr: Int32Array;
  private readonly fpList: Fingerprint[];
  private stretchArr: Int32Array | undefined;
  private stretchOrArr: Uint16Array | undefined;
  private colLines: Lines | undefined;
  private rowLines: Lines | undefined;

  constructor(grid: SheetGrid) {
    this.grid = grid;
    const rows = grid.rowNumbers();
    const maxCol = grid.maxCol;
    const maxRow = grid.maxRow;
    // Pass 1: the cells per column (a counting sort by column of the row-major order), and the
    // columns in order of first appearance.
    const colStart = new Int32Array(maxCol + 2);
    const colEnd = new Int32Array(maxCol + 2);
    const columns: number[] = [];
    // The grid's cells are in row order: one walk over them is a walk row by row.
    const cells = grid.cells;
    const n = cells.length;
    for (let q = 0; q < n; q++) {
      const col = (cells[q] as CellSnapshot).col;
      const seen = colEnd[col] ?? 0;
      if (seen === 0) columns.push(col);
      colEnd[col] = seen + 1;
    }
    this.n = n;
    let acc = 0;
    for (let c = 0; c <= maxCol + 1; c++) {
      const count = colEnd[c] ?? 0;
      colStart[c] = acc;
      colEnd[c] = acc; // a cursor in pass 2, the column's end after it
      acc += count;
    }
    // Pass 2, row by row: each cell classified straight into its column-major position (no
    // row-major copies to sort afterwards; a sheet's cells were just read, so they are still in
    // the processor's caches). The cells themselves are reached through their index in the grid's
    // `cells` (`cell`): cheaper to build than an array of a million object pointers.
    const at = new Int32Array(n);
    const rowCM = new Int32Array(n);
    const colCM = new Int32Array(n);
    const flags = new Uint16Array(n);
    const value = new Float64Array(n);
    const rm2cm = new Int32Array(n);
    const ids = new Int32Array(n).fill(-1);
    const shapes = new ShapeReader();
    const rowFlags = new Uint8Array(maxRow + 2);
    const colFlags = new Uint8Array(maxCol + 2);
    const rowNums = new Int32Array(rows.length);
    const rowStart = new Int32Array(rows.length + 1);
    const rowFormulas = new Int32Array(rows.length);
    const colFormulas = new Int32Array(maxCol + 2);
    let p = 0;
    // The last two formats seen and their flags (PCT, display unit): formats repeat from cell to
    // cell, or alternate between two along a row.
    let lastFmt: string | undefined;
    let lastBits = 0;
    let otherFmt: string | undefined;
    let otherBits = 0;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k] ?? 0;
      rowNums[k] = r;
      rowStart[k] = p;
      let numbers = 0;
      let years = 0;
      let formulas = 0;
      for (let q = grid.start(r), e = grid.end(r); q < e; q++, p++) {
        const c = cells[q] as CellSnapshot;
        const col = c.col;
        const i = colEnd[col] ?? 0;
        colEnd[col] = i + 1;
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
          if (typeof c.formula === "string" && c.formula.length > 0) {
            fl |= FORMULA;
            ids[i] = shapes.id(c, c.formula);
            rowFormulas[k] = (rowFormulas[k] ?? 0) + 1;
            colFormulas[col] = (colFormulas[col] ?? 0) + 1;
          } else fl |= UNIT_BY_CELL << UNIT_SHIFT; // not a formula, yet `displayUnit` reads it as one
          if (typeof v === "string") fl |= STRFORMULA;
          formulas++;
        } else if (v === null) {
          if (!c.error) fl |= EMPTY;
        } else if (!c.error && typeof v === "string") {
          const info = textInfo(v);
          fl |= info & ((1 << KIND_SHIFT) - 1);
          if (info & TEXTNUM) {
            const parsed = parseCached(v); // the memo's answer to textFlags
            if (parsed.ok) num = parsed.value;
          }
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
          if (fmt !== lastFmt) {
            const bits: number = fmt === otherFmt ? otherBits : formatBits(fmt);
            otherFmt = lastFmt;
            otherBits = lastBits;
            lastFmt = fmt;
            lastBits = bits;
          }
          fl |= lastBits;
        } else fl |= UNIT_BY_VALUE << UNIT_SHIFT;
        at[i] = q;
        rowCM[i] = r;
        colCM[i] = col;
        flags[i] = fl;
        value[i] = num;
        rm2cm[p] = i;
      }
      if (numbers > 0 && years === numbers && formulas === 0) rowFlags[r] = (rowFlags[r] ?? 0) | YEAR_ROW;
    }
    rowStart[rows.length] = p;
    this.at = at;
    this.fpIdArr = ids;
    this.fpList = shapes.done();
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
    this.rowFormulas = rowFormulas;
    this.colFormulas = colFormulas;
    this.rowFlags = rowFlags;
    this.colFlags = colFlags;
  }

  /** The cell at position `i`. */
  cell(i: number): CellSnapshot {
    return this.grid.cells[this.at[i] ?? 0] as CellSnapshot;
  }

  /** `displayUnit` of the cell at position `i`, mostly without reading the cell. */
  displayUnit(i: number, fallbackDecimals = 6): number {
    const fl = this.flags[i] ?? 0;
    const code = fl >> UNIT_SHIFT;
    if (code < UNIT_BY_VALUE) return UNITS[code] ?? 0;
    if (code === UNIT_BY_CELL) return displayUnit(this.cell(i), fallbackDecimals);
    if (!(fl & FORMULA) && fl & NUM) return UNITS[typedDecimals(this.value[i] ?? 0)] ?? 0; // typedDecimals ≤ 10
    return Math.pow(10, -fallbackDecimals);
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
   * without a formula. Read with the facts (`ShapeReader`): each formula's key is computed once,
   * the full fingerprint once per distinct key.
   */
  fpIds(): Int32Array {
    return this.fpIdArr;
  }

  /**
   * Positions 0…n−1 (at least): a column is a range of them (for code that walks lines given as
   * positions). One array shared by every sheet, grown as needed: read it, never write to it.
   */
  identity(): Int32Array {
    if (identityArr.length < this.n) {
      identityArr = new Int32Array(Math.max(this.n, 2 * identityArr.length));
      for (let i = 0; i < identityArr.length; i++) identityArr[i] = i;
    }
    return identityArr;
  }

  /** The cells as lines down the columns or along the rows (see `Lines`). */
  lines(axis: "col" | "row"): Lines {
    if (axis === "col") {
      this.colLines ??= { axis, flags: this.flags, at: this.row, pos: this.identity(), cross: this.rowFlags };
      return this.colLines;
    }
    if (!this.rowLines) {
      // The flags and columns gathered into row-major order, built on first use.
      const flags = new Uint16Array(this.n);
      const at = new Int32Array(this.n);
      for (let p = 0; p < this.n; p++) {
        const i = this.rm2cm[p] ?? 0;
        flags[p] = this.flags[i] ?? 0;
        at[p] = this.col[i] ?? 0;
      }
      this.rowLines = { axis, flags, at, pos: this.rm2cm, cross: this.colFlags };
    }
    return this.rowLines;
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
    const ors: number[] = [];
    const flags = this.flags;
    const row = this.row;
    for (const col of this.columns) {
      const s = this.colStart[col] ?? 0;
      const e = this.colEnd[col] ?? 0;
      let header = -1;
      let first = -1;
      let last = -1;
      let or = 0;
      let prev = -Infinity;
      // Closing the open stretch (if any) is written out at each of the three places below.
      for (let i = s; i < e; i++) {
        const r = row[i] ?? 0;
        const fl = flags[i] ?? 0;
        if (r - prev > 3 && first >= 0) {
          out.push(first, last + 1, header);
          ors.push(or);
          first = -1;
          header = -1;
        }
        prev = r;
        if (fl & PLAIN || this.isYearRow(r)) {
          if (first >= 0) {
            out.push(first, last + 1, header);
            ors.push(or);
            first = -1;
          }
          header = i;
          continue;
        }
        if (fl & STRFORMULA) continue;
        if (first < 0) {
          first = i;
          or = 0;
        }
        last = i;
        or |= fl;
      }
      if (first >= 0) {
        out.push(first, last + 1, header);
        ors.push(or);
      }
    }
    this.stretchArr = Int32Array.from(out);
    this.stretchOrArr = Uint16Array.from(ors);
    return this.stretchArr;
  }

  /** Per stretch (in the order of `stretches`), the flags of its cells OR-ed together. */
  stretchFlags(): Uint16Array {
    if (!this.stretchOrArr) this.stretches();
    return this.stretchOrArr as Uint16Array;
  }

  /** The header text of a stretch's header position: the text, or a year row's number as text. */
  headerText(pos: number): string | undefined {
    if (pos < 0) return undefined;
    const c = this.cell(pos);
    return (this.flags[pos] ?? 0) & PLAIN ? (c.value as string) : String(c.value);
  }
}

/** A number format's flags: PCT, and its display unit code (see UNIT_SHIFT). */
function formatBits(fmt: string): number {
  const info = formatInfo(fmt);
  if (!info) return UNIT_BY_VALUE << UNIT_SHIFT;
  const exp = info.valueDecimals;
  return (info.percent ? PCT : 0) | ((exp < UNIT_BY_VALUE ? exp : UNIT_BY_CELL) << UNIT_SHIFT);
}

/** Column slots of `ShapeReader` (a column's slot is its number modulo SHAPE_SLOTS, a power of two). */
const SHAPE_SLOTS = 8;

/** Code buffers of `ShapeReader`, made once (large enough for any fast-path formula): one per slot and a spare. */
let shapeBufs: Int32Array[] | undefined;

/**
 * Shape ids of formulas read row by row. Remembers the codes of the last fast-path formula of each
 * column slot: a formula copied down a column has the same codes as the one above it, so most
 * formulas need no key string and no map lookup.
 */
class ShapeReader {
  private readonly byKey = new Map<string, number>();
  private readonly list: Fingerprint[] = [];
  private readonly bufs: Int32Array[];
  private cur: Int32Array;
  /** Per slot: its codes' count (-1: none) and shape id. */
  private readonly len = new Int32Array(SHAPE_SLOTS).fill(-1);
  private readonly slotId = new Int32Array(SHAPE_SLOTS);

  constructor() {
    shapeBufs ??= Array.from({ length: SHAPE_SLOTS + 1 }, () => shapeBuffer());
    this.bufs = shapeBufs.slice(0, SHAPE_SLOTS);
    this.cur = shapeBufs[SHAPE_SLOTS] as Int32Array;
  }

  id(c: CellSnapshot, formula: string): number {
    const cur = this.cur;
    const len = shapeCodes(formula, c.row, c.col, cur);
    const slot = c.col & (SHAPE_SLOTS - 1);
    const prev = this.bufs[slot] as Int32Array;
    if (len >= 0 && len === this.len[slot] && sameCodes(cur, prev, len)) return this.slotId[slot] ?? -1;
    const key = len >= 0 ? renderShape(cur, len) : (fingerprint(c) as Fingerprint).key;
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.list.length;
      this.byKey.set(key, id);
      this.list.push(fingerprint(c) as Fingerprint);
    }
    if (len >= 0) {
      this.bufs[slot] = cur;
      this.cur = prev;
      this.len[slot] = len;
      this.slotId[slot] = id;
    }
    return id;
  }

  /** The fingerprints by id. (The buffers go on to the next sheet's reader: their codes count only with `len`.) */
  done(): Fingerprint[] {
    return this.list;
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
