// Reference copy of src/core/audit/rules/recompute.ts as it was before the rules were made faster: the oracle
// of rules-oracle.test.ts (same findings, same order). Keep it as it is; it is not used by the audit.
/**
 * recompute: every stated component, composite, capaian, average and IKPA value recomputed from
 * its own inputs; real errors separated from display-rounding drift (info).
 */
import type { Rule } from "../../../src/core/audit/types.js";
import type { SchemaAuditContext } from "../../../src/core/audit/engine.js";
import { normalizeLabel } from "../../../src/core/text.js";
import { isPercentCell, type RecognisedTable, type TableRow } from "../../../src/core/audit/tables.js";
import { recomputeEffectiveBudget } from "./budget.js";
import { addr, cellRef, fmt, modelOf, relImpact, verdict, type CalcBlock, type CalcRow, type CapaianRow, schemaRule } from "./model.js";

function report(
  ctx: SchemaAuditContext,
  table: RecognisedTable,
  t: TableRow,
  col: string,
  stated: number,
  expected: number,
  what: { id: string; en: string },
  related: string[],
  scaleStated = 1,
): void {
  const cell = t.cell(col);
  const v = verdict(stated, expected, cell, scaleStated);
  if (v === "ok") return;
  const s = stated * scaleStated;
  ctx.report({
    rule: "recompute",
    severity: v === "drift" ? "info" : "error",
    sheet: table.sheet,
    cell: addr(table, t, col),
    related,
    message_id:
      v === "drift"
        ? `${what.id}: tertulis ${fmt(s, 2)}, hasil hitung ${fmt(expected, 4)} — selisih pembulatan tampilan saja`
        : `${what.id}: tertulis ${fmt(s, 2)}, padahal dari masukannya ${fmt(expected, 2)}`,
    message_en:
      v === "drift"
        ? `${what.en}: stated ${s.toFixed(2)}, computed ${expected.toFixed(4)} — display rounding drift only`
        : `${what.en}: stated ${s.toFixed(2)}, but its inputs give ${expected.toFixed(2)}`,
    expected: Math.round(expected * 10000) / 10000,
    actual: s,
    impact: relImpact(s, expected),
  });
}

/** What a component's value should be from its numerator and denominator, per schema polarity and cap. */
export function expectedPart(block: CalcBlock, r: CalcRow): { value: number; negatif: boolean; positive: number } | undefined {
  if (r.pembilang === null || r.penyebut === null || r.penyebut === 0) return undefined;
  const defPart = block.def?.parts.find((p) => p.label.toUpperCase() === r.code);
  const isResult = block.result === r && block.parts.length === 0;
  const negatif = defPart ? defPart.polarity === "negatif" : isResult && block.def ? block.def.polarity === "negatif" : r.negatif;
  const cap = defPart?.cap ?? (isResult ? block.def?.cap : undefined);
  const q = r.pembilang / r.penyebut;
  let value = negatif ? Math.max(0, (2 - q) * 100) : q * 100;
  if (cap !== undefined) value = Math.min(value, cap);
  return { value, negatif, positive: q * 100 };
}

