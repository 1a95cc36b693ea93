/**
 * The indicator schema: data, not code. A JSON document, validated with zod on load, that says
 * which indicators an office reports, how each value is computed, which tables feed them (recognised
 * by header labels, not addresses) and which quantities must agree across tables.
 */
import { z } from "zod";
import builtin from "./builtin.json" with { type: "json" };

const str = z.string().min(1);
const labels = z.array(str).min(1);

export const ColumnKindSchema = z.enum(["label", "count", "amount", "percent", "index", "weight", "year", "text", "date", "polarity", "policy", "number"]);
export type ColumnKind = z.infer<typeof ColumnKindSchema>;

export const ColumnSchema = z.strictObject({
  id: str,
  labels,
  kind: ColumnKindSchema,
  required: z.boolean().default(false),
  /** Blank cells take the value above (a UPT written once over its rows). */
  fill_down: z.boolean().default(false),
  /** The label appears several times (one group per year): columns are matched in order. */
  repeat: z.boolean().default(false),
});

export const TableRoleSchema = z.enum(["data", "list", "calc", "capaian", "budget", "serapan", "ikpa", "weights", "targets"]);

export const TableSchema = z.strictObject({
  id: str,
  title_id: str,
  title_en: str,
  role: TableRoleSchema,
  /** Words of the title cell above the table that identify it when several tables share headers. */
  title_match: z.array(str).default([]),
  columns: z.array(ColumnSchema).min(1),
  /** How many column labels must match in one row for it to be this table's header. */
  min_match: z.number().int().min(1).default(2),
  /** Words that appear in the rows below the header (e.g. IKPA component names): a strong hint. */
  row_match: z.array(str).default([]),
  /** Columns whose combined value must be unique (a list entry written twice). */
  key: z.array(str).default([]),
  /** Row-wise derived columns: the sum of others (used when the stated column is absent). */
  derived: z.array(z.strictObject({ id: str, sum: z.array(str).min(1) })).default([]),
  /** Row-wise: target = Σ parts. */
  row_sums: z.array(z.strictObject({ target: str, parts: z.array(str).min(1) })).default([]),
  /** Row-wise: Σ left ≤ right (more completed than received cannot be). */
  at_most: z.array(z.strictObject({ left: z.array(str).min(1), right: str, what_id: str, what_en: str })).default([]),
  /** Row-wise: target ≈ numerator / denominator (as a fraction or a percentage). */
  ratios: z.array(z.strictObject({ target: str, numerator: str, denominator: str })).default([]),
  /** Rows labelled Jumlah/Total checked against the rows they sum; parents against children. */
  totals: z
    .strictObject({
      columns: z.array(str).min(1),
      label_columns: z.array(str).min(1),
      parent_match: z.array(str).default([]),
    })
    .optional(),
  /** Column holding the office (UPT) a row belongs to, for per-office cross-table sums. */
  entity_column: str.optional(),
  /** Columns that must hold counts only (units check). */
  count_columns: z.array(str).default([]),
  /** Columns that hold percentages on the 0–100 scale (units check). */
  percent_columns: z.array(str).default([]),
});
export type TableDef = z.infer<typeof TableSchema>;

export const PolaritySchema = z.enum(["positif", "negatif"]);

export const CalcPartSchema = z.strictObject({
  label: str,
  weight: z.number().min(0).max(100),
  polarity: PolaritySchema.default("positif"),
  cap: z.number().optional(),
});

export const CalcSchema = z.strictObject({
  id: str,
  indicator: str,
  title_id: str,
  /** Label of the result row, e.g. `K1` or `X`. */
  result: str,
  /** Parts with their weights (%); empty for a single ratio (result = pembilang / penyebut). */
  parts: z.array(CalcPartSchema).default([]),
  /** For a single-ratio calculation. */
  cap: z.number().optional(),
  polarity: PolaritySchema.default("positif"),
  title_match: z.array(str).default([]),
});
export type CalcDef = z.infer<typeof CalcSchema>;

export const IndicatorSchema = z.strictObject({
  id: str,
  name: str,
  /** How the indicator is written in the capaian and PK tables. */
  labels,
  sasaran: str,
  sasaran_labels: labels,
  unit: z.enum(["indeks", "persen"]),
  polarity: PolaritySchema.default("positif"),
  targets: z.record(z.string().regex(/^\d{4}$/), z.number()),
  /** Id of the calculation whose result is the indicator's realisation. */
  calc: str.optional(),
});
export type IndicatorDef = z.infer<typeof IndicatorSchema>;

const TableRefSchema = z.strictObject({
  table: str,
  column: str,
  agg: z.enum(["sum", "count", "count_distinct"]).default("sum"),
  /** Only rows whose label columns match one of these words. */
  where: z.array(str).optional(),
  /** Rows whose label matches one of these words are left out. */
  except: z.array(str).optional(),
  /** Per office (entity) instead of one total. */
  by_entity: z.boolean().default(false),
});
const CalcRefSchema = z.strictObject({
  calc: str,
  row: str,
  column: z.enum(["pembilang", "penyebut", "nilai", "bobot"]),
});
const CapaianRefSchema = z.strictObject({
  indicator: str,
  column: z.enum(["target", "realisasi", "capaian"]),
});
export const RefSchema = z.union([TableRefSchema, CalcRefSchema, CapaianRefSchema]);
export type Ref = z.infer<typeof RefSchema>;

export const LinkSchema = z.strictObject({
  id: str,
  what_id: str,
  what_en: str,
  left: RefSchema,
  right: RefSchema,
  severity: z.enum(["error", "warning", "info"]).default("error"),
  /** Relative tolerance (0 = must be equal up to display rounding). */
  tolerance: z.number().min(0).default(0),
});
export type LinkDef = z.infer<typeof LinkSchema>;

