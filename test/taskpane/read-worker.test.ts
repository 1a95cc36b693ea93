import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeWorker } from "../support/fake-worker.js";
import { readXlsx } from "../../src/io/xlsx.js";
import { handleReadRequest, type ReadResponse } from "../../src/taskpane/read.worker.js";
import { readWorkbookOffThread, rebuildError } from "../../src/taskpane/readClient.js";

const SAMPLE = readFileSync(new URL("../../samples/lkjip-ntt-2025.xlsx", import.meta.url));
const bytes = () => SAMPLE.buffer.slice(SAMPLE.byteOffset, SAMPLE.byteOffset + SAMPLE.byteLength) as ArrayBuffer;

describe("read worker protocol (handleReadRequest)", () => {
  it("answers with the snapshot readXlsx gives, as plain cloneable data", async () => {
    const posted: ReadResponse[] = [];
    await handleReadRequest({ data: bytes(), name: "contoh.xlsx" }, (m) => posted.push(m));
    expect(posted).toHaveLength(1);
    const msg = posted[0] as Extract<ReadResponse, { type: "done" }>;
    expect(msg.type).toBe("done");
    expect(msg.snapshot).toEqual(await readXlsx(bytes(), "contoh.xlsx"));
    expect(structuredClone(msg.snapshot)).toEqual(msg.snapshot);
  });

  it("keeps an XlsxReadError's kind and bilingual messages, which the page rebuilds", async () => {
    const posted: ReadResponse[] = [];
    await handleReadRequest({ data: new ArrayBuffer(0), name: "kosong.xlsx" }, (m) => posted.push(m));
    const msg = posted[0] as Extract<ReadResponse, { type: "error" }>;
    expect(msg.type).toBe("error");
    expect(msg.error).toMatchObject({ name: "XlsxReadError", kind: "empty" });
    expect(msg.error.messageId).toMatch(/kosong/);
    expect(msg.error.messageEn).toMatch(/empty/);
    const e = rebuildError(structuredClone(msg.error)) as Error & { messageId?: string; messageEn?: string; kind?: string };
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("XlsxReadError");
    expect([e.kind, e.messageId, e.messageEn]).toEqual([msg.error.kind, msg.error.messageId, msg.error.messageEn]);
  });

  it("refuses a request without bytes", async () => {
    const posted: ReadResponse[] = [];
    await handleReadRequest({} as never, (m) => posted.push(m));
    expect(posted[0]?.type).toBe("error");
  });
});


describe("readWorkbookOffThread (page side)", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeWorker.last = undefined;
  });

  it("reads on this thread when there is no Worker", async () => {
    vi.stubGlobal("Worker", undefined);
    const snap = await readWorkbookOffThread(bytes(), "contoh.xlsx");
    expect(snap.sheets.length).toBeGreaterThan(5);
  });

  it("posts the bytes and resolves with the worker's snapshot, then stops the worker", async () => {
    vi.stubGlobal("Worker", FakeWorker);
    const data = bytes();
    const p = readWorkbookOffThread(data, "contoh.xlsx");
    const w = FakeWorker.last!;
    expect(String(w.url)).toMatch(/read\.worker\.ts$/);
    expect(w.posted).toEqual([{ data, name: "contoh.xlsx" }]);
    const snapshot = { sheets: [{ name: "S", cells: [] }] };
    w.reply({ type: "done", snapshot });
    await expect(p).resolves.toEqual(snapshot);
    expect(w.terminated).toBe(true);
  });

  it("rejects with the rebuilt read error", async () => {
    vi.stubGlobal("Worker", FakeWorker);
    const p = readWorkbookOffThread(bytes(), "x.xlsx");
    FakeWorker.last!.reply({ type: "error", error: { name: "XlsxReadError", message: "m", kind: "corrupt", messageId: "rusak", messageEn: "damaged" } });
    await expect(p).rejects.toMatchObject({ name: "XlsxReadError", messageId: "rusak", messageEn: "damaged" });
  });

  it("reads on this thread when the worker script fails to load", async () => {
    vi.stubGlobal("Worker", FakeWorker);
    const p = readWorkbookOffThread(bytes(), "contoh.xlsx");
    const w = FakeWorker.last!;
    w.onerror?.({ preventDefault: () => undefined });
    expect(w.terminated).toBe(true);
    expect((await p).sheets.length).toBeGreaterThan(5);
  });
});
