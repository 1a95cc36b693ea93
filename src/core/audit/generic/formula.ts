/**
 * Formula shapes and a small evaluator for the generic checks.
 *
 * Parser choice: `@borgar/fx` (MIT, no dependencies, no native build, ESM, maintained by the GRID
 * spreadsheet team). It tokenizes Excel formulas (sheet prefixes, quoted names, structured and whole
 * row/column references, strings with commas), translates references between A1 and relative R1C1
 * both ways, and parses to an AST. The alternatives were weighed: `excel-formula-tokenizer` only
 * tokenizes (no R1C1, no AST, unmaintained since 2019), `fast-formula-parser` and `hyperformula`
 * are full calculation engines (large, and hyperformula is GPL/commercial). Regexes get quoted sheet
 * names, strings and `$` parts wrong.
 *
 * A formula's shape ("fingerprint") is its R1C1 text: references relative to the cell, `$` parts kept
 * absolute, both ends of ranges, whitespace dropped, function names upper-cased. Formulas copied
 * down a column or across a row share one fingerprint.
 */
import {
  parse,
  parseA1Ref,
  parseR1C1Ref,
  tokenize,
  translateFormulaToA1,
  translateTokensToR1C1,
  type AstExpression,
} from "@borgar/fx";
import { a1, type CellSnapshot, type SheetGrid } from "../../snapshot.js";

export interface RefShape {
  /** Relative offsets (or 0-based absolute indexes where the matching flag is set); null for whole rows/columns. */
  r0: number | null;
  c0: number | null;
  r1: number | null;
  c1: number | null;
  absR0: boolean;
  absC0: boolean;
  absR1: boolean;
  absC1: boolean;
  /** Sheet prefix, "" for the formula's own sheet. */
  context: string;
}

export interface Fingerprint {
  /** The R1C1 text: equal keys mean the same relative formula. */
  key: string;
  /** The key with each reference replaced by a placeholder (its sheet and `$` flags kept). */
  skeleton: string;
  refs: RefShape[];
}

const fpCache = new WeakMap<CellSnapshot, Fingerprint>();

const REF_TYPES = new Set(["range", "range_beam", "range_ternary"]);
const SKIP_TYPES = new Set(["whitespace", "newline", "fx_prefix"]);

/** The relative shape of a cell's formula (cached per cell), or undefined for a cell without one. */
export function fingerprint(c: CellSnapshot): Fingerprint | undefined {
  if (!c.formula) return undefined;
  const hit = fpCache.get(c);
  if (hit) return hit;
  let fp: Fingerprint;
  try {
    const tokens = tokenize(c.formula, { withLocation: false });
    const rel = translateTokensToR1C1(tokens, a1(c.row, c.col));
    let k = "";
    let skel = "";
    const refs: RefShape[] = [];
    for (const t of rel) {
      if (SKIP_TYPES.has(t.type)) continue;
      if (REF_TYPES.has(t.type)) {
        k += t.value;
        const p = parseR1C1Ref(t.value);
        if (p && "range" in p) {
          const r = p.range;
          const shape: RefShape = {
            r0: r.r0 ?? null,
            c0: r.c0 ?? null,
            r1: r.r1 ?? r.r0 ?? null,
            c1: r.c1 ?? r.c0 ?? null,
            absR0: !!r.$r0,
            absC0: !!r.$c0,
            absR1: !!(r.$r1 ?? r.$r0),
            absC1: !!(r.$c1 ?? r.$c0),
            context: (p.context ?? []).join("!"),
          };
          refs.push(shape);
          skel += `¤${shape.context}|${+shape.absR0}${+shape.absC0}${+shape.absR1}${+shape.absC1}${shape.r0 === null ? "R" : ""}${shape.c0 === null ? "C" : ""}¤`;
        } else {
          skel += t.value;
        }
      } else {
        const v = t.type === "func" ? t.value.toUpperCase() : t.value;
        k += v;
        skel += v;
      }
    }
    fp = { key: k, skeleton: skel, refs };
  } catch {
    fp = { key: `=${c.formula}`, skeleton: `=${c.formula}`, refs: [] };
  }
  fpCache.set(c, fp);
  return fp;
}

