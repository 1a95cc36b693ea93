/**
 * Read an .xlsx file into a WorkbookSnapshot with exceljs.
 *
 * Used by the CLI (Node) and by the browser page, so this file imports nothing from Node: the
 * caller hands over the bytes. Failures that make the whole file unreadable throw XlsxReadError
 * with a bilingual message; anything smaller (a sheet, a cell, a defined name exceljs cannot
 * parse) is listed in `unreadable` instead.
 */
import ExcelJS from "exceljs";
import type { CellSnapshot, CellValue, DefinedName, SheetSnapshot, TableRef, WorkbookSnapshot } from "../core/snapshot.js";
import { readZipDirectory } from "./zip-directory.js";

export type XlsxReadErrorKind = "not_xlsx" | "encrypted" | "corrupt" | "empty" | "too_large" | "not_found" | "is_directory" | "io_error";

export class XlsxReadError extends Error {
  readonly kind: XlsxReadErrorKind;
  readonly messageId: string;
  readonly messageEn: string;

  constructor(kind: XlsxReadErrorKind, messageId: string, messageEn: string, options?: { cause?: unknown }) {
    super(`${messageId} / ${messageEn}`);
    this.name = "XlsxReadError";
    this.kind = kind;
    this.messageId = messageId;
    this.messageEn = messageEn;
    if (options && "cause" in options) (this as { cause?: unknown }).cause = options.cause;
  }

