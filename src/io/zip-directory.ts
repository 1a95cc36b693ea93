/**
 * The central directory of a zip archive, read with plain typed arrays (no Node API), so that the
 * browser's reader can use it too: `zip.ts` inflates the entries it lists (Node), and `xlsx.ts`
 * checks from it how much an .xlsx unpacks to before any reader inflates anything.
 */

export interface ZipDirEntry {
  madeBy: number;
  flags: number;
  method: number;
  compressedSize: number;
  /** Uncompressed size. */
  size: number;
  /** External attributes. */
  external: number;
  /** Offset of the local header. */
  local: number;
  /** The name's bytes: `bytes[nameStart]`…`bytes[nameStart + nameLen - 1]`. */
  nameStart: number;
  nameLen: number;
  /** A size or the offset is given in the zip64 extra field (taken from there above). */
  zip64: boolean;
}

export interface ZipDirectory {
  entries: ZipDirEntry[];
  /** The end record points to a zip64 end record (more than 65.535 entries, or a directory beyond 4 GB). */
  zip64: boolean;
  /** One disk, and the directory lies before its end record. */
  consistent: boolean;
}

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const MAX32 = 0xffffffff;

/** The directory, or why it cannot be read. */
export function readZipDirectory(bytes: Uint8Array): ZipDirectory | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.length;
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return "no end of central directory";
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  let consistent = view.getUint16(eocd + 8, true) === count;
  const zip64 = count === 0xffff || cdSize === MAX32 || cdOffset === MAX32;
  let end = eocd;
  if (zip64) {
    // The real count, size and offset are in the zip64 end record its locator points to.
    if (eocd < 20 || view.getUint32(eocd - 20, true) !== SIG_ZIP64_LOCATOR) return "zip64 without its end record";
    const z = Number(view.getBigUint64(eocd - 12, true));
    if (z + 56 > len || view.getUint32(z, true) !== SIG_ZIP64_EOCD) return "bad zip64 end record";
    count = Number(view.getBigUint64(z + 32, true));
    consistent = Number(view.getBigUint64(z + 24, true)) === count;
    cdSize = Number(view.getBigUint64(z + 40, true));
    cdOffset = Number(view.getBigUint64(z + 48, true));
    end = z;
  }
  consistent &&= cdOffset + cdSize <= end;
  const entries: ZipDirEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > end || view.getUint32(p, true) !== SIG_CENTRAL) return "bad central directory";
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const e: ZipDirEntry = {
      madeBy: view.getUint8(p + 5),
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      external: view.getUint32(p + 38, true),
      local: view.getUint32(p + 42, true),
      nameStart: p + 46,
      nameLen,
      zip64: false,
    };
    if (e.size === MAX32 || e.compressedSize === MAX32 || e.local === MAX32) {
      e.zip64 = true;
      // The zip64 extended information extra field (id 1) holds, in this order, the fields whose
      // 32-bit value is 0xffffffff: uncompressed size, compressed size, local header offset.
      for (let x = p + 46 + nameLen, xEnd = Math.min(x + extraLen, len); x + 4 <= xEnd; ) {
        const id = view.getUint16(x, true);
        const n = view.getUint16(x + 2, true);
        if (id === 1) {
          let q = x + 4;
          const next = (): number => {
            const v = q + 8 <= Math.min(x + 4 + n, xEnd) ? Number(view.getBigUint64(q, true)) : MAX32;
            q += 8;
            return v;
          };
          if (e.size === MAX32) e.size = next();
          if (e.compressedSize === MAX32) e.compressedSize = next();
          if (e.local === MAX32) e.local = next();
          break;
        }
        x += 4 + n;
      }
    }
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, zip64, consistent };
}
