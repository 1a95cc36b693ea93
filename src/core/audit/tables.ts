/**
 * Table recognition: finds the schema's tables in any workbook by their header labels (and the
 * title above them when several tables share headers), never by fixed addresses. Excel tables and
 * defined names need no special case: their header rows are recognised like any other.
 */
import { a1, cellText, parseRange, type CellSnapshot, type SheetGrid, type WorkbookSnapshot } from "../snapshot.js";
import type { ColumnKind, Schema, TableDef } from "../schema/schema.js";
import { labelCharCode, normalizeLabel } from "../text.js";
import { parseIdNumber } from "../numbers.js";
import { formatInfo } from "./generic/common.js";

export interface TableRow {
  row: number;
  /** Cell per column id (first instance for repeated columns). */
  cell(col: string, instance?: number): CellSnapshot | undefined;
  /** Numeric value per column id, or null when blank/not a number. Percent text gives a fraction. */
  num(col: string, instance?: number): number | null;
  /** Text per column id, with fill-down applied. */
  text(col: string): string;
  /** Column number (1-based) of a column id instance. */
  colOf(col: string, instance?: number): number | undefined;
  /** A Jumlah/Total row: its label (or No) column starts with jumlah/total/subtotal. Decided once. */
  readonly isTotal: boolean;
  /** The texts of the row's label and text columns, joined by spaces. Built once. */
  readonly label: string;
}

export interface RecognisedTable {
  def: TableDef;
  sheet: string;
  headerRow: number;
  /** A1 range from the header row to the last data row. */
  range: string;
  title: string;
  /** Column id → sheet column numbers (several for a repeated column). */
  columns: Map<string, number[]>;
  rows: TableRow[];
}

/** A cell's number: numbers as they are, id-ID text parsed, blanks/dashes/errors null. */
export function cellNumber(c: CellSnapshot | undefined): number | null {
  if (!c || c.error) return null;
  const v = c.value;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string") {
    const p = parseIdNumber(v);
    return p.ok ? p.value : null;
  }
  return null;
}

/**
 * True when the cell shows a percentage: a percent number format (its value is a fraction shown
 * ×100) or percent text. A literal percent sign in a format (`0.00"%"`, `0.00\%`) shows the value as
 * it is: no percentage.
 */
export function isPercentCell(c: CellSnapshot | undefined): boolean {
  if (!c) return false;
  if (c.numberFormat && formatInfo(c.numberFormat)?.percent === true) return true;
  return typeof c.value === "string" && c.value.trim().endsWith("%");
}

interface LabelEntry {
  def: TableDef;
  column: string;
  kind: ColumnKind;
  repeat: boolean;
  norm: string;
  words: number;
}

/** Index of every column label variant, by its normalised text and by its first word. */
class LabelIndex {
  readonly exact = new Map<string, LabelEntry[]>();
  readonly byFirstWord = new Map<string, LabelEntry[]>();

  constructor(schema: Schema) {
    for (const def of schema.tables) {
      for (const col of def.columns) {
        for (const label of col.labels) {
          const norm = normalizeLabel(label);
          if (!norm) continue;
          const e: LabelEntry = { def, column: col.id, kind: col.kind, repeat: col.repeat, norm, words: norm.split(" ").length };
          push(this.exact, norm, e);
          push(this.byFirstWord, norm.split(" ")[0] ?? norm, e);
        }
      }
    }
  }

  private readonly memo = new Map<string, LabelEntry[]>();

  /** Label entries matching a header cell's text (memoised: UPT and service names repeat). */
  match(text: string): LabelEntry[] {
    let hit = this.memo.get(text);
    if (!hit) {
      hit = this.matchUncached(text);
      if (this.memo.size >= 100_000) this.memo.clear();
      this.memo.set(text, hit);
    }
    return hit;
  }