const MAX_ROW = 1048576;
const MAX_COL = 16384;
/** Marks a reference in a shape code buffer; plain characters are their char codes (≥ 0). */
const REF = -1;
/** Longest formula the fast path reads (longer ones go to the tokenizer). */
const MAX_FAST = 2000;

/** Enough room in a code buffer for any formula the fast path reads. */
export function shapeBuffer(): Int32Array {
  return new Int32Array(3 * MAX_FAST + 16);
}

/** Scratch state of `readRef`: [absolute column?, column, absolute row?, row, end]. */
const REF_PARTS = new Int32Array(5);

/**
 * The char codes of the formula `shapeCodes` is reading, then two zeros: the scanners read this
 * typed array (one charCodeAt per character instead of several). A read at the end sees a 0,
 * which no check accepts, as it saw NaN from charCodeAt.
 */
const CH = new Uint16Array(MAX_FAST + 2);

/** An A1 cell reference (`B5`, `$B$5`, upper case, within the sheet) at `at` of CH (`n` characters), into REF_PARTS. */
function readRef(n: number, at: number): boolean {
  let j = at;
  const absC = (CH[j] ?? 0) === 36;
  if (absC) j++;
  let c = 0;
  const c0 = j;
  while (j < n) {
    const ch = CH[j] ?? 0;
    if (ch < 65 || ch > 90) break;
    c = c * 26 + (ch - 64);
    j++;
  }
  if (j === c0 || j - c0 > 3) return false;
  const absR = (CH[j] ?? 0) === 36;
  if (absR) j++;
  const r0 = j;
  let r = 0;
  while (j < n) {
    const ch = CH[j] ?? 0;
    if (ch < 48 || ch > 57) break;
    r = r * 10 + (ch - 48);
    j++;
  }
  if (j === r0 || j - r0 > 7 || (CH[r0] ?? 0) === 48) return false;
  if (c > MAX_COL || r > MAX_ROW) return false;
  REF_PARTS[0] = absC ? 1 : 0;
  REF_PARTS[1] = c;
  REF_PARTS[2] = absR ? 1 : 0;
  REF_PARTS[3] = r;
  REF_PARTS[4] = j;
  return true;
}

