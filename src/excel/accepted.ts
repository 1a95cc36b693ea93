/**
 * Findings the user marked OK ("tandai OK"), remembered by their stable key in the document
 * settings (`sakip.accepted`), so the next audit shows them as accepted rather than new.
 */
import type { SettingsStore } from "./settings.js";

export const ACCEPTED_KEY = "sakip.accepted";

export class AcceptedStore {
  private readonly store: SettingsStore;

  constructor(store: SettingsStore) {
    this.store = store;
  }

  list(): Set<string> {
    const raw = this.store.get(ACCEPTED_KEY);
    return new Set(Array.isArray(raw) ? raw.filter((k): k is string => typeof k === "string") : []);
  }

  has(key: string): boolean {
    return this.list().has(key);
  }

  async accept(key: string): Promise<Set<string>> {
    const keys = this.list();
    keys.add(key);
    return this.write(keys);
  }

  async unaccept(key: string): Promise<Set<string>> {
    const keys = this.list();
    keys.delete(key);
    return this.write(keys);
  }

  async replace(keys: Iterable<string>): Promise<Set<string>> {
    return this.write(new Set(keys));
  }

  private async write(keys: Set<string>): Promise<Set<string>> {
    if (keys.size) this.store.set(ACCEPTED_KEY, [...keys].sort());
    else this.store.remove(ACCEPTED_KEY);
    await this.store.save();
    return keys;
  }
}
