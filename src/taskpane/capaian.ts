/**
 * The capaian (achievement) of each of the schema's indicators, for the task pane's chart: found in
 * the workbook's capaian table (a table of role "capaian", recognised by its headers) — the row
 * whose indicator label names the indicator, with its target, realisasi and capaian.
 *
 * Tolerant by design: whatever cannot be found is null, and nothing here throws.
 */
import { recogniseTables, isPercentCell, type RecognisedTable, type TableRow } from "../core/audit/tables.js";
import type { IndicatorDef, Schema } from "../core/schema/schema.js";
import { SheetGrid, a1, type WorkbookSnapshot } from "../core/snapshot.js";
import { normalizeLabel } from "../core/text.js";

export interface CapaianPoint {
  /** Schema indicator id, or the row label when the schema has no matching indicator. */
  id: string;
  /** Short name for the chart. */
  name: string;
  /** The indicator's full name. */
  title: string;
  unit?: "indeks" | "persen";
  target: number | null;
  realisasi: number | null;
  /** Percent (0–100+ scale): 95.73 means 95,73%. */
  capaian: number | null;
  /** Where the row is, e.g. `Tabel 3!F12` (capaian cell, else the label cell). */
  where?: string;
}

function labelIs(label: string, variants: readonly string[]): boolean {
  const l = normalizeLabel(label);
  if (!l) return false;
  return variants.some((v) => {
    const n = normalizeLabel(v);
    return n !== "" && (l === n || l.includes(n));
  });
}

const MAX_NAME = 48;

function clip(label: string): string {
  return label.length <= MAX_NAME ? label : `${label.slice(0, MAX_NAME - 1).trimEnd()}…`;
}

/** The indicator's shortest recognisable label (its first label), clipped for the chart. */
function shortName(ind: IndicatorDef): string {
  return clip(ind.labels[0] ?? ind.name);
}

function rowLabel(r: TableRow): string {
  return [r.text("indikator"), r.text("uraian")].filter(Boolean).join(" ");
}

function isSummaryRow(label: string): boolean {
  const n = normalizeLabel(label);
  return n.includes("rata rata") || n.startsWith("rerata") || n.startsWith("anggaran") || n.includes("pagu") || n.startsWith("jumlah") || n.startsWith("total");
}

/** Capaian on the percent scale from the row, stated or computed. */
function pointOf(r: TableRow, polarity: "positif" | "negatif"): Pick<CapaianPoint, "target" | "realisasi" | "capaian"> {
  const target = r.num("target");
  const realisasi = r.num("realisasi");
  let capaian = r.num("capaian");
  if (capaian !== null && isPercentCell(r.cell("capaian"))) capaian *= 100;
  if (capaian === null && target !== null && realisasi !== null && target > 0 && realisasi >= 0) {
    const tPct = isPercentCell(r.cell("target"));
    const rPct = isPercentCell(r.cell("realisasi"));
    const t = tPct && !rPct ? target * 100 : !tPct && rPct ? target / 100 : target;
    if (t > 0) capaian = polarity === "negatif" ? Math.max(0, (2 - realisasi / t) * 100) : (realisasi / t) * 100;
  }
  return { target, realisasi, capaian };
}

function whereOf(table: RecognisedTable, r: TableRow): string | undefined {
  const col = r.colOf("capaian") ?? r.colOf("indikator") ?? r.colOf("uraian");
  return col === undefined ? undefined : `${table.sheet}!${a1(r.row, col)}`;
}

/**
 * One point per schema indicator (in schema order; capaian null when not found). Without schema
 * indicators, one point per labelled row of the capaian tables. `recognised`: the tables the audit
 * already recognised in this snapshot with this schema (they are recognised here otherwise).
 */
export function capaianSeries(snapshot: WorkbookSnapshot, schema: Schema, recognised?: readonly RecognisedTable[]): CapaianPoint[] {
  let tables: RecognisedTable[];
  try {
    let all = recognised;
    if (!all) {
      const grids = new Map(snapshot.sheets.map((s) => [s.name, new SheetGrid(s)]));
      all = recogniseTables(snapshot, grids, schema);
    }
    tables = all.filter((t) => t.def.role === "capaian");
  } catch {
    tables = [];
  }
  const rows: { table: RecognisedTable; r: TableRow; label: string }[] = [];
  for (const table of tables) {
    for (const r of table.rows) {
      const label = rowLabel(r);
      if (label && !isSummaryRow(label)) rows.push({ table, r, label });
    }
  }
  const indicators = schema.indicators ?? [];
  if (indicators.length === 0) {
    return rows
      .map(({ table, r, label }) => ({ id: label, name: clip(label), title: label, ...pointOf(r, "positif"), where: whereOf(table, r) }))
      .filter((p) => p.capaian !== null)
      .slice(0, 12);
  }
  const year = schema.year === undefined ? "" : String(schema.year);
  return indicators.map((ind) => {
    const matches = rows.filter((x) => labelIs(x.r.text("indikator") || x.label, ind.labels) || labelIs(x.label, [ind.name]));
    // Prefer a row with numbers; among several (one per year), the one naming the report year.
    const withNumbers = matches
      .map((m) => ({ m, p: pointOf(m.r, ind.polarity) }))
      .filter((x) => x.p.capaian !== null || (x.p.target !== null && x.p.realisasi !== null));
    const best = (year && withNumbers.find((x) => normalizeLabel(x.m.label).includes(year))) || withNumbers[0];
    const base: CapaianPoint = { id: ind.id, name: shortName(ind), title: ind.name, unit: ind.unit, target: null, realisasi: null, capaian: null };
    if (!best) return base;
    const where = whereOf(best.m.table, best.m.r);
    return { ...base, ...best.p, ...(where ? { where } : {}) };
  });
}
