/**
 * totals, duplicates, units and digit-grouping: rules over the rows of recognised tables.
 */
import type { Rule } from "../types.js";
import type { SchemaAuditContext } from "../engine.js";
import type { TableDef } from "../../schema/schema.js";
import { normalizeLabel } from "../../text.js";
import { parseIdNumber, type NumberConvention } from "../../numbers.js";
import { isPercentCell, rowsWithText, type RecognisedTable, type TableRow } from "../tables.js";
import { a1, type CellSnapshot } from "../../snapshot.js";
import { addr, cellRef, fmt, relImpact, verdict, schemaRule, type Verdict } from "./model.js";
import { labelOf, parentRowTest } from "./structure.js";
import { median } from "../generic/common.js";
import { ColumnValues } from "./columns.js";
import { EMPTY_LABEL, LabelSet, normalizedHash } from "./keys.js";

function instances(table: RecognisedTable, col: string): number {
  return table.columns.get(col)?.length ?? 0;
}

/**
 * How a row's stated value compares with the sum expected of it: "ok" also when it states none.
 * The finding itself (and its related cells) is only built by `reportSum` when it is not ok.
 */
function sumVerdict(t: TableRow, col: string, g: number, expected: number): Verdict {
  const stated = t.num(col, g);
  return stated === null ? "ok" : verdict(stated, expected, t.cell(col, g));
}

/** Report a stated sum that its parts do not give (`v` from `sumVerdict`, not ok). */
function reportSum(ctx: SchemaAuditContext, table: RecognisedTable, t: TableRow, col: string, g: number, expected: number, v: Verdict, w: { id: string; en: string }, related: string[]): void {
  const stated = t.num(col, g) as number;
  ctx.report({
    rule: "totals",
    severity: v === "drift" ? "info" : "error",
    sheet: table.sheet,
    cell: addr(table, t, col, g),
    related,
    message_id: `${w.id}: tertulis ${fmt(stated)}, jumlah rinciannya ${fmt(expected)} (selisih ${fmt(stated - expected)})`,
    message_en: `${w.en}: stated ${stated}, its rows sum to ${expected} (difference ${stated - expected})`,
    expected,
    actual: stated,
    impact: relImpact(stated, expected),
  });
}

/** The rows `rows[from]`..`rows[to - 1]`: a total row's scope without copying the rows it sums. */
interface RowSpan {
  rows: readonly TableRow[];
  from: number;
  to: number;
}

/**
 * The total rows of a table (`kinds[i] === TOTAL_ROW` for row i) with the rows each one sums:
 * Σ parents in a hierarchy (`parentRows`), else Σ the rows since the previous total row (a total
 * right after subtotals sums those subtotals).
 */
function totalScopes(rows: readonly TableRow[], kinds: Uint8Array, parentRows: readonly TableRow[] | undefined): { t: TableRow; scope: RowSpan }[] {
  const out: { t: TableRow; scope: RowSpan }[] = [];
  // The rows since the previous total row are rows[start..i - 1].
  let start = 0;
  let subtotals: TableRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (kinds[i] !== TOTAL_ROW) continue;
    const t = rows[i] as TableRow;
    const segment = i > start;
    const scope = parentRows ? { rows: parentRows, from: 0, to: parentRows.length } : segment ? { rows, from: start, to: i } : { rows: subtotals, from: 0, to: subtotals.length };
    out.push({ t, scope });
    if (segment) subtotals.push(t);
    else subtotals = [t];
    start = i + 1;
  }
  return out;
}

/** Σ of a column over rows[from..to - 1] (blanks as 0), or null when every row is blank. */
function columnSum(rows: readonly TableRow[], from: number, to: number, col: string, g: number): number | null {
  let any = false;
  let sum = 0;
  for (let i = from; i < to; i++) {
    const v = (rows[i] as TableRow).num(col, g);
    if (v === null) continue;
    any = true;
    sum += v;
  }
  return any ? sum : null;
}

function spanRefs(table: RecognisedTable, s: RowSpan, col: string, g: number): string[] {
  const out: string[] = [];
  for (let i = s.from; i < s.to; i++) out.push(cellRef(table, s.rows[i] as TableRow, col, g));
  return out;
}

