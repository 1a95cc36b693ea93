/**
 * Standalone mode: pick an .xlsx file, drop one, or use the bundled sample.
 */
import { useRef, useState, type DragEvent } from "react";
import { Body1, Button, Caption1, makeStyles, mergeClasses, shorthands, tokens } from "@fluentui/react-components";
import { translator, type Lang } from "./i18n.js";

export interface FileSourceProps {
  lang: Lang;
  disabled?: boolean;
  loaded?: { name: string; sheets: number } | null;
  onFile: (file: File) => void;
  onSample: () => void;
}

const useStyles = makeStyles({
  zone: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingVerticalM,
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    textAlign: "center",
    gap: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  over: { ...shorthands.borderColor(tokens.colorBrandStroke1), backgroundColor: tokens.colorBrandBackground2 },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, justifyContent: "center" },
  loaded: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  hint: { color: tokens.colorNeutralForeground3 },
  hidden: { display: "none" },
});

export function FileSource(props: FileSourceProps) {
  const tr = translator(props.lang);
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (props.disabled) return;
    const file = e.dataTransfer.files?.[0];
    if (file) props.onFile(file);
  };
  return (
    <div
      className={mergeClasses(styles.zone, over && styles.over)}
      aria-label={tr("dropZoneLabel")}
      role="group"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className={styles.buttons}>
        <Button appearance="secondary" disabled={props.disabled} onClick={() => input.current?.click()}>
          {tr("chooseFile")}
        </Button>
        <Button appearance="secondary" disabled={props.disabled} onClick={props.onSample}>
          {tr("useSample")}
        </Button>
      </div>
      <Caption1 className={styles.hint}>{tr("dropHere")}</Caption1>
      {props.loaded ? (
        <Body1 className={styles.loaded} data-testid="loaded-file">
          {`${tr("loadedFile", { name: props.loaded.name })} · ${tr("loadedSheets", { n: props.loaded.sheets })}`}
        </Body1>
      ) : (
        <Caption1 className={styles.hint}>{tr("noFile")}</Caption1>
      )}
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        data-testid="xlsx-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) props.onFile(file);
          e.target.value = "";
        }}
      />
    </div>
  );
}
