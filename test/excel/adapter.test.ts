import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/audit/types.js";
import { runAudit } from "../../src/core/audit/engine.js";
import {
  AcceptedStore,
  ACCEPTED_KEY,
  clearHighlights,
  freeSheetName,
  HIGHLIGHT_COLORS,
  HIGHLIGHT_KEY,
  highlightFindings,
  hyperlinkFormula,
  MemorySettingsStore,
  plannedSyncs,
  ReadCancelledError,
  readSnapshot,
  selectCell,
  writeReport,
} from "../../src/excel/index.js";
import { createExcelMock, NO_FILL, type MockWorkbookSpec } from "./mockExcel.js";

function workbookSpec(): MockWorkbookSpec {
  return {
    name: "LKjIP NTT 2025.xlsx",
    sheets: [
      {
        name: "Tabel 1",
        origin: { row: 2, col: 2 },
        rows: [
          ["Indikator", "Target", "Realisasi", "Capaian"],
          ["Indeks Layanan", 3.5, { v: "23.2547" }, { f: "D3/C3", v: 0.9573, nf: "0.00%" }],
          [null, null, null, null],
          ["Jumlah", { v: 23382, nf: "#,##0" }, { f: "1/0", err: "#DIV/0!" }, true],
        ],
        merges: ["B2:B3"],
      },
      { name: "Kosong" },
      {
        name: "Terkunci",
        protected: true,
        visibility: "Hidden",
        rows: [["A", 1]],
      },
    ],
    names: [{ name: "Target2025", formula: "='Tabel 1'!$C$3" }],
    tables: [{ name: "TblCapaian", sheet: "Tabel 1", address: "B2:E5" }],
  };
}

describe("readSnapshot", () => {
  it("reads values, formulas, formats and errors into sparse cells", async () => {
    const mock = createExcelMock(workbookSpec());
    const snap = await readSnapshot(mock.context, { supports: () => true });
    expect(snap.source).toBe("LKjIP NTT 2025.xlsx");
    expect(snap.sheets.map((s) => s.name)).toEqual(["Tabel 1", "Kosong", "Terkunci"]);
    const t1 = snap.sheets[0];
    expect(t1?.cells).toHaveLength(12); // 16 cells minus the 4 empty ones
    const at = (row: number, col: number) => t1?.cells.find((c) => c.row === row && c.col === col);
    expect(at(2, 2)).toEqual({ row: 2, col: 2, value: "Indikator" });
    expect(at(3, 4)).toEqual({ row: 3, col: 4, value: "23.2547" });
    expect(at(3, 5)).toEqual({ row: 3, col: 5, value: 0.9573, formula: "D3/C3", numberFormat: "0.00%" });
    expect(at(5, 3)).toEqual({ row: 5, col: 3, value: 23382, numberFormat: "#,##0" });
    expect(at(5, 4)).toEqual({ row: 5, col: 4, value: null, formula: "1/0", error: "#DIV/0!" });
    expect(at(5, 5)).toEqual({ row: 5, col: 5, value: true });
    expect(at(4, 2)).toBeUndefined();
    // Row-major order.
    const order = t1?.cells.map((c) => c.row * 100 + c.col) ?? [];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(t1?.merges).toEqual(["B2:B3"]);
    expect(t1?.tables).toEqual([{ name: "TblCapaian", ref: "B2:E5" }]);
    expect(snap.sheets[1]).toEqual({ name: "Kosong", cells: [] });
    expect(snap.sheets[2]).toMatchObject({ name: "Terkunci", hidden: true, protected: true });
    expect(snap.sheets[2]?.cells).toHaveLength(2);
    expect(snap.definedNames).toEqual([{ name: "Target2025", ref: "'Tabel 1'!$C$3" }]);
    expect(snap.unreadable).toBeUndefined();
  });

  it("needs at most sheets + 2 syncs, and reports progress after each", async () => {
    const mock = createExcelMock(workbookSpec());
    const events: number[] = [];
    await readSnapshot(mock.context, { onProgress: (p) => events.push(p.syncs) });
    expect(mock.syncs).toBeLessThanOrEqual(3 + 2);
    // Small sheets share one sync: list, used ranges, all cells.
    expect(mock.syncs).toBe(3);
    expect(plannedSyncs([{ rows: 4, columns: 4 }, { rows: 1, columns: 2 }])).toBe(3);
    expect(events).toEqual([1, 2, 3]);
  });

  it("reads a big sheet in row chunks: one extra sync per chunk", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => [i + 1, `r${i + 1}`, i % 2 === 0]);
    const spec: MockWorkbookSpec = { sheets: [{ name: "Besar", rows }, { name: "Kecil", rows: [[1, 2], [3, 4]] }] };
    const whole = createExcelMock(spec);
    const a = await readSnapshot(whole.context);
    expect(whole.syncs).toBe(3);

    const chunked = createExcelMock(spec);
    // 6 cells per sync: "Besar" (10×3) in 5 chunks of 2 rows; "Kecil" (4 cells) in one more.
    const b = await readSnapshot(chunked.context, { chunkCells: 6 });
    expect(chunked.syncs).toBe(2 + 5 + 1);
    expect(plannedSyncs([{ rows: 10, columns: 3 }, { rows: 2, columns: 2 }], 6)).toBe(chunked.syncs);
    expect(b).toEqual(a);
    expect(b.sheets[0]?.cells).toHaveLength(30);
  });

  it("splits a sync that exceeds Excel's payload limit and retries", async () => {
    const rows = Array.from({ length: 8 }, (_, i) => [i, i * 2]);
    const mock = createExcelMock({ sheets: [{ name: "S", rows }], payloadLimitCells: 4 });
    const snap = await readSnapshot(mock.context);
    expect(snap.sheets[0]?.cells).toHaveLength(16);
    expect(snap.unreadable).toBeUndefined();
  });

  it("puts a sheet that fails into `unreadable` and reads the rest", async () => {
    const spec = workbookSpec();
    spec.sheets.push({ name: "Rusak", rows: [[1]], failCells: true });
    const mock = createExcelMock(spec);
    const snap = await readSnapshot(mock.context);
    expect(snap.unreadable).toEqual([{ sheet: "Rusak", reason: expect.stringContaining("cannot read Rusak") }]);
    expect(snap.sheets.find((s) => s.name === "Tabel 1")?.cells).toHaveLength(12);
    expect(snap.sheets.find((s) => s.name === "Terkunci")?.cells).toHaveLength(2);
  });

  it("stops between syncs when cancelled", async () => {
    const mock = createExcelMock(workbookSpec());
    const signal = { aborted: false };
    const run = readSnapshot(mock.context, {
      signal,
      onProgress: () => {
        signal.aborted = true;
      },
    });
    await expect(run).rejects.toBeInstanceOf(ReadCancelledError);
    expect(mock.syncs).toBe(1);
  });

  it("an audit over the workbook writes nothing", async () => {
    const mock = createExcelMock(workbookSpec());
    const store = new MemorySettingsStore();
    const snap = await readSnapshot(mock.context, { supports: () => true });
    const result = runAudit(snap);
    expect(result.cancelled).toBe(false);
    expect(mock.writes).toEqual([]);
    expect(store.writes).toBe(0);
  });
});

