// Reference copy of src/core/audit/rules/structure.ts as it was before the rules were made faster: the oracle
// of rules-oracle.test.ts (same findings, same order). Keep it as it is; it is not used by the audit.
/**
 * weights, ratios, polarity and swapped-columns: rules about how a value is put together.
 */
import type { Rule } from "../../../src/core/audit/types.js";
import type { Schema, TableDef } from "../../../src/core/schema/schema.js";
import { normalizeLabel } from "../../../src/core/text.js";
import { isPercentCell, leadingWordChar, type RecognisedTable, type TableRow } from "../../../src/core/audit/tables.js";
import { addr, cellRef, fmt, modelOf, relImpact, verdict, schemaRule } from "./model.js";
import { expectedCapaian, expectedPart } from "./recompute.js";

const pct = (f: number) => fmt(f * 100, 2);

export const weightsRule: Rule = schemaRule({
  id: "weights",
  title_id: "Bobot komponen",
  title_en: "Component weights",
  check(ctx) {
    for (const b of modelOf(ctx).blocks) {
      const parts = b.parts.filter((p) => p.bobot !== null);
      if (parts.length < 2) continue;
      const sum = parts.reduce((s, p) => s + (p.bobot ?? 0), 0);
      const first = parts[0];
      if (first && Math.abs(sum - 1) > 1e-6) {
        ctx.report({
          rule: "weights",
          severity: "error",
          sheet: b.table.sheet,
          cell: addr(b.table, first.t, "bobot"),
          related: parts.map((p) => cellRef(b.table, p.t, "bobot")),
          message_id: `Bobot komponen ${b.def?.title_id ?? b.table.title} berjumlah ${pct(sum)}%, seharusnya 100% (${parts.map((p) => `${p.code ?? p.label} ${pct(p.bobot ?? 0)}%`).join(" + ")})`,
          message_en: `Component weights of ${b.def?.title_id ?? b.table.title} sum to ${(sum * 100).toFixed(2)}%, must be 100%`,
          expected: 100,
          actual: Math.round(sum * 10000) / 100,
          impact: Math.abs(sum - 1),
        });
      }
      if (!b.def) continue;
      for (const p of parts) {
        const d = b.def.parts.find((x) => x.label.toUpperCase() === p.code);
        if (!d || Math.abs((p.bobot ?? 0) * 100 - d.weight) < 1e-6) continue;
        ctx.report({
          rule: "weights",
          severity: "error",
          sheet: b.table.sheet,
          cell: addr(b.table, p.t, "bobot"),
          related: [],
          message_id: `Bobot ${b.def.title_id} ${p.code} tertulis ${pct(p.bobot ?? 0)}%, sedangkan rumus indikator memakai ${fmt(d.weight)}%`,
          message_en: `Weight of ${b.def.title_id} ${p.code} is stated as ${((p.bobot ?? 0) * 100).toFixed(2)}%, but the indicator formula uses ${d.weight}%`,
          expected: d.weight,
          actual: Math.round((p.bobot ?? 0) * 10000) / 100,
          impact: Math.abs((p.bobot ?? 0) * 100 - d.weight) / 100,
        });
      }
    }
    // Weights stated in a guideline table against the weights used in the IKPA table.
    const guides = ctx.tables.filter((t) => t.def.role === "weights");
    const used = ctx.tables.filter((t) => t.def.role === "ikpa");
    for (const g of guides) {
      for (const gr of g.rows) {
        const label = normalizeLabel(gr.text("komponen"));
        const w = gr.num("bobot");
        if (!label || w === null) continue;
        for (const u of used) {
          const ur = u.rows.find((r) => normalizeLabel(r.text("komponen")) === label);
          const uw = ur?.num("bobot");
          if (!ur || uw === null || uw === undefined || uw === 0 || Math.abs(uw - w) < 1e-9) continue;
          ctx.report({
            rule: "weights",
            severity: "warning",
            sheet: u.sheet,
            cell: addr(u, ur, "bobot"),
            related: [cellRef(g, gr, "bobot")],
            message_id: `Bobot "${gr.text("komponen")}" dipakai ${fmt(uw)} di tabel IKPA, tetapi tertulis ${fmt(w)} di ${g.title || "tabel bobot"}`,
            message_en: `Weight of "${gr.text("komponen")}" is ${uw} in the IKPA table but ${w} in ${g.title || "the weights table"}`,
            expected: w,
            actual: uw,
            impact: Math.abs(uw - w) / 100,
          });
        }
      }
    }
  },
});

