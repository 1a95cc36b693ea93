/**
 * The audit's contract: findings, rules, and the context rules run in.
 */
import type { SheetGrid, WorkbookSnapshot } from "../snapshot.js";

export type Severity = "error" | "warning" | "info";

/** Where a finding came from: the indicator schema, or generic spreadsheet checks. */
export type FindingSource = "schema" | "generic";

export interface Finding {
  /** Rule id, e.g. `digit-grouping`, `recompute`, `totals`. */
  rule: string;
  severity: Severity;
  source: FindingSource;
  sheet: string;
  /** A1 address of the cell the finding is about. */
  cell: string;
  /** Other cells involved, as `Sheet!A1` or `A1` (same sheet). */
  related: string[];
  message_id: string;
  message_en: string;
  expected?: number | string | null;
  actual?: number | string | null;
  /**
   * How much it matters: the absolute change a correction would make to the quantity at stake,
   * relative to that quantity (0–1+). Used to rank; absent means unknown.
   */
  impact?: number;
  /** Stable key for remembering accepted findings across audits. */
  key: string;
}

export interface AuditContext {
  workbook: WorkbookSnapshot;
  /** One grid per sheet, built once. */
  grids: Map<string, SheetGrid>;
  /** Push a finding. The engine fills `key` and `source` when missing. */
  report(f: Omit<Finding, "key" | "source"> & { key?: string; source?: FindingSource }): void;
  /** Cooperative cancellation: rules check it between sheets/tables. */
  cancelled(): boolean;
}

export interface Rule {
  id: string;
  /** What the rule checks, bilingual, for the UI's rule filter. */
  title_id: string;
  title_en: string;
  source: FindingSource;
  run(ctx: AuditContext): void;
}

export interface AuditOptions {
  /** Only these rule ids (default: all). */
  rules?: string[];
  /** Include the generic spreadsheet checks (default true). */
  generic?: boolean;
  /** Checked between rules and sheets. */
  signal?: { aborted: boolean };
  /** Progress 0–1 between rules. */
  onProgress?: (fraction: number, ruleId: string) => void;
}

export interface AuditSummary {
  error: number;
  warning: number;
  info: number;
}

export interface AuditResult {
  findings: Finding[];
  summary: AuditSummary;
  /** Tables the schema recognised, by table id → sheet!range. */
  recognised: { table: string; sheet: string; range: string }[];
  /** What could not be read or checked. */
  notes: { id: string; en: string }[];
  cancelled: boolean;
}
