/** jsdom gaps Fluent UI touches. Imported by the task pane tests. */
if (typeof window !== "undefined") {
  // tabster (Fluent's focus manager) uses these as globals.
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of ["NodeFilter", "Node", "HTMLElement", "MutationObserver"]) {
    if (!(name in g) && name in window) g[name] = (window as unknown as Record<string, unknown>)[name];
  }
  if (!window.matchMedia) {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (!("ResizeObserver" in window)) {
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
}
export {};