  /** Exact matches, else whole-word containment. */
  private matchUncached(text: string): LabelEntry[] {
    const norm = normalizeLabel(text);
    if (!norm || norm.length > 80) return [];
    const exact = this.exact.get(norm);
    if (exact) return exact;
    const words = norm.split(" ");
    if (words.length > 8) return [];
    const padded = ` ${norm} `;
    const out: LabelEntry[] = [];
    for (const w of new Set(words)) {
      for (const e of this.byFirstWord.get(w) ?? []) if (padded.includes(` ${e.norm} `)) out.push(e);
    }
    return out;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

interface HeaderCandidate {
  def: TableDef;
  columns: Map<string, number[]>;
  score: number;
}

const TITLE_RE = /^(tabel|table|perhitungan|gambar|bagan|lampiran)\b/i;

/** Number of string-valued cells among `cells[s]`…`cells[e - 1]`. */
function stringCount(cells: readonly CellSnapshot[], s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) if (typeof cells[i]?.value === "string") n++;
  return n;
}

/**
 * Header candidates of a row, `cells[s]`…`cells[e - 1]`, with the row above it at
 * `cells[as]`…`cells[ae - 1]` (an empty range for none); non-text cells are skipped.
 */
function headerCandidates(cells: readonly CellSnapshot[], s: number, e: number, strings: number, as: number, ae: number, index: LabelIndex): HeaderCandidate[] {
  // Most rows are data: fewer than two cells that look like any column label cannot be a header.
  // Stop as soon as two are found, or when the texts left cannot make two any more.
  // (Index loops here and below: they allocate no iterators, even before the code is optimised.)
  let labelled = 0;
  let left = strings;
  for (let i = s; i < e; i++) {
    const v = cells[i]?.value;
    if (typeof v !== "string") continue;
    if (index.match(v).length > 0 && ++labelled >= 2) break;
    if (labelled + --left < 2) break;
  }
  if (labelled < 2) return [];
  const perDef = new Map<TableDef, { columns: Map<string, number[]> }>();
  const consider = (c: CellSnapshot, fromAbove: boolean) => {
    if (typeof c.value !== "string") return;
    const entries = index.match(c.value);
    // The longest label wins per table definition: "Total Permohonan Sesuai Syarat" over "Total Permohonan"
    // (the first of equally long ones); definitions in the order they first appear.
    for (let i = 0; i < entries.length; i++) {
      let e = entries[i] as LabelEntry;
      const def = e.def;
      let seen = false;
      for (let j = 0; j < i && !seen; j++) seen = entries[j]?.def === def;
      if (seen) continue;
      for (let j = i + 1; j < entries.length; j++) {
        const x = entries[j] as LabelEntry;
        if (x.def === def && x.words > e.words) e = x;
      }
      let d = perDef.get(def);
      if (!d) {
        d = { columns: new Map() };
        perDef.set(def, d);
      }
      if (fromAbove && [...d.columns.values()].some((cols) => cols.includes(c.col))) continue;
      const cols = d.columns.get(e.column);
      if (cols && !e.repeat) continue;
      if (cols) cols.push(c.col);
      else d.columns.set(e.column, [c.col]);
    }
  };
  for (let i = s; i < e; i++) consider(cells[i] as CellSnapshot, false);
  // A two-row header: the row above completes the columns of a table this row already looks like.
  if (ae > as && [...perDef.values()].some((d) => d.columns.size >= 2)) {
    const own = new Set([...perDef.entries()].filter(([, d]) => d.columns.size >= 2).map(([def]) => def));
    for (const def of [...perDef.keys()]) if (!own.has(def)) perDef.delete(def);
    for (let i = as; i < ae; i++) consider(cells[i] as CellSnapshot, true);
    for (const def of [...perDef.keys()]) if (!own.has(def)) perDef.delete(def);
  }
  const out: HeaderCandidate[] = [];
  for (const [def, d] of perDef) {
    const matched = d.columns.size;
    if (matched < def.min_match) continue;
    if (def.columns.some((c) => c.required && !d.columns.has(c.id))) continue;
    for (const cols of d.columns.values()) cols.sort((a, b) => a - b);
    out.push({ def, columns: d.columns, score: matched + (matched / def.columns.length) * 0.5 });
  }
  return out;
}

function titleAbove(grid: SheetGrid, headerRow: number): string {
  for (let r = headerRow - 1; r >= Math.max(1, headerRow - 3); r--) {
    const cells = grid.row(r).filter((c) => cellText(c).trim() !== "");
    if (cells.length === 1 && typeof cells[0]?.value === "string") return cells[0].value;
    if (cells.length > 1) break;
  }
  return "";
}

/**
 * What every row of one table shares: its columns, which of them carry labels, and where each row's
 * cells are, by column slot (one slot per column instance): filled once during recognition so that
 * a row's `cell`/`num`/`text` are array reads instead of grid lookups. Per-row data lives in typed
 * arrays here rather than in fields or arrays of each row: a large table makes no garbage to collect.
 */
class RowShape {
  /** Column id → its slots, one per instance (parallel to `columns`). */
  readonly slots = new Map<string, number[]>();
  /** Slots per row. */
  readonly width: number;
  /** Sheet column - `left` → the slots shown in that sheet column. */
  private readonly slotsAt: (number[] | undefined)[] = [];
  private readonly left: number;
  /** The table's rows, by index (the table's own `rows` array). */
  readonly rows: Row[] = [];
  /** For row i, slot s at `i * width + s`: the index of the cell in `cells` (the grid's), -1 for none. */
  pos: Int32Array;
  /** Parallel to `pos`: what the cell holds (see `NO_NUMBER`...) and its number, read while the cell is at hand. */
  private kinds: Uint8Array;
  private nums: Float64Array;
  /** Fill-down columns: id → index f; the row whose text row i inherits at `i * fills + f` (-1 for none). */
  private readonly fillIndex = new Map<string, number>();
  private readonly fillSlots: (number | undefined)[] = [];
  private readonly carried: number[] = [];
  private fillFrom: Int32Array;
  /** Total row per row index, decided on first use: 0 unknown, 1 no, 2 yes. */
  private totals: Uint8Array | undefined;
  private labels: (string | undefined)[] | undefined;

