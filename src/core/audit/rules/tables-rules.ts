/**
 * totals, duplicates, units and digit-grouping: rules over the rows of recognised tables.
 */
import type { Rule } from "../types.js";
import type { SchemaAuditContext } from "../engine.js";
import { normalizeLabel } from "../../text.js";
import { parseIdNumber, type NumberConvention } from "../../numbers.js";
import { isPercentCell, type RecognisedTable, type TableRow } from "../tables.js";
import { a1, type CellSnapshot } from "../../snapshot.js";
import { addr, cellRef, fmt, relImpact, verdict, schemaRule } from "./model.js";
import { isTotalRow, labelOf, parentRowTest } from "./structure.js";
import { median } from "../generic/common.js";

function instances(table: RecognisedTable, col: string): number {
  return table.columns.get(col)?.length ?? 0;
}

function derivedNum(table: RecognisedTable, t: TableRow, col: string, g = 0): number | null {
  const d = table.def.derived.find((x) => x.id === col);
  if (!d) return t.num(col, g);
  const own = t.num(col, g);
  if (own !== null) return own;
  const parts = d.sum.map((p) => t.num(p, g));
  return parts.every((p) => p === null) ? null : parts.reduce<number>((s, p) => s + (p ?? 0), 0);
}

function sumCheck(ctx: SchemaAuditContext, table: RecognisedTable, t: TableRow, col: string, g: number, expected: number, what: { id: string; en: string }, related: string[]): void {
  const stated = t.num(col, g);
  if (stated === null) return;
  const v = verdict(stated, expected, t.cell(col, g));
  if (v === "ok") return;
  ctx.report({
    rule: "totals",
    severity: v === "drift" ? "info" : "error",
    sheet: table.sheet,
    cell: addr(table, t, col, g),
    related,
    message_id: `${what.id}: tertulis ${fmt(stated)}, jumlah rinciannya ${fmt(expected)} (selisih ${fmt(stated - expected)})`,
    message_en: `${what.en}: stated ${stated}, its rows sum to ${expected} (difference ${stated - expected})`,
    expected,
    actual: stated,
    impact: relImpact(stated, expected),
  });
}

export const totalsRule: Rule = schemaRule({
  id: "totals",
  title_id: "Jumlah, induk–rincian dan persentase",
  title_en: "Totals, parent rows and percentages",
  check(ctx) {
    for (const table of ctx.tables) {
      const def = table.def;
      // Row-wise sums.
      for (const rs of def.row_sums) {
        for (let g = 0; g < Math.max(1, instances(table, rs.target)); g++) {
          for (const t of table.rows) {
            const parts = rs.parts.map((p) => t.num(p, g));
            if (parts.every((p) => p === null)) continue;
            const expected = parts.reduce<number>((s, p) => s + (p ?? 0), 0);
            sumCheck(ctx, table, t, rs.target, g, expected, { id: `Jumlah baris (${rs.parts.join(" + ")})`, en: `Row sum (${rs.parts.join(" + ")})` }, rs.parts.map((p) => cellRef(table, t, p, g)));
          }
        }
      }
      // Ratio columns (percentages that must be realisasi / pagu).
      for (const rr of def.ratios) {
        for (let g = 0; g < Math.max(1, instances(table, rr.target)); g++) {
          for (const t of table.rows) {
            const stated = t.num(rr.target, g);
            const n = derivedNum(table, t, rr.numerator, g);
            const d = derivedNum(table, t, rr.denominator, g);
            if (stated === null || n === null || d === null || d === 0) continue;
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
      const isParent = parentRowTest(ctx.schema, table);
      const body = table.rows.filter((t) => !isTotalRow(table, t));
      const hasHierarchy = body.some(isParent) && body.some((t) => !isParent(t));
      for (const col of tot.columns) {
        for (let g = 0; g < instances(table, col); g++) {
          // Parent = Σ children.
          if (hasHierarchy) {
            for (let i = 0; i < body.length; i++) {
              const p = body[i];
              if (!p || !isParent(p)) continue;
              const kids: TableRow[] = [];
              for (let j = i + 1; j < body.length && !isParent(body[j] as TableRow); j++) kids.push(body[j] as TableRow);
              const vals = kids.map((k) => k.num(col, g));
              if (!kids.length || vals.every((v) => v === null)) continue;
              const sum = vals.reduce<number>((s, v) => s + (v ?? 0), 0);
              sumCheck(ctx, table, p, col, g, sum, { id: `Baris induk "${labelOf(table, p)}"`, en: `Parent row "${labelOf(table, p)}"` }, kids.map((k) => cellRef(table, k, col, g)));
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
          const parentRows = hasHierarchy ? body.filter(isParent) : [];
          let segment: TableRow[] = [];
          let subtotals: TableRow[] = [];
          for (const t of table.rows) {
            if (!isTotalRow(table, t)) {
              segment.push(t);
              continue;
            }
            const scope = hasHierarchy ? parentRows : segment.length ? segment : subtotals;
            if (segment.length) subtotals.push(t);
            else subtotals = [t];
            segment = [];
            const vals = scope.map((r) => r.num(col, g));
            if (!scope.length || vals.every((v) => v === null)) continue;
            const sum = vals.reduce<number>((s, v) => s + (v ?? 0), 0);
            const colLabel = instances(table, col) > 1 ? `${col} #${g + 1}` : col;
            sumCheck(ctx, table, t, col, g, sum, { id: `Baris "${labelOf(table, t) || "Jumlah"}" kolom ${colLabel}`, en: `Row "${labelOf(table, t) || "Total"}" column ${colLabel}` }, scope.map((r) => cellRef(table, r, col, g)));
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
      for (const t of table.rows) {
        const parts = table.def.key.map((k) => normalizeLabel(t.text(k)));
        if (parts.some((p) => p === "" || p === "-")) continue;
        const key = parts.join("|");
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

export const unitsRule: Rule = schemaRule({
  id: "units",
  title_id: "Satuan tercampur",
  title_en: "Mixed units",
  check(ctx) {
    for (const table of ctx.tables) {
      for (const col of table.def.count_columns) {
        const vals = table.rows.map((t) => ({ t, v: t.num(col), cell: t.cell(col) })).filter((x) => x.v !== null && !isTotalRow(table, x.t));
        const pos = vals.map((x) => x.v as number).filter((v) => v > 0);
        const med = median(pos);
        const total = pos.reduce((s, p) => s + p, 0);
        for (const x of vals) {
          const v = x.v as number;
          const others = med;
          const rupiahFmt = /rp|\[\$rp/i.test(x.cell?.numberFormat ?? "") || (typeof x.cell?.value === "string" && /rp/i.test(x.cell.value));
          if (!(rupiahFmt || (v >= 1_000_000 && v >= 1000 * Math.max(others, 1)))) continue;
          ctx.report({
            rule: "units",
            severity: "error",
            sheet: table.sheet,
            cell: addr(table, x.t, col),
            related: [],
            message_id: `Nilai ${fmt(v)} di kolom jumlah kejadian "${labelOf(table, x.t)}" tampak seperti jumlah Rupiah, bukan hitungan; jumlah kolom ini jadi tidak bermakna`,
            message_en: `The value ${v} in the count column ("${labelOf(table, x.t)}") looks like a Rupiah amount, not a count; the column's total becomes meaningless`,
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
          for (const t of table.rows) {
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
