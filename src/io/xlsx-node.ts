/**
 * Node-only companion of `xlsx.ts`: read an .xlsx from disk, with clear errors for a missing
 * path or a directory. The bytes go to the fast reader (xlsx-fast.ts), which gives the snapshot
 * `readXlsx` would give and hands the files it does not handle to `readXlsx` itself.
 */
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { WorkbookSnapshot } from "../core/snapshot.js";
import { XlsxReadError } from "./xlsx.js";
import { readXlsxFast } from "./xlsx-fast.js";

export { XlsxReadError } from "./xlsx.js";
export type { XlsxReadErrorKind } from "./xlsx.js";

function errCode(e: unknown): string | undefined {
  return e && typeof e === "object" && "code" in e ? String((e as { code?: unknown }).code) : undefined;
}

export async function readXlsxFile(path: string): Promise<WorkbookSnapshot> {
  const name = basename(path) || path;
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    const code = errCode(e);
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new XlsxReadError("not_found", `Berkas "${path}" tidak ditemukan`, `File "${path}" was not found`, { cause: e });
    }
    throw new XlsxReadError(
      "io_error",
      `Berkas "${path}" tidak dapat dibaca (${code ?? String(e)})`,
      `File "${path}" cannot be read (${code ?? String(e)})`,
      { cause: e },
    );
  }
  if (info.isDirectory()) {
    throw new XlsxReadError("is_directory", `"${path}" adalah folder, bukan berkas .xlsx`, `"${path}" is a directory, not an .xlsx file`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = errCode(e);
    throw new XlsxReadError(
      "io_error",
      `Berkas "${path}" tidak dapat dibaca (${code ?? String(e)})`,
      `File "${path}" cannot be read (${code ?? String(e)})`,
      { cause: e },
    );
  }
  return readXlsxFast(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), name);
}
