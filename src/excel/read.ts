/**
 * Read the open workbook into a WorkbookSnapshot through Office.js, in few round trips.
 *
 *   sync 1  the sheet list (name, visibility, protection), defined names, tables, workbook name
 *   sync 2  every sheet's used range (address and size) and every table's range address
 *   then    the cells (values, formulas, number formats, value types), in batches of at most
 *           `chunkCells` cells: several small sheets share one sync, a large sheet is read in row
 *           chunks, one sync per chunk. Without chunking that is at most one sync per sheet.
 *
 * The reader never writes anything. A sheet that cannot be read is listed in `unreadable` and the
 * others are still read. Progress is reported after every sync and a cancel request is honoured
 * between syncs (ReadCancelledError).
 */
import type { CellSnapshot, DefinedName, SheetSnapshot, TableRef, WorkbookSnapshot } from "../core/snapshot.js";

export interface ReadProgress {
  /** 0–1. */
  fraction: number;
  /** Syncs done so far. */
  syncs: number;
  phase: "list" | "ranges" | "cells";
  /** The last sheet whose cells arrived. */
  sheet?: string;
}

export interface ReadOptions {
  onProgress?: (p: ReadProgress) => void;
  /** An AbortSignal or anything with `aborted`. */
  signal?: { readonly aborted: boolean };
  /**
   * Most cells loaded in one sync. Four properties come back per cell (values, formulas, number
   * formats, value types); Excel on the web refuses responses above 5 MB, so 50 000 cells leaves
   * ~100 bytes per cell. A sync that still hits the limit is split in two and retried.
   */
  chunkCells?: number;
  /** Requirement-set check; defaults to Office.context.requirements.isSetSupported. */
  supports?: (set: string, version: string) => boolean;
}

export const DEFAULT_CHUNK_CELLS = 50_000;

export class ReadCancelledError extends Error {
  constructor() {
    super("Pembacaan dibatalkan / Reading cancelled");
    this.name = "ReadCancelledError";
  }
}

function officeSupports(set: string, version: string): boolean {
  try {
    return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported(set, version) === true;
  } catch {
    return false;
  }
}

/** `Sheet 1'!B2:F9` → `B2:F9`. */
export function stripSheet(address: string): string {
  const i = address.lastIndexOf("!");
  return (i >= 0 ? address.slice(i + 1) : address).replace(/\$/g, "");
}

function errorMessage(e: unknown): string {
  if (e && typeof e === "object") {
    const o = e as { code?: unknown; message?: unknown };
    const msg = typeof o.message === "string" ? o.message : String(e);
    return typeof o.code === "string" && !msg.includes(o.code) ? `${o.code}: ${msg}` : msg;
  }
  return String(e);
}

function isPayloadError(e: unknown): boolean {
  const code = e && typeof e === "object" ? (e as { code?: unknown }).code : undefined;
  const text = `${typeof code === "string" ? code : ""} ${errorMessage(e)}`;
  return /PayloadSizeLimitExceeded|payload size/i.test(text);
}

interface SheetPlan {
  ws: Excel.Worksheet;
  snap: SheetSnapshot;
  used?: Excel.Range;
  /** 0-based origin and size of the used range. */
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  failed?: string;
}

/** A block of rows of one sheet's used range, loaded in one go. */
interface Piece {
  plan: SheetPlan;
  /** 0-based offset of the first row inside the used range, and row count. */
  firstRow: number;
  rows: number;
  /** Also load the merged areas (the first piece of a sheet). */
  merges: boolean;
}

interface LoadedPiece {
  piece: Piece;
  range: Excel.Range;
  mergedAreas?: Excel.RangeAreas;
}

const cellsOf = (p: Piece) => p.rows * p.plan.columnCount;

