/**
 * The Node library entry: `import * as sakip from "sakip-excel"`.
 * Every SAKIP function under its Excel name, taking plain numbers and 2-D arrays, returning numbers
 * (or text), throwing a SakipError whose `code` is the Excel error code on bad input. These are the
 * very functions the custom functions call.
 */
export {
  CAPAIAN,
  RASIO,
  INDEKS_KOMPOSIT,
  IKK_LAYANAN,
  IKK_GAKUM,
  RATA_CAPAIAN,
  SERAPAN,
  IKPA,
  PREDIKAT_IKPA,
  PREDIKAT_SAKIP,
  ANGKA_ID,
  TEKS_ID,
  SHEET_FUNCTIONS,
} from "../core/sheetFunctions.js";
export type { SheetFunctionName } from "../core/sheetFunctions.js";
export { SakipError } from "../core/errors.js";
export type { ExcelErrorCode } from "../core/errors.js";
export { parseIdNumber, formatIdNumber, formatIdPercent, roundHalfUp } from "../core/numbers.js";
export type { ParseResult, ParsedNumber, ParseFailure, NumberConvention } from "../core/numbers.js";
export * as formulas from "../core/formulas.js";
export { computeGakum, parseGakumInput, GAKUM_KEYS } from "../core/indicators/gakum.js";
export { computeLayanan, ikkLayanan } from "../core/indicators/layanan.js";
export type * from "../core/snapshot.js";
