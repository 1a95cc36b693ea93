/**
 * The audit model built once per run from the recognised tables: calculation blocks bound to the
 * schema's calcs, capaian rows bound to indicators, and helpers to compare a stated value with the
 * value recomputed from its inputs, within the sheet's display rounding.
 */
import { a1, type CellSnapshot } from "../../snapshot.js";
import { formatIdNumber } from "../../numbers.js";
import { normalizeLabel } from "../../text.js";
import type { CalcDef, IndicatorDef, Schema } from "../../schema/schema.js";
import type { SchemaAuditContext } from "../engine.js";
import type { Rule } from "../types.js";
import { cellNumber, isPercentCell, type RecognisedTable, type TableRow } from "../tables.js";
import { formatInfo } from "../generic/common.js";

/** A schema rule: its check sees the recognised tables and the schema. */
export function schemaRule(def: { id: string; title_id: string; title_en: string; check: (ctx: SchemaAuditContext) => void }): Rule {
  return { id: def.id, title_id: def.title_id, title_en: def.title_en, source: "schema", run: (ctx) => def.check(ctx as SchemaAuditContext) };
}

export const fmt = (n: number | null | undefined, d?: number): string => (n === null || n === undefined ? "–" : formatIdNumber(n, d));

/**
 * Decimals of the value a number format shows, as `formatInfo` reads the format (its first section,
 * quoted text, escapes and brackets skipped, `0`, `#` and `?` places after the point; a percent
 * format two more). 0 for a format without digit places.
 */
function decimalsOfFormat(f: string): number {
  return formatInfo(f)?.valueDecimals ?? 0;
}

/** Decimals the sheet shows for a cell: from its number format, else from the typed value. */
export function displayDecimals(c: CellSnapshot | undefined): number {
  if (!c) return 2;
  const f = c.numberFormat;
  if (f && f !== "General" && f !== "@") return decimalsOfFormat(f);
  if (c.formula) return 2;
  const v = c.value;
  if (typeof v === "number") {
    const s = String(v);
    const i = s.indexOf(".");
    return i < 0 ? 0 : Math.min(6, s.length - i - 1);
  }
  if (typeof v === "string") {
    const m = /[.,](\d+)\s*%?\s*$/.exec(v.trim());
    return m ? Math.min(6, (m[1] ?? "").length) : 0;
  }
  return 2;
}

export type Verdict = "ok" | "drift" | "error";

/** 10^-d for the usual decimals, computed once (Math.pow is slow in a loop over every row). */
const UNITS = Array.from({ length: 16 }, (_, d) => Math.pow(10, -d));

/**
 * Compare a stated value with the recomputed one at the stated cell's display precision:
 * within half a unit (or a truncation) is ok, within 2.5 units is rounding drift, beyond is an error.
 * `scaleStated` converts the stated value to the expected's scale (e.g. 100 for a fraction shown as %).
 */
export function verdict(stated: number, expected: number, cell: CellSnapshot | undefined, scaleStated = 1): Verdict {
  const s = stated * scaleStated;
  // Equal figures are ok at any precision (the usual case; infinities go the long way, to "error").
  if (s === expected && Number.isFinite(s)) return "ok";
  const decimals = Math.max(0, displayDecimals(cell) - (scaleStated === 100 ? 2 : 0));
  const diff = Math.abs(s - expected);
  // Counts and Rupiah amounts are exact: a sum of integers off by one is wrong, not rounded.
  if (decimals === 0 && Number.isInteger(s) && Number.isInteger(expected)) return diff === 0 ? "ok" : "error";
  const unit = UNITS[decimals] ?? Math.pow(10, -decimals);
  const eps = 1e-9 * Math.max(1, Math.abs(expected));
  if (diff <= unit / 2 + eps) return "ok";
  // A truncated figure (79,495 shown as 79,49) lands here: drift, not an error.
  if (diff <= unit * 2.5 + eps) return "drift";
  return "error";
}

export function relImpact(stated: number, expected: number): number {
  return Math.abs(stated - expected) / Math.max(Math.abs(expected), 1e-9);
}

