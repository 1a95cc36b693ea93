/**
 * Runs the audit in a Web Worker (audit.worker.ts) so the task pane stays responsive and Cancel works
 * while rules run: cancelling terminates the worker. A worker that finished its audit is kept for
 * the next one (an audit in a warm worker runs on already compiled code, about twice as fast on a
 * large workbook). Where no worker can be made (tests under jsdom, a host without workers, a worker
 * script that fails to load) the audit runs on the main thread.
 */
import type { Schema } from "../core/schema/schema.js";
import type { WorkbookSnapshot } from "../core/snapshot.js";
import { auditWithSeries, type AuditOutcome, type AuditRequest, type AuditResponse } from "./audit.worker.js";

export interface AuditJobOptions {
  schema?: Schema;
  signal: { aborted: boolean };
  onProgress?: (fraction: number, rule: string) => void;
}

/** A running audit: `result` settles once; `cancel()` stops it (the result then reports `cancelled`). */
export interface AuditJob {
  result: Promise<AuditOutcome>;
  cancel(): void;
}

const cancelledResult = (): AuditOutcome => ({
  findings: [],
  summary: { error: 0, warning: 0, info: 0 },
  recognised: [],
  notes: [],
  cancelled: true,
});

/** A worker that finished its last audit, kept for the next one. */
let idle: Worker | null = null;

/** Stop the kept worker, if any (the next audit makes a new one). */
export function disposeAuditWorker(): void {
  idle?.terminate();
  idle = null;
}

/** The kept worker, else a new one, or null when this environment cannot make one. */
function takeWorker(): Worker | null {
  if (idle) {
    const w = idle;
    idle = null;
    return w;
  }
  if (typeof Worker === "undefined") return null;
  try {
    // webpack 5 recognises this form and emits the worker as its own chunk.
    return new Worker(new URL("./audit.worker.ts", import.meta.url));
  } catch {
    return null;
  }
}

function mainThreadJob(snapshot: WorkbookSnapshot, opts: AuditJobOptions): AuditJob {
  const result = new Promise<AuditOutcome>((resolve, reject) => {
    // A macrotask first, so the "auditing" state paints before the thread is busy.
    setTimeout(() => {
      try {
        resolve(auditWithSeries(snapshot, { ...(opts.schema ? { schema: opts.schema } : {}), signal: opts.signal, onProgress: opts.onProgress }));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    }, 16);
  });
  return {
    result,
    cancel: () => {
      opts.signal.aborted = true;
    },
  };
}

export function startAudit(snapshot: WorkbookSnapshot, opts: AuditJobOptions): AuditJob {
  const worker = takeWorker();
  if (!worker) return mainThreadJob(snapshot, opts);

  let settle: ((r: AuditOutcome) => void) | undefined;
  let fail: ((e: Error) => void) | undefined;
  let done = false;
  /** This job is over: keep the worker for the next audit, or stop it (cancelled, broken, or one already kept). */
  const finish = (keep: boolean) => {
    done = true;
    worker.onmessage = null;
    worker.onerror = null;
    if (keep && !idle) idle = worker;
    else worker.terminate();
  };
  const result = new Promise<AuditOutcome>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });

  worker.onmessage = (ev: MessageEvent<AuditResponse>) => {
    if (done) return;
    const msg = ev.data;
    if (msg.type === "progress") opts.onProgress?.(msg.fraction, msg.rule);
    else if (msg.type === "done") {
      finish(true);
      settle?.(msg.result);
    } else if (msg.type === "error") {
      finish(true);
      fail?.(new Error(msg.message));
    }
  };
  // The worker script did not load or threw at top level: audit on this thread instead.
  worker.onerror = (ev: ErrorEvent) => {
    if (done) return;
    ev.preventDefault();
    finish(false);
    const fallback = mainThreadJob(snapshot, opts);
    fallback.result.then(settle, fail);
  };

  try {
    const req: AuditRequest = { snapshot, ...(opts.schema ? { schema: opts.schema } : {}) };
    worker.postMessage(req);
  } catch {
    // e.g. the snapshot could not be cloned (the worker itself is fine)
    finish(true);
    return mainThreadJob(snapshot, opts);
  }

  return {
    result,
    cancel: () => {
      opts.signal.aborted = true;
      if (done) return;
      finish(false);
      settle?.(cancelledResult());
    },
  };
}
