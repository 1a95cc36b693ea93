/**
 * The Node library entry: `import * as sakip from "sakip-excel"`.
 * Every SAKIP function under its Excel name, taking plain numbers and 2-D arrays, returning numbers
 * (or text), throwing a SakipError whose `code` is the Excel error code on bad input. These are the
 * very functions the custom functions call.
 */
export * from "../core/sheetFunctions.js";
export { SakipError } from "../core/errors.js";
export type { ExcelErrorCode } from "../core/errors.js";
export { parseIdNumber, formatIdNumber, formatIdPercent, roundHalfUp } from "../core/numbers.js";
export type { ParseResult, ParsedNumber, ParseFailure, NumberConvention } from "../core/numbers.js";
export * as formulas from "../core/formulas.js";
export { computeGakum, parseGakumInput, GAKUM_KEYS } from "../core/indicators/gakum.js";
export { computeLayanan, ikkLayanan } from "../core/indicators/layanan.js";
export type * from "../core/snapshot.js";
export { runAudit } from "../core/audit/engine.js";
export type { Finding, AuditResult, Severity } from "../core/audit/types.js";
export { loadBuiltinSchema, parseSchema, parseSchemaText, SchemaError } from "../core/schema/schema.js";
export type { Schema } from "../core/schema/schema.js";
export { readXlsx, XlsxReadError } from "../io/xlsx.js";
export { readXlsxFile } from "../io/xlsx-node.js";
