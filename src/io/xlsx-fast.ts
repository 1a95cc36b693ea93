/**
 * The CLI's fast .xlsx reader (Node only). Gives the same WorkbookSnapshot as `readXlsx` in
 * xlsx.ts, cell for cell, in a fraction of the time and memory:
 *
 * - the zip is read with Node's native zlib (zip.ts) instead of exceljs's pure-JS JSZip;
 * - every part except the worksheets' `<sheetData>` goes through exceljs's own parsers, the same
 *   way `Workbook.xlsx.load` does it (workbook, rels, styles, shared strings, tables, merges, sheet
 *   protection, hidden state, defined names), so all of that is exceljs's reading by construction;
 * - `<sheetData>` is scanned here, straight into snapshot cells, without building exceljs Row and
 *   Cell objects. The scan replays exceljs's cell semantics step by step (CellXform parse and
 *   reconcile, the Row/Cell models, then `readCell` in xlsx.ts): shared strings, number formats,
 *   dates, errors, shared formulas translated with exceljs's own `slideFormula`, hyperlinks,
 *   merged cells.
 *
 * Whatever the scan does not replay (rich inline strings, XML comments or CDATA in sheet data,
 * cells without an address, rows or cells out of order, zip64, ...) and any failure at all make
 * it hand the file to the full exceljs reader (`readXlsx`), which then gives its usual snapshot
 * or its usual one-line error. So the fast path can only be faster, never different.
 */
import { createRequire } from "node:module";
import ExcelJS from "exceljs";
import type { CellSnapshot, WorkbookSnapshot } from "../core/snapshot.js";
import { type SheetCells, keepNumberFormatsVerbatim, plainValue, readXlsx, snapshotFromWorkbook, sniffXlsx } from "./xlsx.js";
import { type ZipEntry, zipEntries } from "./zip.js";

// exceljs internals (exceljs is pinned to 4.4.0 in package.json). Required from exceljs's own
// location so that they are the very modules `import ExcelJS` loaded.
const requireFromExceljs = createRequire(createRequire(import.meta.url).resolve("exceljs"));

interface Xform<M> {
  parseStream(stream: unknown): Promise<M>;
}
type XformClass<M> = new (options?: unknown) => Xform<M>;

interface StylesModel {
  getStyleModel(id: number): { numFmt?: string } | null;
}
interface SharedStringsModel {
  values: unknown[];
}
interface Rel {
  Id: string;
  Target: string;
}
interface WorksheetModel {
  sheetNo?: string;
  id?: number;
  hyperlinks?: { address?: string; rId?: string }[];
}
interface LoadModel {
  worksheets: WorksheetModel[];
  worksheetHash: Record<string, WorksheetModel>;
  worksheetRels: Record<string, Rel[] | undefined>;
  themes: Record<string, unknown>;
  media: unknown[];
  mediaIndex: Record<string, unknown>;
  drawings: Record<string, unknown>;
  drawingRels: Record<string, unknown>;
  comments: Record<string, unknown>;
  tables: Record<string, unknown>;
  vmlDrawings: Record<string, unknown>;
  styles?: StylesModel;
  sharedStrings?: SharedStringsModel;
  properties?: { date1904?: boolean };
  [key: string]: unknown;
}
/** The methods of exceljs's XLSX class (`workbook.xlsx`) that `load` uses. */
interface XlsxInternals {
  parseRels(stream: unknown): Promise<unknown>;
  parseWorkbook(stream: unknown): Promise<Record<string, unknown>>;
  reconcile(model: LoadModel, options?: unknown): void;
  _processWorksheetRelsEntry(stream: unknown, model: LoadModel, sheetNo: string): Promise<void>;
  _processThemeEntry(stream: unknown, model: LoadModel, name: string): Promise<void>;
  _processMediaEntry(stream: unknown, model: LoadModel, name: string): Promise<void>;
  _processDrawingEntry(stream: unknown, model: LoadModel, name: string): Promise<void>;
  _processCommentEntry(stream: unknown, model: LoadModel, name: string): Promise<void>;
  _processTableEntry(stream: unknown, model: LoadModel, name: string): Promise<void>;
  _processDrawingRelsEntry(stream: unknown, model: LoadModel, name: string): Promise<void>;
  _processVmlDrawingEntry(stream: unknown, model: LoadModel, name: string): Promise<void>;
}