export const ratiosRule: Rule = schemaRule({
  id: "ratios",
  title_id: "Rasio dan pembagian",
  title_en: "Ratios and divisions",
  check(ctx) {
    for (const table of ctx.tables) {
      for (const rule of table.def.at_most) {
        const rows = table.rows;
        for (let i = 0; i < rows.length; i++) {
          const t = rows[i] as TableRow;
          if (t.isTotal) continue;
          const right = t.num(rule.right);
          if (right === null) continue;
          // Σ of the left columns (blanks as 0), when any of them is given.
          let any = false;
          let left = 0;
          for (const l of rule.left) {
            const x = t.num(l);
            if (x !== null) any = true;
            left += x ?? 0;
          }
          if (!any || left <= right) continue;
          const unit = t.text("upt") || t.text("jenis") || t.text("kegiatan") || "";
          ctx.report({
            rule: "ratios",
            severity: "error",
            sheet: table.sheet,
            cell: addr(table, t, rule.left[0] ?? rule.right),
            related: [...rule.left.map((l) => cellRef(table, t, l)), cellRef(table, t, rule.right)],
            message_id: `${rule.what_id}${unit ? ` (${unit})` : ""}: ${fmt(left)} melebihi ${fmt(right)}`,
            message_en: `${rule.what_en}${unit ? ` (${unit})` : ""}: ${left} exceeds ${right}`,
            expected: `≤ ${right}`,
            actual: left,
            impact: (left - right) / Math.max(right, 1),
          });
        }
      }
    }
    for (const b of modelOf(ctx).blocks) {
      for (const r of b.result ? [...b.parts, b.result] : b.parts) {
        if (r.penyebut !== 0 || r.pembilang === null || r.nilai === null) continue;
        const stated = r.policy === "nol" || r.policy === "penuh";
        if (r.pembilang === 0 && stated) continue;
        ctx.report({
          rule: "ratios",
          severity: r.pembilang === 0 ? "warning" : "error",
          sheet: b.table.sheet,
          cell: addr(b.table, r.t, "nilai"),
          related: [cellRef(b.table, r.t, "pembilang"), cellRef(b.table, r.t, "penyebut")],
          message_id:
            r.pembilang === 0
              ? `${b.def?.title_id ?? b.table.title} ${r.code ?? r.label}: 0/0 tidak terdefinisi tetapi ditulis ${fmt(r.nilai)}; nyatakan kebijakannya (mis. "nol") agar nilai komponen dapat dipertanggungjawabkan`
              : `${b.def?.title_id ?? b.table.title} ${r.code ?? r.label}: pembagian dengan nol ditulis sebagai ${fmt(r.nilai)}`,
          message_en:
            r.pembilang === 0
              ? `${b.def?.title_id ?? b.table.title} ${r.code ?? r.label}: 0/0 is undefined but written as ${r.nilai}; state the policy (e.g. "nol")`
              : `${b.def?.title_id ?? b.table.title} ${r.code ?? r.label}: a division by zero written as ${r.nilai}`,
          expected: r.pembilang === 0 ? "0/0" : "#DIV/0!",
          actual: r.nilai,
        });
      }
    }
  },
});

export const polarityRule: Rule = schemaRule({
  id: "polarity",
  title_id: "Polaritas indikator",
  title_en: "Indicator polarity",
  check(ctx) {
    for (const b of modelOf(ctx).blocks) {
      for (const r of b.result ? [...b.parts, b.result] : b.parts) {
        if (r.nilai === null) continue;
        const e = expectedPart(b, r);
        if (!e || !e.negatif) continue;
        const cell = r.t.cell("nilai");
        if (verdict(r.nilai, e.positive, cell) !== "ok" || verdict(r.nilai, e.value, cell) === "ok") continue;
        ctx.report({
          rule: "polarity",
          severity: "error",
          sheet: b.table.sheet,
          cell: addr(b.table, r.t, "nilai"),
          related: [cellRef(b.table, r.t, "pembilang"), cellRef(b.table, r.t, "penyebut")],
          message_id: `${b.def?.title_id ?? b.table.title} ${r.code ?? r.label} berpolaritas negatif (lebih rendah lebih baik) tetapi dihitung seperti positif: ${fmt(r.nilai)}; seharusnya (2 − ${fmt(r.pembilang)}/${fmt(r.penyebut)}) × 100 = ${fmt(e.value)}`,
          message_en: `${b.def?.title_id ?? b.table.title} ${r.code ?? r.label} is lower-is-better but scored as higher-is-better: ${r.nilai}; should be (2 − ${r.pembilang}/${r.penyebut}) × 100 = ${e.value.toFixed(2)}`,
          expected: Math.round(e.value * 100) / 100,
          actual: r.nilai,
          impact: relImpact(r.nilai, e.value),
        });
      }
    }
    for (const r of modelOf(ctx).capaian) {
      if (r.indicator?.polarity !== "negatif" || r.capaian === null || r.target === null || r.realisasi === null || r.target === 0) continue;
      const e = expectedCapaian(r);
      const positive = (r.realisasi / r.target) * 100;
      if (!e || verdict(r.capaian, positive, r.t.cell("capaian")) !== "ok" || verdict(r.capaian, e.value, r.t.cell("capaian")) === "ok") continue;
      ctx.report({
        rule: "polarity",
        severity: "error",
        sheet: r.table.sheet,
        cell: addr(r.table, r.t, "capaian"),
        related: [cellRef(r.table, r.t, "realisasi"), cellRef(r.table, r.t, "target")],
        message_id: `Capaian "${r.label}" (indikator negatif) dihitung sebagai R/T; seharusnya ${fmt(e.value)}`,
        message_en: `Capaian "${r.label}" (lower-is-better) computed as R/T; should be ${e.value.toFixed(2)}`,
        expected: Math.round(e.value * 100) / 100,
        actual: r.capaian,
      });
    }
  },
});

