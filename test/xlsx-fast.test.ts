/**
 * The CLI's fast reader (src/io/xlsx-fast.ts) must give exactly the snapshot of the full exceljs
 * reader (src/io/xlsx.ts): on the bundled sample and its variants, on generated benchmark
 * workbooks, on a fixture with every cell kind, and on hand-written sheet XML with the corner
 * cases of exceljs's cell reading. `readXlsxFastOnly` (no fallback) shows the fast path itself
 * was taken; `readXlsxFast` must hand what it does not read itself to the full reader.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateWorkbook } from "../bench/gen.js";
import { writeSnapshotXlsx } from "../bench/xlsx-write.js";
import { sampleWorkbookBytes } from "../samples/build.js";
import { XlsxReadError, readXlsx } from "../src/io/xlsx.js";
import { readXlsxFast, readXlsxFastOnly } from "../src/io/xlsx-fast.js";
import { readXlsxFile } from "../src/io/xlsx-node.js";

// JSZip, as exceljs itself resolves it, to patch sheet XML inside a written workbook.
const requireFromExceljs = createRequire(createRequire(import.meta.url).resolve("exceljs"));
interface Zip {
  file(name: string): { async(type: "string"): Promise<string> } | null;
  file(name: string, data: string): void;
  generateAsync(o: { type: "uint8array"; compression: "DEFLATE" }): Promise<Uint8Array>;
}
const JSZip = requireFromExceljs("jszip") as { loadAsync(data: Uint8Array): Promise<Zip> };

const dir = mkdtempSync(join(tmpdir(), "sakip-fast-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function expectSame(bytes: Uint8Array, source = "book.xlsx"): Promise<void> {
  const full = await readXlsx(bytes, source);
  const fast = await readXlsxFastOnly(bytes, source);
  expect(fast).toEqual(full);
  // toEqual ignores undefined-valued keys; the snapshot must not even carry those.
  expect(JSON.stringify(fast)).toBe(JSON.stringify(full));
  expect(await readXlsxFast(bytes, source)).toEqual(full);
}

async function written(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("fast reader = full reader", () => {
  it("on the bundled sample file", async () => {
    await expectSame(new Uint8Array(readFileSync(join(import.meta.dirname, "..", "samples", "lkjip-ntt-2025.xlsx"))), "lkjip-ntt-2025.xlsx");
  });

  it("through readXlsxFile, the CLI's reader", async () => {
    const path = join(import.meta.dirname, "..", "samples", "lkjip-ntt-2025.xlsx");
    expect(await readXlsxFile(path)).toEqual(await readXlsx(new Uint8Array(readFileSync(path)), "lkjip-ntt-2025.xlsx"));
  });

  it.each([
    { layout: "standard", corrected: false },
    { layout: "variant", corrected: false },
    { layout: "standard", corrected: true },
    { layout: "variant", corrected: true },
  ] as const)("on the sample built with %o", async (opts) => {
    await expectSame(await sampleWorkbookBytes(opts));
  });

  it.each([2_000, 30_000])("on a generated %i-cell benchmark workbook (streaming writer)", async (cells) => {
    const file = join(dir, `gen-${cells}.xlsx`);
    await writeSnapshotXlsx(generateWorkbook({ cells, seed: 7 + cells }), file);
    await expectSame(new Uint8Array(readFileSync(file)));
  });

  it("on every cell kind, hidden and protected sheets, tables, names, merges, hyperlinks", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Data 1");
    ws.getCell("A1").value = 23382;
    ws.getCell("A1").numFmt = "#,##0";
    ws.getCell("B1").value = "23.2547";
    ws.getCell("C1").value = 0.9753;
    ws.getCell("C1").numFmt = "0.00%";
    ws.getCell("D1").value = true;
    ws.getCell("E1").value = "General fmt";
    ws.getCell("E1").numFmt = "General";
    ws.getCell("A2").value = 24677;
    ws.getCell("A3").value = { formula: "A1/A2*100", result: 94.75 };
    ws.getCell("A3").numFmt = "#,##0.00";
    ws.getCell("A4").value = { formula: "=A1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
    ws.getCell("A5").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    ws.getCell("A6").value = new Date(Date.UTC(2025, 0, 15, 6, 30));
    ws.getCell("B6").value = { formula: "A6+1", result: new Date(Date.UTC(2025, 0, 16, 6, 30)) };
    ws.getCell("B6").numFmt = "dd/mm/yyyy hh:mm";
    ws.getCell("A7").value = { richText: [{ text: "Tabel " }, { text: "4", font: { bold: true } }] };
    ws.getCell("A8").value = { text: "laman", hyperlink: "http://monev.anggaran.kemenkeu.go.id" };
    ws.getCell("B8").value = { text: "internal", hyperlink: "#'Data 1'!A1" };
    ws.getCell("B2").value = 10;
    ws.getCell("B3").value = { formula: "B2+1", result: 11, shareType: "shared", ref: "B3:B5" } as unknown as ExcelJS.CellFormulaValue;
    ws.getCell("B4").value = { sharedFormula: "B3", result: 12 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("B5").value = { sharedFormula: "B3", result: 13 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("C3").value = { formula: 'A3&"x<&>"', result: "94.75x<&>" };
    ws.getCell("C4").value = { formula: "A1*0", result: 0 };
    ws.getCell("C5").value = { formula: "A1=0", result: false };
    ws.getCell("C6").value = { formula: 'IF(A1>0,"","x")', result: "" };
    ws.getCell("D6").value = "  spaced\ttext & <tags> \"quoted\" 'apos' Ünïcødé 数字 😀  ";
    ws.getCell("F1").value = "Judul gabungan";
    ws.getCell("G1").value = "hidden under the merge";
    ws.mergeCells("F1:H2");
    ws.getCell("E10").value = null;
    ws.getCell("E11").value = "";
    ws.getCell("E12").numFmt = "0.00"; // styled but empty
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
    wb.definedNames.add("'Data 1'!$B$2", "Satu");
    const hidden = wb.addWorksheet("Tersembunyi", { state: "hidden" });
    hidden.getCell("B2").value = 42;
    wb.addWorksheet("Kosong");
    const prot = wb.addWorksheet("Terkunci");
    prot.getCell("A1").value = "dilindungi";
    await prot.protect("", {});
    const bytes = await written(wb);
    await expectSame(bytes);
    const snap = await readXlsxFastOnly(bytes, "f.xlsx");
    expect(snap.sheets.map((s) => [s.name, s.hidden ?? false, s.protected ?? false])).toEqual([
      ["Data 1", false, false],
      ["Tersembunyi", true, false],
      ["Kosong", false, false],
      ["Terkunci", false, true],
    ]);
  });

  it("with pictures and cell notes (drawings, media, comments and VML parts in the file)", async () => {
    // A 1×1 PNG, placed on two sheets, and a note on a cell.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Data");
    ws.getCell("A1").value = "Kegiatan";
    ws.getCell("B1").value = 12;
    ws.getCell("B1").note = "catatan";
    const image = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: "png" });
    ws.addImage(image, "C3:D5");
    const other = wb.addWorksheet("Lain");
    other.getCell("A1").value = 5;
    other.addImage(image, "B2:B3");
    await expectSame(new Uint8Array(await wb.xlsx.writeBuffer()));
  });

  it("with 1904 dates", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = new Date(Date.UTC(2025, 5, 30));
    ws.getCell("A2").value = { formula: "A1+1", result: new Date(Date.UTC(2025, 6, 1)) };
    ws.getCell("A2").numFmt = "yyyy-mm-dd";
    await expectSame(await written(wb));
  });
});

/**
 * A workbook whose first sheet's `<sheetData>` is replaced by `rows` (hand-written XML). The base
 * workbook provides styles ({{DATE}}: a date format, {{NUM}}: `#,##0`), a rich shared string
 * ({{RICH}}), a plain one ({{PLAIN}}) and hyperlinks on K1 (a formula below) and L1 (empty below).
 */