function finding(sheet: string, cell: string, severity: Finding["severity"], rule = "digit-grouping"): Finding {
  return {
    rule,
    severity,
    source: "schema",
    sheet,
    cell,
    related: [],
    message_id: `Pesan ${cell}`,
    message_en: `Message ${cell}`,
    key: `${rule}|${sheet}|${cell}`,
  };
}

describe("highlightFindings / clearHighlights", () => {
  const spec = (): MockWorkbookSpec => ({
    sheets: [
      {
        name: "Data",
        rows: [[1, 2, 3, 4]],
        fills: {
          C3: { color: "#FF0000", pattern: "Solid" },
          D4: { color: "#FFFF00", pattern: "Gray50", patternColor: "#0000FF" },
        },
      },
      { name: "Kunci", protected: true, rows: [[1]] },
    ],
  });
  const findings = [
    finding("Data", "B2", "error"),
    finding("Data", "B2", "warning", "units"),
    finding("Data", "C3", "warning"),
    finding("Data", "D4", "info"),
    finding("Kunci", "A1", "error"),
  ];

  it("fills by severity, skips protected sheets, and restores every fill exactly", async () => {
    const mock = createExcelMock(spec());
    const store = new MemorySettingsStore();
    const before = ["B2", "C3", "D4"].map((a) => mock.fill("Data", a));
    expect(before[0]).toEqual(NO_FILL);

    const h = await highlightFindings(mock.context, findings, { store, supportsPattern: true });
    expect(h).toMatchObject({ highlighted: 3, protectedSheets: ["Kunci"], missingSheets: [], syncs: 2 });
    expect(mock.syncs).toBe(2);
    expect(mock.fill("Data", "B2").color).toBe(HIGHLIGHT_COLORS.error);
    expect(mock.fill("Data", "C3").color).toBe(HIGHLIGHT_COLORS.warning);
    expect(mock.fill("Data", "D4")).toMatchObject({ color: HIGHLIGHT_COLORS.info, pattern: "Solid" });
    expect(mock.fill("Kunci", "A1")).toEqual(NO_FILL);
    expect(mock.writes.some((w) => w.includes("Kunci"))).toBe(false);
    expect(store.get(HIGHLIGHT_KEY)).toMatchObject({ version: 1, cells: expect.arrayContaining([expect.objectContaining({ address: "B2", pattern: "None" })]) });

    // Highlighting again keeps the original fills on record, not our colours.
    await highlightFindings(mock.context, findings, { store, supportsPattern: true });

    const syncsBefore = mock.syncs;
    const c = await clearHighlights(mock.context, { store, supportsPattern: true });
    expect(mock.syncs - syncsBefore).toBe(2);
    expect(c).toMatchObject({ restored: 3, changedByUser: 0, missingSheets: [] });
    expect(["B2", "C3", "D4"].map((a) => mock.fill("Data", a))).toEqual(before);
    // "No fill" came back as no fill, through clear(), not as white paint.
    expect(mock.writes).toContain("sheet[Data].range(B2).format.fill.clear()");
    expect(store.get(HIGHLIGHT_KEY)).toBeNull();
  });

  it("leaves a cell alone when the user recoloured it after highlighting", async () => {
    const mock = createExcelMock(spec());
    const store = new MemorySettingsStore();
    await highlightFindings(mock.context, [finding("Data", "B2", "error"), finding("Data", "C3", "error")], { store, supportsPattern: true });
    const cell = mock.context.workbook.worksheets.getItem("Data").getRange("B2");
    cell.format.fill.color = "#00FF00";
    const c = await clearHighlights(mock.context, { store, supportsPattern: true });
    expect(c).toMatchObject({ restored: 1, changedByUser: 1 });
    expect(mock.fill("Data", "B2").color).toBe("#00FF00");
    expect(mock.fill("Data", "C3")).toEqual({ ...NO_FILL, color: "#FF0000", pattern: "Solid" });
  });

  it("copes with a sheet that was deleted since the audit", async () => {
    const mock = createExcelMock(spec());
    const store = new MemorySettingsStore();
    const h = await highlightFindings(mock.context, [finding("Data", "B2", "error"), finding("Hilang", "A1", "error")], { store, supportsPattern: true });
    expect(h).toMatchObject({ highlighted: 1, missingSheets: ["Hilang"] });
    expect(mock.fill("Data", "B2").color).toBe(HIGHLIGHT_COLORS.error);
  });
});

