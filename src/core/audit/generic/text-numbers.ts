/**
 * `text-numbers`, on every sheet, per column stretch (cut at headers/labels and at gaps of 3+ empty rows):
 * - broken id-ID thousands grouping (`23.2547`): error, with the values probably meant;
 * - mixed decimal conventions (`99,01` next to `99.01` as text): warning on the minority style;
 * - numbers stored as text in a column of mostly numbers: warning (SUM skips them silently).
 * Skipped: columns headed No/Kode/NIP/Tahun…, texts with a leading zero (`0812…`, `007`) or 10+
 * bare digits (identifiers), outline numbers (`1.2.3`). One finding per cell, most specific first.
 */
import type { CellSnapshot } from "../../snapshot.js";
import type { AuditContext, Rule } from "../types.js";
import { addr, fmtEn, fmtId, headerAboveAt, isIdHeader, span, perSheetRule } from "./common.js";
import { BROKEN, DASH, NUM, STRFORMULA, TEXTNUM, parseCached, sheetFacts, type SheetFacts } from "./facts.js";

export const TEXT_NUMBERS = "text-numbers";

type Style = "id" | "en" | undefined;

/** Only digits, points and commas: a text `bare` leaves as it is. */
function plainNumeral(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (!((ch >= 48 && ch <= 57) || ch === 46 || ch === 44)) return false;
  }
  return true;
}

/** The bare numeral of a text: no currency, sign, percent, parentheses or closing `,-`. */
export function bare(text: string): string {
  if (plainNumeral(text)) return text; // most texts: nothing for the replacements below to change
  return bareSlow(text);
}

/** `bare` by its definition. */
export function bareSlow(text: string): string {
  return text
    .replace(/[\u00a0\u202f\u2007]/g, " ")
    .trim()
    .replace(/^(?:rp\.?|idr)\s*/i, "")
    .replace(/(?:,-+|\.-+)$/, "")
    .replace(/^[(\-−+]\s*|\s*[)%]$/g, "")
    .replace(/%$/, "")
    .trim();
}

/** Which decimal mark a text uses, when it unambiguously uses one. */
export function decimalStyle(text: string): Style {
  return bareStyle(bare(text));
}

/** `decimalStyle` of a text's bare numeral. */
function bareStyle(s: string): Style {
  if (/^\d{1,3},\d{3}$/.test(s) || /^\d{1,3}\.\d{3}$/.test(s)) return undefined; // grouping or decimal: ambiguous
  if (/^\d{1,3}(?:\.\d{3})+,\d+$/.test(s) || /^\d+,\d+$/.test(s)) return "id";
  if (/^\d{1,3}(?:,\d{3})+\.\d+$/.test(s) || /^\d+\.\d+$/.test(s)) return "en";
  return undefined;
}

/** Bare numerals (see `bare`) that are identifiers rather than quantities. */
function identifierLike(s: string): boolean {
  if (/^0\d/.test(s)) return true;
  if (/^\d{10,}$/.test(s)) return true;
  return false;
}

interface Entry {
  cell: CellSnapshot;
  text: string;
  kind: "textnum" | "broken";
  value?: number;
  candidates?: number[];
  style: Style;
}

function checkSegment(ctx: AuditContext, sheet: string, f: SheetFacts, start: number, end: number, headerPos: number, stretchFlags: number): void {
  // Most stretches hold no number stored as text.
  if (!(stretchFlags & (TEXTNUM | BROKEN))) return;
  const header = f.headerText(headerPos);
  if (isIdHeader(header)) return;
  const { flags, value } = f;
  let numbers = 0;
  let numericSum = 0;
  const entries: Entry[] = [];
  let dashes = 0;
  // Plain texts cut stretches, so the stretch holds numbers, number-like texts and dashes only.
  for (let i = start; i < end; i++) {
    const fl = flags[i] ?? 0;
    if (fl & STRFORMULA) continue;
    if (fl & NUM) {
      numbers++;
      numericSum += value[i] ?? 0;
      continue;
    }
    if (fl & DASH) dashes++; // "-": no data, a placeholder in a column of numbers
    if (!(fl & (TEXTNUM | BROKEN))) continue;
    const c = f.cell(i);
    const t = c.value as string;
    const p = parseCached(t);
    const b = bare(t);
    if (p.ok) {
      if (!identifierLike(b)) entries.push({ cell: c, text: t, kind: "textnum", value: p.value, style: bareStyle(b) });
      continue;
    }
    const groups = b.split(/[.,]/);
    const outline = groups.every((g) => g.length <= 2);
    if (!outline && !identifierLike(b)) entries.push({ cell: c, text: t, kind: "broken", candidates: p.candidates ?? [], style: undefined });
  }
  if (!entries.length) return;
  if (header === undefined && isIdHeader(headerAboveAt(f, start)?.text)) return;
  reportSegment(ctx, sheet, entries, numbers + entries.length + dashes >= 3, numbers, Math.max(Math.abs(numericSum), 1));
}