  constructor(
    /** The sheet's cells, row by row (`SheetGrid.cells`). */
    readonly cells: readonly CellSnapshot[],
    readonly columns: Map<string, number[]>,
    /** Columns whose text says "Jumlah"/"Total" on a total row. */
    readonly totalColumns: string[],
    /** Label and text columns, in schema order. */
    readonly labelColumns: string[],
    fillColumns: string[],
    left: number,
    /** Rows to make room for. */
    capacity: number,
  ) {
    this.left = left;
    let w = 0;
    for (const [id, cols] of columns) {
      const slots: number[] = [];
      for (const col of cols) {
        const at = (this.slotsAt[col - left] ??= []);
        at.push(w);
        slots.push(w++);
      }
      this.slots.set(id, slots);
    }
    this.width = w;
    for (const id of fillColumns) {
      this.fillIndex.set(id, this.fillSlots.length);
      this.fillSlots.push(this.slots.get(id)?.[0]);
      this.carried.push(-1);
    }
    this.pos = new Int32Array(Math.max(1, capacity) * w);
    this.kinds = new Uint8Array(this.pos.length);
    this.nums = new Float64Array(this.pos.length);
    this.fillFrom = new Int32Array(Math.max(1, capacity) * fillColumns.length);
  }

  /** Add a row, whose cells are `cells[start]`…`cells[end - 1]` (sorted by column), to the table. */
  addRow(row: number, start: number, end: number): void {
    const i = this.rows.length;
    const w = this.width;
    const base = i * w;
    if (base + w > this.pos.length) {
      this.pos = grow(this.pos, base + w);
      const kinds = new Uint8Array(this.pos.length);
      kinds.set(this.kinds);
      this.kinds = kinds;
      const nums = new Float64Array(this.pos.length);
      nums.set(this.nums);
      this.nums = nums;
    }
    this.pos.fill(-1, base, base + w);
    this.kinds.fill(NO_NUMBER, base, base + w);
    const cells = this.cells;
    for (let p = start; p < end; p++) {
      const c = cells[p] as CellSnapshot;
      const at = this.slotsAt[c.col - this.left];
      if (!at) continue;
      // What `cellNumber` would say, except that text is parsed on first use.
      const v = c.value;
      let kind = NO_NUMBER;
      if (typeof v === "string") kind = c.error ? TEXT_NO_NUMBER : TEXT;
      else if (typeof v === "number" && !c.error && Number.isFinite(v)) kind = NUMBER;
      // The last cell at a position wins, as in the grid's own index.
      for (let a = 0; a < at.length; a++) {
        const s = at[a] as number;
        this.pos[base + s] = p;
        this.kinds[base + s] = kind;
        if (kind === NUMBER) this.nums[base + s] = v as number;
      }
    }
    const r = new Row(this, i, row);
    this.rows.push(r);
    // Fill-down: the row inherits what was above it, then its own text (if any) carries on below.
    const n = this.fillSlots.length;
    if (n === 0) return;
    if (i * n + n > this.fillFrom.length) this.fillFrom = grow(this.fillFrom, i * n + n);
    for (let f = 0; f < n; f++) {
      this.fillFrom[i * n + f] = this.carried[f] ?? -1;
      const s = this.fillSlots[f];
      if (s !== undefined && cellText(r.cellAt(base + s)).trim()) this.carried[f] = i;
    }
  }

