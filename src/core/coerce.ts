/**
 * The one argument-coercion path shared by the custom functions and the Node library.
 * Excel hands a function numbers, strings, booleans, empty cells (null or ""), errors, and 2-D
 * arrays for ranges. Text numbers are read the id-ID way. Everything that is not a usable number
 * becomes a SakipError with the Excel code that fits.
 */
import { SakipError, fail, isExcelErrorLiteral, type ExcelErrorCode } from "./errors.js";
import { parseIdNumber } from "./numbers.js";

export type Scalar = number | string | boolean | null | undefined;
export type Matrix = unknown[][];

/** An Excel error passed in as a value: a CustomFunctions.Error-like object or an error literal. */
export function asExcelError(v: unknown): ExcelErrorCode | undefined {
  if (v instanceof SakipError) return v.code;
  if (typeof v === "string" && v.startsWith("#") && isExcelErrorLiteral(v)) {
    const t = v.trim().toUpperCase();
    return (["#VALUE!", "#DIV/0!", "#NUM!", "#N/A", "#REF!", "#NAME?", "#NULL!"] as const).find((c) => c === t) ?? "#VALUE!";
  }
  if (v && typeof v === "object" && !Array.isArray(v) && typeof (v as { code?: unknown }).code === "string") {
    const code = String((v as { code: string }).code);
    const known = (["#VALUE!", "#DIV/0!", "#NUM!", "#N/A", "#REF!", "#NAME?", "#NULL!"] as const).find((c) => c === code);
    return known ?? "#VALUE!";
  }
  return undefined;
}

export function isBlank(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "string") {
    const t = v.trim();
    return t === "" || t === "-" || t === "–" || t === "—";
  }
  return false;
}

/** Unwrap a 1×1 range into its value (Excel passes a single cell as [[v]] to a range parameter). */
function unwrap(v: unknown): unknown {
  if (Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1) return v[0][0];
  return v;
}

/**
 * A required number argument. `name` is the Indonesian parameter name used in messages.
 * Blank → #N/A (data not available), text that is not a number → #VALUE!, boolean → #VALUE!,
 * NaN/Infinity → #NUM!.
 */
export function toNumber(raw: unknown, name: string): number {
  const v = unwrap(raw);
  const err = asExcelError(v);
  if (err) fail(err, `${name}: masukan berisi galat ${err}`, `${name}: the input holds the error ${err}`);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) fail("#NUM!", `${name}: bukan angka terhingga`, `${name}: not a finite number`);
    return v;
  }
  if (isBlank(v)) fail("#N/A", `${name}: kosong, data belum tersedia`, `${name}: empty, no data yet`);
  if (typeof v === "boolean") fail("#VALUE!", `${name}: nilai logika ${v ? "TRUE" : "FALSE"} bukan angka`, `${name}: the logical value ${v ? "TRUE" : "FALSE"} is not a number`);
  if (typeof v === "string") {
    const p = parseIdNumber(v);
    if (p.ok) return p.value;
    fail(p.kind === "error_value" ? "#VALUE!" : "#VALUE!", `${name}: ${p.messageId}`, `${name}: ${p.messageEn}`);
  }
  if (Array.isArray(v)) fail("#VALUE!", `${name}: harus satu sel, bukan rentang`, `${name}: must be one cell, not a range`);
  return fail("#VALUE!", `${name}: jenis nilai tidak dikenal`, `${name}: unknown kind of value`);
}

/** An optional number argument: blank or omitted gives `fallback`. */
export function toOptionalNumber(raw: unknown, name: string, fallback: number): number {
  const v = unwrap(raw);
  if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) return fallback;
  return toNumber(v, name);
}

/** An optional text argument (an option keyword), lower-cased and trimmed. */
export function toOptionalText(raw: unknown, name: string, fallback: string): string {
  const v = unwrap(raw);
  if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) return fallback;
  const err = asExcelError(v);
  if (err) fail(err, `${name}: masukan berisi galat ${err}`, `${name}: the input holds the error ${err}`);
  if (typeof v !== "string") fail("#VALUE!", `${name}: harus teks`, `${name}: must be text`);
  return v.trim().toLowerCase();
}

/** Any value as a 2-D matrix: a scalar becomes [[v]], a 1-D array a single row. */
export function toMatrix(raw: unknown, name: string): unknown[][] {
  if (raw === undefined) fail("#VALUE!", `${name}: rentang wajib diisi`, `${name}: a range is required`);
  if (!Array.isArray(raw)) return [[raw]];
  if (raw.length === 0) fail("#VALUE!", `${name}: rentang kosong`, `${name}: empty range`);
  if (raw.every((r) => Array.isArray(r))) return raw as unknown[][];
  return [raw as unknown[]];
}

/**
 * The numbers of a range, in row-major order. Blank cells are skipped (`skipBlank`) or refused;
 * any other non-number refuses the whole range with the cell's position.
 */
export function toNumberList(raw: unknown, name: string, skipBlank = true): number[] {
  const m = toMatrix(raw, name);
  const out: number[] = [];
  m.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (skipBlank && isBlank(cell)) return;
      out.push(toNumber(cell, `${name}[${r + 1},${c + 1}]`));
    }),
  );
  return out;
}

/** The numbers of a range, keeping blanks as `null` (for ranges that must line up). */
export function toNumberListWithBlanks(raw: unknown, name: string): (number | null)[] {
  const m = toMatrix(raw, name);
  const out: (number | null)[] = [];
  m.forEach((row, r) =>
    row.forEach((cell, c) => {
      out.push(isBlank(cell) ? null : toNumber(cell, `${name}[${r + 1},${c + 1}]`));
    }),
  );
  return out;
}

/** A finite result or #NUM!: no NaN or Infinity ever leaves a function. */
export function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) fail("#NUM!", `${what}: hasil bukan angka terhingga`, `${what}: the result is not a finite number`);
  return value === 0 ? 0 : value; // no -0
}
