/**
 * Excel-style errors raised by the core. Every failure of a formula is a SakipError carrying
 * the Excel error code it maps to and a bilingual message (Indonesian first, English beside).
 */
export type ExcelErrorCode = "#VALUE!" | "#DIV/0!" | "#NUM!" | "#N/A" | "#REF!" | "#NAME?" | "#NULL!";

export const EXCEL_ERROR_CODES: readonly ExcelErrorCode[] = [
  "#VALUE!",
  "#DIV/0!",
  "#NUM!",
  "#N/A",
  "#REF!",
  "#NAME?",
  "#NULL!",
];

/** Extra Excel error literals that can appear in cells but never come out of our formulas. */
const OTHER_CELL_ERRORS = ["#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"];

export function isExcelErrorLiteral(text: string): boolean {
  const t = text.trim().toUpperCase();
  return (EXCEL_ERROR_CODES as readonly string[]).includes(t) || OTHER_CELL_ERRORS.includes(t);
}

export class SakipError extends Error {
  readonly code: ExcelErrorCode;
  readonly messageId: string;
  readonly messageEn: string;

  constructor(code: ExcelErrorCode, messageId: string, messageEn: string) {
    super(`${code} ${messageId} (${messageEn})`);
    this.name = "SakipError";
    this.code = code;
    this.messageId = messageId;
    this.messageEn = messageEn;
  }

  /** The text a user sees: Indonesian first, English beside. */
  get userMessage(): string {
    return `${this.messageId} / ${this.messageEn}`;
  }
}

export function fail(code: ExcelErrorCode, messageId: string, messageEn: string): never {
  throw new SakipError(code, messageId, messageEn);
}
