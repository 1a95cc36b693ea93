/**
 * A minimal zip reader for .xlsx files in Node: the central directory, then each entry inflated on
 * demand with Node's native zlib (several times faster than the pure-JS inflate exceljs uses).
 * It reads only what a plain .xlsx needs; anything else (zip64, encryption, unknown compression,
 * odd names) throws ZipUnsupported so the caller can hand the file to the full exceljs reader.
 */
import { inflateRawSync } from "node:zlib";
import { readZipDirectory } from "./zip-directory.js";

export class ZipUnsupported extends Error {}

export interface ZipEntry {
  /** Path inside the archive, as exceljs sees it (a leading "/" removed). */
  name: string;
  dir: boolean;
  /** The uncompressed bytes. */
  read(): Buffer;
}

const SIG_LOCAL = 0x04034b50;

/** The archive's entries in central-directory order (the order JSZip, hence exceljs, walks them). */
export function zipEntries(buf: Buffer): ZipEntry[] {
  const dir = readZipDirectory(buf);
  if (typeof dir === "string") throw new ZipUnsupported(dir);
  if (dir.zip64) throw new ZipUnsupported("zip64");
  if (!dir.consistent) throw new ZipUnsupported("multi-disk or inconsistent directory");
  const out: ZipEntry[] = [];
  const seen = new Set<string>();
  for (const e of dir.entries) {
    const { madeBy, flags, method, compressedSize, size, external, local } = e;
    const rawName = buf.subarray(e.nameStart, e.nameStart + e.nameLen);
    if (flags & 1) throw new ZipUnsupported("encrypted entry");
    if (method !== 0 && method !== 8) throw new ZipUnsupported(`compression method ${method}`);
    if (e.zip64) throw new ZipUnsupported("zip64 entry");
    for (const b of rawName) if (b < 0x20 || b > 0x7e) throw new ZipUnsupported("non-ASCII entry name");
    let name = rawName.toString("latin1");
    // JSZip's notion of a folder: a trailing slash, or the DOS / Unix directory attribute.
    const slash = name.endsWith("/");
    const dirAttr = madeBy === 0 ? (external & 0x10) !== 0 : madeBy === 3 ? ((external >>> 16) & 0x4000) !== 0 : false;
    if (dirAttr && !slash) throw new ZipUnsupported("folder without a trailing slash");
    if (seen.has(name)) throw new ZipUnsupported("duplicate entry");
    seen.add(name);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== SIG_LOCAL) throw new ZipUnsupported("bad local header");
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressedSize > buf.length) throw new ZipUnsupported("entry past the end of the file");
    if (name.startsWith("/")) name = name.slice(1);
    out.push({
      name,
      dir: slash,
      read(): Buffer {
        const data = buf.subarray(start, start + compressedSize);
        // The declared size bounds the output: a zip bomb stops here instead of filling the memory.
        const bytes = method === 8 ? inflateRawSync(data, { maxOutputLength: Math.max(1, size) }) : Buffer.from(data);
        if (bytes.length !== size) throw new ZipUnsupported("size mismatch");
        return bytes;
      },
    });
  }
  return out;
}
