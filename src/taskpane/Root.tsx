/**
 * Decides the mode (Excel or standalone) and renders the app. Office.js may be missing (offline,
 * blocked, a plain browser): that is standalone mode, never a crash.
 */
import { useEffect, useMemo, useState } from "react";
import { FluentProvider, Spinner, webLightTheme } from "@fluentui/react-components";
import { App, type AppProps } from "./App.js";
import { officeBridge } from "./bridge.js";
import { detectHost, type HostMode } from "./host.js";
import { savedLang, translator } from "./i18n.js";

export interface RootProps extends Partial<Omit<AppProps, "mode">> {
  detect?: () => Promise<HostMode>;
}

export function Root(props: RootProps) {
  const { detect, ...appProps } = props;
  const [mode, setMode] = useState<HostMode | null>(null);
  useEffect(() => {
    let live = true;
    (detect ?? (() => detectHost()))()
      .catch(() => "standalone" as const)
      .then((m) => {
        if (live) setMode(m);
      });
    return () => {
      live = false;
    };
  }, [detect]);
  const bridge = useMemo(() => {
    if (mode !== "excel") return undefined;
    if (appProps.bridge) return appProps.bridge;
    try {
      return officeBridge();
    } catch {
      return undefined;
    }
  }, [mode, appProps.bridge]);

  if (mode === null) {
    return (
      <FluentProvider theme={webLightTheme}>
        <Spinner style={{ marginTop: 48 }} label={translator(appProps.initialLang ?? savedLang())("detecting")} />
      </FluentProvider>
    );
  }
  // Excel mode without a working adapter falls back to standalone rather than a dead pane.
  const effective: HostMode = mode === "excel" && bridge ? "excel" : "standalone";
  return <App {...appProps} mode={effective} bridge={bridge} />;
}