  /** The rows whose cell in a column instance holds text, in order. */
  rowsWithText(col: string, instance: number): Row[] {
    const s = this.slots.get(col)?.[instance];
    const out: Row[] = [];
    if (s === undefined) return out;
    for (let i = 0, k = s; i < this.rows.length; i++, k += this.width) if ((this.kinds[k] ?? 0) >= TEXT) out.push(this.rows[i] as Row);
    return out;
  }

  /** The text a row inherits for a fill-down column ("" for other columns): the last one given above it. */
  inheritedText(i: number, col: string): string {
    const n = this.fillSlots.length;
    if (n === 0) return "";
    const f = this.fillIndex.get(col);
    if (f === undefined) return "";
    const j = this.fillFrom[i * n + f] ?? -1;
    const s = this.fillSlots[f];
    return j < 0 || s === undefined ? "" : cellText(this.rows[j]?.cellAt(j * this.width + s)).trim();
  }

  /** The last column looked up: rules mostly read one column down all the rows of a table. */
  private lastCol: string | undefined;
  private lastSlots: number[] | undefined;

  /** Index into `pos` of a row's column instance, or -1 when the table has no such column. */
  key(i: number, col: string, instance: number): number {
    let slots = this.lastSlots;
    if (col !== this.lastCol) {
      slots = this.slots.get(col);
      this.lastCol = col;
      this.lastSlots = slots;
    }
    const s = slots?.[instance];
    return s === undefined ? -1 : i * this.width + s;
  }

  /** The number of the cell at `key`, as `cellNumber` reads it (text parsed once). */
  number(key: number): number | null {
    const kind = this.kindAt(key);
    return kind === NUMBER || kind === TEXT_NUMBER ? (this.nums[key] ?? null) : null;
  }

  /** What the cell at `key` holds, its text parsed on first use (then TEXT_NUMBER or TEXT_NO_NUMBER). */
  private kindAt(key: number): number {
    let kind = this.kinds[key] as number;
    if (kind === TEXT) {
      const n = cellNumber(this.cells[this.pos[key] ?? -1]);
      kind = n === null ? TEXT_NO_NUMBER : TEXT_NUMBER;
      this.kinds[key] = kind;
      if (n !== null) this.nums[key] = n;
    }
    return kind;
  }

  /** Slot of each total column (-1 for none), parallel to `totalColumns`; the "no" column's. */
  private totalSlots: Int32Array | undefined;
  private noSlot = -1;

  /**
   * Whether a row is a total row: one of its total columns says jumlah/total/subtotal, or its "no"
   * column says jumlah/total (as `text` reads them: own text, else the one inherited by fill-down).
   */
  isTotal(row: Row): boolean {
    const totals = (this.totals ??= new Uint8Array(this.rows.length));
    const i = row.i;
    if (!totals[i]) {
      let slots = this.totalSlots;
      if (!slots) {
        slots = this.totalSlots = Int32Array.from(this.totalColumns, (c) => this.slots.get(c)?.[0] ?? -1);
        this.noSlot = this.slots.get("no")?.[0] ?? -1;
      }
      let t = false;
      for (let j = 0; j < slots.length && !t; j++) {
        const x = this.labelText(i, slots[j] as number, this.totalColumns[j] as string);
        t = x !== undefined && mayBeTotal(x) && TOTAL_LABEL.test(normalizeLabel(x));
      }
      // A "no" among the total columns was already tested against the wider TOTAL_LABEL.
      if (!t && !this.totalColumns.includes("no")) {
        const x = this.labelText(i, this.noSlot, "no");
        t = x !== undefined && mayBeTotal(x) && TOTAL_NO.test(normalizeLabel(x));
      }
      totals[i] = t ? 2 : 1;
    }
    return totals[i] === 2;
  }

