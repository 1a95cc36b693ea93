/**
 * The workbook snapshot: what every adapter (Office.js, exceljs in Node or the browser) fills and
 * what the audit reads. Plain data, no Office import. Cells are sparse: only non-empty cells (a value,
 * a formula or an error) need to be present.
 */
export type CellValue = number | string | boolean | null;

export interface CellSnapshot {
  /** 1-based row and column. */
  row: number;
  col: number;
  /** Cached value. An error cell has `value` null and `error` set. Dates are given as Excel serials. */
  value: CellValue;
  /** The formula without its leading `=`, when the cell holds one. */
  formula?: string;
  /** Excel number format, e.g. `#,##0.00` or `0.00%`. Absent means General. */
  numberFormat?: string;
  /** Error literal such as `#DIV/0!` when the cell holds an error. */
  error?: string;
}

export interface TableRef {
  name: string;
  /** A1 range of the whole table including its header row, e.g. `B3:F12`. */
  ref: string;
}

export interface SheetSnapshot {
  name: string;
  hidden?: boolean;
  protected?: boolean;
  /** Row-major, sparse. */
  cells: CellSnapshot[];
  /** Merged ranges in A1 notation. */
  merges?: string[];
  tables?: TableRef[];
}

export interface DefinedName {
  name: string;
  /** e.g. `'Tabel 4'!$B$3:$H$20` */
  ref: string;
}

export interface WorkbookSnapshot {
  /** File name or workbook title, for reports. */
  source?: string;
  sheets: SheetSnapshot[];
  definedNames?: DefinedName[];
  /** What an adapter could not read, said instead of failing silently. */
  unreadable?: { sheet?: string; reason: string }[];
}

/** 1 → A, 27 → AA. */
export function columnLetters(col: number): string {
  let s = "";
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

export function parseA1(address: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) return undefined;
  return { row: Number(m[2]), col: columnNumber(m[1] ?? "A") };
}

export interface RangeBounds {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function parseRange(ref: string): RangeBounds | undefined {
  const bare = ref.includes("!") ? ref.slice(ref.lastIndexOf("!") + 1) : ref;
  const [p, q] = bare.split(":");
  const s = parseA1(p ?? "");
  const e = q ? parseA1(q) : s;
  if (!s || !e) return undefined;
  return { top: Math.min(s.row, e.row), left: Math.min(s.col, e.col), bottom: Math.max(s.row, e.row), right: Math.max(s.col, e.col) };
}

/** Rows held in a plain array (Excel's limit is 1.048.576); any further ones go to a Map. */
const DENSE_ROWS = 1 << 21;

/** A row number outside the dense array: beyond it, negative, fractional or NaN (malformed input). */
function isFar(row: number): boolean {
  return !(row >= 0 && row <= DENSE_ROWS && Number.isInteger(row));
}

/** The row of an empty line: shared and frozen, so a caller that tried to fill it would fail loudly. */
const NO_CELLS = Object.freeze([]) as unknown as CellSnapshot[];

/**
 * Fast positional access to a sheet's sparse cells. Built once per sheet, O(cells), with little
 * garbage: one array per row (indexed by row number), sorted only when the cells came out of order.
 * Two cells at one address (a malformed snapshot): the later one is the one `get` returns.
 */
export class SheetGrid {
  readonly sheet: SheetSnapshot;
  readonly maxRow: number;
  readonly maxCol: number;
  /** Row number → that row's cells, left to right. */
  private readonly rows: (CellSnapshot[] | undefined)[];
  /** Rows beyond DENSE_ROWS (only in a malformed snapshot: Excel stops at 1.048.576). */
  private readonly farRows: Map<number, CellSnapshot[]> | undefined;
  private readonly numbers: number[];

  constructor(sheet: SheetSnapshot) {
    this.sheet = sheet;
    const cells = sheet.cells;
    let maxRow = 0;
    let maxCol = 0;
    let anyFar = false;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i] as CellSnapshot;
      if (c.row > maxRow) maxRow = c.row;
      if (c.col > maxCol) maxCol = c.col;
      if (isFar(c.row)) anyFar = true;
    }
    const rows = new Array<CellSnapshot[] | undefined>(Math.min(maxRow, DENSE_ROWS) + 1);
    const farRows = anyFar ? new Map<number, CellSnapshot[]>() : undefined;
    const numbers: number[] = [];
    let rowsInOrder = true;
    let unsorted: CellSnapshot[][] | undefined;
    let lastRow = -1;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i] as CellSnapshot;
      const far = isFar(c.row);
      const r = far ? farRows?.get(c.row) : rows[c.row];
      if (r === undefined) {
        if (far) farRows?.set(c.row, [c]);
        else rows[c.row] = [c];
        numbers.push(c.row);
        if (c.row < lastRow) rowsInOrder = false;
        lastRow = c.row;
      } else {
        if ((r[r.length - 1] as CellSnapshot).col > c.col) (unsorted ??= []).push(r);
        r.push(c);
      }
    }
    // A stable sort keeps two cells at one address in their given order (the later one wins).
    if (unsorted) for (const r of new Set(unsorted)) r.sort((x, y) => x.col - y.col);
    if (!rowsInOrder) numbers.sort((a, b) => a - b);
    this.rows = rows;
    this.farRows = farRows;
    this.numbers = numbers;
    this.maxRow = maxRow;
    this.maxCol = maxCol;
  }

  get(row: number, col: number): CellSnapshot | undefined {
    const r = this.cellsOf(row);
    if (r === undefined) return undefined;
    // The last cell with col ≤ the wanted one: a short scan from the right, or a binary search.
    let i: number;
    if (r.length <= 16) {
      i = r.length - 1;
      while (i >= 0 && (r[i] as CellSnapshot).col > col) i--;
    } else {
      let lo = 0;
      let hi = r.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((r[mid] as CellSnapshot).col <= col) lo = mid + 1;
        else hi = mid;
      }
      i = lo - 1;
    }
    const c = r[i];
    return c !== undefined && c.col === col ? c : undefined;
  }

  /** Non-empty cells of a row, left to right (do not modify the array). */
  row(row: number): CellSnapshot[] {
    return this.cellsOf(row) ?? NO_CELLS;
  }

  private cellsOf(row: number): CellSnapshot[] | undefined {
    return isFar(row) ? this.farRows?.get(row) : this.rows[row];
  }

  /** Row numbers that hold at least one cell, ascending (do not modify the array). */
  rowNumbers(): readonly number[] {
    return this.numbers;
  }
}

/** A cell's value as text for label matching ("" for empty). */
export function cellText(c: CellSnapshot | undefined): string {
  if (!c || c.value === null || c.value === undefined) return "";
  return String(c.value);
}
