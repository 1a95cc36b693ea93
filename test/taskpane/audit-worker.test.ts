import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeWorker } from "../support/fake-worker.js";
import type { AuditResult } from "../../src/core/audit/types.js";
import type { WorkbookSnapshot } from "../../src/core/snapshot.js";
import { readFileSync } from "node:fs";
import { auditWithSeries, handleAuditRequest, type AuditRequest, type AuditResponse } from "../../src/taskpane/audit.worker.js";
import { disposeAuditWorker, startAudit } from "../../src/taskpane/auditClient.js";
import { capaianSeries } from "../../src/taskpane/capaian.js";
import { loadBuiltinSchema } from "../../src/core/schema/schema.js";
import { readXlsx } from "../../src/io/xlsx.js";

const SNAPSHOT: WorkbookSnapshot = {
  source: "tiny.xlsx",
  sheets: [
    {
      name: "Tabel 1",
      cells: [
        { row: 1, col: 1, value: "Uraian" },
        { row: 1, col: 2, value: "Nilai" },
        { row: 2, col: 1, value: "A" },
        { row: 2, col: 2, value: 1 },
        { row: 3, col: 1, value: "Jumlah" },
        { row: 3, col: 2, value: 5, formula: "SUM(B2:B2)" },
      ],
    },
  ],
};

const RESULT: AuditResult = { findings: [], summary: { error: 0, warning: 0, info: 0 }, recognised: [], notes: [], cancelled: false };

describe("audit worker protocol (handleAuditRequest)", () => {
  it("posts progress per rule, then exactly one done with a cloneable result", () => {
    const posted: AuditResponse[] = [];
    handleAuditRequest({ snapshot: SNAPSHOT }, (m) => posted.push(m));
    const last = posted.at(-1);
    expect(last?.type).toBe("done");
    expect(posted.filter((m) => m.type === "done" || m.type === "error")).toHaveLength(1);
    const progress = posted.filter((m): m is Extract<AuditResponse, { type: "progress" }> => m.type === "progress");
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.fraction).toBe(1);
    expect(progress.every((p) => typeof p.rule === "string" && p.fraction > 0 && p.fraction <= 1)).toBe(true);
    // What crosses the worker boundary must survive structured cloning.
    const result = (last as Extract<AuditResponse, { type: "done" }>).result;
    expect(structuredClone(result)).toEqual(result);
    expect(result.cancelled).toBe(false);
  });

  it("passes the schema through and reports a failing audit as an error message", () => {
    const schema = { marker: true } as unknown as NonNullable<AuditRequest["schema"]>;
    const audit = vi.fn(() => {
      throw new Error("boom");
    });
    const posted: AuditResponse[] = [];
    handleAuditRequest({ snapshot: SNAPSHOT, schema }, (m) => posted.push(m), audit);
    expect(audit).toHaveBeenCalledWith(SNAPSHOT, expect.objectContaining({ schema }));
    expect(posted).toEqual([{ type: "error", message: "boom" }]);
  });

  it("rejects a request without a snapshot", () => {
    const posted: AuditResponse[] = [];
    handleAuditRequest({} as AuditRequest, (m) => posted.push(m));
    expect(posted).toHaveLength(1);
    expect(posted[0]?.type).toBe("error");
  });
});


describe("auditWithSeries", () => {
  it("charts the capaian tables the audit recognised: the series the page would compute itself", async () => {
    const snapshot = await readXlsx(new Uint8Array(readFileSync(new URL("../../samples/lkjip-ntt-2025.xlsx", import.meta.url))), "sample.xlsx");
    const schema = loadBuiltinSchema();
    const out = auditWithSeries(snapshot, { schema });
    expect(out.findings.length).toBeGreaterThan(20);
    expect(out.series).toEqual(capaianSeries(snapshot, schema));
    expect(out.series?.some((p) => p.capaian !== null)).toBe(true);
    expect(structuredClone(out.series)).toEqual(out.series);
  });

  it("leaves the series out of a cancelled audit", () => {
    const out = auditWithSeries(SNAPSHOT, { signal: { aborted: true } });
    expect(out.cancelled).toBe(true);
    expect(out.series).toBeUndefined();
  });
});