  /**
   * `text(col)` of row i, for the total test: undefined when the row's own cell holds a number or a
   * boolean, whose text (digits, TRUE/FALSE) never names a total; no string is made for it.
   */
  private labelText(i: number, slot: number, col: string): string | undefined {
    const p = slot < 0 ? -1 : (this.pos[i * this.width + slot] ?? -1);
    if (p >= 0) {
      const v = (this.cells[p] as CellSnapshot).value;
      if (typeof v === "string") {
        const own = v.trim();
        if (own) return own;
      } else if (v !== null && v !== undefined) return undefined;
    }
    return this.inheritedText(i, col);
  }

  /**
   * The numbers of a column instance over all rows, as `number` reads them, into `values`/`has`
   * (`has[i]` set to 1 where row i has one; the others left as they are): set, or added to what
   * `values` holds. Rows whose `mask` entry is 0 are skipped.
   */
  readNumbers(col: string, instance: number, values: Float64Array, has: Uint8Array, add: boolean, mask: Uint8Array | undefined): void {
    const s = this.slots.get(col)?.[instance];
    if (s === undefined) return;
    const rows = this.rows;
    const w = this.width;
    const nums = this.nums;
    for (let i = 0, k = s; i < rows.length; i++, k += w) {
      if (mask && mask[i] === 0) continue;
      const kind = this.kindAt(k);
      if (kind !== NUMBER && kind !== TEXT_NUMBER) continue;
      const v = nums[k] as number;
      values[i] = add ? (values[i] as number) + v : v;
      has[i] = 1;
    }
  }

  label(row: Row): string {
    const labels = (this.labels ??= []);
    return (labels[row.i] ??= this.labelColumns.map((c) => row.text(c)).join(" "));
  }
}

/** What a table cell holds, for `RowShape.kinds`: no number (blank, error, boolean...), a number, text (parsed or not). */
const NO_NUMBER = 0;
const NUMBER = 1;
const TEXT = 2;
const TEXT_NO_NUMBER = 3;
const TEXT_NUMBER = 4;

/** A copy of `a` with room for at least `min` entries. */
function grow(a: Int32Array, min: number): Int32Array {
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

const TOTAL_LABEL = /^(jumlah|total|grand total|sub ?total)\b/;
const TOTAL_NO = /^(jumlah|total)\b/;

/**
 * The lower-case first letter or digit a text's normalised label starts with ("" when it has none),
 * or undefined when a non-ASCII character comes first (only the full normalisation can tell).
 * Lets a test like "starts with jumlah" skip normalising the many labels that cannot match.
 */
export function leadingWordChar(s: string): string | undefined {
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch >= 128) return undefined;
    const l = labelCharCode(ch);
    if (l !== 0) return String.fromCharCode(l);
  }
  return "";
}

/** True when the text may normalise to something starting with "j", "t", "g" or "s" (a total label). */
function mayBeTotal(s: string): boolean {
  const c = leadingWordChar(s);
  return c === undefined || c === "j" || c === "t" || c === "g" || c === "s";
}

/** A data row of a recognised table: its shape and its index there (its cells are found through the shape). */
class Row implements TableRow {
  constructor(
    private readonly shape: RowShape,
    /** Index of the row in its table. */
    readonly i: number,
    readonly row: number,
  ) {}

  /** The cell at a `RowShape.key` of this row. */
  cellAt(key: number): CellSnapshot | undefined {
    const p = this.shape.pos[key] ?? -1;
    return p < 0 ? undefined : this.shape.cells[p];
  }

  get isTotal(): boolean {
    return this.shape.isTotal(this);
  }

  get label(): string {
    return this.shape.label(this);
  }

  cell(col: string, instance = 0): CellSnapshot | undefined {
    const k = this.shape.key(this.i, col, instance);
    return k < 0 ? undefined : this.cellAt(k);
  }

  num(col: string, instance = 0): number | null {
    const k = this.shape.key(this.i, col, instance);
    return k < 0 ? null : this.shape.number(k);
  }

  text(col: string): string {
    const k = this.shape.key(this.i, col, 0);
    const own = k < 0 ? "" : cellText(this.cellAt(k)).trim();
    return own || this.shape.inheritedText(this.i, col);
  }