export const swappedRule: Rule = schemaRule({
  id: "swapped-columns",
  title_id: "Kolom tertukar",
  title_en: "Swapped columns",
  check(ctx) {
    for (const r of modelOf(ctx).capaian) {
      if (r.capaian === null || r.isAverage) continue;
      const e = expectedCapaian(r);
      if (!e) continue;
      const cell = r.t.cell("capaian");
      const sc = isPercentCell(cell) ? 100 : 1;
      if (verdict(r.capaian, e.swapped, cell, sc) !== "ok" || verdict(r.capaian, e.value, cell, sc) === "ok") continue;
      ctx.report({
        rule: "swapped-columns",
        severity: "error",
        sheet: r.table.sheet,
        cell: addr(r.table, r.t, "target"),
        related: [cellRef(r.table, r.t, "realisasi"), cellRef(r.table, r.t, "capaian")],
        message_id: `Baris "${r.label}": capaian ${fmt(r.capaian * sc)} sama dengan target ÷ realisasi; kolom target (${fmt(r.target)}) dan realisasi (${fmt(r.realisasi)}) tampaknya tertukar`,
        message_en: `Row "${r.label}": capaian ${(r.capaian * sc).toFixed(2)} equals target ÷ realisation; the target (${r.target}) and realisation (${r.realisasi}) columns look swapped`,
        expected: r.realisasi,
        actual: r.target,
      });
    }
    for (const table of ctx.tables.filter((t) => t.def.role === "budget")) {
      const groups = table.columns.get("pagu")?.length ?? 0;
      for (const t of table.rows) {
        for (let g = 0; g < groups; g++) {
          const pagu = t.num("pagu", g);
          const real = t.num("realisasi", g);
          if (pagu === null || real === null || real <= pagu || pagu === 0) continue;
          const stated = t.num("persen", g);
          const pctCell = t.cell("persen", g);
          const sc = isPercentCell(pctCell) ? 100 : 1;
          const matchesSwap = stated !== null && verdict(stated, (pagu / real) * 100, pctCell, sc) === "ok";
          ctx.report({
            rule: "swapped-columns",
            severity: "error",
            sheet: table.sheet,
            cell: addr(table, t, "realisasi", g),
            related: [cellRef(table, t, "pagu", g)],
            message_id: `Realisasi ${fmt(real)} melebihi pagu ${fmt(pagu)}${matchesSwap ? " dan persentasenya sama dengan pagu ÷ realisasi" : ""}: kolom pagu dan realisasi tertukar?`,
            message_en: `Realisation ${real} exceeds the budget ${pagu}${matchesSwap ? " and the percentage equals budget ÷ realisation" : ""}: are the budget and realisation columns swapped?`,
            expected: `≤ ${pagu}`,
            actual: real,
          });
        }
      }
    }
  },
});

/** The label columns `labelOf` reads, per table definition (schema objects live as long as the schema). */
const nameColumns = new WeakMap<TableDef, readonly string[]>();

function nameColumnsOf(def: TableDef): readonly string[] {
  let cols = nameColumns.get(def);
  if (!cols) {
    cols = def.totals?.label_columns ?? def.columns.filter((c) => c.kind === "label").map((c) => c.id);
    nameColumns.set(def, cols);
  }
  return cols;
}

/** The text that names a table row: its first non-empty label column. */
export function labelOf(table: RecognisedTable, t: TableRow): string {
  for (const c of nameColumnsOf(table.def)) {
    const x = t.text(c);
    if (x) return x;
  }
  return "";
}

/**
 * Which rows of a table are parents (a sasaran over its indicators): labels starting with a
 * sasaran label of the schema or one of the table's own `parent_match` words.
 */
export function parentRowTest(schema: Schema, table: RecognisedTable): (t: TableRow) => boolean {
  const parents = [...(table.def.totals?.parent_match ?? []), ...schema.indicators.flatMap((i) => i.sasaran_labels)].map(normalizeLabel).filter(Boolean);
  // The first letters the parent labels start with: a label starting with any other letter needs no normalising.
  const firsts = new Set(parents.map((p) => p[0]));
  return (t) => {
    const raw = labelOf(table, t);
    const c = leadingWordChar(raw);
    if (c !== undefined && !firsts.has(c)) return false;
    const l = normalizeLabel(raw);
    return parents.some((p) => l.startsWith(p));
  };
}
