/**
 * Table recognition: finds the schema's tables in any workbook by their header labels (and the
 * title above them when several tables share headers), never by fixed addresses. Excel tables and
 * defined names need no special case: their header rows are recognised like any other.
 */
import { a1, cellText, parseRange, type CellSnapshot, type SheetGrid, type WorkbookSnapshot } from "../snapshot.js";
import type { ColumnKind, Schema, TableDef } from "../schema/schema.js";
import { normalizeLabel } from "../text.js";
import { parseIdNumber } from "../numbers.js";

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

/** True when the cell shows a percentage: a % number format or percent text. */
export function isPercentCell(c: CellSnapshot | undefined): boolean {
  if (!c) return false;
  if (c.numberFormat?.includes("%")) return true;
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
      if (this.memo.size < 100_000) this.memo.set(text, hit);
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

function headerCandidates(cells: CellSnapshot[], above: CellSnapshot[], index: LabelIndex): HeaderCandidate[] {
  // Most rows are data: fewer than two cells that look like any column label cannot be a header.
  let labelled = 0;
  for (const c of cells) if (typeof c.value === "string" && index.match(c.value).length > 0 && ++labelled >= 2) break;
  if (labelled < 2) return [];
  const perDef = new Map<TableDef, { columns: Map<string, number[]>; best: Map<number, number> }>();
  const consider = (c: CellSnapshot, fromAbove: boolean) => {
    if (typeof c.value !== "string") return;
    const entries = index.match(c.value);
    // The longest label wins per table definition: "Total Permohonan Sesuai Syarat" over "Total Permohonan".
    const bestPerDef = new Map<TableDef, LabelEntry>();
    for (const e of entries) {
      const cur = bestPerDef.get(e.def);
      if (!cur || e.words > cur.words) bestPerDef.set(e.def, e);
    }
    for (const [def, e] of bestPerDef) {
      let d = perDef.get(def);
      if (!d) {
        d = { columns: new Map(), best: new Map() };
        perDef.set(def, d);
      }
      if (fromAbove && [...d.columns.values()].some((cols) => cols.includes(c.col))) continue;
      const cols = d.columns.get(e.column);
      if (cols && !e.repeat) continue;
      if (cols) cols.push(c.col);
      else d.columns.set(e.column, [c.col]);
    }
  };
  for (const c of cells) consider(c, false);
  // A two-row header: the row above completes the columns of a table this row already looks like.
  if (above.length && [...perDef.values()].some((d) => d.columns.size >= 2)) {
    const own = new Set([...perDef.entries()].filter(([, d]) => d.columns.size >= 2).map(([def]) => def));
    for (const def of [...perDef.keys()]) if (!own.has(def)) perDef.delete(def);
    for (const c of above) consider(c, true);
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

/** What every row of one table shares: its columns and which of them carry labels. */
interface RowShape {
  columns: Map<string, number[]>;
  /** Columns whose text says "Jumlah"/"Total" on a total row. */
  totalColumns: string[];
  /** Label and text columns, in schema order. */
  labelColumns: string[];
}

const TOTAL_LABEL = /^(jumlah|total|grand total|sub ?total)\b/;
const TOTAL_NO = /^(jumlah|total)\b/;

/** A data row of a recognised table. One instance per row, methods shared (no closures per row). */
class Row implements TableRow {
  private readonly columns: Map<string, number[]>;
  private total: boolean | undefined;
  private joined: string | undefined;

  constructor(
    private readonly grid: SheetGrid,
    readonly row: number,
    private readonly shape: RowShape,
    /** Values filled down from the rows above; shared between rows until a fill column changes. */
    private readonly fill: ReadonlyMap<string, string>,
  ) {
    this.columns = shape.columns;
  }

  get isTotal(): boolean {
    if (this.total === undefined) {
      let t = false;
      for (const c of this.shape.totalColumns) if (TOTAL_LABEL.test(normalizeLabel(this.text(c)))) t = true;
      this.total = t || TOTAL_NO.test(normalizeLabel(this.text("no")));
    }
    return this.total;
  }

  get label(): string {
    if (this.joined === undefined) this.joined = this.shape.labelColumns.map((c) => this.text(c)).join(" ");
    return this.joined;
  }

  cell(col: string, instance = 0): CellSnapshot | undefined {
    const c = this.columns.get(col)?.[instance];
    return c === undefined ? undefined : this.grid.get(this.row, c);
  }

  num(col: string, instance = 0): number | null {
    return cellNumber(this.cell(col, instance));
  }

  text(col: string): string {
    const c = this.columns.get(col)?.[0];
    const own = c === undefined ? "" : cellText(this.grid.get(this.row, c)).trim();
    return own || this.fill.get(col) || "";
  }

  colOf(col: string, instance = 0): number | undefined {
    return this.columns.get(col)?.[instance];
  }
}

/** Find every schema table in the workbook. O(cells · labels per cell). */
export function recogniseTables(workbook: WorkbookSnapshot, grids: Map<string, SheetGrid>, schema: Schema): RecognisedTable[] {
  const index = new LabelIndex(schema);
  const out: RecognisedTable[] = [];
  const names = (workbook.definedNames ?? []).flatMap((n) => {
    const bang = n.ref.lastIndexOf("!");
    const b = parseRange(n.ref);
    if (bang < 0 || !b) return [];
    return [{ name: n.name.replace(/_/g, " "), sheet: n.ref.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'"), b }];
  });
  for (const sheet of workbook.sheets) {
    const grid = grids.get(sheet.name);
    if (!grid) continue;
    const rowNumbers = grid.rowNumbers();
    // Header candidates per row, computed once.
    const candidates = new Map<number, HeaderCandidate[]>();
    let prevCells: CellSnapshot[] = [];
    let prevRow = -1;
    for (const r of rowNumbers) {
      const cells = grid.row(r);
      const textCells = cells.filter((c) => typeof c.value === "string");
      if (textCells.length >= 2) {
        const above = prevRow === r - 1 && prevCells.filter((c) => typeof c.value === "string").length >= 2 ? prevCells : [];
        const cands = headerCandidates(textCells, above, index);
        if (cands.length) candidates.set(r, cands);
      }
      prevCells = cells;
      prevRow = r;
    }
    const headerRows = [...candidates.keys()].sort((a, b) => a - b);
    const claimed = new Set<number>();
    for (let hi = 0; hi < headerRows.length; hi++) {
      const h = headerRows[hi] ?? 0;
      if (claimed.has(h)) continue;
      const cands = candidates.get(h) ?? [];
      // An Excel table or a defined name around the header names the table when no title cell does.
      const excelTable = (sheet.tables ?? []).map((t) => ({ name: t.name, b: parseRange(t.ref) })).find((t) => t.b && t.b.top === h);
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
      const rows: TableRow[] = [];
      let fill = new Map<string, string>();
      const fillCols = best.def.columns.filter((c) => c.fill_down).map((c) => c.id);
      const labelColumns = best.def.columns.filter((c) => c.kind === "label" || c.kind === "text").map((c) => c.id);
      const shape: RowShape = { columns, labelColumns, totalColumns: best.def.totals?.label_columns ?? labelColumns };
      let blanks = 0;
      let last = headerRow;
      // Inside an Excel table its own extent decides where the data ends (blank rows included).
      const bottom = excelTable?.b?.bottom ?? grid.maxRow;
      for (let r = headerRow + 1; r <= bottom; r++) {
        if (candidates.has(r)) break;
        // One pass over the row: is anything inside the table's columns, and is the row a lone text?
        let inSpan = false;
        let nonEmpty = 0;
        let loneCell: CellSnapshot | undefined;
        for (const c of grid.row(r)) {
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
        rows.push(new Row(grid, r, shape, fill));
        for (const id of fillCols) {
          const col = columns.get(id)?.[0];
          const t = col === undefined ? "" : cellText(grid.get(r, col)).trim();
          // Copy on write: rows already made keep the values that were above them.
          if (t && fill.get(id) !== t) fill = new Map(fill).set(id, t);
        }
      }
      out.push({
        def: best.def,
        sheet: sheet.name,
        headerRow,
        range: `${a1(h, left)}:${a1(last, right)}`,
        title,
        columns,
        rows,
      });
    }
  }
  return out;
}

/** The tables recognised for one definition id. */
export function tablesOf(tables: RecognisedTable[], id: string): RecognisedTable[] {
  return tables.filter((t) => t.def.id === id);
}
