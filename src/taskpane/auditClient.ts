/**
 * Runs the audit in a Web Worker (audit.worker.ts) so the task pane stays responsive and Cancel works
 * while rules run: cancelling terminates the worker. Where no worker can be made (tests under jsdom,
 * a host without workers, a worker script that fails to load) the audit runs on the main thread.
 */
import { runAudit } from "../core/audit/engine.js";
import type { AuditResult } from "../core/audit/types.js";
import type { Schema } from "../core/schema/schema.js";
import type { WorkbookSnapshot } from "../core/snapshot.js";
import type { AuditRequest, AuditResponse } from "./audit.worker.js";

export interface AuditJobOptions {
  schema?: Schema;
  signal: { aborted: boolean };
  onProgress?: (fraction: number, rule: string) => void;
}

/** A running audit: `result` settles once; `cancel()` stops it (the result then reports `cancelled`). */
export interface AuditJob {
  result: Promise<AuditResult>;
  cancel(): void;
}

const cancelledResult = (): AuditResult => ({
  findings: [],
  summary: { error: 0, warning: 0, info: 0 },
  recognised: [],
  notes: [],
  cancelled: true,
});

/** The worker, or null when this environment cannot make one. */
function makeWorker(): Worker | null {
  if (typeof Worker === "undefined") return null;
  try {
    // webpack 5 recognises this form and emits the worker as its own chunk.
    return new Worker(new URL("./audit.worker.ts", import.meta.url));
  } catch {
    return null;
  }
}

function mainThreadJob(snapshot: WorkbookSnapshot, opts: AuditJobOptions): AuditJob {
  const result = new Promise<AuditResult>((resolve, reject) => {
    // A macrotask first, so the "auditing" state paints before the thread is busy.
    setTimeout(() => {
      try {
        resolve(runAudit(snapshot, { ...(opts.schema ? { schema: opts.schema } : {}), signal: opts.signal, onProgress: opts.onProgress }));
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
  const worker = makeWorker();
  if (!worker) return mainThreadJob(snapshot, opts);

  let settle: ((r: AuditResult) => void) | undefined;
  let fail: ((e: Error) => void) | undefined;
  let done = false;
  const finish = () => {
    done = true;
    worker.terminate();
  };
  const result = new Promise<AuditResult>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });

  worker.onmessage = (ev: MessageEvent<AuditResponse>) => {
    if (done) return;
    const msg = ev.data;
    if (msg.type === "progress") opts.onProgress?.(msg.fraction, msg.rule);
    else if (msg.type === "done") {
      finish();
      settle?.(msg.result);
    } else if (msg.type === "error") {
      finish();
      fail?.(new Error(msg.message));
    }
  };
  // The worker script did not load or threw at top level: audit on this thread instead.
  worker.onerror = (ev: ErrorEvent) => {
    if (done) return;
    ev.preventDefault();
    finish();
    const fallback = mainThreadJob(snapshot, opts);
    fallback.result.then(settle, fail);
  };

  try {
    const req: AuditRequest = { snapshot, ...(opts.schema ? { schema: opts.schema } : {}) };
    worker.postMessage(req);
  } catch {
    // e.g. the snapshot could not be cloned
    finish();
    return mainThreadJob(snapshot, opts);
  }

  return {
    result,
    cancel: () => {
      opts.signal.aborted = true;
      if (done) return;
      finish();
      settle?.(cancelledResult());
    },
  };
}
