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

/** Rows indexed through a typed array (Excel's limit is 1.048.576); any further ones go to a Map. */
const DENSE_ROWS = 1 << 21;

/** A row number outside the dense index: beyond it, negative, fractional or NaN (malformed input). */
function isFar(row: number): boolean {
  return !(row >= 0 && row <= DENSE_ROWS && Number.isInteger(row));
}

/** The row of an empty line: shared and frozen, so a caller that tried to fill it would fail loudly. */
const NO_CELLS = Object.freeze([]) as unknown as CellSnapshot[];

/**
 * Fast positional access to a sheet's sparse cells, built once per sheet in O(cells).
 *
 * Layout: `cells` holds every cell in row order, each row's cells contiguous and left to right; a
 * row is the range `start(r)`…`end(r)` of it. When the sheet's cells already come in that order (as
 * every reader writes them) `cells` is the sheet's own array, not a copy, and the grid adds only an
 * index of row starts: no per-row arrays, next to no garbage. Otherwise a sorted copy is made.
 * Two cells at one address (a malformed snapshot): both are in the row, and `get` returns the later.
 */
export class SheetGrid {
  readonly sheet: SheetSnapshot;
  readonly maxRow: number;
  readonly maxCol: number;
  /** Every cell, row by row, left to right (do not modify). */
  readonly cells: readonly CellSnapshot[];
  /** Row r (up to DENSE_ROWS) spans `cells[rowStart[r]]`…`cells[rowEnd[r] - 1]` (empty when equal). */
  private readonly rowStart: Int32Array;
  private readonly rowEnd: Int32Array;
  /** Rows beyond DENSE_ROWS (only in a malformed snapshot: Excel stops at 1.048.576): [start, end). */
  private readonly farRows: Map<number, [number, number]> | undefined;
  private readonly numbers: number[];

  constructor(sheet: SheetSnapshot) {
    this.sheet = sheet;
    const given = sheet.cells;
    let maxRow = 0;
    let maxCol = 0;
    let anyFar = false;
    // In order: rows ascending, columns ascending within a row (equal addresses allowed).
    let inOrder = true;
    let prevRow = -Infinity;
    let prevCol = -Infinity;
    for (let i = 0; i < given.length; i++) {
      const c = given[i] as CellSnapshot;
      const r = c.row;
      if (r > maxRow) maxRow = r;
      if (c.col > maxCol) maxCol = c.col;
      if (isFar(r)) anyFar = true;
      // `!(r >= prevRow)` also catches a NaN row.
      if (inOrder && (!(r >= prevRow) || (r === prevRow && c.col < prevCol))) inOrder = false;
      prevRow = r;
      prevCol = c.col;
    }
    const dense = Math.min(maxRow, DENSE_ROWS) + 1;
    const rowStart = new Int32Array(dense);
    const rowEnd = new Int32Array(dense);
    const numbers: number[] = [];
    let farRows: Map<number, [number, number]> | undefined;
    let cells: readonly CellSnapshot[] = given;
    if (inOrder && !anyFar) {
      for (let i = 0; i < given.length; ) {
        const r = (given[i] as CellSnapshot).row;
        const s = i;
        while (i < given.length && (given[i] as CellSnapshot).row === r) i++;
        rowStart[r] = s;
        rowEnd[r] = i;
        numbers.push(r);
      }
    } else {
      // Out of order or malformed: group by row (rows ascending), a stable sort by column within a
      // row keeps two cells at one address in their given order.
      const groups = new Map<number, CellSnapshot[]>();
      for (let i = 0; i < given.length; i++) {
        const c = given[i] as CellSnapshot;
        const g = groups.get(c.row);
        if (g) g.push(c);
        else groups.set(c.row, [c]);
      }
      const keys = [...groups.keys()];
      numbers.push(...keys.sort((a, b) => a - b));
      const sorted: CellSnapshot[] = [];
      for (const r of numbers) {
        const g = (groups.get(r) as CellSnapshot[]).sort((x, y) => x.col - y.col);
        const s = sorted.length;
        for (const c of g) sorted.push(c);
        if (isFar(r)) (farRows ??= new Map()).set(r, [s, sorted.length]);
        else {
          rowStart[r] = s;
          rowEnd[r] = sorted.length;
        }
      }
      cells = sorted;
    }
    this.cells = cells;
    this.rowStart = rowStart;
    this.rowEnd = rowEnd;
    this.farRows = farRows;
    this.numbers = numbers;
    this.maxRow = maxRow;
    this.maxCol = maxCol;
  }

  /** The index in `cells` of row `row`'s first cell (equal to `end(row)` for an empty row). */
  start(row: number): number {
    if (isFar(row)) return this.farRows?.get(row)?.[0] ?? 0;
    return row < this.rowStart.length ? (this.rowStart[row] as number) : 0;
  }

  /** One past the index in `cells` of row `row`'s last cell. */
  end(row: number): number {
    if (isFar(row)) return this.farRows?.get(row)?.[1] ?? 0;
    return row < this.rowEnd.length ? (this.rowEnd[row] as number) : 0;
  }

  get(row: number, col: number): CellSnapshot | undefined {
    const s = this.start(row);
    const e = this.end(row);
    if (s === e) return undefined;
    const cells = this.cells;
    // The last cell with col ≤ the wanted one: a short scan from the right, or a binary search.
    let i: number;
    if (e - s <= 16) {
      i = e - 1;
      while (i >= s && (cells[i] as CellSnapshot).col > col) i--;
    } else {
      let lo = s;
      let hi = e;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cells[mid] as CellSnapshot).col <= col) lo = mid + 1;
        else hi = mid;
      }
      i = lo - 1;
    }
    const c = i >= s ? cells[i] : undefined;
    return c !== undefined && c.col === col ? c : undefined;
  }

  /**
   * Non-empty cells of a row, left to right: a new array (hot loops read `cells` from `start` to
   * `end` instead, which allocates nothing).
   */
  row(row: number): CellSnapshot[] {
    const s = this.start(row);
    const e = this.end(row);
    return s === e ? NO_CELLS : this.cells.slice(s, e);
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