describe("startAudit (page side)", () => {
  afterEach(() => {
    disposeAuditWorker();
    vi.unstubAllGlobals();
    FakeWorker.last = undefined;
  });

  it("runs on the main thread when there is no Worker", async () => {
    vi.stubGlobal("Worker", undefined);
    const progress: number[] = [];
    const job = startAudit(SNAPSHOT, { signal: { aborted: false }, onProgress: (f) => progress.push(f) });
    const res = await job.result;
    expect(res.cancelled).toBe(false);
    expect(progress.at(-1)).toBe(1);
  });

  it("posts the snapshot, forwards progress and resolves with the worker's result", async () => {
    vi.stubGlobal("Worker", FakeWorker);
    const progress: [number, string][] = [];
    const job = startAudit(SNAPSHOT, { signal: { aborted: false }, onProgress: (f, r) => progress.push([f, r]) });
    const w = FakeWorker.last!;
    expect(String(w.url)).toMatch(/audit\.worker\.ts$/);
    expect(w.posted).toEqual([{ snapshot: SNAPSHOT }]);
    w.reply({ type: "progress", fraction: 0.5, rule: "totals" });
    w.reply({ type: "done", result: RESULT });
    await expect(job.result).resolves.toEqual(RESULT);
    expect(progress).toEqual([[0.5, "totals"]]);
    // Kept for the next audit, which it serves without a new worker being made.
    expect(w.terminated).toBe(false);
    const again = startAudit(SNAPSHOT, { signal: { aborted: false } });
    expect(FakeWorker.last).toBe(w);
    expect(w.posted).toHaveLength(2);
    w.reply({ type: "done", result: { ...RESULT, series: [] } });
    await expect(again.result).resolves.toEqual({ ...RESULT, series: [] });
    disposeAuditWorker();
    expect(w.terminated).toBe(true);
  });

  it("a cancelled audit's worker is stopped, and the next audit gets a new one", async () => {
    vi.stubGlobal("Worker", FakeWorker);
    const job = startAudit(SNAPSHOT, { signal: { aborted: false } });
    const first = FakeWorker.last!;
    job.cancel();
    expect((await job.result).cancelled).toBe(true);
    expect(first.terminated).toBe(true);
    startAudit(SNAPSHOT, { signal: { aborted: false } });
    expect(FakeWorker.last).not.toBe(first);
  });

  it("rejects with the worker's error message", async () => {
    vi.stubGlobal("Worker", FakeWorker);
    const job = startAudit(SNAPSHOT, { signal: { aborted: false } });
    FakeWorker.last!.reply({ type: "error", message: "boom" });
    await expect(job.result).rejects.toThrow("boom");
  });

  it("cancel terminates the worker and resolves as cancelled", async () => {
    vi.stubGlobal("Worker", FakeWorker);
    const signal = { aborted: false };
    const job = startAudit(SNAPSHOT, { signal });
    job.cancel();
    const res = await job.result;
    expect(res.cancelled).toBe(true);
    expect(signal.aborted).toBe(true);
    expect(FakeWorker.last!.terminated).toBe(true);
    // a late answer from the terminated worker changes nothing
    FakeWorker.last!.reply({ type: "done", result: RESULT });
  });

  it("falls back to the main thread when the worker script fails to load", async () => {
    vi.stubGlobal("Worker", FakeWorker);
    const job = startAudit(SNAPSHOT, { signal: { aborted: false } });
    const w = FakeWorker.last!;
    w.onerror?.({ preventDefault: () => undefined });
    const res = await job.result;
    expect(res.cancelled).toBe(false);
    expect(w.terminated).toBe(true);
  });
});
