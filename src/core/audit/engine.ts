/**
 * The audit engine: runs every rule over a workbook snapshot and returns findings, ranked.
 * The audit only reads the snapshot; it never changes a user's data.
 */
import { SheetGrid, parseA1, parseRange, type RangeBounds, type WorkbookSnapshot } from "../snapshot.js";
import type { AuditContext, AuditOptions, AuditResult, Finding, Rule, Severity } from "./types.js";
import { SCHEMA_RULES } from "./rules/index.js";
import { GENERIC_RULES } from "./generic/index.js";
import { loadBuiltinSchema, type Schema } from "../schema/schema.js";
import { recogniseTables, type RecognisedTable } from "./tables.js";

export interface RunAuditOptions extends AuditOptions {
  schema?: Schema;
  /** Called once with the recognised tables, before the rules run (e.g. to chart them without recognising them again). */
  onTables?: (tables: RecognisedTable[]) => void;
}

/** Shared, computed-once state the schema rules read. */
export interface SchemaAuditContext extends AuditContext {
  schema: Schema;
  tables: RecognisedTable[];
}

/** One collator each, made once: `localeCompare` with options builds a new one on every call. */
const COLLATOR = new Intl.Collator();
const NUMERIC_COLLATOR = new Intl.Collator(undefined, { numeric: true });

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function allRules(): Rule[] {
  return [...SCHEMA_RULES, ...GENERIC_RULES];
}

function findingKey(f: Pick<Finding, "rule" | "sheet" | "cell" | "message_en">): string {
  return `${f.rule}|${f.sheet}|${f.cell}|${maskNumbers(f.message_en, 80)}`;
}

/** A character of a number in a message: a digit, "-", "." or ",". */
function isNumberChar(ch: number): boolean {
  return (ch >= 48 && ch <= 57) || ch === 45 || ch === 46 || ch === 44;
}

/**
 * `s.replace(/[-0-9.,]+/g, "#").slice(0, max)`, replacing only the prefix that makes those `max`
 * characters: messages are long and only their start goes into a finding's key.
 */
export function maskNumbers(s: string, max: number): string {
  let produced = 0;
  let cut = s.length;
  for (let i = 0; i < s.length; i++) {
    const isNum = isNumberChar(s.charCodeAt(i));
    // A number character after another one adds nothing: its run is already one "#".
    if (isNum && i > 0 && isNumberChar(s.charCodeAt(i - 1))) continue;
    if (produced === max) {
      cut = i;
      break;
    }
    produced++;
  }
  return s.slice(0, cut).replace(/[-0-9.,]+/g, "#");
}

/** Generic rules whose checks the schema rules make with more knowledge inside recognised tables. */
const SCHEMA_COVERED = new Set(["label-totals", "percent-columns", "text-numbers", "mixed-units"]);

/**
 * One finding per problem: a generic finding is dropped when a schema finding names the same cell,
 * or when it is a check the schema rules already make (with the table's structure) inside a
 * recognised table. Findings say which side they come from in `source`.
 */
function dropGenericOverlaps(findings: Finding[], tables: RecognisedTable[]): Finding[] {
  const schemaCells = new Set(findings.filter((f) => f.source === "schema").map((f) => `${f.sheet}!${f.cell}`));
  const ranges = new Map<string, RangeBounds[]>();
  for (const t of tables) {
    const b = parseRange(t.range);
    if (!b) continue;
    const list = ranges.get(t.sheet);
    if (list) list.push(b);
    else ranges.set(t.sheet, [b]);
  }
  const inTable = (f: Finding) => {
    const list = ranges.get(f.sheet);
    const p = list && parseA1(f.cell);
    return !!p && !!list?.some((b) => p.row >= b.top && p.row <= b.bottom && p.col >= b.left && p.col <= b.right);
  };
  return findings.filter((f) => f.source !== "generic" || (!schemaCells.has(`${f.sheet}!${f.cell}`) && !(SCHEMA_COVERED.has(f.rule) && inTable(f))));
}

type Reported = Parameters<AuditContext["report"]>[0];

/**
 * One audit's context, collecting its findings. `report` is a method, the same function in every
 * audit: rules' optimised code that inlined it stays valid from one audit to the next (a closure
 * made per audit would be a new call target each time).
 */
class Context implements SchemaAuditContext {
  readonly list: Finding[] = [];
  private readonly seen = new Set<string>();
  /** The rule running now, whose source a finding takes when it names none. */
  current: Rule | undefined;
  tables: RecognisedTable[] = [];

  constructor(
    readonly workbook: WorkbookSnapshot,
    readonly grids: Map<string, SheetGrid>,
    readonly schema: Schema,
    private readonly signal: { aborted: boolean } | undefined,
  ) {}

  cancelled(): boolean {
    return this.signal?.aborted === true;
  }

  report(f: Reported): void {
    // The key first: a repeated finding is dropped before anything is built for it.
    const key = f.key ?? findingKey(f);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    // Built field by field, not spread: rules report objects of many shapes, and one shape here
    // keeps the copy cheap (absent optional fields are undefined, which JSON leaves out as before).
    this.list.push({
      rule: f.rule,
      severity: f.severity,
      sheet: f.sheet,
      cell: f.cell,
      related: f.related ?? [],
      message_id: f.message_id,
      message_en: f.message_en,
      expected: f.expected,
      actual: f.actual,
      impact: f.impact,
      source: f.source ?? this.current?.source ?? "schema",
      key,
    });
  }
}

export function runAudit(workbook: WorkbookSnapshot, opts: RunAuditOptions = {}): AuditResult {
  const schema = opts.schema ?? loadBuiltinSchema();
  const grids = new Map<string, SheetGrid>();
  for (const s of workbook.sheets) grids.set(s.name, new SheetGrid(s));
  const ctx = new Context(workbook, grids, schema, opts.signal);
  const findings = ctx.list;
  const notes: { id: string; en: string }[] = (workbook.unreadable ?? []).map((u) => ({
    id: `Tidak terbaca${u.sheet ? ` (${u.sheet})` : ""}: ${u.reason}`,
    en: `Not readable${u.sheet ? ` (${u.sheet})` : ""}: ${u.reason}`,
  }));
  const tables = recogniseTables(workbook, grids, schema);
  ctx.tables = tables;
  opts.onTables?.(tables);

  let rules = allRules();
  if (opts.generic === false) rules = rules.filter((r) => r.source !== "generic");
  if (opts.rules) rules = rules.filter((r) => opts.rules?.includes(r.id));
  let cancelled = false;
  rules.forEach((rule, i) => {
    if (cancelled || ctx.cancelled()) {
      cancelled = true;
      return;
    }
    ctx.current = rule;
    try {
      rule.run(ctx);
    } catch (e) {
      notes.push({
        id: `Aturan ${rule.id} gagal dijalankan: ${(e as Error).message}`,
        en: `Rule ${rule.id} failed to run: ${(e as Error).message}`,
      });
    }
    opts.onProgress?.((i + 1) / rules.length, rule.id);
  });

  const kept = dropGenericOverlaps(findings, tables);
  findings.length = 0;
  findings.push(...kept);
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (b.impact ?? 0) - (a.impact ?? 0) ||
      COLLATOR.compare(a.sheet, b.sheet) ||
      NUMERIC_COLLATOR.compare(a.cell, b.cell),
  );
  const summary = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity]++;
  return {
    findings,
    summary,
    recognised: tables.map((t) => ({ table: t.def.id, sheet: t.sheet, range: t.range })),
    notes,
    cancelled: cancelled || ctx.cancelled(),
  };
}