/** Storage one run of the totals rule reuses from table to table (made per run: none is kept after it). */
class TotalsScratch {
  readonly partsSum = new ColumnValues();
  readonly stated = new ColumnValues();
  readonly numerators = new ColumnValues();
  readonly denominators = new ColumnValues();
  /** Per row of a table: `TOTAL_ROW`, `PARENT_ROW` or 0. */
  rowKinds = new Uint8Array(256);
}

const TOTAL_ROW = 1;
const PARENT_ROW = 2;

/** Row-wise sums: the parts' sum of every row first, a column at a time, then the stated sums. */
function checkRowSums(ctx: SchemaAuditContext, table: RecognisedTable, rs: TableDef["row_sums"][number], scratch: TotalsScratch): void {
  const rows = table.rows;
  const what = () => ({ id: `Jumlah baris (${rs.parts.join(" + ")})`, en: `Row sum (${rs.parts.join(" + ")})` });
  for (let g = 0; g < Math.max(1, instances(table, rs.target)); g++) {
    const { values, has } = scratch.partsSum.readSum(rows, rs.parts, g);
    const stated = scratch.stated.read(rows, rs.target, g);
    for (let i = 0; i < rows.length; i++) {
      if (!has[i] || !stated.has[i]) continue;
      const expected = values[i] as number;
      // The sum stated exactly is ok (the usual row: no verdict needed; see `verdict`).
      if (stated.values[i] === expected && Number.isFinite(expected)) continue;
      const t = rows[i] as TableRow;
      const v = sumVerdict(t, rs.target, g, expected);
      if (v !== "ok") reportSum(ctx, table, t, rs.target, g, expected, v, what(), rs.parts.map((p) => cellRef(table, t, p, g)));
    }
  }
}

/** A ratio column (percentages that must be realisasi / pagu). */
function checkRatio(ctx: SchemaAuditContext, table: RecognisedTable, rr: TableDef["ratios"][number], scratch: TotalsScratch): void {
  const def = table.def;
  const rows = table.rows;
  const dn = def.derived.find((x) => x.id === rr.numerator);
  const dd = def.derived.find((x) => x.id === rr.denominator);
  for (let g = 0; g < Math.max(1, instances(table, rr.target)); g++) {
    const st = scratch.stated.read(rows, rr.target, g);
    const nu = scratch.numerators.read(rows, rr.numerator, g, dn);
    const de = scratch.denominators.read(rows, rr.denominator, g, dd);
    for (let i = 0; i < rows.length; i++) {
      if (!st.has[i] || !nu.has[i] || !de.has[i]) continue;
      const stated = st.values[i] as number;
      const n = nu.values[i] as number;
      const d = de.values[i] as number;
      if (d === 0) continue;
      const t = rows[i] as TableRow;
      const cell = t.cell(rr.target, g);
      const expected = (n / d) * 100;
      const sc = isPercentCell(cell) || (stated <= 1.5 && expected > 1.5) ? 100 : 1;
      // The exact figure (the usual row) is ok without asking `verdict`, which says so too.
      if (stated * sc === expected && Number.isFinite(expected)) continue;
      if (n > d && verdict(stated, (d / n) * 100, cell, sc) === "ok") continue; // swapped-columns reports it
      const v = verdict(stated, expected, cell, sc);
      if (v === "ok") continue;
      ctx.report({
        rule: "totals",
        severity: v === "drift" ? "info" : "error",
        sheet: table.sheet,
        cell: addr(table, t, rr.target, g),
        related: [cellRef(table, t, rr.numerator, g), cellRef(table, t, rr.denominator, g)],
        message_id: `Persentase "${labelOf(table, t)}" tertulis ${fmt(stated * sc, 2)}%, padahal ${fmt(n)} / ${fmt(d)} = ${fmt(expected, 2)}%${v === "drift" ? " (selisih pembulatan)" : ""}`,
        message_en: `Percentage "${labelOf(table, t)}" is ${(stated * sc).toFixed(2)}%, but ${n} / ${d} = ${expected.toFixed(2)}%${v === "drift" ? " (rounding drift)" : ""}`,
        expected: Math.round(expected * 100) / 100,
        actual: Math.round(stated * sc * 10000) / 10000,
        impact: relImpact(stated * sc, expected),
      });
    }
  }
}