  /** The text a user sees: Indonesian first, English beside. */
  get userMessage(): string {
    return `${this.messageId} / ${this.messageEn}`;
  }
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

function toBytes(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

function label(source: string | undefined): string {
  return source ? `"${source}" ` : "";
}

/** Check the bytes before handing them to exceljs; throws XlsxReadError for the hopeless cases. */
export function sniffXlsx(bytes: Uint8Array, source?: string): void {
  const name = label(source);
  if (bytes.length === 0) {
    throw new XlsxReadError("empty", `Berkas ${name}kosong (0 byte)`, `File ${name}is empty (0 bytes)`);
  }
  if (startsWith(bytes, OLE2_MAGIC) || startsWith(bytes, OLE2_MAGIC.slice(0, 4))) {
    throw new XlsxReadError(
      "encrypted",
      `Berkas ${name}terenkripsi (dilindungi kata sandi) atau berformat .xls lama; buka di Excel, hapus kata sandi lalu simpan sebagai .xlsx`,
      `File ${name}is encrypted (password-protected) or an old .xls file; open it in Excel, remove the password and save as .xlsx`,
    );
  }
  if (startsWith(bytes, EMPTY_ZIP_MAGIC)) {
    throw new XlsxReadError("corrupt", `Berkas ${name}adalah arsip zip kosong, bukan buku kerja`, `File ${name}is an empty zip archive, not a workbook`);
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw new XlsxReadError(
      "not_xlsx",
      `Berkas ${name}bukan berkas Excel .xlsx (bukan arsip zip)`,
      `File ${name}is not an Excel .xlsx file (not a zip archive)`,
    );
  }
  const unpacked = unpackedSizes(bytes);
  const MB = 1024 * 1024;
  if (unpacked && (unpacked.largest > MAX_PART_BYTES || unpacked.total > MAX_UNPACKED_BYTES)) {
    const mb = (n: number) => Math.round(n / MB).toLocaleString("id-ID");
    throw new XlsxReadError(
      "too_large",
      `Berkas ${name}terlalu besar setelah dibuka: ${mb(unpacked.total)} MB isi (bagian terbesar ${mb(unpacked.largest)} MB; batas ${mb(MAX_UNPACKED_BYTES)} MB, ${mb(MAX_PART_BYTES)} MB per bagian), kemungkinan bukan buku kerja biasa`,
      `File ${name}is too large once unpacked: ${mb(unpacked.total)} MB of content (largest part ${mb(unpacked.largest)} MB; the limits are ${mb(MAX_UNPACKED_BYTES)} MB, ${mb(MAX_PART_BYTES)} MB per part), likely not an ordinary workbook`,
    );
  }
}

/**
 * Limits on what an .xlsx may unpack to, checked from its zip directory before anything is inflated:
 * a few hundred kilobytes can otherwise unpack to gigabytes (a zip bomb) and exhaust the memory. A
 * 1M-cell workbook unpacks to about 100 MB; a part above ~512 MB cannot be read as text by any
 * JavaScript engine anyway (V8's longest string).
 */
export const MAX_PART_BYTES = 512 * 1024 * 1024;
export const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;

/**
 * The uncompressed sizes the zip's central directory declares (zip64 sizes included): their total
 * and the largest. Undefined when the directory cannot be found or read: the reader then reports
 * the damage itself (and inflates each entry no further than its declared size).
 */
export function unpackedSizes(bytes: Uint8Array): { total: number; largest: number } | undefined {
  const dir = readZipDirectory(bytes);
  if (typeof dir === "string") return undefined;
  let total = 0;
  let largest = 0;
  for (const e of dir.entries) {
    total += e.size;
    if (e.size > largest) largest = e.size;
  }
  return { total, largest };
}

// exceljs cell types (ExcelJS.ValueType), spelled out so a missing enum in a bundle cannot break us.
const T = {
  Null: 0,
  Merge: 1,
  Number: 2,
  String: 3,
  Date: 4,
  Hyperlink: 5,
  Formula: 6,
  SharedString: 7,
  RichText: 8,
  Boolean: 9,
  Error: 10,
} as const;

const MS_PER_DAY = 86400000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function dateToSerial(d: Date, date1904: boolean): number {
  const serial = (d.getTime() - (date1904 ? EPOCH_1904 : EPOCH_1900)) / MS_PER_DAY;
  // Keep sub-second noise out: Excel stores at most ~1e-8 day precision meaningfully.
  return Math.round(serial * 1e8) / 1e8;
}

function richTextToString(v: unknown): string | undefined {
  if (v && typeof v === "object" && Array.isArray((v as { richText?: unknown }).richText)) {
    return ((v as { richText: { text?: unknown }[] }).richText).map((r) => (r && typeof r.text === "string" ? r.text : "")).join("");
  }
  return undefined;
}

interface Plain {
  value: CellValue;
  error?: string;
}

/** Turn an exceljs value (or a formula's result) into a plain snapshot value. */
export function plainValue(v: unknown, date1904: boolean): Plain | undefined {
  if (v === null || v === undefined) return { value: null };
  if (typeof v === "number") return Number.isFinite(v) ? { value: v } : { value: null, error: "#NUM!" };
  if (typeof v === "string") return { value: v };
  if (typeof v === "boolean") return { value: v };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : { value: dateToSerial(v, date1904) };
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return { value: null, error: o.error };
    const rt = richTextToString(o);
    if (rt !== undefined) return { value: rt };
    if ("hyperlink" in o || "text" in o) {
      const t = o.text;
      if (typeof t === "string") return { value: t };
      const rt2 = richTextToString(t);
      if (rt2 !== undefined) return { value: rt2 };
      if (typeof o.hyperlink === "string") return { value: o.hyperlink };
    }
  }
  return undefined;
}

function readCell(cell: ExcelJS.Cell, date1904: boolean): CellSnapshot | "skip" | { unreadable: string } {
  const row = Number(cell.row);
  const col = Number(cell.col);
  const type = cell.type as number;
  if (type === T.Null || type === T.Merge) return "skip";
  const numFmt = typeof cell.numFmt === "string" && cell.numFmt !== "" && cell.numFmt.toLowerCase() !== "general" ? cell.numFmt : undefined;
  const out: CellSnapshot = { row, col, value: null };
  if (type === T.Formula) {
    const raw = cell.value as { result?: unknown; formula?: string; sharedFormula?: string } | null;
    let formula: string | undefined;
    try {
      formula = cell.formula;
    } catch {
      formula = undefined;
    }
    if (!formula && raw && typeof raw.formula === "string") formula = raw.formula;
    if (formula) out.formula = formula.replace(/^=/, "");
    // `cell.value` drops falsy cached results (0, false, ""); `cell.result` keeps them.
    let cached: unknown = raw ? raw.result : undefined;
    try {
      const r = (cell as unknown as { result?: unknown }).result;
      if (r !== undefined) cached = r;
    } catch {
      // keep what cell.value gave
    }
    const res = plainValue(cached, date1904);
    if (res) {
      out.value = res.value;
      if (res.error) out.error = res.error;
    }
    if (!out.formula && raw && raw.sharedFormula) {
      // A shared-formula follower whose master exceljs could not find: keep the value, say so.
      if (numFmt) out.numberFormat = numFmt;
      return out.value === null && !out.error ? { unreadable: `shared formula of ${cell.address} could not be expanded` } : out;
    }
  } else {
    const p = plainValue(cell.value, date1904);
    if (!p) return { unreadable: `cell ${cell.address}: value of an unknown kind` };
    if (p.value === null && !p.error) return "skip";
    if (p.value === "" && !p.error) return "skip";
    out.value = p.value;
    if (p.error) out.error = p.error;
  }
  if (numFmt) out.numberFormat = numFmt;
  return out;
}

function sheetMerges(ws: ExcelJS.Worksheet): string[] {
  const internal = (ws as unknown as { _merges?: Record<string, { range?: string } | undefined> })._merges;
  if (internal && typeof internal === "object") {
    const out: string[] = [];
    for (const m of Object.values(internal)) if (m && typeof m.range === "string") out.push(m.range);
    return out;
  }
  const model = (ws.model as unknown as { merges?: string[] }).merges;
  return Array.isArray(model) ? [...model] : [];
}

function sheetTables(ws: ExcelJS.Worksheet): TableRef[] {
  const out: TableRef[] = [];
  const getTables = (ws as unknown as { getTables?: () => unknown[] }).getTables;
  const tables = typeof getTables === "function" ? getTables.call(ws) : Object.values((ws as unknown as { tables?: Record<string, unknown> }).tables ?? {});
  for (const t of tables) {
    const model = ((t as { table?: unknown }).table ?? (t as { model?: unknown }).model ?? t) as {
      name?: string;
      displayName?: string;
      tableRef?: string;
      ref?: string;
    };
    const name = model.name ?? model.displayName;
    const ref = model.tableRef ?? model.ref;
    if (name && ref) out.push({ name, ref });
  }
  return out;
}

function definedNames(wb: ExcelJS.Workbook, unreadable: { sheet?: string; reason: string }[]): DefinedName[] {
  const out: DefinedName[] = [];
  try {
    const model = (wb.definedNames as unknown as { model?: { name: string; ranges: string[] }[] }).model ?? [];
    for (const dn of model) {
      if (!dn || typeof dn.name !== "string") continue;
      const ranges = Array.isArray(dn.ranges) ? dn.ranges : [];
      if (ranges.length === 0) continue;
      out.push({ name: dn.name, ref: ranges.join(",") });
    }
  } catch (e) {
    unreadable.push({ reason: `defined names: ${e instanceof Error ? e.message : String(e)}` });
  }
  return out;
}

/** A sheet's cells as the snapshot holds them, plus the cells that could not be read. */
export interface SheetCells {
  /** Row-major. */
  cells: CellSnapshot[];
  skipped: number;
  /** Why the first skipped cell could not be read. */
  firstSkipped: string;
}

/** Where a sheet's cells come from: by default the loaded exceljs worksheet itself. */
export type SheetCellSource = (ws: ExcelJS.Worksheet, date1904: boolean) => SheetCells;

function exceljsCells(ws: ExcelJS.Worksheet, date1904: boolean): SheetCells {
  const cells: CellSnapshot[] = [];
  let skipped = 0;
  let firstSkipped = "";
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      try {
        const c = readCell(cell, date1904);
        if (c === "skip") return;
        if ("unreadable" in c) {
          skipped++;
          if (!firstSkipped) firstSkipped = c.unreadable;
          return;
        }
        cells.push(c);
      } catch (e) {
        skipped++;
        if (!firstSkipped) firstSkipped = `cell ${cell.address}: ${e instanceof Error ? e.message : String(e)}`;
      }
    });
  });
  // eachRow/eachCell already walk row-major; sort anyway so the contract holds for any source.
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { cells, skipped, firstSkipped };
}

