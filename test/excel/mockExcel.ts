/**
 * A fake Excel workbook built from office-addin-mock's OfficeMockObject.
 *
 * office-addin-mock models single objects: a property can be read only after `load` and
 * `context.sync()` (before, it reads as "Error, property was not loaded"). It has no collections and
 * no methods that return new objects, so this file adds them: collections are small shims whose
 * `load("items/x")` forwards `load("x")` to every item, and methods such as `getRange` build new
 * mock objects. `context.sync()` syncs every mock object created and counts the calls.
 *
 * Every object handed to the code under test is wrapped in a proxy that records writes (a property
 * set from outside, as opposed to the mock's own bookkeeping) and mutating method calls, so a test
 * can assert that a read-only path wrote nothing.
 */
import { OfficeMockObject } from "office-addin-mock";
import { a1 } from "../../src/core/snapshot.js";

export type MockValue = number | string | boolean;
export type MockCell = null | MockValue | { v?: MockValue; f?: string; nf?: string; err?: string };

export interface MockFill {
  color: string;
  pattern: string;
  patternColor: string;
}

export interface MockSheetSpec {
  name: string;
  visibility?: "Visible" | "Hidden" | "VeryHidden";
  protected?: boolean;
  /** 1-based row and column of the used range's top-left cell (default A1). */
  origin?: { row: number; col: number };
  /** The used range's cells, row by row; null is empty. No rows: an empty sheet. */
  rows?: MockCell[][];
  merges?: string[];
  /** Fills of single cells (default: no fill). */
  fills?: Record<string, Partial<MockFill>>;
  /** Loading this sheet's cells fails at sync. */
  failCells?: boolean;
}

export interface MockWorkbookSpec {
  name?: string;
  sheets: MockSheetSpec[];
  names?: { name: string; formula: string }[];
  tables?: { name: string; sheet: string; address: string }[];
  /** A sync that loads more cells than this fails with ResponsePayloadSizeLimitExceeded. */
  payloadLimitCells?: number;
}

export const NO_FILL: MockFill = { color: "#FFFFFF", pattern: "None", patternColor: "#000000" };

/* eslint-disable @typescript-eslint/no-explicit-any -- the mock is untyped by design */
type Mock = any;