function checkBlock(ctx: SchemaAuditContext, b: CalcBlock): void {
  const name = b.def ? b.def.title_id : b.table.title || b.table.def.title_id;
  const rows = b.result ? [...b.parts, b.result] : b.parts;
  for (const r of rows) {
    if (r.nilai !== null) {
      const e = expectedPart(b, r);
      // A lower-is-better part scored as higher-is-better is the polarity rule's finding.
      if (e && !(e.negatif && verdict(r.nilai, e.positive, r.t.cell("nilai")) === "ok")) {
        report(ctx, b.table, r.t, "nilai", r.nilai, e.value, { id: `${name} ${r.code ?? r.label}`, en: `${name} ${r.code ?? r.label}` }, [
          cellRef(b.table, r.t, "pembilang"),
          cellRef(b.table, r.t, "penyebut"),
        ]);
      }
    }
    if (r.produk !== null && r.nilai !== null && r.bobot !== null) {
      report(ctx, b.table, r.t, "produk", r.produk, r.nilai * r.bobot, { id: `${name} ${r.code ?? r.label} nilai × bobot`, en: `${name} ${r.code ?? r.label} value × weight` }, [
        cellRef(b.table, r.t, "nilai"),
        cellRef(b.table, r.t, "bobot"),
      ]);
    }
  }
  if (b.result && b.parts.length && b.parts.every((p) => p.nilai !== null && p.bobot !== null)) {
    const expected = b.parts.reduce((s, p) => s + (p.nilai ?? 0) * (p.bobot ?? 0), 0);
    const res = b.result;
    const stated = res.nilai ?? res.produk;
    const col = res.nilai !== null ? "nilai" : "produk";
    if (stated !== null) {
      const products = b.parts.every((p) => p.produk !== null) ? b.parts.reduce((s, p) => s + (p.produk ?? 0), 0) : undefined;
      report(
        ctx,
        b.table,
        res.t,
        col,
        stated,
        expected,
        {
          id: `${name} ${res.code ?? res.label} = Σ nilai × bobot${products !== undefined ? ` (jumlah hasil kali tertulis ${fmt(products, 2)})` : ""}`,
          en: `${name} ${res.code ?? res.label} = Σ value × weight${products !== undefined ? ` (stated products sum to ${products.toFixed(2)})` : ""}`,
        },
        b.parts.map((p) => cellRef(b.table, p.t, "nilai")),
      );
    }
  }
}

function scaleFor(r: CapaianRow): { t: number; c: number } {
  const tPct = isPercentCell(r.t.cell("target"));
  const rPct = isPercentCell(r.t.cell("realisasi"));
  return { t: tPct && !rPct ? 100 : !tPct && rPct ? 0.01 : 1, c: isPercentCell(r.t.cell("capaian")) ? 100 : 1 };
}

/** Capaian of a row as its indicator's polarity says, target scaled to the realisation's unit. */
export function expectedCapaian(r: CapaianRow): { value: number; swapped: number } | undefined {
  if (r.target === null || r.realisasi === null || r.target === 0 || r.realisasi === 0) return undefined;
  const T = r.target * scaleFor(r).t;
  const R = r.realisasi;
  const neg = r.indicator?.polarity === "negatif";
  return { value: neg ? Math.max(0, (2 - R / T) * 100) : (R / T) * 100, swapped: (T / R) * 100 };
}

function checkCapaian(ctx: SchemaAuditContext, rows: CapaianRow[]): void {
  const byTable = new Map<RecognisedTable, CapaianRow[]>();
  for (const r of rows) {
    const list = byTable.get(r.table);
    if (list) list.push(r);
    else byTable.set(r.table, [r]);
  }
  for (const [table, list] of byTable) {
    for (const r of list) {
      if (r.capaian === null) continue;
      const sc = scaleFor(r).c;
      if (r.isAverage) {
        const sasaran = normalizeLabel(r.t.text("sasaran"));
        const group = list.filter((x) => !x.isAverage && !x.isBudget && x.capaian !== null && normalizeLabel(x.t.text("sasaran")) === sasaran);
        const all = list.filter((x) => !x.isAverage && !x.isBudget && x.capaian !== null);
        const overAll = /\b(seluruh|semua|keseluruhan|total)\b/.test(normalizeLabel(r.label));
        const scope = group.length && !overAll ? group : all;
        if (!scope.length) continue;
        const mean = (xs: CapaianRow[]) => xs.reduce((s, x) => s + (x.capaian ?? 0) * scaleFor(x).c, 0) / xs.length;
        const expected = mean(scope);
        const allMean = mean(all);
        const note =
          group.length && all.length > group.length && verdict(r.capaian, allMean, r.t.cell("capaian"), sc) === "ok"
            ? { id: ` (angka itu rata-rata seluruh ${all.length} indikator, bukan sasaran ini)`, en: ` (that figure is the average of all ${all.length} indicators, not of this sasaran)` }
            : { id: "", en: "" };
        report(ctx, table, r.t, "capaian", r.capaian, expected, { id: `Rata-rata capaian "${r.label}"${note.id}`, en: `Average capaian "${r.label}"${note.en}` }, scope.map((x) => cellRef(table, x.t, "capaian")), sc);
        continue;
      }
      const e = expectedCapaian(r);
      if (!e) continue;
      const cell = r.t.cell("capaian");
      if (verdict(r.capaian, e.swapped, cell, sc) === "ok" && verdict(r.capaian, e.value, cell, sc) !== "ok") continue; // swapped-columns
      report(ctx, table, r.t, "capaian", r.capaian, e.value, { id: `Capaian "${r.label}" = realisasi / target`, en: `Capaian "${r.label}" = realisation / target` }, [
        cellRef(table, r.t, "realisasi"),
        cellRef(table, r.t, "target"),
      ], sc);
    }
  }
}