/** `K1`, `D2`, `I1`, `X` from a label such as "D1", "K1 = ...", "Indeks ... (K1)". */
export function codeOf(label: string): string | undefined {
  const t = label.trim();
  const lead = /^(?:nilai\s+)?(X|[A-Z]{1,2}\d{1,2})(?:\b|[\s:=(.-])/i.exec(t);
  if (lead) return (lead[1] ?? "").toUpperCase();
  const paren = /\((X|[A-Z]{1,2}\d{1,2})\)/i.exec(t);
  if (paren) return (paren[1] ?? "").toUpperCase();
  return undefined;
}

export interface CalcRow {
  t: TableRow;
  label: string;
  code: string | undefined;
  pembilang: number | null;
  penyebut: number | null;
  nilai: number | null;
  /** Weight as a fraction (0–1), null when the row has none. */
  bobot: number | null;
  produk: number | null;
  negatif: boolean;
  policy: string;
}

export interface CalcBlock {
  table: RecognisedTable;
  parts: CalcRow[];
  result?: CalcRow;
  def?: CalcDef;
}

function readCalcRow(t: TableRow): CalcRow {
  const label = t.text("komponen");
  const bobotCell = t.cell("bobot");
  let bobot = cellNumber(bobotCell);
  if (bobot !== null && !isPercentCell(bobotCell) && bobot > 1) bobot = bobot / 100;
  const pol = normalizeLabel(t.text("polaritas"));
  return {
    t,
    label,
    code: codeOf(label),
    pembilang: t.num("pembilang"),
    penyebut: t.num("penyebut"),
    nilai: t.num("nilai"),
    bobot,
    produk: t.num("produk"),
    negatif: pol.startsWith("negatif") || pol.startsWith("negative") || pol === "-",
    policy: normalizeLabel(t.text("kebijakan")),
  };
}

function splitBlocks(table: RecognisedTable): CalcBlock[] {
  const blocks: CalcBlock[] = [];
  let parts: CalcRow[] = [];
  for (const t of table.rows) {
    const r = readCalcRow(t);
    if (r.nilai === null && r.pembilang === null && r.penyebut === null && r.produk === null) continue;
    if (r.bobot !== null) {
      parts.push(r);
      continue;
    }
    // A row without weight: the result of the parts above, or a single ratio.
    blocks.push({ table, parts, result: r });
    parts = [];
  }
  if (parts.length) blocks.push({ table, parts });
  return blocks;
}

function bindScore(block: CalcBlock, def: CalcDef): number {
  let score = 0;
  const title = normalizeLabel(block.table.title);
  if (def.title_match.some((w) => title.includes(normalizeLabel(w)))) score += 3;
  if (block.result?.code === def.result.toUpperCase()) score += 2;
  const codes = block.parts.map((p) => p.code);
  const want = def.parts.map((p) => p.label.toUpperCase());
  if (want.length === 0 && block.parts.length === 0 && block.result?.pembilang !== null) score += 1;
  for (const c of codes) score += c && want.includes(c) ? 1 : -1;
  for (const w of want) if (!codes.includes(w)) score -= 1;
  return score;
}

export interface CapaianRow {
  table: RecognisedTable;
  t: TableRow;
  label: string;
  indicator?: IndicatorDef;
  target: number | null;
  realisasi: number | null;
  capaian: number | null;
  isAverage: boolean;
  isBudget: boolean;
}

export interface AuditModel {
  blocks: CalcBlock[];
  byCalc: Map<string, CalcBlock>;
  capaian: CapaianRow[];
  schema: Schema;
}

const models = new WeakMap<object, AuditModel>();

/** Each indicator's label variants, normalised once per schema (empty variants dropped). */
const indicatorLabels = new WeakMap<Schema, { indicator: IndicatorDef; variants: string[] }[]>();

function indicatorLabelsOf(schema: Schema): { indicator: IndicatorDef; variants: string[] }[] {
  let list = indicatorLabels.get(schema);
  if (!list) {
    list = schema.indicators.map((indicator) => ({ indicator, variants: indicator.labels.map(normalizeLabel).filter((n) => n !== "") }));
    indicatorLabels.set(schema, list);
  }
  return list;
}

/** The first indicator one of whose labels the given label equals or contains. */
export function findIndicator(schema: Schema, label: string): IndicatorDef | undefined {
  const list = indicatorLabelsOf(schema);
  return indicatorOfNormalized(list, normalizeLabel(label));
}

function indicatorOfNormalized(list: readonly { indicator: IndicatorDef; variants: string[] }[], l: string): IndicatorDef | undefined {
  for (let i = 0; i < list.length; i++) {
    const { indicator, variants } = list[i] as { indicator: IndicatorDef; variants: string[] };
    for (let j = 0; j < variants.length; j++) {
      const n = variants[j] as string;
      if (l === n || l.includes(n)) return indicator;
    }
  }
  return undefined;
}

/** The capaian rows of one table, added to `out`. */
function readCapaianRows(table: RecognisedTable, indicators: readonly { indicator: IndicatorDef; variants: string[] }[], out: CapaianRow[]): void {
  const rows = table.rows;
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i] as TableRow;
    const indikator = t.text("indikator");
    const uraian = t.text("uraian");
    const named = indikator || uraian;
    const label = (indikator && uraian ? `${indikator} ${uraian}` : named) || t.text("sasaran");
    const n = normalizeLabel(label);
    out.push({
      table,
      t,
      label,
      // The label is the indicator's own text unless both columns are filled (or neither).
      indicator: indicatorOfNormalized(indicators, label === named ? n : normalizeLabel(named)),
      target: t.num("target"),
      realisasi: t.num("realisasi"),
      capaian: t.num("capaian"),
      isAverage: n.includes("rata rata") || n.startsWith("rerata"),
      isBudget: n.startsWith("anggaran") || n.includes("pagu"),
    });
  }
}

export function modelOf(ctx: SchemaAuditContext): AuditModel {
  const cached = models.get(ctx.tables);
  if (cached) return cached;
  const blocks = ctx.tables.filter((t) => t.def.role === "calc").flatMap(splitBlocks);
  const byCalc = new Map<string, CalcBlock>();
  const pairs: { b: CalcBlock; d: CalcDef; s: number }[] = [];
  for (const b of blocks) for (const d of ctx.schema.calcs) pairs.push({ b, d, s: bindScore(b, d) });
  pairs.sort((x, y) => y.s - x.s);
  for (const { b, d, s } of pairs) {
    if (s < 2 || b.def || byCalc.has(d.id)) continue;
    b.def = d;
    byCalc.set(d.id, b);
  }
  const capaian: CapaianRow[] = [];
  const indicators = indicatorLabelsOf(ctx.schema);
  for (const table of ctx.tables) if (table.def.role === "capaian") readCapaianRows(table, indicators, capaian);
  const model = { blocks, byCalc, capaian, schema: ctx.schema };
  models.set(ctx.tables, model);
  return model;
}

/** `Sheet!A1` of a table row's column. */
export function addr(table: RecognisedTable, t: TableRow, col: string, instance = 0): string {
  const c = t.colOf(col, instance);
  return a1(t.row, c ?? table.columns.values().next().value?.[0] ?? 1);
}

export function cellRef(table: RecognisedTable, t: TableRow, col: string, instance = 0): string {
  return `${table.sheet}!${addr(table, t, col, instance)}`;
}