const WorksheetXform = requireFromExceljs("./lib/xlsx/xform/sheet/worksheet-xform.js") as XformClass<WorksheetModel>;
const SharedStringsXform = requireFromExceljs("./lib/xlsx/xform/strings/shared-strings-xform.js") as XformClass<unknown>;
const StylesXform = requireFromExceljs("./lib/xlsx/xform/style/styles-xform.js") as XformClass<unknown>;
const AppXform = requireFromExceljs("./lib/xlsx/xform/core/app-xform.js") as XformClass<{ company?: unknown; manager?: unknown }>;
const CoreXform = requireFromExceljs("./lib/xlsx/xform/core/core-xform.js") as XformClass<Record<string, unknown>>;
const { PassThrough } = requireFromExceljs("readable-stream") as { PassThrough: new () => { write(b: unknown): void; end(): void } };
const { slideFormula } = requireFromExceljs("./lib/utils/shared-formula.js") as { slideFormula: (f: unknown, from: string, to: string) => string };
const exUtils = requireFromExceljs("./lib/utils/utils.js") as {
  excelToDate(v: unknown, date1904: unknown): Date;
  isDateFmt(fmt: string | undefined): boolean;
  xmlDecode(text: string): string;
};

/** Thrown when the scan meets something it does not replay: the full reader takes over. */
class Fallback extends Error {}

/** An XML part handed to an exceljs parser (its sax helper accepts any iterable of strings). */
function xmlChunks(text: string): string[] {
  return [text];
}

/** A binary part handed to exceljs as the stream `load` would build. */
function binaryStream(bytes: Buffer): unknown {
  const s = new PassThrough();
  s.write(bytes);
  s.end();
  return s;
}

// ---- cell scan --------------------------------------------------------------------------------

const enum CellT {
  None,
  SharedString,
  Str,
  InlineStr,
  Bool,
  Error,
  Other,
}

interface StyleInfo {
  /** getStyleModel gave a style (exceljs then takes its numFmt). */
  has: boolean;
  isDate: boolean;
  /** The number format the snapshot carries (General and "" dropped). */
  outFmt: string | undefined;
}

interface ScanContext {
  styles: StylesModel | undefined;
  /** `undefined` when the workbook has no shared-strings part. */
  sharedStrings: unknown[] | undefined;
  date1904: boolean;
  /** Cell address → hyperlink target, when the sheet has any external hyperlink. */
  hyperlinks: Map<string, string> | undefined;
}

interface ScannedSheet {
  /** Row-major, strictly increasing (the scan falls back otherwise). */
  cells: CellSnapshot[];
  /** Cells that could not be read, in document order: row, col, reason. */
  bad: { row: number; col: number; reason: string }[];
  /** Addresses of the shared-formula masters followers were translated from. */
  masters: { row: number; col: number }[];
}

/** An XML name made of ASCII name characters (what sheet XML uses); anything else falls back. */
function validName(xml: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let p = from; p < to; p++) {
    const c = xml.charCodeAt(p);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58;
    if (!letter && (p === from || !((c >= 48 && c <= 57) || c === 45 || c === 46))) return false;
  }
  return true;
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

function validXmlChar(cp: number): boolean {
  return cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/**
 * Character data a sax parser would refuse (exceljs then fails to load the file): a character XML
 * does not allow, or "]]>". The fast path hands such a file to the full reader, which says so.
 */
function checkCharData(s: string): void {
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 0x20 ? ch !== 9 && ch !== 10 && ch !== 13 : ch >= 0xd800 && (ch >= 0xfffe || (ch >= 0xd800 && ch <= 0xdfff && !pairedSurrogate(s, i)))) {
      throw new Fallback("character not allowed in XML");
    }
  }
  if (s.includes("]]>")) throw new Fallback("]]> in character data");
}

/** True for either half of a well-formed surrogate pair at position i. */
function pairedSurrogate(s: string, i: number): boolean {
  const ch = s.charCodeAt(i);
  if (ch <= 0xdbff) {
    const next = s.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff;
  }
  const prev = s.charCodeAt(i - 1);
  return prev >= 0xd800 && prev <= 0xdbff;
}

/** Text as a sax parser reports it: line ends normalised, the five entities and char refs decoded. */
function decodeText(xml: string, from: number, to: number): string {
  let s = xml.slice(from, to);
  checkCharData(s);
  if (s.indexOf("\r") >= 0) s = s.replace(/\r\n?/g, "\n");
  if (s.indexOf("&") < 0) return s;
  let out = "";
  let last = 0;
  for (let i = s.indexOf("&"); i >= 0; i = s.indexOf("&", last)) {
    const semi = s.indexOf(";", i);
    if (semi < 0) throw new Fallback("bare &");
    const name = s.slice(i + 1, semi);
    let rep: string;
    if (name === "lt") rep = "<";
    else if (name === "gt") rep = ">";
    else if (name === "amp") rep = "&";
    else if (name === "quot") rep = '"';
    else if (name === "apos") rep = "'";
    else {
      const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(name);
      if (!m) throw new Fallback(`entity &${name};`);
      const cp = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2] ?? "", 10);
      if (!validXmlChar(cp)) throw new Fallback("character reference");
      rep = String.fromCodePoint(cp);
    }
    out += s.slice(last, i) + rep;
    last = semi + 1;
  }
  return out + s.slice(last);
}

