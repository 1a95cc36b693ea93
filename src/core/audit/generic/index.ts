/** Generic spreadsheet checks that need no schema (issue: audit any existing workbook). */
import type { Rule } from "../types.js";

export const GENERIC_RULES: Rule[] = [];
