/**
 * Recognised table rows read their cells from what recognition stored, not from the grid: every
 * accessor must give what a grid lookup gives (fill-down, repeated columns, text numbers, total rows).
 */
import { describe, expect, it } from "vitest";
import { generateWorkbook } from "../../bench/gen.js";
import { cellText, SheetGrid, type CellSnapshot, type WorkbookSnapshot } from "../../src/core/snapshot.js";
import { loadBuiltinSchema } from "../../src/core/schema/schema.js";
import { cellNumber, leadingWordChar, readColumnNumbers, recogniseTables, rowsWithText, type RecognisedTable, type TableRow } from "../../src/core/audit/tables.js";
import { parentRowTest } from "../../src/core/audit/rules/structure.js";
import { normalizeLabel } from "../../src/core/text.js";
import { sheet, wb } from "./helpers.js";

function recognise(w: WorkbookSnapshot): { tables: RecognisedTable[]; grids: Map<string, SheetGrid> } {
  const grids = new Map<string, SheetGrid>();
  for (const s of w.sheets) grids.set(s.name, new SheetGrid(s));
  return { tables: recogniseTables(w, grids, loadBuiltinSchema()), grids };
}

/** A total row as the rules first defined it: from the texts `text` gives (own, else filled down). */
function isTotalByText(table: RecognisedTable, t: TableRow): boolean {
  const labelCols = table.def.columns.filter((c) => c.kind === "label" || c.kind === "text").map((c) => c.id);
  const totalCols = table.def.totals?.label_columns ?? labelCols;
  return totalCols.some((c) => /^(jumlah|total|grand total|sub ?total)\b/.test(normalizeLabel(t.text(c)))) || /^(jumlah|total)\b/.test(normalizeLabel(t.text("no")));
}

/** Whole columns read at once (set, or added under a mask) give what `num` gives row by row. */
function expectColumnsLikeRows(table: RecognisedTable): void {
  const rows = table.rows;
  const n = rows.length;
  for (const [id, cols] of table.columns) {
    cols.forEach((_, g) => {
      const values = new Float64Array(n);
      const has = new Uint8Array(n);
      expect(readColumnNumbers(rows, id, g, values, has, false)).toBe(n > 0);
      rows.forEach((t, i) => {
        const v = t.num(id, g);
        expect(has[i]).toBe(v === null ? 0 : 1);
        if (v !== null) expect(values[i]).toBe(v);
      });
      const sums = new Float64Array(n).fill(7);
      const any = new Uint8Array(n);
      const mask = Uint8Array.from(rows, (_t, i) => (i % 3 === 1 ? 0 : 1));
      readColumnNumbers(rows, id, g, sums, any, true, mask);
      rows.forEach((t, i) => {
        const v = mask[i] ? t.num(id, g) : null;
        expect(any[i]).toBe(v === null ? 0 : 1);
        expect(sums[i]).toBe(v === null ? 7 : 7 + v);
      });
    });
  }
  // Rows that are not the table's own list (here reordered): nothing read, the caller reads them.
  if (n > 1) expect(readColumnNumbers([...rows].reverse(), [...table.columns.keys()][0] ?? "", 0, new Float64Array(n), new Uint8Array(n), false)).toBe(false);
}

/** What a row's accessors must return, computed the plain way from the grid. */
function expectLikeGrid(table: RecognisedTable, grid: SheetGrid): void {
  expectColumnsLikeRows(table);
  for (const t of table.rows) expect(t.isTotal).toBe(isTotalByText(table, t));
  const fillCols = table.def.columns.filter((c) => c.fill_down).map((c) => c.id);
  const fill = new Map<string, string>();
  const textOf = (row: number, col: number | undefined) => (col === undefined ? "" : cellText(grid.get(row, col)).trim());
  for (const t of table.rows) {
    for (const [id, cols] of table.columns) {
      cols.forEach((col, g) => {
        const c = grid.get(t.row, col);
        expect(t.colOf(id, g)).toBe(col);
        expect(t.cell(id, g)).toBe(c);
        expect(t.num(id, g)).toBe(cellNumber(c));
      });
      expect(t.text(id)).toBe(textOf(t.row, cols[0]) || fill.get(id) || "");
    }
    expect(t.cell("no-such-column")).toBeUndefined();
    expect(t.num("no-such-column")).toBeNull();
    expect(t.text("no-such-column")).toBe("");
    for (const id of fillCols) {
      const own = textOf(t.row, table.columns.get(id)?.[0]);
      if (own) fill.set(id, own);
    }
  }
}

