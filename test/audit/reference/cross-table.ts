// Reference copy of src/core/audit/rules/cross-table.ts as it was before the rules were made faster: the oracle
// of rules-oracle.test.ts (same findings, same order). Keep it as it is; it is not used by the audit.
/**
 * cross-table: the same quantity must agree wherever the workbook states it — a detailed table and
 * the calculation that uses it, a summary table and the detailed calculation (Tabel 3 vs BAB III),
 * per-office sums in two tables, a count and the list it counts, targets and the Perjanjian Kinerja.
 */
import type { Rule, Severity } from "../../../src/core/audit/types.js";
import type { SchemaAuditContext } from "../../../src/core/audit/engine.js";
import type { LinkDef, Ref, Schema } from "../../../src/core/schema/schema.js";
import { labelMatcher, labelMatches, normalizeLabel } from "../../../src/core/text.js";
import { isPercentCell, tablesOf, type RecognisedTable, type TableRow } from "../../../src/core/audit/tables.js";
import { addr, cellRef, fmt, modelOf, relImpact, verdict, type AuditModel, schemaRule } from "./model.js";
import { parentRowTest } from "./structure.js";
import { crossCheckEffectiveBudget } from "./budget.js";

interface Located {
  value: number;
  sheet: string;
  cell: string;
  /** Cells that make up the value. */
  cells: string[];
  desc_id: string;
  desc_en: string;
  percent?: boolean;
}

type Evaluated = { kind: "single"; v: Located } | { kind: "entities"; m: Map<string, Located> } | undefined;

const entityMemo = new WeakMap<Schema, Map<string, string | undefined>>();

/** The office (entity id) a UPT text names, memoised per schema: the same names repeat on every row. */
function entityOf(schema: Schema, text: string): string | undefined {
  if (!text) return undefined;
  let memo = entityMemo.get(schema);
  if (!memo) {
    memo = new Map();
    entityMemo.set(schema, memo);
  }
  if (memo.has(text)) return memo.get(text);
  const id = schema.entities.find((x) => labelMatches(text, x.labels))?.id;
  if (memo.size < 10_000) memo.set(text, id);
  return id;
}

/** Cells named as related to a cross-table finding: a few are enough to go and look. */
const MAX_RELATED = 8;

type TableRef = Extract<Ref, { table: string }>;

/**
 * What every ref to one recognised table needs from its rows, computed once per run of the rule and
 * shared by all links that name the table: the body rows (no Jumlah/Total rows), their normalised
 * labels and the rows each where/except filter keeps.
 */
class TableFacts {
  /** Body rows, in order. */
  readonly rows: TableRow[];
  /** Each body row's normalised label. */
  private labels: string[] | undefined;
  private readonly masks = new Map<string, Uint8Array>();

  constructor(readonly table: RecognisedTable) {
    this.rows = table.rows.filter((t) => !t.isTotal);
  }

  /** 1 for the body rows a ref's where/except keep, undefined when the ref keeps every row. */
  mask(ref: TableRef): Uint8Array | undefined {
    const { where, except } = ref;
    if (!where && !except) return undefined;
    const key = JSON.stringify([where ?? null, except ?? null]);
    let m = this.masks.get(key);
    if (m) return m;
    const labels = (this.labels ??= this.rows.map((t) => normalizeLabel(t.label)));
    const kept = where && labelMatcher(where);
    const dropped = except && labelMatcher(except);
    m = new Uint8Array(labels.length);
    for (let i = 0; i < labels.length; i++) {
      const l = labels[i] ?? "";
      m[i] = (!kept || kept(l)) && !(dropped && dropped(l)) ? 1 : 0;
    }
    this.masks.set(key, m);
    return m;
  }
}

/** A row's number in a column, or the sum of a derived column's parts when the column is not stated. */
function rowValue(t: TableRow, col: string, derived: { sum: string[] } | undefined): number | null {
  const own = t.num(col);
  if (own !== null || !derived) return own;
  let sum: number | null = null;
  for (const p of derived.sum) {
    const v = t.num(p);
    if (v !== null) sum = (sum ?? 0) + v;
  }
  return sum;
}

interface Acc {
  sum: number;
  n: number;
  distinct: Set<string>;
  /** The first few contributing rows (their cells are named only when a finding is reported). */
  cells: { table: RecognisedTable; t: TableRow }[];
  first?: { t: RecognisedTable; r: TableRow };
}