/** Total rows and parent rows. */
function checkTotals(ctx: SchemaAuditContext, table: RecognisedTable, tot: NonNullable<TableDef["totals"]>, scratch: TotalsScratch): void {
  const rows = table.rows;
  // Which rows are totals (1) and which are parents (2), decided once for every column.
  if (scratch.rowKinds.length < rows.length) scratch.rowKinds = new Uint8Array(Math.max(rows.length, scratch.rowKinds.length * 2));
  const kinds = scratch.rowKinds;
  const isParentRow = parentRowTest(ctx.schema, table);
  let bodyRows = 0;
  let parents = 0;
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i] as TableRow;
    kinds[i] = t.isTotal ? TOTAL_ROW : isParentRow(t) ? PARENT_ROW : 0;
    if (kinds[i] !== TOTAL_ROW) bodyRows++;
    if (kinds[i] === PARENT_ROW) parents++;
  }
  const hasHierarchy = parents > 0 && parents < bodyRows;
  // With a hierarchy: the body rows (no totals) in order, and which of them are parents.
  let body: TableRow[] = [];
  let bodyParent: boolean[] = [];
  let parentRows: TableRow[] | undefined;
  if (hasHierarchy) {
    body = rows.filter((_, i) => kinds[i] !== TOTAL_ROW);
    bodyParent = rows.flatMap((_, i) => (kinds[i] === TOTAL_ROW ? [] : [kinds[i] === PARENT_ROW]));
    parentRows = body.filter((_, i) => bodyParent[i]);
  }
  const scopes = totalScopes(rows, kinds, parentRows);
  for (const col of tot.columns) {
    for (let g = 0; g < instances(table, col); g++) {
      if (hasHierarchy) checkParents(ctx, table, body, bodyParent, col, g);
      // Total = Σ parents (or Σ the rows since the previous total row: subtotals sum their own block).
      for (let s = 0; s < scopes.length; s++) {
        const { t, scope } = scopes[s] as { t: TableRow; scope: RowSpan };
        const sum = scope.to > scope.from ? columnSum(scope.rows, scope.from, scope.to, col, g) : null;
        if (sum === null) continue;
        const v = sumVerdict(t, col, g, sum);
        if (v === "ok") continue;
        const colLabel = instances(table, col) > 1 ? `${col} #${g + 1}` : col;
        const what = { id: `Baris "${labelOf(table, t) || "Jumlah"}" kolom ${colLabel}`, en: `Row "${labelOf(table, t) || "Total"}" column ${colLabel}` };
        reportSum(ctx, table, t, col, g, sum, v, what, spanRefs(table, scope, col, g));
      }
    }
  }
}

/** Parent = Σ children (the body rows up to the next parent), and children copied from their parent. */
function checkParents(ctx: SchemaAuditContext, table: RecognisedTable, body: TableRow[], bodyParent: boolean[], col: string, g: number): void {
  for (let i = 0; i < body.length; i++) {
    if (!bodyParent[i]) continue;
    const p = body[i] as TableRow;
    let end = i + 1;
    while (end < body.length && !bodyParent[end]) end++;
    const kids = { rows: body, from: i + 1, to: end };
    const nKids = end - i - 1;
    const sum = nKids ? columnSum(body, i + 1, end, col, g) : null;
    if (sum === null) continue;
    const v = sumVerdict(p, col, g, sum);
    if (v !== "ok") {
      const what = { id: `Baris induk "${labelOf(table, p)}"`, en: `Parent row "${labelOf(table, p)}"` };
      reportSum(ctx, table, p, col, g, sum, v, what, spanRefs(table, kids, col, g));
    }
    const pv = p.num(col, g);
    if (nKids >= 2 && pv !== null) {
      for (let j = i + 1; j < end; j++) {
        const k = body[j] as TableRow;
        if (k.num(col, g) !== pv) continue;
        ctx.report({
          rule: "totals",
          severity: "warning",
          sheet: table.sheet,
          cell: addr(table, k, col, g),
          related: [cellRef(table, p, col, g)],
          message_id: `Rincian "${labelOf(table, k)}" sama persis dengan induknya "${labelOf(table, p)}" (${fmt(pv)}) padahal induk punya ${nKids} rincian: tersalin?`,
          message_en: `Child "${labelOf(table, k)}" equals its parent "${labelOf(table, p)}" (${pv}) although the parent has ${nKids} children: copied?`,
          expected: null,
          actual: pv,
        });
      }
    }
  }
}

