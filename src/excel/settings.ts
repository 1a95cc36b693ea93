/**
 * Document settings behind a small interface, so the adapter can be tested without Office:
 * `Office.context.document.settings` in Excel, an in-memory map in tests.
 *
 * Settings live inside the workbook file (they travel with it) and are only written to the
 * document when `save()` is called.
 */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
  /** Persist pending changes into the document. */
  save(): Promise<void>;
}

/** In-memory store (tests, and a fallback when Office settings are not available). */
export class MemorySettingsStore implements SettingsStore {
  readonly data = new Map<string, unknown>();
  /** How many times a value was set or removed: lets a test prove a read-only path wrote nothing. */
  writes = 0;
  saves = 0;

  constructor(initial?: Record<string, unknown>) {
    if (initial) for (const [k, v] of Object.entries(initial)) this.data.set(k, v);
  }

  get(key: string): unknown {
    const v = this.data.get(key);
    // Mimic the JSON round trip of Office settings: callers must not share references with the store.
    return v === undefined ? null : JSON.parse(JSON.stringify(v));
  }

  set(key: string, value: unknown): void {
    this.writes++;
    this.data.set(key, JSON.parse(JSON.stringify(value)));
  }

  remove(key: string): void {
    this.writes++;
    this.data.delete(key);
  }

  save(): Promise<void> {
    this.saves++;
    return Promise.resolve();
  }
}

/** The workbook's own settings (Office.context.document.settings). Call only inside Office. */
export function officeSettingsStore(): SettingsStore {
  const settings = Office.context.document.settings;
  return {
    get: (key) => settings.get(key) as unknown,
    set: (key, value) => settings.set(key, value),
    remove: (key) => {
      settings.remove(key);
    },
    save: () =>
      new Promise<void>((resolve, reject) => {
        settings.saveAsync((r) => {
          if (r.status === Office.AsyncResultStatus.Succeeded) resolve();
          else reject(new Error(r.error?.message ?? "settings.saveAsync failed"));
        });
      }),
  };
}