/** Evaluates refs for one run of the rule: each distinct ref once, each table's row facts once. */
class Evaluator {
  private readonly facts = new Map<RecognisedTable, TableFacts>();
  private readonly done = new Map<string, Evaluated>();

  constructor(
    private readonly ctx: SchemaAuditContext,
    private readonly model: AuditModel,
  ) {}

  evaluate(ref: Ref): Evaluated {
    const key = JSON.stringify(ref);
    if (this.done.has(key)) return this.done.get(key);
    const v = "table" in ref ? this.table(ref) : "calc" in ref ? evalCalcRef(this.model, ref) : evalCapaianRef(this.model, ref);
    this.done.set(key, v);
    return v;
  }

  private factsOf(table: RecognisedTable): TableFacts {
    let f = this.facts.get(table);
    if (!f) {
      f = new TableFacts(table);
      this.facts.set(table, f);
    }
    return f;
  }

  private table(ref: TableRef): Evaluated {
    const tables = tablesOf(this.ctx.tables, ref.table);
    if (!tables.length) return undefined;
    const used = new Set<RecognisedTable>();
    const acc = new Map<string, Acc>();
    const sum = ref.agg === "sum";
    for (const table of tables) {
      const f = this.factsOf(table);
      const mask = f.mask(ref);
      const entityColumn = table.def.entity_column ?? "upt";
      const derived = table.def.derived.find((x) => x.id === ref.column);
      let usedHere = false;
      let lastKey: string | undefined;
      let a: Acc | undefined;
      for (let i = 0; i < f.rows.length; i++) {
        if (mask && mask[i] === 0) continue;
        const t = f.rows[i] as TableRow;
        const k = ref.by_entity ? entityOf(this.ctx.schema, t.text(entityColumn)) : "*";
        if (!k) continue;
        if (k !== lastKey || !a) {
          a = acc.get(k);
          if (!a) {
            a = { sum: 0, n: 0, distinct: new Set(), cells: [] };
            acc.set(k, a);
          }
          lastKey = k;
        }
        a.first ??= { t: table, r: t };
        if (sum) {
          const v = rowValue(t, ref.column, derived);
          if (v === null) continue;
          a.sum += v;
        } else {
          const text = normalizeLabel(t.text(ref.column));
          if (!text || text === "-") continue;
          a.distinct.add(text);
        }
        usedHere = true;
        a.n++;
        if (a.cells.length < MAX_RELATED) a.cells.push({ table, t });
      }
      if (usedHere) used.add(table);
    }
    const aggName = { sum: { id: "jumlah", en: "sum of" }, count: { id: "banyaknya", en: "count of" }, count_distinct: { id: "banyaknya (unik)", en: "distinct count of" } }[ref.agg];
    const def0 = tables[0]?.def;
    const col = def0?.columns.find((c) => c.id === ref.column)?.labels[0] ?? def0?.derived.find((d) => d.id === ref.column)?.sum.join(" + ") ?? ref.column;
    const contributing = used.size ? [...used] : tables;
    const title = contributing.map((t) => t.title || t.def.title_id).filter((x, i, all) => all.indexOf(x) === i).join(" + ");
    const make = (a: Acc): Located | undefined => {
      if (!a.first) return undefined;
      return {
        value: ref.agg === "sum" ? a.sum : ref.agg === "count" ? a.n : a.distinct.size,
        sheet: a.first.t.sheet,
        cell: addr(a.first.t, a.first.r, ref.column),
        cells: a.cells.map((c) => cellRef(c.table, c.t, ref.column)),
        desc_id: `${aggName.id} "${col}" di ${title}`,
        desc_en: `${aggName.en} "${col}" in ${tables[0]?.def.title_en ?? title}`,
      };
    };
    if (!ref.by_entity) {
      const a = acc.get("*");
      const v = a && make(a);
      return v && (ref.agg !== "sum" || (a?.n ?? 0) > 0) ? { kind: "single", v } : undefined;
    }
    const m = new Map<string, Located>();
    for (const [k, a] of acc) {
      const v = make(a);
      if (v && (ref.agg !== "sum" || a.n > 0)) m.set(k, v);
      else if (a.first) m.set(k, { value: Number.NaN, sheet: a.first.t.sheet, cell: addr(a.first.t, a.first.r, ref.column), cells: [], desc_id: "", desc_en: "" });
    }
    return { kind: "entities", m };
  }
}

