// Reference copy of src/core/audit/rules/tables-rules.ts as it was before the rules were made faster: the oracle
// of rules-oracle.test.ts (same findings, same order). Keep it as it is; it is not used by the audit.
/**
 * totals, duplicates, units and digit-grouping: rules over the rows of recognised tables.
 */
import type { Rule } from "../../../src/core/audit/types.js";
import type { SchemaAuditContext } from "../../../src/core/audit/engine.js";
import { normalizeLabel } from "../../../src/core/text.js";
import type { TableDef } from "../../../src/core/schema/schema.js";
import { parseIdNumber, type NumberConvention } from "../../../src/core/numbers.js";
import { isPercentCell, rowsWithText, type RecognisedTable, type TableRow } from "../../../src/core/audit/tables.js";
import { a1, type CellSnapshot } from "../../../src/core/snapshot.js";
import { addr, cellRef, fmt, relImpact, verdict, schemaRule, type Verdict } from "./model.js";
import { labelOf, parentRowTest } from "./structure.js";
import { median } from "../../../src/core/audit/generic/common.js";

type DerivedDef = TableDef["derived"][number];

function instances(table: RecognisedTable, col: string): number {
  return table.columns.get(col)?.length ?? 0;
}

/** A column's number, or for a derived column without its own value the sum of its parts. */
function derivedNum(t: TableRow, col: string, d: DerivedDef | undefined, g = 0): number | null {
  const own = t.num(col, g);
  if (!d || own !== null) return own;
  let any = false;
  let sum = 0;
  for (const p of d.sum) {
    const v = t.num(p, g);
    if (v !== null) any = true;
    sum += v ?? 0;
  }
  return any ? sum : null;
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

/**
 * The total rows of a table with the rows each one sums: Σ parents in a hierarchy, else Σ the rows
 * since the previous total row (a total right after subtotals sums those subtotals).
 */
function totalScopes(rows: readonly TableRow[], hasHierarchy: boolean, parentRows: TableRow[]): { t: TableRow; scope: TableRow[] }[] {
  const out: { t: TableRow; scope: TableRow[] }[] = [];
  let segment: TableRow[] = [];
  let subtotals: TableRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i] as TableRow;
    if (!t.isTotal) {
      segment.push(t);
      continue;
    }
    out.push({ t, scope: hasHierarchy ? parentRows : segment.length ? segment : subtotals });
    if (segment.length) subtotals.push(t);
    else subtotals = [t];
    segment = [];
  }
  return out;
}

/** Σ of a column over rows (blanks as 0), or null when every row is blank. */
function columnSum(rows: readonly TableRow[], col: string, g: number): number | null {
  let any = false;
  let sum = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = (rows[i] as TableRow).num(col, g);
    if (v !== null) any = true;
    sum += v ?? 0;
  }
  return any ? sum : null;
}

