/**
 * Zip bombs: an .xlsx is refused from its zip directory, before anything is inflated, when it
 * declares more unpacked content than any workbook the audit can read (a part over 512 MB, or over
 * 1 GB in all). Both readers check it (sniffXlsx), and the CLI says so in one line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_PART_BYTES, MAX_UNPACKED_BYTES, XlsxReadError, readXlsx, unpackedSizes } from "../src/io/xlsx.js";
import { readXlsxFast } from "../src/io/xlsx-fast.js";
import { zipEntries } from "../src/io/zip.js";
import { main } from "../src/cli/sakip-audit.js";
import { zip } from "./support/zip-build.js";

const SAMPLE = new URL("../samples/lkjip-ntt-2025.xlsx", import.meta.url);

/** The sample's own parts, with one of them declaring `declared` bytes. */
function sampleWith(part: string, declared: number, zip64 = false): Buffer {
  const parts = zipEntries(readFileSync(SAMPLE)).map((e) => ({ name: e.name, data: e.read() }));
  return zip(
    parts.map((p) => (p.name === part ? { ...p, declared } : p)),
    zip64,
  );
}

describe("unpackedSizes", () => {
  it("adds up what the zip directory declares: the sample's parts, as inflated", () => {
    const bytes = readFileSync(SAMPLE);
    const parts = zipEntries(bytes);
    const sizes = unpackedSizes(new Uint8Array(bytes));
    expect(sizes?.total).toBe(parts.reduce((s, e) => s + e.read().length, 0));
    expect(sizes?.largest).toBe(Math.max(...parts.map((e) => e.read().length)));
  });

  it("reads zip64 directories and sizes", () => {
    const z = zip([{ name: "a.xml", data: Buffer.from("<a/>"), declared: 6_000_000_000 }, { name: "b.xml", data: Buffer.from("<b/>") }], true);
    expect(unpackedSizes(new Uint8Array(z))).toEqual({ total: 6_000_000_004, largest: 6_000_000_000 });
  });

  it("gives up (undefined) on a file with no readable directory", () => {
    expect(unpackedSizes(new Uint8Array(Buffer.from("PK\u0003\u0004 no directory here")))).toBeUndefined();
    const z = zip([{ name: "a.xml", data: Buffer.from("<a/>") }]);
    expect(unpackedSizes(new Uint8Array(z.subarray(0, z.length - 30)))).toBeUndefined();
  });
});

describe("zip bombs", () => {
  const cases: [string, Buffer][] = [
    ["a sheet declaring 600 MB", sampleWith("xl/worksheets/sheet1.xml", 600 * 1024 * 1024)],
    ["parts declaring 1,1 GB in all", sampleWith("xl/sharedStrings.xml", MAX_UNPACKED_BYTES)],
    ["a zip64 sheet declaring 5 GB", sampleWith("xl/worksheets/sheet1.xml", 5 * 1024 * 1024 * 1024, true)],
  ];
  for (const [what, bytes] of cases) {
    it(`${what}: both readers refuse it as too large, before inflating anything`, async () => {
      for (const read of [readXlsx, readXlsxFast]) {
        const err = await read(new Uint8Array(bytes), "bom.xlsx").then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(XlsxReadError);
        expect((err as XlsxReadError).kind).toBe("too_large");
        expect((err as XlsxReadError).messageId).toMatch(/terlalu besar setelah dibuka/);
        expect((err as XlsxReadError).messageEn).toMatch(/too large once unpacked/);
      }
    });
  }

  it("the rebuilt sample with its real sizes reads like the original; a part declaring exactly the limit is not refused as too large", async () => {
    const original = await readXlsx(new Uint8Array(readFileSync(SAMPLE)), "ok.xlsx");
    const rebuilt = sampleWith("docProps/app.xml", zipEntries(readFileSync(SAMPLE)).find((e) => e.name === "docProps/app.xml")?.read().length ?? 0);
    expect(await readXlsxFast(new Uint8Array(rebuilt), "ok.xlsx")).toEqual(original);
    const atLimit = sampleWith("docProps/app.xml", MAX_PART_BYTES);
    const err = await readXlsx(new Uint8Array(atLimit), "x.xlsx").then(
      () => undefined,
      (e: unknown) => e,
    );
    // The declared size is then wrong (the part is small): the file may fail as damaged, never as too large.
    if (err) expect((err as XlsxReadError).kind).not.toBe("too_large");
  });

  it("the CLI: one line saying so, exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sakip-zipbomb-"));
    try {
      const path = join(dir, "bom.xlsx");
      writeFileSync(path, cases[0]?.[1] as Buffer);
      const err: string[] = [];
      const out: string[] = [];
      const code = await main([path], { out: (s) => out.push(s), err: (s) => err.push(s) });
      expect(code).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(/terlalu besar setelah dibuka: 600 MB/);
      expect(out).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