/** A character that may not follow a reference: it would make a name, a sheet or a call of it. */
function badAfterRef(ch: number): boolean {
  return (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 36 || ch === 33 || ch === 46 || ch === 95 || ch === 91 || ch === 40;
}

/** Writes a reference (REF, absR, row or row offset, absC, column or column offset) at `k`; returns the new end. */
function putRef(buf: Int32Array, k: number, absR: number, r: number, absC: number, c: number, row: number, col: number): number {
  buf[k] = REF;
  buf[k + 1] = absR;
  buf[k + 2] = absR ? r : r - row;
  buf[k + 3] = absC;
  buf[k + 4] = absC ? c : c - col;
  return k + 5;
}

/**
 * The shape of a simple formula at a cell as codes in `buf`, without the tokenizer: upper-case A1
 * references and ranges (no sheet names, whole rows/columns or spaces), upper-case function names,
 * plain numbers and the operators + - * / ^ & = < > % , ( ). Returns the number of codes, or -1
 * for anything else (the caller falls back to the tokenizer), so that it never has to guess.
 * Equal codes mean equal fingerprint keys (`renderShape` writes the key).
 */
export function shapeCodes(formula: string, row: number, col: number, buf: Int32Array): number {
  const n = formula.length;
  if (n === 0 || n > MAX_FAST || formula.charCodeAt(0) === 61) return -1; // a leading "=" is the tokenizer's business
  for (let x = 0; x < n; x++) CH[x] = formula.charCodeAt(x);
  CH[n] = 0;
  CH[n + 1] = 0;
  let k = 0;
  let i = 0;
  while (i < n) {
    const ch = CH[i] ?? 0;
    if ((ch >= 65 && ch <= 90) || ch === 36) {
      // A function name (letters and digits up to "(") or a reference.
      let j = i;
      while (j < n) {
        const x = CH[j] ?? 0;
        if ((x >= 65 && x <= 90) || (x >= 48 && x <= 57)) j++;
        else break;
      }
      if (ch !== 36 && (CH[j] ?? 0) === 40) {
        // A name that reads as a reference too (LOG10) is left to the tokenizer.
        if (readRef(n, i) && REF_PARTS[4] === j) return -1;
        for (let x = i; x < j; x++) buf[k++] = CH[x] ?? 0;
        i = j;
        continue;
      }
      if (!readRef(n, i)) return -1;
      const aC = REF_PARTS[0] ?? 0;
      const c1 = REF_PARTS[1] ?? 0;
      const aR = REF_PARTS[2] ?? 0;
      const r1 = REF_PARTS[3] ?? 0;
      i = REF_PARTS[4] ?? n;
      const next = CH[i] ?? 0;
      if (badAfterRef(next)) return -1;
      if (next === 58) {
        if (!readRef(n, i + 1)) return -1;
        const aC2 = REF_PARTS[0] ?? 0;
        const c2 = REF_PARTS[1] ?? 0;
        const aR2 = REF_PARTS[2] ?? 0;
        const r2 = REF_PARTS[3] ?? 0;
        i = REF_PARTS[4] ?? n;
        const after = CH[i] ?? 0;
        if (badAfterRef(after) || after === 58) return -1;
        if (r2 < r1 || c2 < c1) return -1;
        k = putRef(buf, k, aR, r1, aC, c1, row, col);
        // A range whose two ends read the same in R1C1 is written as one cell (as the tokenizer does).
        if (aR2 !== aR || aC2 !== aC || r2 !== r1 || c2 !== c1) {
          buf[k++] = 58;
          k = putRef(buf, k, aR2, r2, aC2, c2, row, col);
        }
      } else {
        k = putRef(buf, k, aR, r1, aC, c1, row, col);
      }
      continue;
    }
    if (ch >= 48 && ch <= 57) {
      // A plain number: digits with an optional decimal part, not followed by a letter (1E3, 1A).
      let j = i;
      while (j < n && (CH[j] ?? 0) >= 48 && (CH[j] ?? 0) <= 57) j++;
      if ((CH[j] ?? 0) === 46) {
        j++;
        const d0 = j;
        while (j < n && (CH[j] ?? 0) >= 48 && (CH[j] ?? 0) <= 57) j++;
        if (j === d0) return -1;
      }
      const after = CH[j] ?? 0;
      if ((after >= 65 && after <= 90) || (after >= 97 && after <= 122) || after === 36 || after === 46 || after === 58 || after === 95 || after === 40) return -1;
      for (let x = i; x < j; x++) buf[k++] = CH[x] ?? 0;
      i = j;
      continue;
    }
    // + - * / ^ & = < > % , ( )
    if (ch === 43 || ch === 45 || ch === 42 || ch === 47 || ch === 94 || ch === 38 || ch === 61 || ch === 60 || ch === 62 || ch === 37 || ch === 44 || ch === 40 || ch === 41) {
      buf[k++] = ch;
      i++;
      continue;
    }
    return -1;
  }
  return k;
}

/** `R[-1]` / `R` / `R5` (and the same with C) for one coordinate of a coded reference. */
function r1c1Part(letter: string, abs: number, v: number): string {
  if (abs) return letter + v;
  return v === 0 ? letter : `${letter}[${v}]`;
}

/** The fingerprint key (R1C1 text) of shape codes. */
export function renderShape(buf: Int32Array, len: number): string {
  let out = "";
  for (let k = 0; k < len; ) {
    const code = buf[k] ?? 0;
    if (code === REF) {
      out += r1c1Part("R", buf[k + 1] ?? 0, buf[k + 2] ?? 0) + r1c1Part("C", buf[k + 3] ?? 0, buf[k + 4] ?? 0);
      k += 5;
    } else {
      out += String.fromCharCode(code);
      k++;
    }
  }
  return out;
}

let keyScratch: Int32Array | undefined;

/** The R1C1 key of a simple formula without the tokenizer (see `shapeCodes`), undefined outside the fast path. */
export function fastKey(formula: string, row: number, col: number): string | undefined {
  keyScratch ??= shapeBuffer();
  const len = shapeCodes(formula, row, col, keyScratch);
  return len < 0 ? undefined : renderShape(keyScratch, len);
}

/** A fingerprint written back as an A1 formula (without `=`) at a cell; undefined when it would fall off the sheet. */
export function fingerprintToA1(fp: Fingerprint, row: number, col: number): string | undefined {
  try {
    const out = translateFormulaToA1(`=${fp.key}`, a1(row, col), { wrapEdges: false });
    if (out.includes("#REF!")) return undefined;
    return out.startsWith("=") ? out.slice(1) : out;
  } catch {
    return undefined;
  }
}

export interface ShiftDiff {
  /** Per differing reference: deltas of its corners (other − base). */
  deltas: { dr0: number; dc0: number; dr1: number; dc1: number }[];
}

/**
 * When `other` is `base` with one or two references moved by a single row or column (a slipped
 * reference, a range that stops one row short), the deltas; otherwise undefined.
 */
export function shiftOf(other: Fingerprint, base: Fingerprint): ShiftDiff | undefined {
  if (other.skeleton !== base.skeleton || other.refs.length !== base.refs.length || other.key === base.key) return undefined;
  const deltas: ShiftDiff["deltas"] = [];
  for (let i = 0; i < base.refs.length; i++) {
    const a = other.refs[i];
    const b = base.refs[i];
    if (!a || !b) return undefined;
    const d = (x: number | null, y: number | null): number | undefined => (x === null || y === null ? (x === y ? 0 : undefined) : x - y);
    const dr0 = d(a.r0, b.r0);
    const dc0 = d(a.c0, b.c0);
    const dr1 = d(a.r1, b.r1);
    const dc1 = d(a.c1, b.c1);
    if (dr0 === undefined || dc0 === undefined || dr1 === undefined || dc1 === undefined) return undefined;
    if (Math.max(Math.abs(dr0), Math.abs(dc0), Math.abs(dr1), Math.abs(dc1)) > 1) return undefined;
    if (dr0 || dc0 || dr1 || dc1) deltas.push({ dr0, dc0, dr1, dc1 });
  }
  if (deltas.length === 0 || deltas.length > 2) return undefined;
  return { deltas };
}

/** Words for a shift, bilingual. */
export function describeShift(s: ShiftDiff): { id: string; en: string } {
  const d = s.deltas[0];
  if (s.deltas.length === 1 && d) {
    const single = d.dr0 === d.dr1 && d.dc0 === d.dc1;
    if (single && d.dc0 === 0) return { id: "satu referensi bergeser satu baris", en: "a reference is shifted by one row" };
    if (single && d.dr0 === 0) return { id: "satu referensi bergeser satu kolom", en: "a reference is shifted by one column" };
    if (d.dr0 === 0 && d.dc0 === 0 && d.dc1 === 0) {
      return d.dr1 < 0
        ? { id: "rentangnya berhenti satu baris terlalu awal", en: "the range stops one row short" }
        : { id: "rentangnya melebar satu baris terlalu jauh", en: "the range extends one row too far" };
    }
    if (d.dr0 === 0 && d.dc0 === 0 && d.dr1 === 0) {
      return d.dc1 < 0
        ? { id: "rentangnya berhenti satu kolom terlalu awal", en: "the range stops one column short" }
        : { id: "rentangnya melebar satu kolom terlalu jauh", en: "the range extends one column too far" };
    }
    if (d.dr1 === 0 && d.dc1 === 0) {
      return { id: "awal rentangnya bergeser satu sel", en: "the range starts one cell off" };
    }
  }
  return { id: "referensinya meleset satu baris/kolom", en: "its references are off by one row/column" };
}

/** Does the shape refer to cells before it on its own line (a column above, a row to the left): a total or running sum? */
export function refersUpstream(fp: Fingerprint, axis: "col" | "row"): boolean {
  return fp.refs.some((r) =>
    axis === "col"
      ? !r.context && !r.absC0 && !r.absC1 && r.c0 === 0 && r.c1 === 0 && r.r1 !== null && !r.absR1 && r.r1 < 0
      : !r.context && !r.absR0 && !r.absR1 && r.r0 === 0 && r.r1 === 0 && r.c1 !== null && !r.absC1 && r.c1 < 0,
  );
}

/** Does the shape read only cells of its own row (a per-row computation such as a ratio)? */
export function rowLocal(fp: Fingerprint): boolean {
  return fp.refs.length > 0 && fp.refs.every((r) => !r.context && !r.absR0 && !r.absR1 && r.r0 === 0 && r.r1 === 0);
}

// ---------------------------------------------------------------------------------------------
// A small evaluator: enough for the formulas that totals and percentages use (arithmetic, SUM,
// AVERAGE, MIN, MAX, COUNT, ROUND*, ABS, IF, IFERROR over numbers in the snapshot). Anything else —
// or any error, text in arithmetic, an unknown function — gives undefined: "not computable".

interface RangeVal {
  kind: "range";
  grid: SheetGrid;
  top: number;
  left: number;
  bottom: number;
  right: number;
}
type Val = number | string | boolean | null | RangeVal;

class NotComputable extends Error {}

const NC = (): never => {
  throw new NotComputable();
};

/** Evaluate a formula (A1, without `=`) against the cached values of the snapshot; undefined when not computable. */
export function evaluateFormula(formula: string, sheet: string, grids: Map<string, SheetGrid>, maxCells = 200_000): number | undefined {
  let budget = maxCells;
  const own = grids.get(sheet);
  let ast: AstExpression;
  try {
    ast = parse(tokenize(formula, { withLocation: false }));
  } catch {
    return undefined;
  }

  function cellVal(grid: SheetGrid, r: number, c: number): Val {
    const cell = grid.get(r, c);
    if (!cell) return null;
    if (cell.error) return NC();
    return cell.value;
  }
  function eachCell(rv: RangeVal, f: (v: Val) => void): void {
    const area = (rv.bottom - rv.top + 1) * (rv.right - rv.left + 1);
    budget -= area;
    if (budget < 0) NC();
    for (let r = rv.top; r <= rv.bottom; r++) for (let c = rv.left; c <= rv.right; c++) f(cellVal(rv.grid, r, c));
  }
  function scalar(v: Val): number | string | boolean | null {
    if (v !== null && typeof v === "object") {
      if (v.top === v.bottom && v.left === v.right) return cellVal(v.grid, v.top, v.left) as number | string | boolean | null;
      return NC();
    }
    return v;
  }
  function toNum(v: Val): number {
    const s = scalar(v);
    if (s === null) return 0;
    if (typeof s === "number") return s;
    if (typeof s === "boolean") return s ? 1 : 0;
    const t = s.trim();
    if (/^[-+]?\d+(\.\d+)?$/.test(t)) return Number(t);
    return NC();
  }
  /** Numbers of the arguments the way SUM reads them: numbers in ranges, coerced scalars. */
  function numbersOf(args: Val[]): number[] {
    const out: number[] = [];
    for (const a of args) {
      if (a !== null && typeof a === "object") {
        eachCell(a, (v) => {
          if (typeof v === "number") out.push(v);
        });
      } else out.push(toNum(a));
    }
    return out;
  }
  function finite(n: number): number {
    return Number.isFinite(n) ? n : NC();
  }
  function roundTo(x: number, d: number, mode: "half" | "up" | "down"): number {
    const f = Math.pow(10, d);
    const s = Math.abs(x) * f;
    const r = mode === "half" ? Math.round(s * (1 + Number.EPSILON * 4)) : mode === "up" ? Math.ceil(s - 1e-9) : Math.floor(s + 1e-9);
    return (x < 0 ? -r : r) / f;
  }

  function ev(n: AstExpression): Val {
    switch (n.type) {
      case "Literal":
        return n.value;
      case "ErrorLiteral":
        return NC();
      case "ReferenceIdentifier": {
        if (n.kind !== "range") return NC();
        const p = parseA1Ref(n.value);
        if (!p || !("range" in p)) return NC();
        const g = p.context && p.context.length ? grids.get(p.context[p.context.length - 1] ?? "") : own;
        const rg = p.range;
        if (!g || rg.top === null || rg.left === null) return NC();
        const bottom = rg.bottom ?? rg.top;
        const right = rg.right ?? rg.left;
        if (bottom === null || right === null) return NC();
        return { kind: "range", grid: g, top: rg.top + 1, left: rg.left + 1, bottom: bottom + 1, right: right + 1 };
      }
      case "UnaryExpression": {
        const [x] = n.arguments;
        if (!x) return NC();
        const v = toNum(ev(x));
        if (n.operator === "-") return -v;
        if (n.operator === "+") return v;
        if (n.operator === "%") return v / 100;
        return NC();
      }
      case "BinaryExpression": {
        const [x, y] = n.arguments;
        if (!x || !y) return NC();
        const op = n.operator;
        if (op === "+" || op === "-" || op === "*" || op === "/" || op === "^") {
          const a = toNum(ev(x));
          const b = toNum(ev(y));
          if (op === "+") return a + b;
          if (op === "-") return a - b;
          if (op === "*") return a * b;
          if (op === "/") return b === 0 ? NC() : a / b;
          return finite(Math.pow(a, b));
        }
        if (op === "=" || op === "<>" || op === "<" || op === ">" || op === "<=" || op === ">=") {
          const a = toNum(ev(x));
          const b = toNum(ev(y));
          return op === "=" ? a === b : op === "<>" ? a !== b : op === "<" ? a < b : op === ">" ? a > b : op === "<=" ? a <= b : a >= b;
        }
        return NC();
      }
      case "CallExpression": {
        const name = n.callee.name.toUpperCase().replace(/^_XLFN\./, "");
        if (name === "IFERROR") {
          const [x, y] = n.arguments;
          if (!x || !y) return NC();
          try {
            return toNum(ev(x));
          } catch (e) {
            if (e instanceof NotComputable) return NC(); // cannot tell an error from "not computable"
            throw e;
          }
        }
        if (name === "IF") {
          const [c, t, f] = n.arguments;
          if (!c) return NC();
          const cond = toNum(ev(c)) !== 0;
          const branch = cond ? t : f;
          if (!branch) return cond ? NC() : false;
          return toNum(ev(branch));
        }
        const args = n.arguments.map((a) => ev(a));
        switch (name) {
          case "SUM":
            return numbersOf(args).reduce((s, v) => s + v, 0);
          case "AVERAGE": {
            const xs = numbersOf(args);
            return xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : NC();
          }
          case "MIN": {
            const xs = numbersOf(args);
            return xs.length ? Math.min(...xs) : 0;
          }
          case "MAX": {
            const xs = numbersOf(args);
            return xs.length ? Math.max(...xs) : 0;
          }
          case "COUNT":
            return numbersOf(args).length;
          case "ABS":
            return Math.abs(toNum(args[0] ?? NC()));
          case "ROUND":
          case "ROUNDUP":
          case "ROUNDDOWN":
            return roundTo(toNum(args[0] ?? NC()), toNum(args[1] ?? 0), name === "ROUND" ? "half" : name === "ROUNDUP" ? "up" : "down");
          default:
            return NC();
        }
      }
      default:
        return NC();
    }
  }

  try {
    const v = toNum(ev(ast));
    return Number.isFinite(v) ? v : undefined;
  } catch (e) {
    if (e instanceof NotComputable) return undefined;
    return undefined;
  }
}