function readSheet(ws: ExcelJS.Worksheet, date1904: boolean, unreadable: { sheet?: string; reason: string }[], cellSource: SheetCellSource): SheetSnapshot {
  const sheet: SheetSnapshot = { name: ws.name, cells: [] };
  if (ws.state && ws.state !== "visible") sheet.hidden = true;
  const prot = (ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
  if (prot && prot.sheet !== false) sheet.protected = true;
  const { cells, skipped, firstSkipped } = cellSource(ws, date1904);
  sheet.cells = cells;
  if (skipped > 0) {
    unreadable.push({ sheet: ws.name, reason: skipped === 1 ? firstSkipped : `${skipped} cells could not be read (first: ${firstSkipped})` });
  }
  try {
    const merges = sheetMerges(ws);
    if (merges.length) sheet.merges = merges;
  } catch (e) {
    unreadable.push({ sheet: ws.name, reason: `merged ranges: ${e instanceof Error ? e.message : String(e)}` });
  }
  try {
    const tables = sheetTables(ws);
    if (tables.length) sheet.tables = tables;
  } catch (e) {
    unreadable.push({ sheet: ws.name, reason: `tables: ${e instanceof Error ? e.message : String(e)}` });
  }
  return sheet;
}

/**
 * Build a snapshot from an already loaded exceljs workbook (also handy for tests). `cellSource`
 * lets the Node fast reader (xlsx-fast.ts) hand over cells it parsed itself; everything else
 * (sheet order, flags, merges, tables, defined names) always comes from the exceljs workbook.
 */
export function snapshotFromWorkbook(wb: ExcelJS.Workbook, source?: string, cellSource: SheetCellSource = exceljsCells): WorkbookSnapshot {
  const unreadable: { sheet?: string; reason: string }[] = [];
  const date1904 = Boolean((wb.properties as unknown as { date1904?: boolean } | undefined)?.date1904);
  const sheets: SheetSnapshot[] = [];
  // worksheets come in the workbook's tab order.
  for (const ws of wb.worksheets) {
    if (!ws) continue;
    try {
      sheets.push(readSheet(ws, date1904, unreadable, cellSource));
    } catch (e) {
      unreadable.push({ sheet: ws.name, reason: `sheet could not be read: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  const snap: WorkbookSnapshot = { sheets };
  if (source !== undefined) snap.source = source;
  const names = definedNames(wb, unreadable);
  if (names.length) snap.definedNames = names;
  if (unreadable.length) snap.unreadable = unreadable;
  return snap;
}

interface NumFmtNode {
  name: string;
  attributes: { formatCode?: unknown };
}
interface NumFmtXformLike {
  model?: { formatCode?: string };
  parseOpen(node: NumFmtNode): boolean;
}
/** The exceljs builds (Node's, or the browser bundle) whose number format parser is patched. */
const verbatimLibs = new WeakSet<object>();

/**
 * Make exceljs keep number formats as the file stores them. As it reads styles.xml, exceljs drops
 * every backslash escape (NumFmtXform.parseOpen: `formatCode.replace(/[\\](.)/g, "$1")`), so a
 * literal sign became an operator: `0.00\%` (how LibreOffice saves `0.00"%"`: "97.53%" for 97.53)
 * read as `0.00%` (a percentage: the value times 100), `#,##0\ "Rp"` as `#,##0 "Rp"`. Office.js
 * reports the stored code, and the audit reads escapes itself (formatInfo skips `\x`).
 *
 * Only the format strings change: exceljs's date test (isDateFmt) looks at letters outside quotes
 * and brackets, which the backslashes do not add or remove, so values read the same. NumFmtXform
 * is not exported (and the browser build bundles it), so it is reached through the style manager
 * exceljs builds to write an empty workbook. Both readers call this before parsing (in Node the
 * fast reader's StylesXform uses the same class); once per exceljs build.
 */
export function keepNumberFormatsVerbatim(lib: typeof ExcelJS = ExcelJS): void {
  if (verbatimLibs.has(lib)) return;
  verbatimLibs.add(lib);
  let proto: NumFmtXformLike | undefined;
  try {
    const wb = new lib.Workbook();
    const model = wb.model as unknown as { styles?: { map?: { numFmts?: { childXform?: NumFmtXformLike } } } };
    (wb.xlsx as unknown as { prepareModel(m: unknown, o: unknown): void }).prepareModel(model, {});
    const child = model.styles?.map?.numFmts?.childXform;
    proto = child ? (Object.getPrototypeOf(child) as NumFmtXformLike) : undefined;
  } catch {
    proto = undefined;
  }
  // Another exceljs than the pinned 4.4.0: read as it reads (the tests say so).
  if (!proto || typeof proto.parseOpen !== "function") return;
  const parseOpen = proto.parseOpen;
  proto.parseOpen = function (this: NumFmtXformLike, node: NumFmtNode): boolean {
    const handled = parseOpen.call(this, node);
    const code = node.attributes.formatCode;
    if (handled && node.name === "numFmt" && this.model && typeof code === "string") this.model.formatCode = code;
    return handled;
  };
}

/** Read .xlsx bytes into a snapshot. Throws XlsxReadError when the file as a whole cannot be read. */
export async function readXlsx(data: ArrayBuffer | Uint8Array, source?: string): Promise<WorkbookSnapshot> {
  const bytes = toBytes(data);
  sniffXlsx(bytes, source);
  keepNumberFormatsVerbatim();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const name = label(source);
    throw new XlsxReadError(
      "corrupt",
      `Berkas ${name}rusak atau terpotong, tidak dapat dibuka sebagai .xlsx (${detail})`,
      `File ${name}is corrupt or truncated and cannot be opened as .xlsx (${detail})`,
      { cause: e },
    );
  }
  if (wb.worksheets.length === 0) {
    const name = label(source);
    throw new XlsxReadError(
      "not_xlsx",
      `Berkas ${name}adalah arsip zip tetapi tidak memuat lembar kerja Excel`,
      `File ${name}is a zip archive but holds no Excel worksheet`,
    );
  }
  return snapshotFromWorkbook(wb, source);
}
