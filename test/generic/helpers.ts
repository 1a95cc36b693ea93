/** Small builders for in-memory workbooks, and a way to run one generic rule on them. */
import { SheetGrid, type CellSnapshot, type SheetSnapshot, type WorkbookSnapshot } from "../../src/core/snapshot.js";
import type { Finding } from "../../src/core/audit/types.js";
import { evaluateFormula } from "../../src/core/audit/generic/formula.js";

/** A formula cell: `f("SUM(C2:C4)")` (value computed by `book`), or with an explicit cached value. */
export interface F {
  f: string;
  v?: number | string | null;
  fmt?: string;
}
/** A value with a number format. */
export interface V {
  v: number | string;
  fmt: string;
}
export type In = number | string | null | undefined | F | V;

export const f = (formula: string, v?: number | string | null, fmt?: string): F => ({ f: formula, ...(v !== undefined ? { v } : {}), ...(fmt ? { fmt } : {}) });
export const fmt = (v: number | string, format: string): V => ({ v, fmt: format });

/** A sheet from rows of cells, the first row at `top` and the first column at `left` (1-based). */
export function sheet(name: string, rows: In[][], top = 1, left = 1, extra: Partial<SheetSnapshot> = {}): SheetSnapshot {
  const cells: CellSnapshot[] = [];
  rows.forEach((r, i) =>
    r.forEach((x, j) => {
      if (x === null || x === undefined) return;
      const row = top + i;
      const col = left + j;
      if (typeof x === "object" && "f" in x) {
        cells.push({ row, col, value: x.v === undefined ? null : x.v, formula: x.f, ...(x.fmt ? { numberFormat: x.fmt } : {}), ...(x.v === undefined ? { pending: true } : {}) } as CellSnapshot);
      } else if (typeof x === "object") {
        cells.push({ row, col, value: x.v, numberFormat: x.fmt });
      } else {
        cells.push({ row, col, value: x });
      }
    }),
  );
  return { name, cells, ...extra };
}

/**
 * A workbook whose formula cells without an explicit value get the value the formula computes
 * (row-major passes until nothing changes).
 */
export function book(...sheets: SheetSnapshot[]): WorkbookSnapshot {
  const wb: WorkbookSnapshot = { sheets };
  const pending = sheets.flatMap((s) => s.cells.filter((c) => (c as CellSnapshot & { pending?: boolean }).pending).map((c) => ({ s, c })));
  for (const { c } of pending) delete (c as CellSnapshot & { pending?: boolean }).pending;
  for (let pass = 0; pass < 6 && pending.length; pass++) {
    const grids = new Map(sheets.map((s) => [s.name, new SheetGrid(s)]));
    for (const { s, c } of pending) {
      const v = evaluateFormula(c.formula ?? "", s.name, grids);
      c.value = v ?? null;
    }
  }
  return wb;
}

/** Run generic rules (all by default) with a minimal audit context: the precision bench's runner. */
export { runGenericRules as runRules } from "../../bench/generic-precision.js";

export const cellsOf = (fs: Finding[]): string[] => fs.map((x) => x.cell).sort();