// Each loop over rows is in a function of its own, called per table: it is optimised after a few
// tables instead of waiting for on-stack replacement of one large function that runs once.
export const totalsRule: Rule = schemaRule({
  id: "totals",
  title_id: "Jumlah, induk–rincian dan persentase",
  title_en: "Totals, parent rows and percentages",
  check(ctx) {
    const scratch = new TotalsScratch();
    for (const table of ctx.tables) {
      for (const rs of table.def.row_sums) checkRowSums(ctx, table, rs, scratch);
      for (const rr of table.def.ratios) checkRatio(ctx, table, rr, scratch);
      if (table.def.totals) checkTotals(ctx, table, table.def.totals, scratch);
    }
  },
});

/** One key column (the usual case): rows whose labels normalise alike, found by hash (see `LabelSet`). */
function checkKeyColumn(seenLabels: LabelSet, rows: readonly TableRow[], col: string, report: (t: TableRow, first: TableRow) => void): void {
  seenLabels.reset(rows.length, (i) => (rows[i] as TableRow).text(col));
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i] as TableRow;
    const text = t.text(col);
    const h = normalizedHash(text);
    if (h === EMPTY_LABEL) continue;
    const first = seenLabels.firstSame(i, text, h);
    if (first >= 0) report(t, rows[first] as TableRow);
  }
}

export const duplicatesRule: Rule = schemaRule({
  id: "duplicates",
  title_id: "Entri ganda",
  title_en: "Duplicate entries",
  check(ctx) {
    // The labels of the key column of one table at a time (its storage reused from table to table).
    const seenLabels = new LabelSet();
    for (const table of ctx.tables) {
      if (!table.def.key.length) continue;
      const rows = table.rows;
      const k0 = table.def.key[0] ?? "";
      const report = (t: TableRow, first: TableRow) =>
        ctx.report({
          rule: "duplicates",
          severity: "error",
          sheet: table.sheet,
          cell: addr(table, t, k0),
          related: [cellRef(table, first, k0)],
          message_id: `"${t.text(k0)}" tercatat dua kali di ${table.title || table.def.title_id} (juga di ${addr(table, first, k0)}); jumlah yang dihitung dari daftar ini terlalu besar`,
          message_en: `"${t.text(k0)}" is listed twice in ${table.title || table.def.title_en} (also at ${addr(table, first, k0)}); counts taken from this list are too high`,
          expected: null,
          actual: t.text(k0),
        });
      if (table.def.key.length === 1) {
        checkKeyColumn(seenLabels, rows, k0, report);
        continue;
      }
      const seen = new Map<string, TableRow>();
      for (const t of rows) {
        const parts = table.def.key.map((k) => normalizeLabel(t.text(k)));
        if (parts.some((p) => p === "" || p === "-")) continue;
        const key = parts.join("|");
        const first = seen.get(key);
        if (first) report(t, first);
        else seen.set(key, t);
      }
    }
  },
});

/** "Rp" in a number format (`"Rp"#,##0`, `[$Rp-421]`) or in a cell's text. */
const RUPIAH = /rp/i;

let lastFormat: string | undefined;
let lastFormatRupiah = false;

/** `RUPIAH.test(f)`, remembering the last format (a column's cells share theirs). */
function rupiahFormat(f: string): boolean {
  if (f !== lastFormat) {
    lastFormat = f;
    lastFormatRupiah = RUPIAH.test(f);
  }
  return lastFormatRupiah;
}