const quoteSheet = (name: string) => (/^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

interface Grid {
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: string[][];
  valueTypes: string[][];
}

function buildGrid(rows: MockCell[][]): Grid {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const g: Grid = { values: [], formulas: [], numberFormat: [], valueTypes: [] };
  for (const r of rows) {
    const v: unknown[] = [];
    const f: unknown[] = [];
    const nf: string[] = [];
    const vt: string[] = [];
    for (let j = 0; j < width; j++) {
      const c = r[j] ?? null;
      if (c === null) {
        v.push("");
        f.push("");
        nf.push("General");
        vt.push("Empty");
      } else if (typeof c !== "object") {
        v.push(c);
        f.push(c);
        nf.push("General");
        vt.push(typeof c === "number" ? "Double" : typeof c === "boolean" ? "Boolean" : "String");
      } else {
        const value = c.err ?? c.v ?? "";
        v.push(value);
        f.push(c.f !== undefined ? `=${c.f}` : value);
        nf.push(c.nf ?? "General");
        vt.push(c.err ? "Error" : typeof value === "number" ? "Double" : typeof value === "boolean" ? "Boolean" : value === "" ? "Empty" : "String");
      }
    }
    g.values.push(v);
    g.formulas.push(f);
    g.numberFormat.push(nf);
    g.valueTypes.push(vt);
  }
  return g;
}

const slice = <T>(m: T[][], r: number, c: number, rows: number, cols: number): T[][] =>
  m.slice(r, r + rows).map((row) => row.slice(c, c + cols));

export interface ExcelMock {
  context: Excel.RequestContext;
  /** context.sync() calls so far. */
  syncs: number;
  /** Property writes and mutating calls, as `path.prop = value` / `path.method(args)`. */
  writes: string[];
  /** A cell's current fill (raw mock state). */
  fill(sheet: string, address: string): MockFill;
  /** Objects returned by getRangeByIndexes on a sheet, for assertions on what was written. */
  rangesOf(sheet: string): { row: number; col: number; rows: number; cols: number; mock: Mock }[];
  sheetNames(): string[];
}

export function createExcelMock(spec: MockWorkbookSpec): ExcelMock {
  const all: Mock[] = [];
  const writes: string[] = [];
  const proxies = new WeakMap<object, Mock>();
  const rangeLog = new Map<string, { row: number; col: number; rows: number; cols: number; mock: Mock }[]>();
  const cellMocks = new Map<string, Mock>();
  let pendingFailure: { code: string; message: string } | undefined;
  let loadedCells = 0;

  const register = (m: Mock): Mock => {
    all.push(m);
    return m;
  };

  /** Record outside writes: the mock's own updates set a field to its child mock or the child's value. */
  const wrap = (obj: Mock, path: string): Mock => {
    if (!(obj instanceof OfficeMockObject)) return obj;
    const hit = proxies.get(obj);
    if (hit) return hit;
    const proxy = new Proxy(obj, {
      get(t, p, r) {
        const v = Reflect.get(t, p, r);
        if (typeof p === "string" && !p.startsWith("_") && v instanceof OfficeMockObject) return wrap(v, `${path}.${p}`);
        return v;
      },
      set(t: Mock, p, v) {
        if (typeof p === "string" && !p.startsWith("_")) {
          const child = t._properties?.get(p);
          const own = child !== undefined && (v === child || v === child._value);
          if (!own) {
            writes.push(`${path}.${p} = ${JSON.stringify(v)}`);
            // Like Excel: giving a fill a colour makes it a solid fill.
            if (p === "color" && t._properties?.has("pattern")) t.pattern = "Solid";
          }
        }
        t[p] = v;
        return true;
      },
    });
    proxies.set(obj, proxy);
    return proxy;
  };

  const call = (path: string, name: string, args: unknown[] = []) => writes.push(`${path}.${name}(${args.map((a) => JSON.stringify(a)).join(",")})`);

  interface SheetState {
    spec: MockSheetSpec;
    grid: Grid;
    mock: Mock;
    proxy: Mock;
  }
  const sheets: SheetState[] = [];

  const rangeMock = (st: SheetState, r0: number, c0: number, rows: number, cols: number, path: string): Mock => {
    const { grid, spec: s } = st;
    const o = s.origin ?? { row: 1, col: 1 };
    const top = o.row - 1;
    const left = o.col - 1;
    const m = register(
      new OfficeMockObject({
        address: `${quoteSheet(s.name)}!${a1(r0 + 1, c0 + 1)}:${a1(r0 + rows, c0 + cols)}`,
        rowIndex: r0,
        columnIndex: c0,
        rowCount: rows,
        columnCount: cols,
        values: slice(grid.values, r0 - top, c0 - left, rows, cols),
        formulas: slice(grid.formulas, r0 - top, c0 - left, rows, cols),
        numberFormat: slice(grid.numberFormat, r0 - top, c0 - left, rows, cols),
        valueTypes: slice(grid.valueTypes, r0 - top, c0 - left, rows, cols),
        format: { font: { bold: false }, fill: { ...NO_FILL }, wrapText: false, columnWidth: 48 },
        getMergedAreasOrNullObject() {
          const merges = s.merges ?? [];
          const areas = register(new OfficeMockObject({ address: merges.map((a) => `${quoteSheet(s.name)}!${a}`).join(",") }));
          areas.isNullObject = merges.length === 0;
          return wrap(areas, `${path}.mergedAreas`);
        },
        select() {
          call(path, "select");
        },
      }),
    );
    m.isNullObject = false;
    const baseLoad = OfficeMockObject.prototype.load;
    m.load = function (this: Mock, props: string) {
      if (/\bvalues\b/.test(props)) {
        loadedCells += rows * cols;
        if (s.failCells) pendingFailure = { code: "GeneralException", message: `cannot read ${s.name}` };
      }
      return baseLoad.call(this, props);
    };
    return m;
  };

  const makeSheet = (s: MockSheetSpec): SheetState => {
    const grid = buildGrid(s.rows ?? []);
    const path = `sheet[${s.name}]`;
    const st = { spec: s, grid } as SheetState;
    const o = s.origin ?? { row: 1, col: 1 };
    st.mock = register(
      new OfficeMockObject({
        name: s.name,
        visibility: s.visibility ?? "Visible",
        protection: { protected: s.protected ?? false },
        freezePanes: {
          freezeRows(n: number) {
            call(`${path}.freezePanes`, "freezeRows", [n]);
          },
        },
        activate() {
          call(path, "activate");
        },
        getUsedRangeOrNullObject() {
          const rows = grid.values.length;
          const cols = grid.values[0]?.length ?? 0;
          if (rows === 0 || cols === 0) {
            const nul = register(new OfficeMockObject({ address: "", rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0 }));
            nul.isNullObject = true;
            return wrap(nul, `${path}.usedRange`);
          }
          return wrap(rangeMock(st, o.row - 1, o.col - 1, rows, cols, `${path}.usedRange`), `${path}.usedRange`);
        },
        getRangeByIndexes(r: number, c: number, rows: number, cols: number) {
          const p = `${path}.range(${r},${c},${rows},${cols})`;
          const m = wrap(rangeMock(st, r, c, rows, cols, p), p);
          const log = rangeLog.get(s.name) ?? [];
          log.push({ row: r, col: c, rows, cols, mock: m });
          rangeLog.set(s.name, log);
          return m;
        },
        getRange(address: string) {
          const key = `${s.name}!${address}`;
          let m = cellMocks.get(key);
          if (!m) {
            const p = `${path}.range(${address})`;
            const fill = { ...NO_FILL, ...(s.fills?.[address] ?? {}) };
            m = register(
              new OfficeMockObject({
                address: `${quoteSheet(s.name)}!${address}`,
                format: {
                  fill: {
                    ...fill,
                    clear(this: Mock) {
                      call(`${p}.format.fill`, "clear");
                      this.color = NO_FILL.color;
                      this.pattern = NO_FILL.pattern;
                      this.patternColor = NO_FILL.patternColor;
                    },
                  },
                },
                select() {
                  call(p, "select");
                },
              }),
            );
            m = wrap(m, p);
            cellMocks.set(key, m);
          }
          return m;
        },
      }),
    );
    st.proxy = wrap(st.mock, path);
    return st;
  };
  for (const s of spec.sheets) sheets.push(makeSheet(s));

  /** A collection shim: `load("items/a,items/b/c")` → `item.load("a,b/c")` on every item. */
  const collection = (items: () => Mock[], extra: Record<string, unknown> = {}) => ({
    get items() {
      return items();
    },
    load(props: string) {
      const inner = props
        .split(",")
        .map((p) => p.trim().replace(/^items\//, ""))
        .join(",");
      for (const it of items()) it.load(inner);
      return this;
    },
    ...extra,
  });

  const find = (name: string) => sheets.find((s) => s.spec.name.toLowerCase() === name.toLowerCase());
  const worksheets = collection(() => sheets.map((s) => s.proxy), {
    getItem(name: string) {
      const s = find(name);
      if (!s) throw Object.assign(new Error(`The requested resource doesn't exist: ${name}`), { code: "ItemNotFound" });
      return s.proxy;
    },
    add(name: string) {
      call("worksheets", "add", [name]);
      if (find(name)) throw Object.assign(new Error(`A sheet named ${name} exists`), { code: "ItemAlreadyExists" });
      const st = makeSheet({ name });
      sheets.push(st);
      return st.proxy;
    },
  });
  const nameMocks = (spec.names ?? []).map((n) => wrap(register(new OfficeMockObject({ name: n.name, formula: n.formula })), `name[${n.name}]`));
  const tableMocks = (spec.tables ?? []).map((t) =>
    wrap(
      register(
        new OfficeMockObject({
          name: t.name,
          worksheet: { name: t.sheet },
          getRange() {
            return wrap(register(new OfficeMockObject({ address: `${quoteSheet(t.sheet)}!${t.address}` })), `table[${t.name}].range`);
          },
        }),
      ),
      `table[${t.name}]`,
    ),
  );
  const workbook = wrap(register(new OfficeMockObject({ name: spec.name ?? "Buku1.xlsx" })), "workbook");
  const wbRaw = workbook as Mock;
  Object.defineProperty(wbRaw, "worksheets", { value: worksheets });
  Object.defineProperty(wbRaw, "names", { value: collection(() => nameMocks) });
  Object.defineProperty(wbRaw, "tables", { value: collection(() => tableMocks) });

  const state = {
    syncs: 0,
  };
  const context = {
    workbook,
    async sync() {
      state.syncs++;
      const cells = loadedCells;
      loadedCells = 0;
      if (pendingFailure) {
        const f = pendingFailure;
        pendingFailure = undefined;
        throw Object.assign(new Error(f.message), { code: f.code });
      }
      if (spec.payloadLimitCells !== undefined && cells > spec.payloadLimitCells) {
        throw Object.assign(new Error("The response payload size has exceeded the limit."), { code: "ResponsePayloadSizeLimitExceeded" });
      }
      for (const m of all) await m.sync();
    },
  };

  return {
    context: context as unknown as Excel.RequestContext,
    get syncs() {
      return state.syncs;
    },
    writes,
    fill(sheet, address) {
      const m = cellMocks.get(`${sheet}!${address}`);
      const s = find(sheet)?.spec;
      if (!m) return { ...NO_FILL, ...(s?.fills?.[address] ?? {}) };
      const f = m.format.fill;
      return { color: f.color, pattern: f.pattern, patternColor: f.patternColor };
    },
    rangesOf: (sheet) => rangeLog.get(sheet) ?? [],
    sheetNames: () => sheets.map((s) => s.spec.name),
  };
}