export const totalsRule: Rule = schemaRule({
  id: "totals",
  title_id: "Jumlah, induk–rincian dan persentase",
  title_en: "Totals, parent rows and percentages",
  check(ctx) {
    for (const table of ctx.tables) {
      const def = table.def;
      const rows = table.rows;
      // Row-wise sums.
      for (const rs of def.row_sums) {
        const what = () => ({ id: `Jumlah baris (${rs.parts.join(" + ")})`, en: `Row sum (${rs.parts.join(" + ")})` });
        for (let g = 0; g < Math.max(1, instances(table, rs.target)); g++) {
          for (let i = 0; i < rows.length; i++) {
            const t = rows[i] as TableRow;
            let any = false;
            let expected = 0;
            for (const p of rs.parts) {
              const v = t.num(p, g);
              if (v !== null) any = true;
              expected += v ?? 0;
            }
            if (!any) continue;
            const v = sumVerdict(t, rs.target, g, expected);
            if (v !== "ok") reportSum(ctx, table, t, rs.target, g, expected, v, what(), rs.parts.map((p) => cellRef(table, t, p, g)));
          }
        }
      }
      // Ratio columns (percentages that must be realisasi / pagu).
      for (const rr of def.ratios) {
        const dn = def.derived.find((x) => x.id === rr.numerator);
        const dd = def.derived.find((x) => x.id === rr.denominator);
        for (let g = 0; g < Math.max(1, instances(table, rr.target)); g++) {
          for (let i = 0; i < rows.length; i++) {
            const t = rows[i] as TableRow;
            const stated = t.num(rr.target, g);
            if (stated === null) continue;
            const n = derivedNum(t, rr.numerator, dn, g);
            const d = derivedNum(t, rr.denominator, dd, g);
            if (n === null || d === null || d === 0) continue;
            const cell = t.cell(rr.target, g);
            const expected = (n / d) * 100;
            const sc = isPercentCell(cell) || (stated <= 1.5 && expected > 1.5) ? 100 : 1;
            if (verdict(stated, (d / n) * 100, cell, sc) === "ok" && n > d) continue; // swapped-columns reports it
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
      // Total rows and parent rows.
      const tot = def.totals;
      if (!tot) continue;
      // Which rows are parents, decided once for every column (totals are decided on the rows).
      const isParentRow = parentRowTest(ctx.schema, table);
      const body: TableRow[] = [];
      const bodyParent: boolean[] = [];
      let parents = 0;
      for (let i = 0; i < rows.length; i++) {
        const t = rows[i] as TableRow;
        if (t.isTotal) continue;
        const p = isParentRow(t);
        body.push(t);
        bodyParent.push(p);
        if (p) parents++;
      }
      const hasHierarchy = parents > 0 && parents < body.length;
      const parentRows = hasHierarchy ? body.filter((_, i) => bodyParent[i]) : [];
      const scopes = totalScopes(rows, hasHierarchy, parentRows);
      for (const col of tot.columns) {
        for (let g = 0; g < instances(table, col); g++) {
          // Parent = Σ children.
          if (hasHierarchy) {
            for (let i = 0; i < body.length; i++) {
              const p = body[i];
              if (!p || !bodyParent[i]) continue;
              const kids: TableRow[] = [];
              for (let j = i + 1; j < body.length && !bodyParent[j]; j++) kids.push(body[j] as TableRow);
              const sum = kids.length ? columnSum(kids, col, g) : null;
              if (sum === null) continue;
              const v = sumVerdict(p, col, g, sum);
              if (v !== "ok") {
                const what = { id: `Baris induk "${labelOf(table, p)}"`, en: `Parent row "${labelOf(table, p)}"` };
                reportSum(ctx, table, p, col, g, sum, v, what, kids.map((k) => cellRef(table, k, col, g)));
              }
              const pv = p.num(col, g);
              if (kids.length >= 2 && pv !== null) {
                for (const k of kids) {
                  if (k.num(col, g) !== pv) continue;
                  ctx.report({
                    rule: "totals",
                    severity: "warning",
                    sheet: table.sheet,
                    cell: addr(table, k, col, g),
                    related: [cellRef(table, p, col, g)],
                    message_id: `Rincian "${labelOf(table, k)}" sama persis dengan induknya "${labelOf(table, p)}" (${fmt(pv)}) padahal induk punya ${kids.length} rincian: tersalin?`,
                    message_en: `Child "${labelOf(table, k)}" equals its parent "${labelOf(table, p)}" (${pv}) although the parent has ${kids.length} children: copied?`,
                    expected: null,
                    actual: pv,
                  });
                }
              }
            }
          }
          // Total = Σ parents (or Σ the rows since the previous total row: subtotals sum their own block).
          for (let s = 0; s < scopes.length; s++) {
            const { t, scope } = scopes[s] as { t: TableRow; scope: TableRow[] };
            const sum = scope.length ? columnSum(scope, col, g) : null;
            if (sum === null) continue;
            const v = sumVerdict(t, col, g, sum);
            if (v === "ok") continue;
            const colLabel = instances(table, col) > 1 ? `${col} #${g + 1}` : col;
            const what = { id: `Baris "${labelOf(table, t) || "Jumlah"}" kolom ${colLabel}`, en: `Row "${labelOf(table, t) || "Total"}" column ${colLabel}` };
            reportSum(ctx, table, t, col, g, sum, v, what, scope.map((r) => cellRef(table, r, col, g)));
          }
        }
      }
    }
  },
});

export const duplicatesRule: Rule = schemaRule({
  id: "duplicates",
  title_id: "Entri ganda",
  title_en: "Duplicate entries",
  check(ctx) {
    for (const table of ctx.tables) {
      if (!table.def.key.length) continue;
      const seen = new Map<string, TableRow>();
      const single = table.def.key.length === 1 ? table.def.key[0] : undefined;
      for (const t of table.rows) {
        let key: string;
        if (single !== undefined) {
          // One key column (the usual case): its label is the key, no array to build.
          key = normalizeLabel(t.text(single));
          if (key === "" || key === "-") continue;
        } else {
          const parts = table.def.key.map((k) => normalizeLabel(t.text(k)));
          if (parts.some((p) => p === "" || p === "-")) continue;
          key = parts.join("|");
        }
        const first = seen.get(key);
        if (!first) {
          seen.set(key, t);
          continue;
        }
        const k0 = table.def.key[0] ?? "";
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
      }
    }
  },
});

/** "Rp" in a number format (`"Rp"#,##0`, `[$Rp-421]`) or in a cell's text. */
const RUPIAH = /rp/i;

export const unitsRule: Rule = schemaRule({
  id: "units",
  title_id: "Satuan tercampur",
  title_en: "Mixed units",
  check(ctx) {
    for (const table of ctx.tables) {
      for (const col of table.def.count_columns) {
        // The column's numbers outside total rows (read twice: row numbers are cached on the rows).
        const rows = table.rows;
        const valueOf = (t: TableRow): number | null => {
          const v = t.num(col);
          return v === null || t.isTotal ? null : v;
        };
        let total = 0;
        for (let r = 0; r < rows.length; r++) {
          const v = valueOf(rows[r] as TableRow);
          if (v !== null && v > 0) total += v;
        }
        // The median of the positive values, only computed when a big value needs it.
        let med: number | undefined;
        const medianOfPositives = (): number => {
          if (med === undefined) {
            const pos: number[] = [];
            for (const t of rows) {
              const v = valueOf(t);
              if (v !== null && v > 0) pos.push(v);
            }
            med = median(pos);
          }
          return med;
        };
        for (let r = 0; r < rows.length; r++) {
          const t = rows[r] as TableRow;
          const v = valueOf(t);
          if (v === null) continue;
          const cell = t.cell(col);
          const rupiahFmt = RUPIAH.test(cell?.numberFormat ?? "") || (typeof cell?.value === "string" && RUPIAH.test(cell.value));
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

export const digitGroupingRule: Rule = schemaRule({
  id: "digit-grouping",
  title_id: "Pengelompokan digit dan angka sebagai teks",
  title_en: "Digit grouping and numbers stored as text",
  check(ctx) {
    for (const table of ctx.tables) {
      for (const colDef of table.def.columns) {
        if (!NUMERIC_KINDS.has(colDef.kind)) continue;
        const conventions: { t: TableRow; conv: NumberConvention; cell: CellSnapshot }[] = [];
        for (let g = 0; g < instances(table, colDef.id); g++) {
          for (const t of rowsWithText(table, colDef.id, g)) {
            const cell = t.cell(colDef.id, g);
            if (!cell || typeof cell.value !== "string") continue;
            const p = parseIdNumber(cell.value);
            const where = a1(cell.row, cell.col);
            if (!p.ok) {
              if (p.kind !== "broken_grouping") continue;
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
    }
  },
});