/** "Rp" in a cell's number format or text. */
function isRupiahCell(cell: CellSnapshot | undefined): boolean {
  return rupiahFormat(cell?.numberFormat ?? "") || (typeof cell?.value === "string" && RUPIAH.test(cell.value));
}

/** A count column holding Rupiah amounts (by format, text or size). */
function checkCountColumn(ctx: SchemaAuditContext, table: RecognisedTable, col: string, countValues: ColumnValues): void {
  const rows = table.rows;
  // A Rupiah format or text, or a value of a million or more, outside total rows, first: a column
  // without any (the usual case) has nothing to report, and its total rows need not be found.
  let suspect = false;
  for (let r = 0; r < rows.length && !suspect; r++) {
    const t = rows[r] as TableRow;
    const v = t.num(col);
    suspect = v !== null && (v >= 1_000_000 || isRupiahCell(t.cell(col))) && !t.isTotal;
  }
  if (!suspect) return;
  const { values, has } = countValues.read(rows, col);
  // The column's numbers outside total rows.
  let total = 0;
  for (let r = 0; r < rows.length; r++) {
    if (!has[r]) continue;
    if ((rows[r] as TableRow).isTotal) {
      has[r] = 0;
      continue;
    }
    const v = values[r] as number;
    if (v > 0) total += v;
  }
  // The median of the positive values, only computed when a big value needs it.
  let med: number | undefined;
  const medianOfPositives = (): number => {
    if (med === undefined) {
      const pos: number[] = [];
      for (let r = 0; r < rows.length; r++) {
        const v = values[r] as number;
        if (has[r] && v > 0) pos.push(v);
      }
      med = median(pos);
    }
    return med;
  };
  for (let r = 0; r < rows.length; r++) {
    if (!has[r]) continue;
    const t = rows[r] as TableRow;
    const v = values[r] as number;
    const rupiahFmt = isRupiahCell(t.cell(col));
    if (!(rupiahFmt || (v >= 1_000_000 && v >= 1000 * Math.max(medianOfPositives(), 1)))) continue;
    ctx.report({
      rule: "units",
      severity: "error",
      sheet: table.sheet,
      cell: addr(table, t, col),
      related: [],
      message_id: `Nilai ${fmt(v)} di kolom jumlah kejadian "${labelOf(table, t)}" tampak seperti jumlah Rupiah, bukan hitungan; jumlah kolom ini jadi tidak bermakna`,
      message_en: `The value ${v} in the count column ("${labelOf(table, t)}") looks like a Rupiah amount, not a count; the column's total becomes meaningless`,
      expected: "hitungan / count",
      actual: v,
      impact: v / Math.max(1, total - v),
    });
  }
}

export const unitsRule: Rule = schemaRule({
  id: "units",
  title_id: "Satuan tercampur",
  title_en: "Mixed units",
  check(ctx) {
    const countValues = new ColumnValues();
    for (const table of ctx.tables) {
      for (const col of table.def.count_columns) checkCountColumn(ctx, table, col, countValues);
      for (const col of table.def.percent_columns) {
        const vals = table.rows.map((t) => ({ t, v: t.num(col), cell: t.cell(col) })).filter((x) => x.v !== null && !isPercentCell(x.cell));
        const big = vals.filter((x) => (x.v as number) > 1.5).length;
        if (big < 2 || big < vals.length / 2) continue;
        for (const x of vals) {
          const v = x.v as number;
          if (v <= 0 || v > 1.5) continue;
          ctx.report({
            rule: "units",
            severity: "warning",
            sheet: table.sheet,
            cell: addr(table, x.t, col),
            related: [],
            message_id: `Persentase ${fmt(v, 4)} ditulis sebagai pecahan di antara persentase skala 0–100 (maksudnya ${fmt(v * 100, 2)}%?)`,
            message_en: `Percentage ${v} typed as a fraction among 0–100 percentages (meant ${(v * 100).toFixed(2)}%?)`,
            expected: Math.round(v * 10000) / 100,
            actual: v,
          });
        }
      }
    }
  },
});

const NUMERIC_KINDS = new Set(["count", "amount", "percent", "index", "weight", "number"]);