function evalCalcRef(model: AuditModel, ref: Extract<Ref, { calc: string }>): Evaluated {
  const b = model.byCalc.get(ref.calc);
  if (!b) return undefined;
  const code = ref.row.toUpperCase();
  const rows = b.result ? [...b.parts, b.result] : b.parts;
  const r = rows.find((x) => x.code === code);
  if (!r) return undefined;
  const v = ref.column === "bobot" ? r.bobot : r[ref.column];
  if (v === null) return undefined;
  const colName = { pembilang: { id: "pembilang", en: "numerator" }, penyebut: { id: "penyebut", en: "denominator" }, nilai: { id: "nilai", en: "value" }, bobot: { id: "bobot", en: "weight" } }[ref.column];
  return {
    kind: "single",
    v: {
      value: v,
      sheet: b.table.sheet,
      cell: addr(b.table, r.t, ref.column),
      cells: [cellRef(b.table, r.t, ref.column)],
      desc_id: `${colName.id} ${code} pada ${b.def?.title_id ?? b.table.title}`,
      desc_en: `${colName.en} of ${code} in ${b.def?.title_id ?? b.table.title}`,
    },
  };
}

function evalCapaianRef(model: AuditModel, ref: Extract<Ref, { indicator: string }>): Evaluated {
  const rows = model.capaian.filter((r) => r.indicator?.id === ref.indicator && !r.isAverage);
  const r = rows.find((x) => x.t.num(ref.column) !== null);
  if (!r) return undefined;
  const v = r.t.num(ref.column);
  if (v === null) return undefined;
  return {
    kind: "single",
    v: {
      value: v,
      sheet: r.table.sheet,
      cell: addr(r.table, r.t, ref.column),
      cells: [cellRef(r.table, r.t, ref.column)],
      desc_id: `${ref.column} "${r.label}" di ${r.table.title || "tabel capaian"}`,
      desc_en: `${ref.column} of "${r.label}" in ${r.table.title || "the capaian table"}`,
      percent: isPercentCell(r.t.cell(ref.column)),
    },
  };
}

function compare(ctx: SchemaAuditContext, link: LinkDef, left: Located, right: Located, entity?: string): void {
  const l = left.value;
  const r = right.value;
  const where = entity ? ` [${ctx.schema.entities.find((e) => e.id === entity)?.labels[0] ?? entity}]` : "";
  const missing = Number.isNaN(l) || Number.isNaN(r);
  if (!missing) {
    if (link.tolerance > 0 && Math.abs(l - r) <= link.tolerance * Math.max(Math.abs(r), 1e-9)) return;
    const v = verdict(l, r, undefined);
    if (v === "ok" || (Math.abs(l - r) < 0.005 + 1e-9)) return;
  }
  const severity: Severity = link.severity;
  ctx.report({
    rule: "cross-table",
    severity,
    sheet: left.sheet,
    cell: left.cell,
    related: [`${right.sheet}!${right.cell}`, ...right.cells.slice(0, MAX_RELATED)],
    message_id: `${link.what_id}${where}: ${left.desc_id || "nilai"} = ${missing && Number.isNaN(l) ? "kosong" : fmt(l)}, sedangkan ${right.desc_id || "pembanding"} = ${Number.isNaN(r) ? "kosong" : fmt(r)}`,
    message_en: `${link.what_en}${where}: ${left.desc_en || "value"} = ${Number.isNaN(l) ? "empty" : l}, but ${right.desc_en || "reference"} = ${Number.isNaN(r) ? "empty" : r}`,
    expected: Number.isNaN(r) ? null : r,
    actual: Number.isNaN(l) ? null : l,
    impact: missing ? 1 : relImpact(l, r),
  });
}