/** The findings of a stretch's number-like texts (kept out of the scan: see percent-columns' `reportRow`). */
function reportSegment(ctx: AuditContext, sheet: string, entries: Entry[], mostlyNumeric: boolean, numbers: number, total: number): void {
  // Broken grouping: always worth an error when the probable values are known or the column is numeric.
  for (const e of entries) {
    if (e.kind !== "broken") continue;
    const cands = e.candidates ?? [];
    if (!mostlyNumeric && cands.length === 0) continue;
    const at = addr(e.cell.row, e.cell.col);
    const guessId = cands.length ? `; mungkin maksudnya ${cands.map(fmtId).join(" / ")}` : "";
    const guessEn = cands.length ? `; probably meant ${cands.map(fmtEn).join(" / ")}` : "";
    ctx.report({
      rule: TEXT_NUMBERS,
      severity: "error",
      sheet,
      cell: at,
      related: [],
      message_id: `Pengelompokan ribuan "${e.text}" rusak (ada kelompok yang tidak 3 digit)${guessId}. Sel ini terbaca sebagai teks dan tidak ikut dijumlahkan.`,
      message_en: `Broken thousands grouping in "${e.text}" (a group without 3 digits)${guessEn}. The cell reads as text and is left out of sums.`,
      ...(cands[0] !== undefined ? { expected: cands[0], impact: Math.abs(cands[0]) / total } : {}),
      actual: e.text,
    });
  }
  if (!mostlyNumeric) return;

  // Mixed decimal conventions among the text numbers.
  const ids = entries.filter((e) => e.style === "id");
  const ens = entries.filter((e) => e.style === "en");
  const mixed = new Set<Entry>();
  if (ids.length && ens.length) {
    const minority = ens.length <= ids.length ? ens : ids;
    const majority = minority === ens ? ids : ens;
    const ex = majority[0];
    for (const e of minority) {
      mixed.add(e);
      const at = addr(e.cell.row, e.cell.col);
      const exAt = ex ? addr(ex.cell.row, ex.cell.col) : "";
      const markId = e.style === "en" ? "titik" : "koma";
      const otherId = e.style === "en" ? "koma" : "titik";
      const markEn = e.style === "en" ? "a point" : "a comma";
      const otherEn = e.style === "en" ? "a comma" : "a point";
      ctx.report({
        rule: TEXT_NUMBERS,
        severity: "warning",
        sheet,
        cell: at,
        related: ex ? [exAt] : [],
        message_id: `Konvensi desimal campuran: "${e.text}" memakai ${markId} sebagai tanda desimal, sedangkan ${majority.length} sel lain di kolom ini memakai ${otherId} (mis. ${exAt} "${ex?.text ?? ""}"). Samakan penulisannya dan simpan sebagai angka.`,
        message_en: `Mixed decimal conventions: "${e.text}" uses ${markEn} as decimal mark while ${majority.length} other cells of this column use ${otherEn} (e.g. ${exAt} "${ex?.text ?? ""}"). Write them one way and store them as numbers.`,
        ...(e.value !== undefined ? { expected: e.value, impact: Math.abs(e.value) / total } : {}),
        actual: e.text,
      });
    }
  }

  // Numbers stored as text.
  const textNums = entries.filter((e) => e.kind === "textnum" && !mixed.has(e));
  if (!textNums.length) return;
  if (numbers === 0) {
    // A column typed entirely as text: one finding for the stretch, not one per cell.
    const first = textNums[0];
    const lastE = textNums[textNums.length - 1];
    if (!first || !lastE || textNums.length < 2) return;
    const sum = textNums.reduce((s, e) => s + (e.value ?? 0), 0);
    const at = addr(first.cell.row, first.cell.col);
    ctx.report({
      rule: TEXT_NUMBERS,
      severity: "warning",
      sheet,
      cell: at,
      related: [span(first.cell.row, first.cell.col, lastE.cell.row, lastE.cell.col)],
      message_id: `${textNums.length} angka di kolom ini disimpan sebagai teks (mis. "${first.text}"); rumus SUM dan sejenisnya melewatkannya.`,
      message_en: `${textNums.length} numbers in this column are stored as text (e.g. "${first.text}"); SUM and similar formulas skip them.`,
      expected: sum,
      actual: first.text,
      impact: 1,
    });
    return;
  }
  for (const e of textNums) {
    const at = addr(e.cell.row, e.cell.col);
    const v = e.value ?? 0;
    ctx.report({
      rule: TEXT_NUMBERS,
      severity: "warning",
      sheet,
      cell: at,
      related: [],
      message_id: `Angka disimpan sebagai teks: "${e.text}" (terbaca ${fmtId(v)}) di kolom berisi angka; rumus SUM dan sejenisnya melewatkannya.`,
      message_en: `Number stored as text: "${e.text}" (reads as ${fmtEn(v)}) in a column of numbers; SUM and similar formulas skip it.`,
      expected: v,
      actual: e.text,
      impact: Math.abs(v) / total,
    });
  }
}

export const textNumbersRule: Rule = perSheetRule({
  id: TEXT_NUMBERS,
  title_id: "Angka tersimpan sebagai teks dan penulisan angka yang rusak",
  title_en: "Numbers stored as text and malformed numbers",
  check(ctx, grid) {
    const f = sheetFacts(grid);
    const st = f.stretches();
    const or = f.stretchFlags();
    const sheet = grid.sheet.name;
    for (let s = 0; s < st.length; s += 3) checkSegment(ctx, sheet, f, st[s] ?? 0, st[s + 1] ?? 0, st[s + 2] ?? -1, or[s / 3] ?? 0);
  },
});