/**
 * Scan `<sheetData>` from `from` (just after its start tag) to its end tag, building snapshot
 * cells. Returns the index just after `</sheetData>`.
 */
function scanSheetData(xml: string, from: number, ctx: ScanContext, out: ScannedSheet): number {
  const { styles, sharedStrings, date1904, hyperlinks } = ctx;
  const styleCache: (StyleInfo | undefined)[] = [];
  const styleInfo = (id: number): StyleInfo => {
    let info = styleCache[id];
    if (!info) {
      const style = styles ? styles.getStyleModel(id) : null;
      const fmt = style ? style.numFmt : undefined;
      const outFmt = typeof fmt === "string" && fmt !== "" && fmt.toLowerCase() !== "general" ? fmt : undefined;
      info = { has: Boolean(style), isDate: Boolean(style) && exUtils.isDateFmt(fmt), outFmt };
      styleCache[id] = info;
    }
    return info;
  };
  const NO_STYLE: StyleInfo = { has: false, isDate: false, outFmt: undefined };
  /** Shared-formula id → its master (exceljs's `options.formulae`, per sheet). */
  const formulae = new Map<string, { address: string; row: number; col: number; formula: string | undefined }>();
  const cells = out.cells;

  let rowNum = 0; // the open <row>, 0 outside
  let lastRow = 0;
  let lastCol = 0;
  let inCell = false;
  let collect = 0; // 1: <f> text, 2: <v>/<t> text
  // The elements open inside the current cell (f, v, is, or t inside is), innermost last: a close
  // tag must match the innermost one, as in any XML parser.
  const open: number[] = [];
  /** Start and end of each attribute name of the current tag (for duplicates); reused. */
  const attrs: number[] = [];
  const closeChild = (el: number): void => {
    if (!inCell || open.pop() !== el) throw new Fallback("close tag without its start tag");
    collect = 0;
  };
  // The open cell, as exceljs's CellXform model holds it.
  let cRow = 0;
  let cCol = 0;
  let refStart = 0;
  let refEnd = 0;
  let t = CellT.None;
  let styleId: number | undefined;
  let formula: string | undefined;
  let shareType: string | undefined;
  let si: string | undefined;
  let fref: string | undefined;
  let value: string | undefined;

  const bad = (reason: string) => out.bad.push({ row: cRow, col: cCol, reason });

  /** CellXform.parseClose + reconcile, the Row/Cell models and xlsx.ts readCell, for one cell. */
  const finishCell = (): void => {
    const style = styleId ? styleInfo(styleId) : NO_STYLE;
    const address = hyperlinks || formula !== undefined || shareType !== undefined ? xml.slice(refStart, refEnd) : "";
    const link = hyperlinks ? hyperlinks.get(address) : undefined;
    if (formula || shareType) {
      let result: unknown;
      if (value) {
        if (t === CellT.Str) result = exUtils.xmlDecode(value);
        else if (t === CellT.Bool) result = parseInt(value, 10) !== 0;
        else if (t === CellT.Error) result = { error: value };
        else result = parseFloat(value);
      }
      if (result !== undefined && style.isDate) result = exUtils.excelToDate(result, date1904);
      let sharedFormula: string | undefined;
      let master: { address: string; formula: string | undefined } | undefined;
      if (shareType === "shared") {
        if (fref) {
          if (link !== undefined) throw new Fallback("hyperlink on a shared-formula master");
          formulae.set(String(si), { address, row: cRow, col: cCol, formula });
        } else {
          const m = formulae.get(String(si));
          if (m) {
            sharedFormula = m.address;
            master = m;
            out.masters.push(m);
          }
        }
      }
      if (link !== undefined) {
        // exceljs turns a hyperlinked formula cell into a plain hyperlink holding the result.
        plainCell({ text: result, hyperlink: link }, style);
        return;
      }
      let f: string | undefined = formula;
      if (!f && sharedFormula && master) {
        try {
          f = slideFormula(master.formula, master.address, address);
        } catch {
          f = undefined;
        }
      }
      const c: CellSnapshot = { row: cRow, col: cCol, value: null };
      if (f) c.formula = f.replace(/^=/, "");
      const res = plainValue(result, date1904);
      if (res) {
        c.value = res.value;
        if (res.error) c.error = res.error;
      }
      if (!c.formula && sharedFormula) {
        if (style.outFmt) c.numberFormat = style.outFmt;
        if (c.value === null && !c.error) bad(`shared formula of ${address} could not be expanded`);
        else cells.push(c);
        return;
      }
      if (style.outFmt) c.numberFormat = style.outFmt;
      cells.push(c);
      return;
    }
    if (value === undefined) {
      // exceljs: a Null cell (styled, empty) or a Merge placeholder; neither reaches the snapshot
      // unless a hyperlink turns it into a hyperlink cell.
      if (link !== undefined) plainCell({ text: undefined, hyperlink: link }, style);
      return;
    }
    if (link === undefined) {
      // The common cases, without building an exceljs value first.
      if (t === CellT.None || t === CellT.Other) {
        if (!style.isDate) {
          const n = parseFloat(value);
          const c: CellSnapshot = { row: cRow, col: cCol, value: Number.isFinite(n) ? n : null };
          if (c.value === null) c.error = "#NUM!";
          if (style.outFmt) c.numberFormat = style.outFmt;
          cells.push(c);
          return;
        }
      } else if (t === CellT.SharedString && sharedStrings) {
        const s = sharedStrings[parseInt(value, 10)];
        if (typeof s === "string") {
          if (s === "") return;
          const c: CellSnapshot = { row: cRow, col: cCol, value: s };
          if (style.outFmt) c.numberFormat = style.outFmt;
          cells.push(c);
          return;
        }
      }
    }
    let v: unknown;
    switch (t) {
      case CellT.SharedString: {
        const index = parseInt(value, 10);
        v = sharedStrings ? sharedStrings[index] : index;
        // exceljs reads `.richText` of it: a missing string makes its load fail.
        if (v === undefined || v === null) throw new Fallback("shared string out of range");
        break;
      }
      case CellT.Str:
        v = exUtils.xmlDecode(value);
        break;
      case CellT.InlineStr:
        v = value;
        break;
      case CellT.Bool:
        v = parseInt(value, 10) !== 0;
        break;
      case CellT.Error:
        v = { error: value };
        break;
      default:
        v = parseFloat(value);
        if (style.isDate) v = exUtils.excelToDate(v, date1904);
        break;
    }
    plainCell(link !== undefined ? { text: v, hyperlink: link } : v, style);
  };

  /** readCell's non-formula branch on an exceljs cell value. */
  const plainCell = (v: unknown, style: StyleInfo): void => {
    const p = plainValue(v, date1904);
    if (!p) {
      bad(`cell ${xml.slice(refStart, refEnd)}: value of an unknown kind`);
      return;
    }
    if (p.value === null && !p.error) return;
    if (p.value === "" && !p.error) return;
    const c: CellSnapshot = { row: cRow, col: cCol, value: p.value };
    if (p.error) c.error = p.error;
    if (style.outFmt) c.numberFormat = style.outFmt;
    cells.push(c);
  };

  let i = from;
  for (;;) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) throw new Fallback("unterminated sheetData");
    if (lt > i && collect !== 0) {
      const text = decodeText(xml, i, lt);
      if (collect === 1) formula = formula ? formula + text : text;
      else value = value ? value + text : text;
    } else if (lt > i) {
      for (let p = i; p < lt; p++) if (!isSpace(xml.charCodeAt(p))) throw new Fallback("text between the elements of sheetData");
    }
    const c1 = xml.charCodeAt(lt + 1);
    if (c1 === 47 /* / */) {
      const gt = xml.indexOf(">", lt);
      if (gt < 0) throw new Fallback("unterminated end tag");
      let ne = gt;
      while (ne > lt + 2 && isSpace(xml.charCodeAt(ne - 1))) ne--;
      const len = ne - lt - 2;
      const n0 = xml.charCodeAt(lt + 2);
      i = gt + 1;
      if (len === 1 && n0 === 99 /* c */) {
        if (!inCell || open.length > 0) throw new Fallback("</c> outside a cell or before its children end");
        inCell = false;
        collect = 0;
        finishCell();
      } else if (len === 1 && (n0 === 118 /* v */ || n0 === 102 /* f */ || n0 === 116) /* t */) {
        closeChild(n0 === 118 ? 4 : n0 === 102 ? 3 : 5);
      } else if (len === 3 && xml.startsWith("row", lt + 2)) {
        if (!rowNum || inCell) throw new Fallback("unbalanced </row>");
        rowNum = 0;
      } else if (len === 2 && xml.startsWith("is", lt + 2)) {
        closeChild(6);
      } else if (len === 9 && xml.startsWith("sheetData", lt + 2)) {
        if (rowNum || inCell) throw new Fallback("unbalanced </sheetData>");
        return i;
      } else {
        throw new Fallback(`</${xml.slice(lt + 2, ne)}> in sheetData`);
      }
      continue;
    }
    if (c1 === 33 /* ! */ || c1 === 63 /* ? */) throw new Fallback("comment, CDATA or processing instruction in sheetData");
    let j = lt + 1;
    for (let ch = xml.charCodeAt(j); j < xml.length && ch !== 62 && ch !== 47 && !isSpace(ch); ch = xml.charCodeAt(++j));
    const nameLen = j - lt - 1;
    const n0 = xml.charCodeAt(lt + 1);
    // 1: row, 2: c, 3: f, 4: v, 5: t, 6: is
    let el = 0;
    if (nameLen === 1) el = n0 === 99 ? 2 : n0 === 102 ? 3 : n0 === 118 ? 4 : n0 === 116 ? 5 : 0;
    else if (nameLen === 3 && xml.startsWith("row", lt + 1)) el = 1;
    else if (nameLen === 2 && xml.startsWith("is", lt + 1)) el = 6;
    if (el === 0) throw new Fallback(`<${xml.slice(lt + 1, j)}> in sheetData`);
    if (el === 1) {
      if (rowNum || inCell) throw new Fallback("nested row");
    } else if (!(el === 2 ? rowNum && !inCell : inCell)) {
      throw new Fallback("element out of place in sheetData");
    } else if (el !== 2 && open.length > 0 && !(el === 5 && open[open.length - 1] === 6)) {
      throw new Fallback("element nested in a value");
    }
    if (el === 2) {
      t = CellT.None;
      styleId = undefined;
      formula = undefined;
      shareType = undefined;
      si = undefined;
      fref = undefined;
      value = undefined;
      refEnd = 0;
    } else if (el === 3) {
      // exceljs takes each <f>'s attributes afresh (absent ones become undefined).
      shareType = undefined;
      si = undefined;
      fref = undefined;
    }
    let rowAttr = -1;
    // Attributes: name="value" or name='value'.
    let k = j;
    let selfClose = false;
    attrs.length = 0;
    for (;;) {
      let ch = xml.charCodeAt(k);
      const before = k;
      while (isSpace(ch)) ch = xml.charCodeAt(++k);
      if (ch === 62 /* > */) {
        k++;
        break;
      }
      if (ch === 47 /* / */) {
        if (xml.charCodeAt(k + 1) !== 62) throw new Fallback("bad tag");
        k += 2;
        selfClose = true;
        break;
      }
      if (k === before) throw new Fallback("no whitespace before an attribute");
      const ns = k;
      while (k < xml.length && (ch = xml.charCodeAt(k)) !== 61 && ch !== 62 && ch !== 47 && !isSpace(ch)) k++;
      const ne = k;
      if (!validName(xml, ns, ne)) throw new Fallback("attribute name");
      for (let a = 0; a < attrs.length; a += 2) {
        const as = attrs[a] ?? 0;
        if ((attrs[a + 1] ?? 0) - as === ne - ns && xml.startsWith(xml.slice(ns, ne), as)) throw new Fallback("duplicate attribute");
      }
      attrs.push(ns, ne);
      while (isSpace(xml.charCodeAt(k))) k++;
      if (xml.charCodeAt(k) !== 61 /* = */) throw new Fallback("attribute without a value");
      k++;
      while (isSpace(xml.charCodeAt(k))) k++;
      const q = xml.charCodeAt(k);
      if (q !== 34 && q !== 39) throw new Fallback("unquoted attribute");
      const vs = k + 1;
      const ve = xml.indexOf(q === 34 ? '"' : "'", vs);
      if (ve < 0) throw new Fallback("unterminated attribute");
      for (let p = vs; p < ve; p++) {
        const c = xml.charCodeAt(p);
        if (c === 60 /* < */ || c === 38 /* & */ || (c < 0x20 && c !== 9 && c !== 10 && c !== 13)) throw new Fallback("markup, an entity or a control character in an attribute");
      }
      k = ve + 1;
      if (ne - ns !== 1 && !(el === 3 && ne - ns === 2) && !(el === 3 && ne - ns === 3)) continue;
      const a0 = xml.charCodeAt(ns);
      if (el === 1) {
        if (ne - ns !== 1) continue;
        if (a0 === 114 /* r */) {
          let n = 0;
          for (let p = vs; p < ve; p++) {
            const d = xml.charCodeAt(p) - 48;
            if (d < 0 || d > 9) throw new Fallback("row number");
            n = n * 10 + d;
          }
          rowAttr = n;
        } else if (a0 === 115 /* s */ && ve > vs && !styles) {
          throw new Fallback("row style without a styles part");
        }
      } else if (el === 2) {
        if (a0 === 114 /* r */) {
          let p = vs;
          let col = 0;
          for (let d = xml.charCodeAt(p); d >= 65 && d <= 90 && p - vs < 3; d = xml.charCodeAt(++p)) col = col * 26 + d - 64;
          let row = 0;
          const digits = p;
          for (; p < ve; p++) {
            const d = xml.charCodeAt(p) - 48;
            if (d < 0 || d > 9) throw new Fallback("cell address");
            row = row * 10 + d;
          }
          if (col === 0 || p === digits || xml.charCodeAt(digits) === 48) throw new Fallback("cell address");
          cRow = row;
          cCol = col;
          refStart = vs;
          refEnd = ve;
        } else if (a0 === 115 /* s */) {
          if (ve > vs) {
            let n = 0;
            for (let p = vs; p < ve; p++) {
              const d = xml.charCodeAt(p) - 48;
              if (d < 0 || d > 9) throw new Fallback("style id");
              n = n * 10 + d;
            }
            styleId = n;
          }
        } else if (a0 === 116 /* t */) {
          const len = ve - vs;
          for (let p = vs; p < ve; p++) if (xml.charCodeAt(p) === 38) throw new Fallback("entity in an attribute");
          const c0 = xml.charCodeAt(vs);
          if (len === 1 && c0 === 115) t = CellT.SharedString;
          else if (len === 1 && c0 === 98) t = CellT.Bool;
          else if (len === 1 && c0 === 101) t = CellT.Error;
          else if (len === 3 && xml.startsWith("str", vs)) t = CellT.Str;
          else if (len === 9 && xml.startsWith("inlineStr", vs)) t = CellT.InlineStr;
          else t = CellT.Other;
        }
      } else if (el === 3) {
        const nl = ne - ns;
        const v = nl === 1 && a0 === 116 /* t */ ? 1 : nl === 2 && xml.startsWith("si", ns) ? 2 : nl === 3 && xml.startsWith("ref", ns) ? 3 : 0;
        if (v === 0) continue;
        const text = xml.slice(vs, ve);
        if (text.indexOf("&") >= 0) throw new Fallback("entity in an attribute");
        if (v === 1) shareType = text;
        else if (v === 2) si = text;
        else fref = text;
      }
    }
    i = k;
    switch (el) {
      case 1:
        if (rowAttr <= lastRow) throw new Fallback("rows out of order or without a number");
        lastRow = rowAttr;
        lastCol = 0;
        rowNum = selfClose ? 0 : rowAttr;
        break;
      case 2:
        if (refEnd === 0 || cRow !== rowNum || cCol <= lastCol) throw new Fallback("cell address missing, out of order or off its row");
        lastCol = cCol;
        if (selfClose) finishCell();
        else inCell = true;
        break;
      case 3:
        collect = selfClose ? 0 : 1;
        if (!selfClose) open.push(3);
        break;
      case 4:
      case 5:
        collect = selfClose ? 0 : 2;
        if (!selfClose) open.push(el);
        break;
      default:
        if (!selfClose) open.push(6);
        break;
    }
  }
}