function checkTargets(ctx: SchemaAuditContext, model: AuditModel): void {
  const year = ctx.schema.year;
  for (const r of model.capaian) {
    const ind = r.indicator;
    if (!ind || r.target === null || r.isAverage) continue;
    const expected = year !== undefined ? ind.targets[String(year)] : undefined;
    if (expected === undefined) continue;
    const stated = isPercentCell(r.t.cell("target")) && ind.unit === "persen" ? r.target * 100 : r.target;
    if (Math.abs(stated - expected) < 1e-9) continue;
    ctx.report({
      rule: "cross-table",
      severity: "error",
      sheet: r.table.sheet,
      cell: addr(r.table, r.t, "target"),
      related: [],
      message_id: `Target "${r.label}" tertulis ${fmt(stated)}, sedangkan Perjanjian Kinerja ${year} menetapkan ${fmt(expected)}`,
      message_en: `Target of "${r.label}" is ${stated}, but the ${year} Performance Agreement sets ${expected}`,
      expected,
      actual: stated,
      impact: relImpact(stated, expected),
    });
  }
  // A targets table (Perjanjian Kinerja) in the workbook against the schema.
  for (const table of ctx.tables.filter((t) => t.def.role === "targets")) {
    // The year of each target column, read once from its header.
    const yearCols = (table.columns.get("target") ?? []).map((_, g) => ({ g, y: yearOfTargetColumn(ctx, table, g) }));
    for (const t of table.rows) {
      const ind = ctx.schema.indicators.find((i) => labelMatches(t.text("indikator"), i.labels));
      if (!ind) continue;
      for (const { g, y } of yearCols) {
        const v = t.num("target", g);
        if (v === null || y === undefined) continue;
        const expected = ind.targets[y];
        if (expected === undefined) continue;
        const stated = isPercentCell(t.cell("target", g)) && ind.unit === "persen" ? v * 100 : v;
        if (Math.abs(stated - expected) < 1e-9) continue;
        ctx.report({
          rule: "cross-table",
          severity: "error",
          sheet: table.sheet,
          cell: addr(table, t, "target", g),
          related: [],
          message_id: `Target ${y} "${t.text("indikator")}" tertulis ${fmt(stated)}, sedangkan skema indikator menetapkan ${fmt(expected)}`,
          message_en: `The ${y} target of "${t.text("indikator")}" is ${stated}, but the indicator schema sets ${expected}`,
          expected,
          actual: stated,
        });
      }
    }
  }
}

function yearOfTargetColumn(ctx: SchemaAuditContext, table: RecognisedTable, g: number): string | undefined {
  const col = table.columns.get("target")?.[g];
  if (col === undefined) return undefined;
  const grid = ctx.grids.get(table.sheet);
  for (let r = table.headerRow; r >= Math.max(1, table.headerRow - 1); r--) {
    const v = grid?.get(r, col)?.value;
    const m = /\b(20\d{2})\b/.exec(String(v ?? ""));
    if (m) return m[1];
  }
  return undefined;
}

interface BudgetTotal {
  table: RecognisedTable;
  g: number;
  pagu: number;
  realisasi: number;
  /** Where the stated total realisation is, if the table has a total row. */
  at?: TableRow;
}

function budgetTotals(ctx: SchemaAuditContext, table: RecognisedTable): BudgetTotal[] {
  const out: BudgetTotal[] = [];
  const total = table.rows.find((t) => t.isTotal);
  // The rows to add up where no total is stated: the parent rows, else the whole body. Found only
  // when needed, as a stated total is the usual case.
  let top: TableRow[] | undefined;
  const topRows = (): TableRow[] => {
    if (!top) {
      const isParent = parentRowTest(ctx.schema, table);
      const body = table.rows.filter((t) => !t.isTotal);
      const parents = body.filter(isParent);
      top = parents.length ? parents : body;
    }
    return top;
  };
  for (let g = 0; g < (table.columns.get("pagu")?.length ?? 0); g++) {
    const stated = (c: string) => total?.num(c, g) ?? null;
    const sum = (c: string) => topRows().reduce((a, t) => a + (t.num(c, g) ?? 0), 0);
    out.push({ table, g, pagu: stated("pagu") ?? sum("pagu"), realisasi: stated("realisasi") ?? sum("realisasi"), ...(total ? { at: total } : {}) });
  }
  return out;
}

