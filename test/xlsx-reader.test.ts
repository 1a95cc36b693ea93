import ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SheetGrid } from "../src/core/snapshot.js";
import type { WorkbookSnapshot } from "../src/core/snapshot.js";
import { XlsxReadError, readXlsx } from "../src/io/xlsx.js";
import { readXlsxFile } from "../src/io/xlsx-node.js";

async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

async function buildFixture(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data 1");
  ws.getCell("A1").value = 23382;
  ws.getCell("A1").numFmt = "#,##0";
  ws.getCell("B1").value = "23.2547";
  ws.getCell("C1").value = 0.9753;
  ws.getCell("C1").numFmt = "0.00%";
  ws.getCell("D1").value = true;
  ws.getCell("A2").value = 24677;
  ws.getCell("A3").value = { formula: "A1/A2*100", result: 94.75 };
  ws.getCell("A3").numFmt = "#,##0.00";
  ws.getCell("A4").value = { formula: "=A1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
  ws.getCell("A5").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
  ws.getCell("A6").value = new Date(Date.UTC(2025, 0, 15));
  ws.getCell("A7").value = { richText: [{ text: "Tabel " }, { text: "4", font: { bold: true } }] };
  ws.getCell("A8").value = { text: "laman", hyperlink: "http://monev.anggaran.kemenkeu.go.id" };
  // A shared formula: B3 is the master, B4:B5 follow it.
  ws.getCell("B2").value = 10;
  ws.getCell("B3").value = { formula: "B2+1", result: 11, shareType: "shared", ref: "B3:B5" } as ExcelJS.CellSharedFormulaValue & {
    shareType: string;
    ref: string;
  };
  ws.getCell("B4").value = { sharedFormula: "B3", result: 12 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell("B5").value = { sharedFormula: "B3", result: 13 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell("C3").value = { formula: "A3&\"x\"", result: "94.75x" };
  // Falsy cached results: exceljs's cell.value drops them, the reader must not.
  ws.getCell("C4").value = { formula: "A1*0", result: 0 };
  ws.getCell("C5").value = { formula: "A1=0", result: false };
  ws.getCell("F1").value = "Judul gabungan";
  ws.mergeCells("F1:H1");
  ws.getCell("E10").value = null;
  ws.getCell("E11").value = "";
  ws.addTable({
    name: "TblAnggaran",
    ref: "J1",
    headerRow: true,
    columns: [{ name: "Kegiatan" }, { name: "Pagu" }],
    rows: [
      ["Layanan", 384013000],
      ["Gakum", 1629443000],
    ],
  });
  wb.definedNames.add("'Data 1'!$A$1:$A$3", "D1_Komponen");
  const hidden = wb.addWorksheet("Tersembunyi", { state: "hidden" });
  hidden.getCell("B2").value = 42;
  const prot = wb.addWorksheet("Terkunci");
  prot.getCell("A1").value = "dilindungi";
  await prot.protect("", {});
  return toBytes(wb);
}

describe("readXlsx", () => {
  let snap: WorkbookSnapshot;
  const get = (sheet: string, addr: string) => {
    const s = snap.sheets.find((x) => x.name === sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    const m = /^([A-Z]+)(\d+)$/.exec(addr)!;
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return new SheetGrid(s).get(Number(m[2]), col);
  };

  it("reads sheets in order with hidden and protected flags", async () => {
    snap = await readXlsx(await buildFixture(), "fixture.xlsx");
    expect(snap.source).toBe("fixture.xlsx");
    expect(snap.sheets.map((s) => s.name)).toEqual(["Data 1", "Tersembunyi", "Terkunci"]);
    expect(snap.sheets[0]!.hidden ?? false).toBe(false);
    expect(snap.sheets[1]!.hidden).toBe(true);
    expect(snap.sheets[2]!.protected).toBe(true);
    expect(snap.sheets[0]!.protected ?? false).toBe(false);
    expect(snap.unreadable ?? []).toEqual([]);
  });

  it("reads plain values and number formats", () => {
    expect(get("Data 1", "A1")).toEqual({ row: 1, col: 1, value: 23382, numberFormat: "#,##0" });
    expect(get("Data 1", "B1")).toEqual({ row: 1, col: 2, value: "23.2547" });
    expect(get("Data 1", "C1")).toMatchObject({ value: 0.9753, numberFormat: "0.00%" });
    expect(get("Data 1", "D1")?.value).toBe(true);
    expect(get("Data 1", "A2")?.numberFormat).toBeUndefined();
  });

  it("reads formulas without '=' and their cached results", () => {
    expect(get("Data 1", "A3")).toEqual({ row: 3, col: 1, value: 94.75, formula: "A1/A2*100", numberFormat: "#,##0.00" });
    expect(get("Data 1", "C3")).toMatchObject({ value: "94.75x", formula: 'A3&"x"' });
  });

  it("keeps falsy cached results (0, false)", () => {
    expect(get("Data 1", "C4")).toEqual({ row: 4, col: 3, value: 0, formula: "A1*0" });
    expect(get("Data 1", "C5")).toEqual({ row: 5, col: 3, value: false, formula: "A1=0" });
  });

  it("expands shared formulas per cell", () => {
    expect(get("Data 1", "B3")).toMatchObject({ formula: "B2+1", value: 11 });
    expect(get("Data 1", "B4")).toMatchObject({ formula: "B3+1", value: 12 });
    expect(get("Data 1", "B5")).toMatchObject({ formula: "B4+1", value: 13 });
  });

  it("reads errors as value null with the error literal", () => {
    expect(get("Data 1", "A4")).toMatchObject({ value: null, error: "#DIV/0!", formula: "A1/0" });
    expect(get("Data 1", "A5")).toEqual({ row: 5, col: 1, value: null, error: "#N/A" });
  });

  it("reads dates as Excel serials, rich text and hyperlinks as text", () => {
    expect(get("Data 1", "A6")?.value).toBe(45672);
    expect(get("Data 1", "A7")?.value).toBe("Tabel 4");
    expect(get("Data 1", "A8")?.value).toBe("laman");
  });

  it("skips empty cells and merge followers, lists merges", () => {
    expect(get("Data 1", "E10")).toBeUndefined();
    expect(get("Data 1", "E11")).toBeUndefined();
    expect(get("Data 1", "F1")?.value).toBe("Judul gabungan");
    expect(get("Data 1", "G1")).toBeUndefined();
    expect(snap.sheets[0]!.merges).toEqual(["F1:H1"]);
  });

  it("keeps cells sparse and row-major", () => {
    const cells = snap.sheets[0]!.cells;
    for (let i = 1; i < cells.length; i++) {
      const a = cells[i - 1]!;
      const b = cells[i]!;
      expect(a.row < b.row || (a.row === b.row && a.col < b.col)).toBe(true);
    }
  });

  it("reads tables and defined names", () => {
    expect(snap.sheets[0]!.tables).toEqual([{ name: "TblAnggaran", ref: "J1:K3" }]);
    expect(get("Data 1", "K2")?.value).toBe(384013000);
    expect(snap.definedNames).toEqual([{ name: "D1_Komponen", ref: "'Data 1'!$A$1:$A$3" }]);
  });

  it("reads hidden sheet content", () => {
    expect(get("Tersembunyi", "B2")?.value).toBe(42);
  });

  it("accepts an ArrayBuffer as well as a Uint8Array", async () => {
    const bytes = await buildFixture();
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const s = await readXlsx(ab);
    expect(s.sheets.length).toBe(3);
    expect(s.source).toBeUndefined();
  });
});

describe("readXlsx failures", () => {
  async function kindOf(p: Promise<unknown>): Promise<string> {
    try {
      await p;
    } catch (e) {
      expect(e).toBeInstanceOf(XlsxReadError);
      const err = e as XlsxReadError;
      expect(err.messageId.length).toBeGreaterThan(0);
      expect(err.messageEn.length).toBeGreaterThan(0);
      expect(err.message).toContain(" / ");
      return err.kind;
    }
    return "no error";
  }

  it("empty input", async () => {
    expect(await kindOf(readXlsx(new Uint8Array(0)))).toBe("empty");
    expect(await kindOf(readXlsx(new ArrayBuffer(0)))).toBe("empty");
  });

  it("not a zip", async () => {
    expect(await kindOf(readXlsx(new TextEncoder().encode("No;UPT;Jumlah\n1;Kupang;11757\n")))).toBe("not_xlsx");
  });

  it("OLE2 container (password-protected xlsx)", async () => {
    const bytes = new Uint8Array(1024);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    try {
      await readXlsx(bytes, "rahasia.xlsx");
      expect.unreachable();
    } catch (e) {
      const err = e as XlsxReadError;
      expect(err.kind).toBe("encrypted");
      expect(err.messageId).toContain("terenkripsi");
      expect(err.messageEn).toContain("encrypted (password-protected)");
      expect(err.message).toContain("rahasia.xlsx");
    }
  });

  it("truncated zip", async () => {
    const bytes = await buildFixture();
    expect(await kindOf(readXlsx(bytes.slice(0, Math.floor(bytes.length / 2))))).toBe("corrupt");
  });

  it("zip signature followed by garbage", async () => {
    const bytes = new Uint8Array(200);
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    expect(await kindOf(readXlsx(bytes))).toBe("corrupt");
  });
});

describe("readXlsxFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "sakip-xlsx-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a file from disk with its base name as source", async () => {
    const p = join(dir, "lkjip.xlsx");
    writeFileSync(p, await buildFixture());
    const snap = await readXlsxFile(p);
    expect(snap.source).toBe("lkjip.xlsx");
    expect(snap.sheets[0]!.name).toBe("Data 1");
  });

  it("not_found and is_directory", async () => {
    await expect(readXlsxFile(join(dir, "tidak-ada.xlsx"))).rejects.toMatchObject({ kind: "not_found" });
    const sub = join(dir, "folder.xlsx");
    mkdirSync(sub);
    await expect(readXlsxFile(sub)).rejects.toMatchObject({ kind: "is_directory" });
  });

  it("empty file on disk", async () => {
    const p = join(dir, "kosong.xlsx");
    writeFileSync(p, new Uint8Array(0));
    await expect(readXlsxFile(p)).rejects.toMatchObject({ kind: "empty" });
  });
});
