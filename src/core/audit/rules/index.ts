/** The schema-driven audit rules, in the order they run. */
import type { Rule } from "../types.js";
import { recomputeRule } from "./recompute.js";
import { polarityRule, ratiosRule, swappedRule, weightsRule } from "./structure.js";
import { digitGroupingRule, duplicatesRule, totalsRule, unitsRule } from "./tables-rules.js";
import { crossTableRule } from "./cross-table.js";

export const SCHEMA_RULES: Rule[] = [
  digitGroupingRule,
  recomputeRule,
  weightsRule,
  totalsRule,
  ratiosRule,
  crossTableRule,
  duplicatesRule,
  unitsRule,
  polarityRule,
  swappedRule,
];
