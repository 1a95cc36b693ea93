/** Generic spreadsheet checks that need no schema (issue: audit any existing workbook). */
import type { Finding, Rule, Severity } from "../types.js";
import { formulaConsistencyRule } from "./formula-consistency.js";
import { constantInFormulasRule } from "./constant-in-formulas.js";
import { labelTotalsRule } from "./label-totals.js";
import { percentColumnsRule } from "./percent-columns.js";
import { textNumbersRule } from "./text-numbers.js";
import { unitsRule } from "./units.js";

export const GENERIC_RULES: Rule[] = [
  formulaConsistencyRule,
  constantInFormulasRule,
  labelTotalsRule,
  percentColumnsRule,
  textNumbersRule,
  unitsRule,
];

export { formulaConsistencyRule, constantInFormulasRule, labelTotalsRule, percentColumnsRule, textNumbersRule, unitsRule };

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Keep every error and warning and at most `max` info findings, most consequential first (severity,
 * then impact, unknown impact last); the rest are `hidden` — "one click away" in the UI and CLI.
 * Both lists are ordered by severity then impact. Stable for equal keys.
 */
export function capLowSeverity(findings: readonly Finding[], max = 50): { shown: Finding[]; hidden: Finding[] } {
  const ranked = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || (b.f.impact ?? -1) - (a.f.impact ?? -1) || a.i - b.i)
    .map((x) => x.f);
  const shown: Finding[] = [];
  const hidden: Finding[] = [];
  let info = 0;
  for (const f of ranked) {
    if (f.severity !== "info") shown.push(f);
    else if (info < Math.max(0, max)) {
      shown.push(f);
      info++;
    } else hidden.push(f);
  }
  return { shown, hidden };
}
