/**
 * A minimal zip reader for .xlsx files in Node: the central directory, then each entry inflated on
 * demand with Node's native zlib (several times faster than the pure-JS inflate exceljs uses).
 * It reads only what a plain .xlsx needs; anything else (zip64, encryption, unknown compression,
 * odd names) throws ZipUnsupported so the caller can hand the file to the full exceljs reader.
 */
import { inflateRawSync } from "node:zlib";

export class ZipUnsupported extends Error {}

export interface ZipEntry {
  /** Path inside the archive, as exceljs sees it (a leading "/" removed). */
  name: string;
  dir: boolean;
  /** The uncompressed bytes. */
  read(): Buffer;
}

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) if (buf.readUInt32LE(i) === SIG_EOCD) return i;
  throw new ZipUnsupported("no end of central directory");
}

/** The archive's entries in central-directory order (the order JSZip, hence exceljs, walks them). */
export function zipEntries(buf: Buffer): ZipEntry[] {
  const eocd = findEocd(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipUnsupported("zip64");
  if (buf.readUInt16LE(eocd + 8) !== count || cdOffset + cdSize > eocd) throw new ZipUnsupported("multi-disk or inconsistent directory");
  const out: ZipEntry[] = [];
  const seen = new Set<string>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== SIG_CENTRAL) throw new ZipUnsupported("bad central directory");
    const madeBy = buf.readUInt8(p + 5);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const external = buf.readUInt32LE(p + 38);
    const local = buf.readUInt32LE(p + 42);
    const rawName = buf.subarray(p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) throw new ZipUnsupported("encrypted entry");
    if (method !== 0 && method !== 8) throw new ZipUnsupported(`compression method ${method}`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || local === 0xffffffff) throw new ZipUnsupported("zip64 entry");
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