export const EntitySchema = z.strictObject({ id: str, labels });

export const SchemaSchema = z.strictObject({
  version: z.literal(1),
  name: str,
  office: str.optional(),
  year: z.number().int().optional(),
  entities: z.array(EntitySchema).default([]),
  indicators: z.array(IndicatorSchema).default([]),
  tables: z.array(TableSchema).default([]),
  calcs: z.array(CalcSchema).default([]),
  links: z.array(LinkSchema).default([]),
});
export type Schema = z.infer<typeof SchemaSchema>;

const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);

function rejectPollutingKeys(value: unknown, path: string[] = []): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => rejectPollutingKeys(v, [...path, String(i)]));
    return;
  }
  if (value && typeof value === "object") {
    for (const k of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(k)) throw new SchemaError([`${[...path, k].join(".")}: kunci terlarang / forbidden key "${k}"`]);
      rejectPollutingKeys((value as Record<string, unknown>)[k], [...path, k]);
    }
  }
}

export class SchemaError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Skema tidak valid / invalid schema:\n- ${problems.join("\n- ")}`);
    this.name = "SchemaError";
    this.problems = problems;
  }
}

/** Cross-references inside a schema: ids that must exist. */
function checkReferences(s: Schema): string[] {
  const problems: string[] = [];
  const tables = new Map(s.tables.map((t) => [t.id, t]));
  const calcs = new Set(s.calcs.map((c) => c.id));
  const indicators = new Set(s.indicators.map((i) => i.id));
  const dup = (ids: string[], what: string) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`${what} "${id}" ganda / duplicated`);
      seen.add(id);
    }
  };
  dup(s.tables.map((t) => t.id), "tabel/table");
  dup(s.calcs.map((c) => c.id), "perhitungan/calc");
  dup(s.indicators.map((i) => i.id), "indikator/indicator");
  for (const t of s.tables) {
    const cols = new Set([...t.columns.map((c) => c.id), ...t.derived.map((d) => d.id)]);
    const need = (id: string, where: string) => {
      if (!cols.has(id)) problems.push(`tables.${t.id}.${where}: kolom "${id}" tidak ada / unknown column`);
    };
    t.key.forEach((k) => need(k, "key"));
    t.derived.forEach((d) => d.sum.forEach((p) => need(p, "derived")));
    t.row_sums.forEach((r) => [r.target, ...r.parts].forEach((p) => need(p, "row_sums")));
    t.at_most.forEach((r) => [...r.left, r.right].forEach((p) => need(p, "at_most")));
    t.ratios.forEach((r) => [r.target, r.numerator, r.denominator].forEach((p) => need(p, "ratios")));
    t.totals?.columns.forEach((p) => need(p, "totals"));
    t.totals?.label_columns.forEach((p) => need(p, "totals"));
    if (t.entity_column) need(t.entity_column, "entity_column");
    t.count_columns.forEach((p) => need(p, "count_columns"));
    t.percent_columns.forEach((p) => need(p, "percent_columns"));
  }
  for (const c of s.calcs) {
    if (!indicators.has(c.indicator)) problems.push(`calcs.${c.id}: indikator "${c.indicator}" tidak ada / unknown indicator`);
    const sum = c.parts.reduce((a, p) => a + p.weight, 0);
    if (c.parts.length && Math.abs(sum - 100) > 1e-9) problems.push(`calcs.${c.id}: bobot berjumlah ${sum}%, harus 100% / weights sum to ${sum}%`);
  }
  for (const i of s.indicators) if (i.calc && !calcs.has(i.calc)) problems.push(`indicators.${i.id}: perhitungan "${i.calc}" tidak ada / unknown calc`);
  for (const l of s.links) {
    for (const ref of [l.left, l.right]) {
      if ("table" in ref) {
        const t = tables.get(ref.table);
        if (!t) problems.push(`links.${l.id}: tabel "${ref.table}" tidak ada / unknown table`);
        else if (![...t.columns.map((c) => c.id), ...t.derived.map((d) => d.id)].includes(ref.column)) problems.push(`links.${l.id}: kolom "${ref.column}" tidak ada di ${ref.table}`);
      } else if ("calc" in ref) {
        if (!calcs.has(ref.calc)) problems.push(`links.${l.id}: perhitungan "${ref.calc}" tidak ada / unknown calc`);
      } else if (!indicators.has(ref.indicator)) problems.push(`links.${l.id}: indikator "${ref.indicator}" tidak ada / unknown indicator`);
    }
  }
  return problems;
}

/** Validate a parsed JSON value as a schema; throws SchemaError listing every problem with its path. */
export function parseSchema(json: unknown): Schema {
  rejectPollutingKeys(json);
  const r = SchemaSchema.safeParse(json);
  if (!r.success) {
    throw new SchemaError(r.error.issues.map((i) => `${i.path.join(".") || "(akar/root)"}: ${i.message}`));
  }
  const problems = checkReferences(r.data);
  if (problems.length) throw new SchemaError(problems);
  return r.data;
}

/** Parse schema text (JSON). A syntax error is reported as a SchemaError too. */
export function parseSchemaText(text: string): Schema {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SchemaError([`bukan JSON yang sah / not valid JSON: ${(e as Error).message}`]);
  }
  return parseSchema(json);
}

let builtinCache: Schema | undefined;

export function loadBuiltinSchema(): Schema {
  builtinCache ??= parseSchema(builtin);
  return builtinCache;
}