// ---- the workbook -----------------------------------------------------------------------------

/** The cells the scan found for one worksheet part, keyed later by the worksheet's id. */
interface PendingSheet {
  model: WorksheetModel;
  scanned: ScannedSheet;
}

/**
 * Split a worksheet part into its `<sheetData>` (scanned here) and the rest (parsed by exceljs,
 * with an empty `<sheetData/>` in place of the rows).
 */
async function readWorksheet(xml: string, ctx: Omit<ScanContext, "hyperlinks">, model: LoadModel, sheetNo: string): Promise<PendingSheet> {
  const scanned: ScannedSheet = { cells: [], bad: [], masters: [] };
  let start = -1;
  for (let p = xml.indexOf("<sheetData"); p >= 0; p = xml.indexOf("<sheetData", p + 1)) {
    const ch = xml.charCodeAt(p + 10);
    if (ch === 62 || ch === 47 || isSpace(ch)) {
      start = p;
      break;
    }
  }
  if (start < 0) {
    // No rows (or a prefixed namespace exceljs does not read either): exceljs parses it all.
    const ws = await new WorksheetXform().parseStream(xmlChunks(xml));
    return { model: ws, scanned };
  }
  const head = xml.slice(0, start);
  if (head.indexOf("<!--") >= 0 || head.indexOf("<![CDATA[") >= 0) throw new Fallback("comment before sheetData");
  const gt = xml.indexOf(">", start);
  if (gt < 0) throw new Fallback("unterminated sheetData");
  const selfClosing = xml.charCodeAt(gt - 1) === 47;
  // The rest goes to exceljs first: the scan needs the sheet's hyperlinks.
  let end = gt + 1;
  let tail: string;
  if (selfClosing) {
    tail = xml.slice(end);
  } else {
    const close = xml.indexOf("</sheetData>", end);
    if (close < 0) throw new Fallback("unterminated sheetData");
    tail = xml.slice(close + "</sheetData>".length);
  }
  if (tail.indexOf("<sheetData") >= 0) throw new Fallback("a second sheetData");
  const ws = await new WorksheetXform().parseStream(xmlChunks(`${head}<sheetData/>${tail}`));
  if (selfClosing) return { model: ws, scanned };
  // exceljs's worksheet reconcile: hyperlinks with a relationship become hyperlink cells.
  let hyperlinks: Map<string, string> | undefined;
  const links = ws && Array.isArray(ws.hyperlinks) ? ws.hyperlinks.filter((h) => h.rId) : [];
  if (links.length) {
    const rels = new Map((model.worksheetRels[sheetNo] ?? []).map((r) => [r.Id, r] as const));
    hyperlinks = new Map();
    for (const h of links) {
      const rel = rels.get(String(h.rId));
      if (!rel) throw new Fallback("hyperlink without its relationship");
      hyperlinks.set(String(h.address), rel.Target);
    }
  }
  end = scanSheetData(xml, end, { ...ctx, hyperlinks }, scanned);
  if (xml.startsWith("</sheetData>", end - 12) === false) throw new Fallback("sheetData end mismatch");
  return { model: ws, scanned };
}

