/**
 * Write a WorkbookSnapshot to an .xlsx file with exceljs's streaming writer (rows are flushed as
 * they are committed, so a million cells do not have to sit in an exceljs model first).
 */
import ExcelJS from "exceljs";
import type { CellSnapshot, WorkbookSnapshot } from "../src/core/snapshot.js";

export interface WriteOptions {
  /** Extra bytes stored in the archive as an incompressible media file (to reach a file size cheaply). */
  paddingBytes?: number;
  /** Seed for the padding bytes. */
  seed?: number;
}

function cellValue(c: CellSnapshot): ExcelJS.CellValue {
  if (c.formula !== undefined) {
    const result = c.error ? { error: c.error } : c.value;
    return { formula: c.formula, result } as ExcelJS.CellFormulaValue;
  }
  if (c.error) return { error: c.error } as ExcelJS.CellErrorValue;
  return c.value;
}

export async function writeSnapshotXlsx(snap: WorkbookSnapshot, filename: string, opts: WriteOptions = {}): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useStyles: true, useSharedStrings: true });
  if (opts.paddingBytes && opts.paddingBytes > 0) {
    // Random bytes do not compress: the file grows by about paddingBytes.
    const buf = Buffer.alloc(opts.paddingBytes);
    let x = (opts.seed ?? 7) >>> 0 || 1;
    for (let i = 0; i < buf.length; i += 4) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      buf.writeUInt32LE(x >>> 0, Math.min(i, buf.length - 4));
    }
    const id = wb.addImage({ buffer: buf as unknown as ExcelJS.Buffer, extension: "png" });
    void id;
  }
  for (const s of snap.sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.hidden ? "hidden" : "visible" });
    for (const m of s.merges ?? []) ws.mergeCells(m);
    let i = 0;
    const cells = s.cells;
    while (i < cells.length) {
      const r = (cells[i] as CellSnapshot).row;
      const row = ws.getRow(r);
      while (i < cells.length && (cells[i] as CellSnapshot).row === r) {
        const c = cells[i] as CellSnapshot;
        const cell = row.getCell(c.col);
        cell.value = cellValue(c);
        if (c.numberFormat) cell.numFmt = c.numberFormat;
        i++;
      }
      row.commit();
    }
    ws.commit();
  }
  await wb.commit();
}
