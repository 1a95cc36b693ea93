/**
 * Write the findings into a NEW sheet ("Audit SAKIP", or "Audit SAKIP (2)" when taken). No other
 * sheet is touched. Each finding's cell is a HYPERLINK that jumps to it.
 */
import type { Finding, Severity } from "../core/audit/types.js";

export type Lang = "id" | "en";

export const REPORT_SHEET = "Audit SAKIP";

const HEADERS: Record<Lang, string[]> = {
  id: ["Tingkat", "Aturan", "Lembar", "Sel", "Pesan", "Diharapkan", "Aktual"],
  en: ["Severity", "Rule", "Sheet", "Cell", "Message", "Expected", "Actual"],
};

const SEVERITY_TEXT: Record<Lang, Record<Severity, string>> = {
  id: { error: "Galat", warning: "Peringatan", info: "Info" },
  en: { error: "Error", warning: "Warning", info: "Info" },
};

const NO_FINDINGS: Record<Lang, string> = {
  id: "Tidak ada temuan",
  en: "No findings",
};

/** A sheet name not yet used (Excel compares sheet names case-insensitively). */
export function freeSheetName(existing: string[], base = REPORT_SHEET): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base} (${i})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** `=HYPERLINK("#'Sheet'!A1","Sheet!A1")`, quotes escaped for both the sheet reference and the string. */
export function hyperlinkFormula(sheet: string, address: string): string {
  const cell = address.replace(/\$/g, "");
  const target = `#'${sheet.replace(/'/g, "''")}'!${cell}`;
  const text = `${sheet}!${cell}`;
  const str = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return `=HYPERLINK(${str(target)},${str(text)})`;
}

type Cell = string | number;

/** Text that Excel would read as a formula is kept as text. */
const safeText = (s: string): string => (s.startsWith("=") ? `'${s}` : s);

/** The report rows: values (text forced to stay text) and the cell column's formulas. */
export function reportRows(findings: Finding[], lang: Lang): { values: Cell[][]; formats: string[][]; links: string[][] } {
  const values: Cell[][] = [HEADERS[lang]];
  const formats: string[][] = [HEADERS[lang].map(() => "@")];
  const links: string[][] = [];
  const val = (v: Finding["expected"]): { v: Cell; f: string } =>
    typeof v === "number" && Number.isFinite(v) ? { v, f: "General" } : { v: v === null || v === undefined ? "" : safeText(String(v)), f: "@" };
  for (const f of findings) {
    const e = val(f.expected);
    const a = val(f.actual);
    values.push([
      SEVERITY_TEXT[lang][f.severity],
      f.rule,
      safeText(f.sheet),
      `${f.sheet}!${f.cell}`,
      safeText(lang === "id" ? f.message_id : f.message_en),
      e.v,
      a.v,
    ]);
    formats.push(["@", "@", "@", "General", "@", e.f, a.f]);
    links.push([hyperlinkFormula(f.sheet, f.cell)]);
  }
  if (!findings.length) {
    values.push(["", "", "", "", NO_FINDINGS[lang], "", ""]);
    formats.push(HEADERS[lang].map(() => "@"));
  }
  return { values, formats, links };
}

export interface ReportResult {
  sheet: string;
  rows: number;
  syncs: number;
}

export async function writeReport(context: Excel.RequestContext, findings: Finding[], lang: Lang): Promise<ReportResult> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const name = freeSheetName(sheets.items.map((s) => s.name));
  const ws = sheets.add(name);
  const { values, formats, links } = reportRows(findings, lang);
  const cols = HEADERS[lang].length;
  const all = ws.getRangeByIndexes(0, 0, values.length, cols);
  // Number formats first: "@" keeps text such as "23.2547" from being turned into a number.
  all.numberFormat = formats;
  all.values = values;
  if (links.length) ws.getRangeByIndexes(1, 3, links.length, 1).formulas = links;
  const header = ws.getRangeByIndexes(0, 0, 1, cols);
  header.format.font.bold = true;
  ws.getRangeByIndexes(0, 4, values.length, 1).format.wrapText = true;
  ws.getRangeByIndexes(0, 4, 1, 1).format.columnWidth = 360;
  ws.freezePanes.freezeRows(1);
  ws.activate();
  await context.sync();
  return { sheet: name, rows: findings.length, syncs: 2 };
}