/** Drop what exceljs's merge turns into merge placeholders: every cell of a merged range but its top-left one. */
function applyMerges(ws: ExcelJS.Worksheet, scanned: ScannedSheet): SheetCells {
  const merges = Object.values((ws as unknown as { _merges?: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges ?? {});
  let cells = scanned.cells;
  let bad = scanned.bad;
  if (merges.length) {
    const inSlave = (row: number, col: number): boolean => {
      for (const m of merges) {
        if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right && (row !== m.top || col !== m.left)) return true;
      }
      return false;
    };
    for (const m of scanned.masters) if (inSlave(m.row, m.col)) throw new Fallback("shared-formula master inside a merged range");
    // Index rows once, then walk each merge's rows only.
    const rowStart = new Map<number, number>();
    for (let i = 0; i < cells.length; i++) {
      const r = (cells[i] as CellSnapshot).row;
      if (!rowStart.has(r)) rowStart.set(r, i);
    }
    const drop = new Uint8Array(cells.length);
    let dropped = 0;
    for (const m of merges) {
      for (let r = m.top; r <= m.bottom; r++) {
        let i = rowStart.get(r);
        if (i === undefined) continue;
        for (let c = cells[i]; c && c.row === r && c.col <= m.right; c = cells[++i]) {
          if (c.col >= m.left && (r !== m.top || c.col !== m.left) && !drop[i]) {
            drop[i] = 1;
            dropped++;
          }
        }
      }
    }
    if (dropped) cells = cells.filter((_, i) => !drop[i]);
    bad = bad.filter((b) => !inSlave(b.row, b.col));
  }
  const first = bad[0];
  return { cells, skipped: bad.length, firstSkipped: first ? first.reason : "" };
}

/**
 * Read .xlsx bytes the fast way (see the top of this file). Same result as `readXlsx`; files the
 * fast path does not handle are read by `readXlsx` itself.
 */
export async function readXlsxFast(data: Uint8Array, source?: string): Promise<WorkbookSnapshot> {
  sniffXlsx(data, source);
  try {
    return await loadFast(data, source);
  } catch {
    // Fallback, or any failure: the full reader decides (and words the error if there is one).
    return readXlsx(data, source);
  }
}

/**
 * The fast path alone, without the fallback: throws where `readXlsxFast` would hand over to the
 * full reader. For tests (to show a file really took the fast path) and benchmarks.
 */
export async function readXlsxFastOnly(data: Uint8Array, source?: string): Promise<WorkbookSnapshot> {
  sniffXlsx(data, source);
  return loadFast(data, source);
}

/** `Workbook.xlsx.load` (exceljs 4.4.0, lib/xlsx/xlsx.js) with the zip and sheet data done here. */
async function loadFast(data: Uint8Array, source?: string): Promise<WorkbookSnapshot> {
  // Number formats as stored, like readXlsx: this patches the NumFmtXform our StylesXform uses too.
  keepNumberFormatsVerbatim();
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const wb = new ExcelJS.Workbook();
  const xlsx = wb.xlsx as unknown as XlsxInternals;
  const model: LoadModel = {
    worksheets: [],
    worksheetHash: {},
    worksheetRels: [] as unknown as Record<string, Rel[] | undefined>,
    themes: {},
    media: [],
    mediaIndex: {},
    drawings: {},
    drawingRels: {},
    comments: {},
    tables: {},
    vmlDrawings: {},
  };
  const sheetParts: { name: string; sheetNo: string; entry: ZipEntry }[] = [];
  for (const entry of zipEntries(buf)) {
    if (entry.dir) continue;
    const entryName = entry.name;
    const binary = /xl\/media\//.test(entryName) || /xl\/theme\/([a-zA-Z0-9]+)[.]xml/.test(entryName);
    const sheet = /xl\/worksheets\/sheet(\d+)[.]xml/.exec(entryName);
    if (sheet && !["_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml", "docProps/app.xml", "docProps/core.xml"].includes(entryName)) {
      if (binary) throw new Fallback("worksheet name in a media folder");
      // Worksheets wait until styles and shared strings are known (exceljs reconciles them at the end too).
      sheetParts.push({ name: entryName, sheetNo: sheet[1] ?? "", entry });
      continue;
    }
    const bytes = entry.read();
    const stream = binary ? binaryStream(bytes) : xmlChunks(bytes.toString("utf8"));
    switch (entryName) {
      case "_rels/.rels":
        model.globalRels = await xlsx.parseRels(stream);
        break;
      case "xl/workbook.xml": {
        const workbook = await xlsx.parseWorkbook(stream);
        model.sheets = workbook.sheets;
        model.definedNames = workbook.definedNames;
        model.views = workbook.views;
        model.properties = workbook.properties as LoadModel["properties"];
        model.calcProperties = workbook.calcProperties;
        break;
      }
      case "xl/_rels/workbook.xml.rels":
        model.workbookRels = await xlsx.parseRels(stream);
        break;
      case "xl/sharedStrings.xml": {
        const xform = new SharedStringsXform();
        await xform.parseStream(stream);
        model.sharedStrings = xform as unknown as SharedStringsModel;
        break;
      }
      case "xl/styles.xml": {
        const xform = new StylesXform();
        await xform.parseStream(stream);
        model.styles = xform as unknown as StylesModel;
        break;
      }
      case "docProps/app.xml": {
        const appProperties = await new AppXform().parseStream(stream);
        model.company = appProperties.company;
        model.manager = appProperties.manager;
        break;
      }
      case "docProps/core.xml":
        Object.assign(model, await new CoreXform().parseStream(stream));
        break;
      default: {
        let match = entryName.match(/xl\/worksheets\/_rels\/sheet(\d+)[.]xml[.]rels/);
        if (match) {
          await xlsx._processWorksheetRelsEntry(stream, model, match[1] ?? "");
          break;
        }
        match = entryName.match(/xl\/theme\/([a-zA-Z0-9]+)[.]xml/);
        if (match) {
          await xlsx._processThemeEntry(stream, model, match[1] ?? "");
          break;
        }
        match = entryName.match(/xl\/media\/([a-zA-Z0-9]+[.][a-zA-Z0-9]{3,4})$/);
        if (match) {
          await xlsx._processMediaEntry(stream, model, match[1] ?? "");
          break;
        }
        match = entryName.match(/xl\/drawings\/([a-zA-Z0-9]+)[.]xml/);
        if (match) {
          await xlsx._processDrawingEntry(stream, model, match[1] ?? "");
          break;
        }
        match = entryName.match(/xl\/(comments\d+)[.]xml/);
        if (match) {
          await xlsx._processCommentEntry(stream, model, match[1] ?? "");
          break;
        }
        match = entryName.match(/xl\/tables\/(table\d+)[.]xml/);
        if (match) {
          await xlsx._processTableEntry(stream, model, match[1] ?? "");
          break;
        }
        match = entryName.match(/xl\/drawings\/_rels\/([a-zA-Z0-9]+)[.]xml[.]rels/);
        if (match) {
          await xlsx._processDrawingRelsEntry(stream, model, match[1] ?? "");
          break;
        }
        match = entryName.match(/xl\/drawings\/(vmlDrawing\d+)[.]vml/);
        if (match) {
          await xlsx._processVmlDrawingEntry(stream, model, match[1] ?? "");
          break;
        }
      }
    }
  }
  const ctx = {
    styles: model.styles,
    sharedStrings: model.sharedStrings ? model.sharedStrings.values : undefined,
    date1904: Boolean(model.properties && model.properties.date1904),
  };
  const pending: PendingSheet[] = [];
  for (const part of sheetParts) {
    const p = await readWorksheet(part.entry.read().toString("utf8"), ctx, model, part.sheetNo);
    p.model.sheetNo = part.sheetNo;
    model.worksheetHash[part.name] = p.model;
    model.worksheets.push(p.model);
    pending.push(p);
  }
  xlsx.reconcile(model, undefined);
  (wb as unknown as { model: LoadModel }).model = model;
  if (wb.worksheets.length === 0) throw new Fallback("no worksheet");
  // The Workbook keeps a sheet per id (the last model with that id wins); find each one's cells.
  const byId = new Map<number, ScannedSheet>();
  for (const p of pending) if (p.model.id !== undefined) byId.set(p.model.id, p.scanned);
  const sheetCells = new Map<ExcelJS.Worksheet, SheetCells>();
  for (const ws of wb.worksheets) {
    const scanned = byId.get(ws.id);
    if (!scanned) throw new Fallback("worksheet without its part");
    sheetCells.set(ws, applyMerges(ws, scanned));
  }
  return snapshotFromWorkbook(wb, source, (ws) => sheetCells.get(ws) ?? { cells: [], skipped: 0, firstSkipped: "" });
}