describe("writeReport", () => {
  it("adds a new sheet with a findings table and touches no other sheet", async () => {
    const mock = createExcelMock({ sheets: [{ name: "Data", rows: [[1]] }, { name: "Audit SAKIP", rows: [["lama"]] }] });
    const findings: Finding[] = [
      { ...finding("Tabel 1", "D3", "error"), expected: 23254.7, actual: "23.2547" },
      { ...finding("It's", "B2", "warning"), message_id: "=bukan rumus" },
    ];
    const r = await writeReport(mock.context, findings, "id");
    expect(r).toMatchObject({ sheet: "Audit SAKIP (2)", rows: 2, syncs: 2 });
    expect(mock.syncs).toBe(2);
    expect(mock.sheetNames()).toEqual(["Data", "Audit SAKIP", "Audit SAKIP (2)"]);
    expect(mock.writes.every((w) => w.startsWith("sheet[Audit SAKIP (2)]") || w === 'worksheets.add("Audit SAKIP (2)")')).toBe(true);
    const ranges = mock.rangesOf("Audit SAKIP (2)");
    const table = ranges.find((x) => x.row === 0 && x.col === 0 && x.rows === 3);
    expect(table?.mock.values[0]).toEqual(["Tingkat", "Aturan", "Lembar", "Sel", "Pesan", "Diharapkan", "Aktual"]);
    expect(table?.mock.values[1]).toEqual(["Galat", "digit-grouping", "Tabel 1", "Tabel 1!D3", "Pesan D3", 23254.7, "23.2547"]);
    expect(table?.mock.values[2]?.[4]).toBe("'=bukan rumus");
    expect(table?.mock.numberFormat[1]?.[6]).toBe("@");
    const links = ranges.find((x) => x.col === 3 && x.row === 1);
    expect(links?.mock.formulas).toEqual([[`=HYPERLINK("#'Tabel 1'!D3","Tabel 1!D3")`], [`=HYPERLINK("#'It''s'!B2","It's!B2")`]]);
  });

  it("names and links", () => {
    expect(freeSheetName(["Data"])).toBe("Audit SAKIP");
    expect(freeSheetName(["audit sakip", "Audit SAKIP (2)"])).toBe("Audit SAKIP (3)");
    expect(hyperlinkFormula('Say "hi"', "$A$1")).toBe(`=HYPERLINK("#'Say ""hi""'!A1","Say ""hi""!A1")`);
  });
});

describe("selectCell and AcceptedStore", () => {
  it("activates the sheet and selects the cell in one sync", async () => {
    const mock = createExcelMock({ sheets: [{ name: "Data", rows: [[1]] }] });
    await selectCell(mock.context, "Data", "$C$7");
    expect(mock.syncs).toBe(1);
    expect(mock.writes).toEqual(["sheet[Data].activate()", "sheet[Data].range(C7).select()"]);
  });

  it("remembers accepted finding keys in the document settings", async () => {
    const store = new MemorySettingsStore();
    const accepted = new AcceptedStore(store);
    expect(accepted.list().size).toBe(0);
    await accepted.accept("a|b");
    await accepted.accept("c|d");
    expect(store.get(ACCEPTED_KEY)).toEqual(["a|b", "c|d"]);
    expect(new AcceptedStore(store).has("c|d")).toBe(true);
    await accepted.unaccept("a|b");
    expect([...accepted.list()]).toEqual(["c|d"]);
    await accepted.unaccept("c|d");
    expect(store.get(ACCEPTED_KEY)).toBeNull();
    expect(store.saves).toBe(4);
  });
});
