import type { CellSnapshot, SheetSnapshot, WorkbookSnapshot } from "../../src/core/snapshot.js";
import { runAudit } from "../../src/core/audit/engine.js";
import type { Finding } from "../../src/core/audit/types.js";

export type In = string | number | boolean | null | undefined | { v: string | number | null; f?: string; fmt?: string; e?: string };

/** A sheet from rows of values; `top`/`left` place the block (1-based). */
export function sheet(name: string, rows: In[][], top = 1, left = 1): SheetSnapshot {
  const cells: CellSnapshot[] = [];
  rows.forEach((r, i) =>
    r.forEach((x, j) => {
      if (x === undefined || x === null || x === "") return;
      const row = top + i;
      const col = left + j;
      if (typeof x === "object") {
        const c: CellSnapshot = { row, col, value: x.e ? null : x.v };
        if (x.f) c.formula = x.f;
        if (x.fmt) c.numberFormat = x.fmt;
        if (x.e) c.error = x.e;
        cells.push(c);
      } else cells.push({ row, col, value: x });
    }),
  );
  return { name, cells };
}

/** Stack several blocks (title + table) in one sheet with a blank row between them. */
export function blocks(name: string, parts: { title?: string; rows: In[][] }[], left = 1): SheetSnapshot {
  const all: In[][] = [];
  for (const p of parts) {
    if (p.title) all.push([p.title]);
    all.push(...p.rows, []);
  }
  return sheet(name, all, 1, left);
}

export function wb(...sheets: SheetSnapshot[]): WorkbookSnapshot {
  return { sheets };
}

export function audit(w: WorkbookSnapshot, rules?: string[]): Finding[] {
  return runAudit(w, { rules, generic: false }).findings;
}

export const pct = (v: number) => ({ v, fmt: "0.00%" });
