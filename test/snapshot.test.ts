import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SheetGrid, type CellSnapshot, type SheetSnapshot } from "../src/core/snapshot.js";

/** What SheetGrid must answer, the slow way: the last cell given at an address wins. */
function reference(cells: CellSnapshot[]) {
  const at = new Map<string, CellSnapshot>();
  for (const c of cells) at.set(`${c.row}|${c.col}`, c);
  const rows = new Map<number, CellSnapshot[]>();
  for (const c of cells) rows.set(c.row, [...(rows.get(c.row) ?? []), c]);
  for (const r of rows.values()) r.sort((a, b) => a.col - b.col);
  return { get: (r: number, c: number) => at.get(`${r}|${c}`), row: (r: number) => rows.get(r) ?? [], numbers: [...rows.keys()].sort((a, b) => a - b) };
}

const cell = (row: number, col: number, value: CellSnapshot["value"] = `${row}:${col}`): CellSnapshot => ({ row, col, value });

describe("SheetGrid", () => {
  it("answers like the reference on any cells: out of order, repeated addresses, wide and narrow rows", () => {
    const cells = fc.array(
      fc.record({ row: fc.integer({ min: 1, max: 40 }), col: fc.integer({ min: 1, max: 60 }), value: fc.integer() }),
      { maxLength: 300 },
    );
    fc.assert(
      fc.property(cells, (cs) => {
        const sheet: SheetSnapshot = { name: "S", cells: cs };
        const g = new SheetGrid(sheet);
        const ref = reference(cs);
        expect([...g.rowNumbers()]).toEqual(ref.numbers);
        for (let r = 0; r <= 41; r++) {
          expect(g.row(r)).toEqual(ref.row(r));
          expect(g.cells.slice(g.start(r), g.end(r))).toEqual(ref.row(r));
          for (let c = 0; c <= 61; c++) expect(g.get(r, c)).toBe(ref.get(r, c));
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it("keeps the snapshot's own arrays untouched and the sheet's cells in their order", () => {
    const cs = [cell(2, 3), cell(1, 5), cell(1, 2), cell(2, 1)];
    const copy = [...cs];
    const g = new SheetGrid({ name: "S", cells: cs });
    expect(cs).toEqual(copy);
    expect(g.row(1).map((c) => c.col)).toEqual([2, 5]);
    expect([...g.rowNumbers()]).toEqual([1, 2]);
    expect(g.maxRow).toBe(2);
    expect(g.maxCol).toBe(5);
    expect(() => g.row(7).push(cell(7, 1))).toThrow();
  });

  it("keeps cells given in row order as they are (no copy) and copies them otherwise", () => {
    const ordered = fc.array(fc.record({ row: fc.integer({ min: 1, max: 30 }), col: fc.integer({ min: 1, max: 30 }), value: fc.integer() }), { maxLength: 200 });
    fc.assert(
      fc.property(ordered, (cs) => {
        const sorted = [...cs].sort((a, b) => a.row - b.row || a.col - b.col);
        const g = new SheetGrid({ name: "S", cells: sorted });
        expect(g.cells).toBe(sorted);
        const shuffled = [...sorted].reverse();
        const inOrder = shuffled.every((c, i) => i === 0 || c.row > (shuffled[i - 1] as CellSnapshot).row || (c.row === (shuffled[i - 1] as CellSnapshot).row && c.col >= (shuffled[i - 1] as CellSnapshot).col));
        const h = new SheetGrid({ name: "S", cells: shuffled });
        if (!inOrder) expect(h.cells).not.toBe(shuffled);
        expect(h.cells.length).toBe(shuffled.length);
        const ref = reference(shuffled);
        for (const c of sorted) expect(h.get(c.row, c.col)).toBe(ref.get(c.row, c.col));
      }),
      { numRuns: 200 },
    );
    const cs = [cell(1, 1), cell(1, 2), cell(3, 1)];
    const g = new SheetGrid({ name: "S", cells: cs });
    g.row(1).pop();
    expect(g.get(1, 2)).toBe(cs[1]);
    expect([g.start(2), g.end(2)]).toEqual([g.start(2), g.start(2)]);
    expect(g.start(99)).toBe(g.end(99));
  });

  it("survives malformed row numbers (huge, negative, fractional, NaN) without a giant array", () => {
    const odd = [cell(5_000_000_000, 2), cell(-3, 1), cell(2.5, 1), cell(Number.NaN, 4), cell(3, 3)];
    const g = new SheetGrid({ name: "S", cells: odd });
    expect(g.get(5_000_000_000, 2)?.value).toBe("5000000000:2");
    expect(g.get(-3, 1)?.value).toBe("-3:1");
    expect(g.get(2.5, 1)?.value).toBe("2.5:1");
    expect(g.get(3, 3)?.value).toBe("3:3");
    expect(g.get(4, 3)).toBeUndefined();
    expect(g.maxRow).toBe(5_000_000_000);
    expect(g.row(5_000_000_000).map((c) => c.col)).toEqual([2]);
    expect(g.cells.length).toBe(odd.length);
  });
});