/** Among the broken-grouping candidates, the one that makes its row's stated value true, if any. */
function contextualCandidate(table: RecognisedTable, t: TableRow, col: string, candidates: number[]): number | undefined {
  if (table.def.role !== "calc" || (col !== "penyebut" && col !== "pembilang")) return undefined;
  const nilai = t.num("nilai");
  const other = t.num(col === "penyebut" ? "pembilang" : "penyebut");
  if (nilai === null || other === null) return undefined;
  return candidates.find((c) => {
    const v = col === "penyebut" ? (other / c) * 100 : (c / other) * 100;
    return verdict(nilai, v, t.cell("nilai")) === "ok";
  });
}

/** Numbers typed as text in one numeric column: broken digit grouping, text numbers, mixed decimal marks. */
function checkTextNumbers(ctx: SchemaAuditContext, table: RecognisedTable, colDef: TableDef["columns"][number]): void {
  const conventions: { t: TableRow; conv: NumberConvention; cell: CellSnapshot }[] = [];
  for (let g = 0; g < instances(table, colDef.id); g++) {
    const rows = rowsWithText(table, colDef.id, g);
    for (let i = 0; i < rows.length; i++) {
      const t = rows[i] as TableRow;
      const cell = t.cell(colDef.id, g);
      if (!cell || typeof cell.value !== "string") continue;
      const p = parseIdNumber(cell.value);
      if (!p.ok && p.kind !== "broken_grouping") continue;
      const where = a1(cell.row, cell.col);
      if (!p.ok) {
        const best = contextualCandidate(table, t, colDef.id, p.candidates ?? []);
        ctx.report({
          rule: "digit-grouping",
          severity: "error",
          sheet: table.sheet,
          cell: where,
          related: [],
          message_id: `"${cell.value}": ${p.messageId}${best !== undefined ? `; ${fmt(best, 0)} membuat nilai pada baris ini benar` : ""}`,
          message_en: `"${cell.value}": ${p.messageEn}${best !== undefined ? `; ${best.toLocaleString("en-US")} makes this row's stated value true` : ""}`,
          expected: best ?? (p.candidates?.[0] ?? null),
          actual: cell.value,
          impact: 1,
        });
        continue;
      }
      if (/[.,]\d{1,2}(?:\s*%)?$/.test(cell.value.trim())) conventions.push({ t, conv: p.convention, cell });
      ctx.report({
        rule: "digit-grouping",
        severity: "warning",
        sheet: table.sheet,
        cell: where,
        related: [],
        message_id: `Angka "${cell.value}" tersimpan sebagai teks; rumus SUM dan perbandingan mengabaikannya`,
        message_en: `The number "${cell.value}" is stored as text; SUM and comparisons ignore it`,
        expected: p.value,
        actual: cell.value,
      });
    }
  }
  const id = conventions.filter((x) => x.conv === "id");
  const en = conventions.filter((x) => x.conv === "en");
  if (id.length && en.length) {
    const minority = id.length < en.length ? id : en;
    for (const x of minority) {
      ctx.report({
        rule: "digit-grouping",
        severity: "warning",
        sheet: table.sheet,
        cell: a1(x.cell.row, x.cell.col),
        related: (minority === id ? en : id).slice(0, 3).map((y) => `${table.sheet}!${a1(y.cell.row, y.cell.col)}`),
        message_id: `Kolom "${colDef.labels[0]}" mencampur tanda desimal koma (id-ID) dan titik (Inggris); "${String(x.cell.value)}" berbeda dari yang lain`,
        message_en: `Column "${colDef.labels[0]}" mixes decimal commas (id-ID) and decimal points (English); "${String(x.cell.value)}" differs from the rest`,
        expected: null,
        actual: String(x.cell.value),
      });
    }
  }
}

export const digitGroupingRule: Rule = schemaRule({
  id: "digit-grouping",
  title_id: "Pengelompokan digit dan angka sebagai teks",
  title_en: "Digit grouping and numbers stored as text",
  check(ctx) {
    for (const table of ctx.tables) {
      for (const colDef of table.def.columns) if (NUMERIC_KINDS.has(colDef.kind)) checkTextNumbers(ctx, table, colDef);
    }
  },
});