describe("recognised table rows", () => {
  it("read every cell, number and filled-down text as the grid gives them", () => {
    const w = generateWorkbook({ cells: 30_000, seed: 7 });
    const { tables, grids } = recognise(w);
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) expectLikeGrid(table, grids.get(table.sheet) as SheetGrid);
  });

  it("fill down a UPT to the rows below it, never to the rows above", () => {
    const w = wb(
      sheet("Data", [
        ["No", "UPT", "Desa Binaan", "Tahun Pembentukan"],
        [1, "", "Desa A", 2020],
        [2, "Kanim Kupang", "Desa B", 2021],
        [3, "  ", "Desa C", 2022],
        [4, "Kanim Atambua", "Desa D", 2023],
        [5, null, "Desa E", 2024],
      ]),
    );
    const { tables } = recognise(w);
    expect(tables.map((t) => t.def.id)).toEqual(["desa"]);
    const rows = tables[0]?.rows ?? [];
    expect(rows.map((t) => t.text("upt"))).toEqual(["", "Kanim Kupang", "Kanim Kupang", "Kanim Atambua", "Kanim Atambua"]);
    expect(rows.map((t) => t.label)).toEqual(["1  Desa A", "2 Kanim Kupang Desa B", "3 Kanim Kupang Desa C", "4 Kanim Atambua Desa D", "5 Kanim Atambua Desa E"]);
  });

  it("keep repeated columns apart, parse text numbers and take the last of two cells at one position", () => {
    const s = sheet("Anggaran", [
      ["Kegiatan", "Pagu", "Realisasi", "Persentase", "Pagu", "Realisasi", "Persentase"],
      ["Belanja Pegawai", 100, "80,5", { v: 0.805, fmt: "0.00%" }, "1.000", 900, "90%"],
      ["Belanja Modal", { v: null, e: "#REF!" }, 20, 20, "-", "abc", null],
      ["Jumlah", 200, 100, 50, 2000, 1800, 90],
    ]);
    const dup: CellSnapshot = { row: 2, col: 2, value: 111 };
    s.cells.push(dup);
    const w = wb(s);
    const { tables, grids } = recognise(w);
    const table = tables[0] as RecognisedTable;
    expect(table.def.id).toBe("anggaran");
    expectLikeGrid(table, grids.get("Anggaran") as SheetGrid);
    const [a, b] = table.rows as [TableRow, TableRow, TableRow];
    expect(a.cell("pagu")).toBe(dup);
    expect(a.num("pagu")).toBe(111);
    expect([a.num("realisasi"), a.num("realisasi", 1), a.num("pagu", 1), a.num("persen", 1)]).toEqual([80.5, 900, 1000, 0.9]);
    expect([b.num("pagu"), b.num("pagu", 1), b.num("realisasi", 1), b.num("persen", 1)]).toEqual([null, null, null, null]);
    // A second read gives the same parsed value.
    expect(a.num("realisasi")).toBe(80.5);
    expect(table.rows.map((t) => t.isTotal)).toEqual([false, false, true]);
    expect(rowsWithText(table, "realisasi", 0)).toEqual([a]);
    expect(rowsWithText(table, "pagu", 1)).toEqual([a, b]);
    expect(rowsWithText(table, "persen", 0)).toEqual([]);
    // A table made by hand (here its rows in another order): every row, the caller checks the cells.
    const byHand: RecognisedTable = { ...table, rows: [b, a] };
    expect(rowsWithText(byHand, "pagu", 1)).toEqual([b, a]);
  });

  it("tell total rows by their label however it is written", () => {
    const labels = ["Jumlah", "JUMLAH", " - Total", "Sub Total", "subtotal", "Grand Total", "Ĵumlah", "Total Pagu", "Totalitas", "Sasaran", "1. Jumlah", "", "Jumlahnya"];
    const s = sheet("Anggaran", [["Kegiatan", "Pagu", "Realisasi", "Persentase"], ...labels.map((l, i) => [l || null, 100 + i, 50, 50])]);
    const { tables } = recognise(wb(s));
    const rows = tables[0]?.rows ?? [];
    expect(rows).toHaveLength(labels.length);
    const expected = rows.map((t) => /^(jumlah|total|grand total|sub ?total)\b/.test(normalizeLabel(t.text("kegiatan"))));
    expect(rows.map((t) => t.isTotal)).toEqual(expected);
    expect(expected.filter(Boolean)).toHaveLength(8);
  });

  it("tell total rows by the text a number, a boolean, an error or a blank label cell shows", () => {
    // Layanan: the UPT column fills down, so a row with a blank or error UPT inherits "Jumlah".
    const s = sheet("Layanan", [
      ["No", "UPT", "Jenis Layanan", "Jumlah Permohonan", "Total Permohonan Sesuai Syarat"],
      [1, "Kanim Kupang", "Paspor", 10, 9],
      [2, "Jumlah", "Paspor", 10, 9],
      [3, null, "Visa", 10, 9],
      [4, { v: null, e: "#REF!" }, "Izin Tinggal", 10, 9],
      ["Total", 12345, "Paspor", 10, 9],
      [6, true, "Paspor", 10, 9],
      [7, 2024, "Jumlah", 10, 9],
    ]);
    const { tables, grids } = recognise(wb(s));
    const table = tables.find((t) => t.def.id === "layanan") as RecognisedTable;
    expect(table.rows).toHaveLength(7);
    expectLikeGrid(table, grids.get("Layanan") as SheetGrid);
    expect(table.rows.map((t) => t.isTotal)).toEqual(table.rows.map((t) => isTotalByText(table, t)));
    expect(table.rows.filter((t) => t.isTotal).length).toBeGreaterThan(1);
  });

  it("tell parent rows as the normalised label would", () => {
    const labels = ["Meningkatnya Layanan Keimigrasian", "  meningkatnya layanan keimigrasian di wilayah", "Optimalnya Penegakan Hukum Keimigrasian", "Layanan Paspor", "Ménîngkatnya Layanan Keimigrasian", "Belanja Pegawai"];
    const s = sheet("Anggaran", [["Kegiatan", "Pagu", "Realisasi", "Persentase"], ...labels.map((l) => [l, 100, 50, 50])]);
    const schema = loadBuiltinSchema();
    const { tables } = recognise(wb(s));
    const table = tables[0] as RecognisedTable;
    const isParent = parentRowTest(schema, table);
    const parents = schema.indicators.flatMap((i) => i.sasaran_labels).map(normalizeLabel);
    const expected = table.rows.map((t) => parents.some((p) => normalizeLabel(t.text("kegiatan")).startsWith(p)));
    expect(table.rows.map(isParent)).toEqual(expected);
    expect(expected).toEqual([true, true, true, false, true, false]);
  });
});

describe("leadingWordChar", () => {
  it("is the first character of the normalised label for ASCII text, undefined when non-ASCII comes first", () => {
    for (const s of ["Jumlah", "  - total", "(a) Sasaran", "%", "12 Desa", "", " -- ", "ABC def", "x"]) expect(leadingWordChar(s)).toBe(normalizeLabel(s).charAt(0));
    expect(leadingWordChar("Ĵumlah")).toBeUndefined();
    expect(leadingWordChar("Jumlah é")).toBe("j");
  });
});