  colOf(col: string, instance = 0): number | undefined {
    return this.shape.columns.get(col)?.[instance];
  }

  /** `RowShape.readNumbers` when `rows` are this row's table's rows (false otherwise: nothing read). */
  readNumbers(rows: readonly TableRow[], col: string, instance: number, values: Float64Array, has: Uint8Array, add: boolean, mask?: Uint8Array): boolean {
    if (rows !== this.shape.rows) return false;
    this.shape.readNumbers(col, instance, values, has, add, mask);
    return true;
  }

  /** The rows of this row's table whose cell in a column instance holds text; undefined when `rows` are not that table's rows. */
  rowsWithText(rows: readonly TableRow[], col: string, instance: number): readonly TableRow[] | undefined {
    return rows === this.shape.rows ? this.shape.rowsWithText(col, instance) : undefined;
  }
}

/**
 * The rows of a table whose cell in a column instance holds text, in row order: known from
 * recognition, so that a rule about numbers typed as text need not visit every row. Callers still
 * check the cell (for a table not made by `recogniseTables` this is every row).
 */
export function rowsWithText(table: RecognisedTable, col: string, instance = 0): readonly TableRow[] {
  const first = table.rows[0];
  return (first instanceof Row && first.rowsWithText(table.rows, col, instance)) || table.rows;
}

/**
 * Each row's number in a column instance (as `TableRow.num` reads it) into `values`, with `has[i]`
 * set to 1 where row i has one (rows without one are left as they are); `add` adds to `values`
 * instead of setting. Read straight from the table's typed arrays: no number is boxed. Returns
 * false, reading nothing, when `rows` are not a recognised table's own rows (the caller reads them
 * one by one then). Rows whose `mask` entry is 0 are skipped.
 */
export function readColumnNumbers(rows: readonly TableRow[], col: string, instance: number, values: Float64Array, has: Uint8Array, add: boolean, mask?: Uint8Array): boolean {
  const first = rows[0];
  return first instanceof Row && first.readNumbers(rows, col, instance, values, has, add, mask);
}

/** One label index per schema, kept with its memo: a re-audit meets the same header and cell texts. */
const labelIndexes = new WeakMap<Schema, LabelIndex>();