async function patched(rows: string, opts: { date1904?: boolean; crlf?: boolean } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  if (opts.date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet("Raw");
  ws.getCell("Z1").value = new Date(Date.UTC(2024, 1, 29));
  ws.getCell("Z1").numFmt = "dd/mm/yyyy";
  ws.getCell("Z2").value = 5;
  ws.getCell("Z2").numFmt = "#,##0";
  ws.getCell("Z3").value = { richText: [{ text: "ka" }, { text: "ya", font: { italic: true } }] };
  ws.getCell("Z4").value = "polos";
  ws.getCell("K1").value = { text: "link", hyperlink: "https://example.org/a?b=1&c=2" };
  ws.getCell("L1").value = { text: "empty link", hyperlink: "https://example.org/empty" };
  ws.mergeCells("A20:C21");
  const zip = await JSZip.loadAsync(await written(wb));
  const name = "xl/worksheets/sheet1.xml";
  const xml = (await zip.file(name)?.async("string")) ?? "";
  const id = (addr: string, what: "s" | "v") => {
    const m = what === "s" ? new RegExp(`<c r="${addr}" s="(\\d+)"`).exec(xml) : new RegExp(`<c r="${addr}"[^>]*><v>(\\d+)</v>`).exec(xml);
    if (!m) throw new Error(`no ${what} for ${addr} in ${xml}`);
    return m[1] ?? "";
  };
  const body = rows
    .replaceAll("{{DATE}}", id("Z1", "s"))
    .replaceAll("{{NUM}}", id("Z2", "s"))
    .replaceAll("{{RICH}}", id("Z3", "v"))
    .replaceAll("{{PLAIN}}", id("Z4", "v"));
  let out = xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${body}</sheetData>`);
  if (opts.crlf) out = out.replace(/></g, ">\r\n<");
  zip.file(name, out);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

const EDGE_ROWS = `
<row r="1" spans="1:12">
  <c r="A1" t="str"><f>"a&amp;amp;b"</f><v>a&amp;amp;b</v></c>
  <c r="B1" t="b"><f>TRUE()</f><v>1</v></c>
  <c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c>
  <c r="D1" s="{{DATE}}"><f>TODAY()</f><v>45000.75</v></c>
  <c r="E1" t="inlineStr"><is><t>inline &lt;x&gt; &#x41;&#66;</t></is></c>
  <c r="F1" t="e"><v>#N/A</v></c>
  <c r="G1" t="b"><v>0</v></c>
  <c r="H1"><v>abc</v></c>
  <c r="I1" s="{{DATE}}"><v>45000</v></c>
  <c r="J1" t="str"><v>x&#13;&#10;y&amp;lt;</v></c>
  <c r="K1" s="{{NUM}}"><f>1+1</f><v>2</v></c>
  <c r="L1"/>
</row>
<row r="2"><c r="A2" s="{{NUM}}"><f t="shared" ref="A2:A5" si="0">B2*2+$C$1</f><v>4</v></c><c r="B2"><v>2</v></c></row>
<row r="3"><c r="A3"><f t="shared" si="0"/><v>0</v></c><c r="B3" s="0"><v>3</v></c><c r='C3' t='s'><v>{{RICH}}</v></c></row>
<row r="4"><c r="A4" s="{{NUM}}"><f t="shared" si="0"/></c><c r="B4" t="s"><v>{{PLAIN}}</v></c></row>
<row r="5"><c r="A5"><f t="shared" si="7"/><v>1</v></c><c r="B5"><f t="shared" si="7"/></c></row>
<row r="6"><c r="A6"><f t="array" ref="A6:A6">SUM(B2:B3)</f><v>5</v></c><c r="B6" s="{{NUM}}"/><c r="C6"/><c r="D6" t="d"><v>2025-01-15T00:00:00</v></c></row>
<row r="7" s="{{NUM}}" customFormat="1"><c r="A7" t="s"><v>{{PLAIN}}</v></c><c r="B7"><v>1e3</v></c><c r="C7"><v>-0.5</v></c><c r="D7"><v/></c><c r="E7"><v></v></c></row>
<row r="8" spans="1:3" ht="15" customHeight="1" x14ac:dyDescent="0.25"><c r="A8" s="{{NUM}}" cm="1"><f t="array" ref="A8" aca="false" ca="1">SEQUENCE(1)</f><v>1</v></c><c r="B8" t="inlineStr"><is><t xml:space="preserve"> padded </t></is></c><c r="C8" t="n"><v>  12.5 </v></c></row>
<row r="9" ><c r="A9" ><f>A1&amp;CHAR(10)&amp;"&lt;"</f ><v>7</v ></c ><c r="B9" t="e"><f>NA()</f></c><c r="C9" t="str"><f>""</f><v></v></c></row>
<row r="20"><c r="A20"><v>1</v></c><c r="B20"><v>2</v></c><c r="C20" t="s"><v>{{PLAIN}}</v></c><c r="D20"><v>4</v></c></row>
<row r="21"><c r="A21"><f>B20</f><v>2</v></c><c r="D21"><v>5</v></c></row>
<row r="22"/>
<row r="30"><c r="XFD30"><v>16384</v></c></row>
`;

describe("fast reader on hand-written sheet XML", () => {
  it("replays exceljs's cell reading: formulas and their results, shared formulas, dates, errors, strings, hyperlinks, merges", async () => {
    const bytes = await patched(EDGE_ROWS);
    await expectSame(bytes);
    // A few of the replayed quirks, spelled out.
    const snap = await readXlsxFastOnly(bytes, "x");
    const cells = snap.sheets[0]?.cells ?? [];
    const at = (row: number, col: number) => cells.find((c) => c.row === row && c.col === col);
    expect(at(2, 1)?.formula).toBe("B2*2+$C$1");
    expect(at(3, 1)?.formula).toBe("B3*2+$C$1");
    expect(at(4, 1)).toMatchObject({ formula: "B4*2+$C$1", value: null, numberFormat: "#,##0" });
    expect(at(1, 11)).toMatchObject({ value: "https://example.org/a?b=1&c=2" });
    expect(at(20, 2)).toBeUndefined(); // under the merge A20:C21
    expect(at(20, 4)).toMatchObject({ value: 4 });
  });

  it("with CRLF between tags and 1904 dates", async () => {
    await expectSame(await patched(EDGE_ROWS, { crlf: true, date1904: true }));
  });

  it.each([
    ["a rich inline string", `<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r><r><rPr><b/></rPr><t>b</t></r></is></c></row>`],
    ["a comment in sheet data", `<row r="1"><!-- note --><c r="A1"><v>1</v></c></row>`],
    ["rows out of order", `<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>2</v></c></row>`],
    ["a cell without an address", `<row r="1"><c r="A1"><v>1</v></c><c><v>2</v></c></row>`],
    ["a cell off its row", `<row r="1"><c r="A2"><v>1</v></c></row>`],
    ["an unknown entity", `<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>`],
  ])("hands %s to the full reader, with the same result", async (_what, rows) => {
    const bytes = await patched(rows);
    await expect(readXlsxFastOnly(bytes, "x")).rejects.toThrow();
    let full: unknown;
    try {
      full = await readXlsx(bytes, "x");
    } catch (e) {
      full = e;
    }
    if (full instanceof Error) await expect(readXlsxFast(bytes, "x")).rejects.toThrow(full.message);
    else expect(await readXlsxFast(bytes, "x")).toEqual(full);
  });
});

describe("fast reader on bad input", () => {
  const cases: [string, Uint8Array][] = [
    ["empty", new Uint8Array(0)],
    ["text", new TextEncoder().encode("Kegiatan;Pagu\nLayanan;384013000\n")],
    ["OLE2", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])],
    ["empty zip", new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)])],
  ];
  it.each(cases)("%s: the same XlsxReadError as the full reader", async (_what, bytes) => {
    const full = await readXlsx(bytes, "bad.xlsx").catch((e: unknown) => e);
    const fast = await readXlsxFast(bytes, "bad.xlsx").catch((e: unknown) => e);
    expect(full).toBeInstanceOf(XlsxReadError);
    expect(fast).toBeInstanceOf(XlsxReadError);
    expect((fast as XlsxReadError).kind).toBe((full as XlsxReadError).kind);
    expect((fast as XlsxReadError).message).toBe((full as XlsxReadError).message);
  });

  it("a truncated or zip-without-workbook file: the same error as the full reader", async () => {
    const good = await sampleWorkbookBytes();
    const zip = await JSZip.loadAsync(good);
    const notBook = await (zip as unknown as { remove(n: string): Zip }).remove("xl/workbook.xml").generateAsync({ type: "uint8array", compression: "DEFLATE" });
    for (const bytes of [good.slice(0, Math.floor(good.length / 2)), good.slice(0, good.length - 10), notBook]) {
      const full = await readXlsx(bytes, "t.xlsx").catch((e: unknown) => e);
      const fast = await readXlsxFast(bytes, "t.xlsx").catch((e: unknown) => e);
      if (full instanceof XlsxReadError) {
        expect(fast).toBeInstanceOf(XlsxReadError);
        expect((fast as XlsxReadError).message).toBe(full.message);
      } else {
        expect(fast).toEqual(full);
      }
    }
  });
});

describe("fast reader on damaged sheet XML (differential fuzz against the full reader)", () => {
  // Edits inside <sheetData>: markup fragments inserted, runs deleted, characters replaced. Most
  // results are malformed XML that exceljs refuses; the fast path must refuse them too (through its
  // fallback, with the full reader's error), never read a damaged file in its own lenient way.
  const SNIPPETS = ["<", ">", "</c>", '<c r="A1">', "<v>1</v>", "&amp;", "&#x41;", "&bogus;", 't="s"', 't="str"', "<f>SUM(A1)</f>", '"', " ", '<row r="2">', "</row>", "<is><t>x</t></is>", 't="inlineStr"', 's="3"', '<f t="shared" si="0"/>', 't="e"', "<v>#REF!</v>", 'r="ZZZ9"', "<![CDATA[x]]>", "]]>", "\u0001", "</v>", "</f>", "<v>"];

  it("gives the full reader's snapshot or the full reader's error on 150 damaged copies of the sample", async () => {
    const good = await sampleWorkbookBytes();
    const base = await JSZip.loadAsync(good);
    const names = Object.keys((base as unknown as { files: Record<string, unknown> }).files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    let seed = 20251128;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    let same = 0;
    let refused = 0;
    for (let k = 0; k < 150; k++) {
      const zip = await JSZip.loadAsync(good);
      const name = names[Math.floor(rnd() * names.length)] as string;
      let xml = (await zip.file(name)?.async("string")) ?? "";
      const start = xml.indexOf("<sheetData");
      for (let e = 1 + Math.floor(rnd() * 3); e > 0; e--) {
        const at = start + Math.floor(rnd() * (xml.length - start));
        const op = rnd();
        if (op < 0.45) xml = xml.slice(0, at) + (SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] ?? "") + xml.slice(at);
        else if (op < 0.7) xml = xml.slice(0, at) + xml.slice(at + 1 + Math.floor(rnd() * 20));
        else xml = xml.slice(0, at) + String.fromCharCode(32 + Math.floor(rnd() * 90)) + xml.slice(at + 1);
      }
      zip.file(name, xml);
      const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
      const full = await readXlsx(bytes, "d.xlsx").catch((e: unknown) => e);
      const fast = await readXlsxFast(bytes, "d.xlsx").catch((e: unknown) => e);
      if (full instanceof Error) {
        expect(fast, `copy ${k}: the full reader refused it (${full.message.slice(0, 80)})`).toBeInstanceOf(XlsxReadError);
        expect((fast as Error).message).toBe(full.message);
        refused++;
      } else {
        expect(JSON.stringify(fast), `copy ${k}`).toBe(JSON.stringify(full));
        same++;
      }
    }
    // Both outcomes occur, so the comparison is exercised both ways.
    expect(same).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  }, 120_000);
});
