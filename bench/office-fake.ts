/// <reference types="office-js" />
/**
 * A simulated Excel host for the adapter benchmark: a large workbook served to `readSnapshot`
 * (src/excel/read.ts) through office-addin-mock objects. office-addin-mock models single objects
 * (a property reads as an error until `load` + `sync`) but has no collections, no methods that
 * return ranges and no notion of payload size, so this file adds them: worksheet collections,
 * `getUsedRangeOrNullObject` / `getRangeByIndexes` / `getMergedAreasOrNullObject`, a `sync()` that
 * counts round trips, and the JSON size of every response (what Excel on the web limits to 5 MB).
 *
 * The grids are dense over each sheet's used range and shaped like Excel's own answers: `values`
 * ("" for empty), `formulas` (the value itself for a constant), `numberFormat` ("General" for
 * none) and `valueTypes`.
 */
import { OfficeMockObject } from "office-addin-mock";
import type { SheetSnapshot, WorkbookSnapshot } from "../src/core/snapshot.js";
import { a1 } from "../src/core/snapshot.js";

interface DenseSheet {
  name: string;
  hidden: boolean;
  protected: boolean;
  /** 0-based origin of the used range. */
  top: number;
  left: number;
  rows: number;
  cols: number;
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: string[][];
  valueTypes: string[][];
  merges: string[];
}

function dense(s: SheetSnapshot): DenseSheet {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const c of s.cells) {
    if (c.row < top) top = c.row;
    if (c.col < left) left = c.col;
    if (c.row > bottom) bottom = c.row;
    if (c.col > right) right = c.col;
  }
  const d: DenseSheet = {
    name: s.name,
    hidden: s.hidden === true,
    protected: s.protected === true,
    top: 0,
    left: 0,
    rows: 0,
    cols: 0,
    values: [],
    formulas: [],
    numberFormat: [],
    valueTypes: [],
    merges: s.merges ?? [],
  };
  if (!s.cells.length) return d;
  d.top = top - 1;
  d.left = left - 1;
  d.rows = bottom - top + 1;
  d.cols = right - left + 1;
  for (let i = 0; i < d.rows; i++) {
    d.values.push(new Array<unknown>(d.cols).fill(""));
    d.formulas.push(new Array<unknown>(d.cols).fill(""));
    d.numberFormat.push(new Array<string>(d.cols).fill("General"));
    d.valueTypes.push(new Array<string>(d.cols).fill("Empty"));
  }
  for (const c of s.cells) {
    const i = c.row - top;
    const j = c.col - left;
    const v = c.error ?? c.value ?? "";
    (d.values[i] as unknown[])[j] = v;
    (d.formulas[i] as unknown[])[j] = c.formula !== undefined ? `=${c.formula}` : v;
    (d.numberFormat[i] as string[])[j] = c.numberFormat ?? "General";
    (d.valueTypes[i] as string[])[j] = c.error ? "Error" : typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : v === "" ? "Empty" : "String";
  }
  return d;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the mock is untyped by design */
type Mock = any;

const BIG = ["values", "formulas", "numberFormat", "valueTypes"] as const;

export interface FakeStats {
  syncs: number;
  /** Response size in bytes (UTF-8 JSON of everything loaded) per sync, in order. */
  payloads: number[];
  /** Cells loaded per sync. */
  cells: number[];
}

export interface FakeExcel {
  context: Excel.RequestContext;
  stats: FakeStats;
  sheets: number;
  denseCells: number;
}

/** A fake Excel RequestContext serving `snap`. */
export function createFakeExcel(snap: WorkbookSnapshot): FakeExcel {
  const sheets = snap.sheets.map(dense);
  const stats: FakeStats = { syncs: 0, payloads: [], cells: [] };
  /** Mocks with a load since the last sync, and the property names loaded. */
  let pending: { mock: Mock; props: string[] }[] = [];

  const track = (m: Mock): Mock => {
    const base = OfficeMockObject.prototype.load;
    m.load = function (this: Mock, props: string) {
      pending.push({ mock: this, props: String(props).split(",").map((p) => p.trim()) });
      return base.call(this, props);
    };
    return m;
  };

  const rangeMock = (d: DenseSheet, r0: number, c0: number, rows: number, cols: number): Mock => {
    const whole = r0 === d.top && c0 === d.left && rows === d.rows && cols === d.cols;
    const cut = <T>(m: T[][]): T[][] => (whole ? m : m.slice(r0 - d.top, r0 - d.top + rows).map((row) => row.slice(c0 - d.left, c0 - d.left + cols)));
    const m = track(
      new OfficeMockObject({
        address: `'${d.name}'!${a1(r0 + 1, c0 + 1)}:${a1(r0 + rows, c0 + cols)}`,
        rowIndex: r0,
        columnIndex: c0,
        rowCount: rows,
        columnCount: cols,
        values: cut(d.values),
        formulas: cut(d.formulas),
        numberFormat: cut(d.numberFormat),
        valueTypes: cut(d.valueTypes),
        getMergedAreasOrNullObject() {
          const areas = track(new OfficeMockObject({ address: d.merges.map((x) => `'${d.name}'!${x}`).join(",") }));
          areas.isNullObject = d.merges.length === 0;
          return areas;
        },
      }),
    );
    m.isNullObject = false;
    m.__cells = rows * cols;
    return m;
  };

  const sheetMocks = sheets.map((d) =>
    track(
      new OfficeMockObject({
        name: d.name,
        visibility: d.hidden ? "Hidden" : "Visible",
        protection: { protected: d.protected },
        getUsedRangeOrNullObject() {
          if (d.rows === 0) {
            const nul = track(new OfficeMockObject({ address: "", rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0 }));
            nul.isNullObject = true;
            return nul;
          }
          return rangeMock(d, d.top, d.left, d.rows, d.cols);
        },
        getRangeByIndexes(r: number, c: number, rows: number, cols: number) {
          return rangeMock(d, r, c, rows, cols);
        },
      }),
    ),
  );

  const collection = (items: Mock[]) => ({
    items,
    load(props: string) {
      const inner = props
        .split(",")
        .map((p) => p.trim().replace(/^items\//, ""))
        .join(",");
      for (const it of items) it.load(inner);
      return this;
    },
  });

  const workbook = track(new OfficeMockObject({ name: snap.source ?? "Buku1.xlsx" }));
  Object.defineProperty(workbook, "worksheets", { value: collection(sheetMocks) });
  Object.defineProperty(workbook, "names", { value: collection([]) });
  Object.defineProperty(workbook, "tables", { value: collection([]) });

  const context = {
    workbook,
    async sync() {
      stats.syncs++;
      const batch = pending;
      pending = [];
      let bytes = 2;
      let cells = 0;
      for (const { mock, props } of batch) {
        await mock.sync();
        for (const p of props) {
          const key = p.split("/")[0] ?? p;
          const raw = mock._properties?.get(key)?._valueBeforeLoaded ?? mock[key];
          if ((BIG as readonly string[]).includes(key)) {
            bytes += Buffer.byteLength(JSON.stringify(raw)) + key.length + 4;
          } else if (raw !== undefined && typeof raw !== "object") {
            bytes += String(raw).length + key.length + 6;
          } else {
            bytes += 32;
          }
        }
        if (props.some((p) => p === "values") && typeof mock.__cells === "number") cells += mock.__cells;
      }
      stats.payloads.push(bytes);
      stats.cells.push(cells);
    },
  };

  return {
    context: context as unknown as Excel.RequestContext,
    stats,
    sheets: sheets.length,
    denseCells: sheets.reduce((a, d) => a + d.rows * d.cols, 0),
  };
}
