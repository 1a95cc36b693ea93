// Reference copy of src/core/audit/rules/budget.ts as it was before the rules were made faster: the oracle
// of rules-oracle.test.ts (same findings, same order). Keep it as it is; it is not used by the audit.
/**
 * The effective-budget table (pagu, blokir, pagu efektif, realisasi, persentase serapan): its own
 * arithmetic (recompute) and its agreement with the budget tables and the capaian matrix (cross-table).
 */
import type { SchemaAuditContext } from "../../../src/core/audit/engine.js";
import { normalizeLabel } from "../../../src/core/text.js";
import { isPercentCell, type RecognisedTable, type TableRow } from "../../../src/core/audit/tables.js";
import { addr, cellRef, fmt, modelOf, relImpact, verdict } from "./model.js";

type Line = "pagu" | "blokir" | "efektif" | "realisasi" | "serapan" | "persen_blokir";

interface Located {
  t: TableRow;
  v: number;
}

function classify(label: string): Line | undefined {
  const l = normalizeLabel(label);
  if (l.includes("pagu efektif")) return "efektif";
  if (l.includes("persentase blokir")) return "persen_blokir";
  if (l.includes("serapan")) return "serapan";
  if (l.includes("blokir")) return "blokir";
  if (l.startsWith("realisasi")) return "realisasi";
  if (l.startsWith("pagu") || l.startsWith("anggaran")) return "pagu";
  return undefined;
}

function lines(table: RecognisedTable): Map<Line, Located> {
  const out = new Map<Line, Located>();
  for (const t of table.rows) {
    const kind = classify(t.text("uraian"));
    const v = t.num("nilai");
    if (kind && v !== null && !out.has(kind)) out.set(kind, { t, v });
  }
  return out;
}

function check(ctx: SchemaAuditContext, table: RecognisedTable, at: Located, expected: number, what: { id: string; en: string }, related: Located[], percent = false): void {
  const cell = at.t.cell("nilai");
  const sc = percent && (isPercentCell(cell) || at.v <= 1.5) ? 100 : 1;
  const v = verdict(at.v, expected, cell, sc);
  if (v === "ok") return;
  ctx.report({
    rule: "recompute",
    severity: v === "drift" ? "info" : "error",
    sheet: table.sheet,
    cell: addr(table, at.t, "nilai"),
    related: related.map((r) => cellRef(table, r.t, "nilai")),
    message_id: `${what.id}: tertulis ${fmt(at.v * sc, 2)}, padahal ${fmt(expected, 2)}`,
    message_en: `${what.en}: stated ${(at.v * sc).toFixed(2)}, but ${expected.toFixed(2)}`,
    expected: Math.round(expected * 100) / 100,
    actual: at.v * sc,
    impact: relImpact(at.v * sc, expected),
  });
}

/** Pagu efektif = pagu − blokir; serapan = realisasi ÷ pagu efektif; persentase blokir = blokir ÷ pagu. */
export function recomputeEffectiveBudget(ctx: SchemaAuditContext): void {
  for (const table of ctx.tables.filter((t) => t.def.role === "serapan")) {
    const m = lines(table);
    const pagu = m.get("pagu");
    const blokir = m.get("blokir");
    const efektif = m.get("efektif");
    const realisasi = m.get("realisasi");
    const serapan = m.get("serapan");
    const pb = m.get("persen_blokir");
    if (pagu && blokir && efektif) check(ctx, table, efektif, pagu.v - blokir.v, { id: "Pagu efektif = pagu − blokir", en: "Effective budget = budget − blocked" }, [pagu, blokir]);
    const base = efektif?.v ?? (pagu && blokir ? pagu.v - blokir.v : undefined);
    if (realisasi && serapan && base) check(ctx, table, serapan, (realisasi.v / base) * 100, { id: "Persentase serapan = realisasi ÷ pagu efektif", en: "Absorption = realisation ÷ effective budget" }, [realisasi, ...(efektif ? [efektif] : [])], true);
    if (pagu && blokir && pb && pagu.v) check(ctx, table, pb, (blokir.v / pagu.v) * 100, { id: "Persentase blokir = blokir ÷ pagu", en: "Blocked share = blocked ÷ budget" }, [blokir, pagu], true);
  }
}

/** The effective-budget table against the budget tables (same pagu) and the capaian matrix's budget row. */
export function crossCheckEffectiveBudget(ctx: SchemaAuditContext): void {
  const budgets = ctx.tables.filter((t) => t.def.role === "budget");
  for (const table of ctx.tables.filter((t) => t.def.role === "serapan")) {
    const m = lines(table);
    const pagu = m.get("pagu");
    const realisasi = m.get("realisasi");
    const efektif = m.get("efektif");
    if (pagu && realisasi) {
      for (const b of budgets) {
        const total = b.rows.find((t) => t.isTotal);
        if (!total) continue;
        const groups = b.columns.get("pagu")?.length ?? 0;
        for (let g = 0; g < groups; g++) {
          if (total.num("pagu", g) !== pagu.v) continue;
          const r = total.num("realisasi", g);
          if (r === null || r === realisasi.v) continue;
          ctx.report({
            rule: "cross-table",
            severity: "error",
            sheet: table.sheet,
            cell: addr(table, realisasi.t, "nilai"),
            related: [cellRef(b, total, "realisasi", g)],
            message_id: `Realisasi pada ${table.title || "tabel pagu efektif"} (${fmt(realisasi.v)}) berbeda dari total realisasi ${b.title || b.def.title_id} (${fmt(r)}) dengan pagu yang sama`,
            message_en: `Realisation in ${table.title || "the effective-budget table"} (${realisasi.v}) differs from the total realisation of ${b.title || b.def.title_en} (${r}) with the same budget`,
            expected: r,
            actual: realisasi.v,
            impact: relImpact(realisasi.v, r),
          });
        }
      }
    }
    // The capaian matrix's "Anggaran" row states target = pagu efektif and realisasi.
    const eff = efektif?.v;
    if (eff === undefined || !realisasi) continue;
    for (const row of modelOf(ctx).capaian.filter((r) => r.isBudget)) {
      const pair = [row.target, row.realisasi].sort();
      const want = [eff, realisasi.v].sort();
      if (pair[0] === want[0] && pair[1] === want[1]) continue; // equal, or swapped (swapped-columns reports that)
      const wrong = row.target !== eff && row.target !== realisasi.v ? "target" : "realisasi";
      ctx.report({
        rule: "cross-table",
        severity: "error",
        sheet: row.table.sheet,
        cell: addr(row.table, row.t, wrong),
        related: [cellRef(table, realisasi.t, "nilai"), ...(efektif ? [cellRef(table, efektif.t, "nilai")] : [])],
        message_id: `Baris anggaran "${row.label}" (target ${fmt(row.target)}, realisasi ${fmt(row.realisasi)}) tidak sesuai dengan pagu efektif ${fmt(eff)} dan realisasi ${fmt(realisasi.v)}`,
        message_en: `Budget row "${row.label}" (target ${row.target}, realisation ${row.realisasi}) does not match the effective budget ${eff} and realisation ${realisasi.v}`,
        expected: wrong === "target" ? eff : realisasi.v,
        actual: wrong === "target" ? row.target : row.realisasi,
      });
    }
  }
}