function checkIkpa(ctx: SchemaAuditContext): void {
  for (const table of ctx.tables.filter((t) => t.def.role === "ikpa")) {
    const comps: { t: TableRow; nilai: number; bobot: number }[] = [];
    const summary = new Map<string, TableRow>();
    for (const t of table.rows) {
      const label = normalizeLabel(t.text("komponen"));
      const nilai = t.num("nilai");
      const bobot = t.num("bobot");
      if (/^(nilai total|total nilai)/.test(label)) summary.set("total", t);
      else if (label.startsWith("konversi")) summary.set("konversi", t);
      else if (label.startsWith("dispensasi")) summary.set("dispensasi", t);
      else if (/^nilai akhir|^nilai ikpa/.test(label)) summary.set("akhir", t);
      else if (nilai !== null && bobot !== null) {
        comps.push({ t, nilai, bobot });
        const na = t.num("nilai_akhir");
        if (na !== null) report(ctx, table, t, "nilai_akhir", na, (nilai * bobot) / 100, { id: `IKPA ${t.text("komponen")}: nilai × bobot / 100`, en: `IKPA ${t.text("komponen")}: value × weight / 100` }, [cellRef(table, t, "nilai"), cellRef(table, t, "bobot")]);
      }
    }
    if (!comps.length) continue;
    const val = (t: TableRow | undefined) => {
      if (!t) return null;
      for (const c of ["nilai_akhir", "nilai", "bobot"]) {
        const v = t.num(c);
        if (v !== null) return { v, c, pct: isPercentCell(t.cell(c)) };
      }
      return null;
    };
    const total = comps.reduce((s, c) => s + (c.nilai * c.bobot) / 100, 0);
    const applicable = comps.filter((c) => c.bobot > 0).reduce((s, c) => s + c.bobot, 0);
    const related = comps.map((c) => cellRef(table, c.t, "nilai"));
    const tv = val(summary.get("total"));
    const tRow = summary.get("total");
    if (tv && tRow) report(ctx, table, tRow, tv.c, tv.v, total, { id: "IKPA nilai total = Σ nilai × bobot / 100", en: "IKPA total = Σ value × weight / 100" }, related);
    const kv = val(summary.get("konversi"));
    const kRow = summary.get("konversi");
    if (kv && kRow) report(ctx, table, kRow, kv.c, kv.v, applicable, { id: "IKPA konversi bobot = Σ bobot yang berlaku", en: "IKPA weight conversion = Σ applicable weights" }, related, kv.pct ? 100 : kv.v <= 1 ? 100 : 1);
    const dv = val(summary.get("dispensasi"))?.v ?? 0;
    const av = val(summary.get("akhir"));
    const aRow = summary.get("akhir");
    if (av && aRow && applicable > 0) {
      report(ctx, table, aRow, av.c, av.v, (total / applicable) * 100 - dv, { id: "IKPA nilai akhir = nilai total ÷ konversi bobot − dispensasi", en: "IKPA final = total ÷ weight conversion − dispensation" }, related);
    }
  }
}

export const recomputeRule: Rule = schemaRule({
  id: "recompute",
  title_id: "Hitung ulang nilai indikator",
  title_en: "Recompute indicator values",
  check(ctx) {
    const model = modelOf(ctx);
    for (const b of model.blocks) checkBlock(ctx, b);
    checkCapaian(ctx, model.capaian);
    checkIkpa(ctx);
    recomputeEffectiveBudget(ctx);
  },
});