/** Greedy packing of pieces into syncs of at most `limit` cells (a single bigger piece goes alone). */
function packBatches(pieces: Piece[], limit: number): Piece[][] {
  const batches: Piece[][] = [];
  let cur: Piece[] = [];
  let size = 0;
  for (const p of pieces) {
    const n = cellsOf(p);
    if (cur.length && size + n > limit) {
      batches.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(p);
    size += n;
  }
  if (cur.length) batches.push(cur);
  return batches;
}

/** Turn one loaded block into sparse cells. */
function collectCells(piece: Piece, range: Excel.Range, out: CellSnapshot[]): void {
  const values = range.values as unknown[][];
  const formulas = range.formulas as unknown[][];
  const formats = range.numberFormat as unknown[][];
  const types = range.valueTypes as string[][];
  const top = piece.plan.rowIndex + piece.firstRow + 1;
  const left = piece.plan.columnIndex + 1;
  for (let i = 0; i < values.length; i++) {
    const vr = values[i] ?? [];
    const fr = formulas[i] ?? [];
    const nr = formats[i] ?? [];
    const tr = types[i] ?? [];
    for (let j = 0; j < vr.length; j++) {
      const v = vr[j];
      const f = fr[j];
      const type = tr[j];
      const formula = typeof f === "string" && f.length > 1 && f.startsWith("=") ? f.slice(1) : undefined;
      if (formula === undefined && (type === "Empty" || v === "" || v === null || v === undefined)) continue;
      const cell: CellSnapshot = { row: top + i, col: left + j, value: null };
      if (type === "Error") cell.error = String(v);
      else if (typeof v === "number") {
        if (Number.isFinite(v)) cell.value = v;
        else cell.error = "#NUM!";
      } else if (typeof v === "string" || typeof v === "boolean") cell.value = v;
      if (formula !== undefined) cell.formula = formula;
      const nf = nr[j];
      if (typeof nf === "string" && nf !== "" && nf.toLowerCase() !== "general") cell.numberFormat = nf;
      out.push(cell);
    }
  }
}

/** Split a piece in two halves of rows; undefined when it is a single row. */
function halve(p: Piece): [Piece, Piece] | undefined {
  if (p.rows < 2) return undefined;
  const a = Math.ceil(p.rows / 2);
  return [
    { ...p, rows: a },
    { ...p, firstRow: p.firstRow + a, rows: p.rows - a, merges: false },
  ];
}

export async function readSnapshot(context: Excel.RequestContext, opts: ReadOptions = {}): Promise<WorkbookSnapshot> {
  const chunkCells = Math.max(1, Math.floor(opts.chunkCells ?? DEFAULT_CHUNK_CELLS));
  const supports = opts.supports ?? officeSupports;
  const withMerges = supports("ExcelApi", "1.13");
  const unreadable: { sheet?: string; reason: string }[] = [];
  let syncs = 0;
  const checkCancel = () => {
    if (opts.signal?.aborted) throw new ReadCancelledError();
  };
  const sync = async () => {
    checkCancel();
    syncs++;
    await context.sync();
  };
  const progress = (fraction: number, phase: ReadProgress["phase"], sheet?: string) => {
    opts.onProgress?.({ fraction: Math.min(1, fraction), syncs, phase, ...(sheet === undefined ? {} : { sheet }) });
  };

  // ---- sync 1: sheet list, names, tables -------------------------------------------------------
  const wb = context.workbook;
  wb.load("name");
  const worksheets = wb.worksheets;
  worksheets.load("items/name,items/visibility,items/protection/protected");
  const names = wb.names;
  names.load("items/name,items/formula");
  const tables = wb.tables;
  tables.load("items/name,items/worksheet/name");
  await sync();
  progress(0.05, "list");

  const plans: SheetPlan[] = worksheets.items.map((ws) => {
    const snap: SheetSnapshot = { name: ws.name, cells: [] };
    if (ws.visibility !== "Visible") snap.hidden = true;
    if (ws.protection.protected) snap.protected = true;
    return { ws, snap, rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0 };
  });
  const definedNames: DefinedName[] = [];
  for (const n of names.items) {
    const f = n.formula as unknown;
    if (typeof f === "string" && f !== "") definedNames.push({ name: n.name, ref: f.replace(/^=/, "") });
  }

  // ---- sync 2: used ranges and table ranges ----------------------------------------------------
  const queueUsed = (p: SheetPlan) => {
    p.used = p.ws.getUsedRangeOrNullObject(true);
    p.used.load("address,rowIndex,columnIndex,rowCount,columnCount");
  };
  const tableRanges = tables.items.map((t) => {
    const r = t.getRange();
    r.load("address");
    return { t, r };
  });
  plans.forEach(queueUsed);
  try {
    await sync();
  } catch (e) {
    if (e instanceof ReadCancelledError) throw e;
    // Something in the batch failed: find the culprit sheet by sheet (only on this error path).
    for (const p of plans) {
      queueUsed(p);
      try {
        await sync(); // error path only: isolate the failing sheet
      } catch (e2) {
        if (e2 instanceof ReadCancelledError) throw e2;
        p.failed = errorMessage(e2);
      }
    }
    tableRanges.length = 0;
    unreadable.push({ reason: `table ranges: ${errorMessage(e)}` });
  }
  for (const { t, r } of tableRanges) {
    const plan = plans.find((p) => p.snap.name === t.worksheet.name);
    if (!plan) continue;
    const ref: TableRef = { name: t.name, ref: stripSheet(r.address) };
    (plan.snap.tables ??= []).push(ref);
  }
  progress(0.1, "ranges");

  // ---- the cells -------------------------------------------------------------------------------
  const pieces: Piece[] = [];
  for (const p of plans) {
    if (p.failed !== undefined || !p.used || p.used.isNullObject) continue;
    p.rowIndex = p.used.rowIndex;
    p.columnIndex = p.used.columnIndex;
    p.rowCount = p.used.rowCount;
    p.columnCount = p.used.columnCount;
    const rowsPerPiece = Math.max(1, Math.floor(chunkCells / Math.max(1, p.columnCount)));
    for (let r = 0; r < p.rowCount; r += rowsPerPiece) {
      pieces.push({ plan: p, firstRow: r, rows: Math.min(rowsPerPiece, p.rowCount - r), merges: r === 0 && withMerges });
    }
  }
  const totalCells = pieces.reduce((a, p) => a + cellsOf(p), 0) || 1;
  let doneCells = 0;
  const queue = packBatches(pieces, chunkCells);

  const loadBatch = (batch: Piece[]): LoadedPiece[] =>
    batch.map((piece) => {
      const { plan } = piece;
      const whole = piece.firstRow === 0 && piece.rows === plan.rowCount && plan.used;
      const range = whole
        ? (plan.used as Excel.Range)
        : plan.ws.getRangeByIndexes(plan.rowIndex + piece.firstRow, plan.columnIndex, piece.rows, plan.columnCount);
      range.load("values,formulas,numberFormat,valueTypes");
      const loaded: LoadedPiece = { piece, range };
      if (piece.merges && plan.used) {
        loaded.mergedAreas = plan.used.getMergedAreasOrNullObject();
        loaded.mergedAreas.load("address");
      }
      return loaded;
    });

  while (queue.length) {
    const batch = (queue.shift() as Piece[]).filter((p) => p.plan.failed === undefined);
    if (!batch.length) continue;
    const loaded = loadBatch(batch);
    try {
      await sync(); // one sync per batch: Excel limits the payload
    } catch (e) {
      if (e instanceof ReadCancelledError) throw e;
      const only = batch[0];
      if (batch.length > 1) {
        // Retry each piece on its own: a payload error splits the load, another error isolates the sheet.
        queue.unshift(...batch.map((p) => [p]));
      } else if (only && isPayloadError(e) && halve(only)) {
        const [a, b] = halve(only) as [Piece, Piece];
        queue.unshift([a], [b]);
      } else if (only) {
        only.plan.failed = errorMessage(e);
      }
      continue;
    }
    let lastSheet: string | undefined;
    for (const l of loaded) {
      try {
        collectCells(l.piece, l.range, l.piece.plan.snap.cells);
        if (l.mergedAreas && !l.mergedAreas.isNullObject && typeof l.mergedAreas.address === "string" && l.mergedAreas.address) {
          const merges = l.mergedAreas.address.split(",").map((a) => stripSheet(a.trim())).filter(Boolean);
          if (merges.length) l.piece.plan.snap.merges = merges;
        }
      } catch (e) {
        l.piece.plan.failed = errorMessage(e);
      }
      doneCells += cellsOf(l.piece);
      lastSheet = l.piece.plan.snap.name;
    }
    progress(0.1 + (0.9 * doneCells) / totalCells, "cells", lastSheet);
  }
  if (pieces.length === 0) progress(1, "cells");

  const sheets: SheetSnapshot[] = [];
  for (const p of plans) {
    if (p.failed !== undefined) {
      unreadable.push({ sheet: p.snap.name, reason: p.failed });
      // The sheet is still listed (empty), so rules and the UI know it exists.
      sheets.push({ ...p.snap, cells: [] });
      continue;
    }
    p.snap.cells.sort((a, b) => a.row - b.row || a.col - b.col);
    sheets.push(p.snap);
  }
  const snap: WorkbookSnapshot = { sheets };
  const source = wb.name as unknown;
  if (typeof source === "string" && source) snap.source = source;
  if (definedNames.length) snap.definedNames = definedNames;
  if (unreadable.length) snap.unreadable = unreadable;
  return snap;
}

/** How many syncs `readSnapshot` needs for given used-range sizes (rows × columns), for tests and docs. */
export function plannedSyncs(sizes: { rows: number; columns: number }[], chunkCells = DEFAULT_CHUNK_CELLS): number {
  const pieces: Piece[] = [];
  for (const s of sizes) {
    if (s.rows * s.columns === 0) continue;
    const plan = { columnCount: s.columns, rowCount: s.rows } as SheetPlan;
    const per = Math.max(1, Math.floor(chunkCells / Math.max(1, s.columns)));
    for (let r = 0; r < s.rows; r += per) pieces.push({ plan, firstRow: r, rows: Math.min(per, s.rows - r), merges: false });
  }
  return 2 + packBatches(pieces, chunkCells).length;
}
