/**
 * Reference definitions the generic rules' fast paths are tested against (test/generic/fast-paths.test.ts):
 * the straightforward per-cell versions of what `SheetFacts` and the majority vote compute.
 */
import type { CellSnapshot } from "../../src/core/snapshot.js";
import { numberLike, typedText } from "../../src/core/audit/generic/common.js";
import { fingerprint, type Fingerprint } from "../../src/core/audit/generic/formula.js";
import { DOMINANCE, MIN_DOMINANT } from "../../src/core/audit/generic/formula-consistency.js";

export interface Stretch {
  /** The plain text that opened the stretch (its header), if any. */
  header?: string;
  cells: CellSnapshot[];
}

/**
 * A column's cells cut into stretches: a new stretch after a gap of more than `maxGap` empty rows
 * or at a plain text (a header or a label; number-like texts and dashes stay in the stretch), or at a
 * header row of numbers (`headerRows`, e.g. the years 2021 | 2022 | 2023). The rules read the same
 * stretches from `SheetFacts.stretches()`, computed once per sheet; this is their definition
 * (test/generic/fast-paths.test.ts holds the two equal).
 */
export function stretches(cells: CellSnapshot[], headerRows?: ReadonlySet<number>, maxGap = 2): Stretch[] {
  const out: Stretch[] = [];
  let cur: Stretch = { cells: [] };
  let prev = -Infinity;
  const close = (): void => {
    if (cur.cells.length) out.push(cur);
  };
  for (const c of cells) {
    if (c.row - prev > maxGap + 1 && cur.cells.length) {
      close();
      cur = { cells: [] };
    }
    prev = c.row;
    const t = typedText(c);
    if (t !== undefined && t.trim() && !numberLike(t)) {
      close();
      cur = { header: t, cells: [] };
      continue;
    }
    if (headerRows?.has(c.row)) {
      // A header row of numbers (years): it opens a new stretch.
      close();
      cur = { header: String(c.value), cells: [] };
      continue;
    }
    if (c.formula && typeof c.value === "string") continue;
    cur.cells.push(c);
  }
  close();
  return out;
}

export interface DominantShape {
  fp: Fingerprint;
  count: number;
}

/** The shape that dominates a list of formula cells, when one does. */
export function dominantShape(cells: CellSnapshot[], minShare = DOMINANCE, minCount = MIN_DOMINANT): DominantShape | undefined {
  const counts = new Map<string, { fp: Fingerprint; count: number }>();
  for (const c of cells) {
    const fp = fingerprint(c);
    if (!fp) continue;
    const e = counts.get(fp.key);
    if (e) e.count++;
    else counts.set(fp.key, { fp, count: 1 });
  }
  let best: { fp: Fingerprint; count: number } | undefined;
  for (const e of counts.values()) if (!best || e.count > best.count) best = e;
  if (!best || best.count < minCount || best.count < minShare * cells.length) return undefined;
  return best;
}