/** Budget tables of the same scope must report the same totals: paired by equal budget, or both per satuan kerja. */
function checkBudgetPairs(ctx: SchemaAuditContext): void {
  const tables = ctx.tables.filter((t) => t.def.role === "budget");
  const totals = tables.map((t) => budgetTotals(ctx, t));
  const perSatker = tables.map((t) => /satuan kerja|satker/.test(normalizeLabel(t.title)));
  const report = (a: BudgetTotal, b: BudgetTotal, col: "pagu" | "realisasi") => {
    if (a[col] === b[col]) return;
    const where = b.at ? { sheet: b.table.sheet, cell: addr(b.table, b.at, col, b.g) } : { sheet: b.table.sheet, cell: b.table.range.split(":")[0] ?? "A1" };
    const what = col === "pagu" ? { id: "pagu", en: "budget" } : { id: "realisasi", en: "realisation" };
    ctx.report({
      rule: "cross-table",
      severity: "error",
      ...where,
      related: a.at ? [cellRef(a.table, a.at, col, a.g)] : [],
      message_id: `Total ${what.id} ${b.table.title || b.table.def.title_id} (${fmt(b[col])}) berbeda dari ${a.table.title || a.table.def.title_id} (${fmt(a[col])}) untuk cakupan yang sama (selisih ${fmt(b[col] - a[col])})`,
      message_en: `Total ${what.en} of ${b.table.title || b.table.def.title_en} (${b[col]}) differs from ${a.table.title || a.table.def.title_en} (${a[col]}) for the same scope (difference ${b[col] - a[col]})`,
      expected: a[col],
      actual: b[col],
      impact: relImpact(b[col], a[col]),
    });
  };
  for (let i = 0; i < tables.length; i++) {
    for (let j = i + 1; j < tables.length; j++) {
      const gi = totals[i] ?? [];
      const gj = totals[j] ?? [];
      const samePagu = gi.flatMap((a) => gj.filter((b) => a.pagu === b.pagu && a.pagu > 0).map((b) => [a, b] as const));
      if (samePagu.length) {
        for (const [a, b] of samePagu) report(a, b, "realisasi");
      } else if (perSatker[i] && perSatker[j]) {
        const a = gi[gi.length - 1];
        const b = gj[gj.length - 1];
        if (a && b) {
          report(a, b, "pagu");
          report(a, b, "realisasi");
        }
      }
    }
  }
}

/** Yearly IKPA component scores (Tabel 21) against the IKPA table of the same year. */
function checkIkpaYears(ctx: SchemaAuditContext): void {
  const year = String(ctx.schema.year ?? "");
  const ikpa = ctx.tables.filter((t) => t.def.role === "ikpa");
  for (const yt of ctx.tables.filter((t) => t.def.id === "ikpa_tahunan")) {
    const row = yt.rows.find((t) => t.text("tahun").startsWith(year));
    if (!row) continue;
    for (const col of yt.def.columns) {
      if (col.id === "tahun") continue;
      const v = row.num(col.id);
      if (v === null) continue;
      for (const it of ikpa) {
        const r = it.rows.find((x) => labelMatches(x.text("komponen"), col.labels, "exact"));
        const n = r?.num("nilai");
        if (!r || n === null || n === undefined || Math.abs(n - v) < 0.005) continue;
        ctx.report({
          rule: "cross-table",
          severity: "error",
          sheet: yt.sheet,
          cell: addr(yt, row, col.id),
          related: [cellRef(it, r, "nilai")],
          message_id: `Nilai IKPA ${year} "${col.labels[0]}" tertulis ${fmt(v)} di ${yt.title || "tabel tahunan"}, tetapi ${fmt(n)} di ${it.title || "tabel IKPA"}`,
          message_en: `The ${year} IKPA score "${col.labels[0]}" is ${v} in ${yt.title || "the yearly table"} but ${n} in ${it.title || "the IKPA table"}`,
          expected: n,
          actual: v,
          impact: relImpact(v, n),
        });
      }
    }
  }
}

export const crossTableRule: Rule = schemaRule({
  id: "cross-table",
  title_id: "Kesesuaian antartabel",
  title_en: "Cross-table agreement",
  check(ctx) {
    const model = modelOf(ctx);
    const refs = new Evaluator(ctx, model);
    for (const link of ctx.schema.links) {
      if (ctx.cancelled()) return;
      // The right side is evaluated only when there is a left side to compare it with.
      const left = refs.evaluate(link.left);
      const right = left && refs.evaluate(link.right);
      if (!left || !right) continue;
      if (left.kind === "single" && right.kind === "single") compare(ctx, link, left.v, right.v);
      else if (left.kind === "entities" && right.kind === "entities") {
        for (const [k, lv] of left.m) {
          const rv = right.m.get(k);
          if (rv) compare(ctx, link, lv, rv, k);
        }
      }
    }
    checkTargets(ctx, model);
    checkBudgetPairs(ctx);
    checkIkpaYears(ctx);
    crossCheckEffectiveBudget(ctx);
  },
});