/** Find every schema table in the workbook. O(cells · labels per cell). */
export function recogniseTables(workbook: WorkbookSnapshot, grids: Map<string, SheetGrid>, schema: Schema): RecognisedTable[] {
  let index = labelIndexes.get(schema);
  if (!index) {
    index = new LabelIndex(schema);
    labelIndexes.set(schema, index);
  }
  const out: RecognisedTable[] = [];
  const names = (workbook.definedNames ?? []).flatMap((n) => {
    const bang = n.ref.lastIndexOf("!");
    const b = parseRange(n.ref);
    if (bang < 0 || !b) return [];
    return [{ name: n.name.replace(/_/g, " "), sheet: n.ref.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'"), b }];
  });
  const dataRows: number[] = [];
  for (const sheet of workbook.sheets) {
    const grid = grids.get(sheet.name);
    if (!grid) continue;
    const rowNumbers = grid.rowNumbers();
    const cells = grid.cells;
    // Header candidates per row, computed once.
    const candidates = new Map<number, HeaderCandidate[]>();
    const isHeader = new Uint8Array(grid.maxRow + 2);
    let prevStart = 0;
    let prevEnd = 0;
    let prevStrings = 0;
    let prevRow = -1;
    for (let ri = 0; ri < rowNumbers.length; ri++) {
      const r = rowNumbers[ri] as number;
      const s = grid.start(r);
      const e = grid.end(r);
      const strings = stringCount(cells, s, e);
      if (strings >= 2) {
        const withAbove = prevRow === r - 1 && prevStrings >= 2;
        const cands = headerCandidates(cells, s, e, strings, withAbove ? prevStart : 0, withAbove ? prevEnd : 0, index);
        if (cands.length) {
          candidates.set(r, cands);
          isHeader[r] = 1;
        }
      }
      prevStart = s;
      prevEnd = e;
      prevStrings = strings;
      prevRow = r;
    }
    const headerRows = [...candidates.keys()].sort((a, b) => a - b);
    const claimed = new Set<number>();
    const excelTables = (sheet.tables ?? []).map((t) => ({ name: t.name, b: parseRange(t.ref) }));
    for (let hi = 0; hi < headerRows.length; hi++) {
      const h = headerRows[hi] ?? 0;
      if (claimed.has(h)) continue;
      const cands = candidates.get(h) ?? [];
      // An Excel table or a defined name around the header names the table when no title cell does.
      const excelTable = excelTables.find((t) => t.b && t.b.top === h);
      const named = names.find((n) => n.sheet === sheet.name && n.b.top <= h && n.b.bottom >= h);
      const title = titleAbove(grid, h) || excelTable?.name || named?.name || "";
      const normTitle = normalizeLabel(title);
      let below = "";
      for (let r = h + 1; r <= Math.min(grid.maxRow, h + 10); r++) below += ` ${grid.row(r).map((c) => normalizeLabel(cellText(c))).join(" ")}`;
      const scored = cands
        .map((c) => ({
          c,
          score:
            c.score +
            (c.def.title_match.length && c.def.title_match.some((w) => normTitle.includes(normalizeLabel(w))) ? 0.9 : 0) +
            (c.def.row_match.some((w) => below.includes(normalizeLabel(w))) ? 1.5 : 0),
        }))
        .sort((a, b) => b.score - a.score);
      const best = scored[0]?.c;
      if (!best) continue;
      // A two-row header: the next row may also match; the lower one is the real header.
      const next = headerRows[hi + 1];
      let headerRow = h;
      let columns = best.columns;
      if (next === h + 1) {
        const nextBest = (candidates.get(next) ?? []).find((c) => c.def === best.def);
        if (nextBest && nextBest.columns.size >= best.columns.size) {
          headerRow = next;
          columns = nextBest.columns;
          claimed.add(next);
        }
      }
      const allCols = [...columns.values()].flat();
      const left = Math.min(...allCols);
      const right = Math.max(...allCols);
      const labelColumns = best.def.columns.filter((c) => c.kind === "label" || c.kind === "text").map((c) => c.id);
      const fillColumns = best.def.columns.filter((c) => c.fill_down).map((c) => c.id);
      // The table's row numbers first, then its rows made at once (their storage sized once).
      dataRows.length = 0;
      let blanks = 0;
      let last = headerRow;
      // Inside an Excel table its own extent decides where the data ends (blank rows included).
      const bottom = excelTable?.b?.bottom ?? grid.maxRow;
      for (let r = headerRow + 1; r <= bottom; r++) {
        if (isHeader[r]) break;
        // One pass over the row: is anything inside the table's columns, and is the row a lone text?
        let inSpan = false;
        let nonEmpty = 0;
        let loneCell: CellSnapshot | undefined;
        for (let p = grid.start(r), e = grid.end(r); p < e; p++) {
          const c = cells[p] as CellSnapshot;
          const filled = c.error !== undefined || (c.value !== null && (typeof c.value !== "string" || c.value.trim() !== ""));
          if (!filled) continue;
          if (c.col >= left && c.col <= right) inSpan = true;
          nonEmpty++;
          loneCell = c;
        }
        if (!inSpan) {
          blanks++;
          if (blanks >= 2 && !excelTable) break;
          continue;
        }
        const lone = nonEmpty === 1 && typeof loneCell?.value === "string" ? loneCell.value.trim() : undefined;
        // A title: "Tabel 17: ..." anywhere, or a lone text after a blank row (the next table's caption).
        if (lone !== undefined && (TITLE_RE.test(lone) || (blanks > 0 && !/^\d/.test(lone)))) break;
        blanks = 0;
        last = r;
        dataRows.push(r);
      }
      const shape = new RowShape(cells, columns, best.def.totals?.label_columns ?? labelColumns, labelColumns, fillColumns, left, dataRows.length);
      for (let i = 0; i < dataRows.length; i++) {
        const r = dataRows[i] as number;
        shape.addRow(r, grid.start(r), grid.end(r));
      }
      out.push({
        def: best.def,
        sheet: sheet.name,
        headerRow,
        range: `${a1(h, left)}:${a1(last, right)}`,
        title,
        columns,
        rows: shape.rows,
      });
    }
  }
  return out;
}

/** The tables recognised for one definition id. */
export function tablesOf(tables: RecognisedTable[], id: string): RecognisedTable[] {
  return tables.filter((t) => t.def.id === id);
}
