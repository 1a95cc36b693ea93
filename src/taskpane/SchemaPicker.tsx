/**
 * Built-in schema (default) or the user's own JSON schema file. A bad file's problems are listed
 * one per line, and the built-in schema stays in use.
 */
import { useRef } from "react";
import { Button, Caption1, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, makeStyles, tokens } from "@fluentui/react-components";
import { translator, type Lang } from "./i18n.js";

export interface SchemaPickerProps {
  lang: Lang;
  builtinName: string;
  /** Name of the user schema in use, if any. */
  userName?: string;
  error?: { name: string; problems: string[] } | null;
  disabled?: boolean;
  onUseBuiltin: () => void;
  onFile: (file: File) => void;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  problems: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  hidden: { display: "none" },
});

export function SchemaPicker(props: SchemaPickerProps) {
  const tr = translator(props.lang);
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const value = props.userName ? "user" : "builtin";
  return (
    <div className={styles.root}>
      <RadioGroup
        value={value}
        aria-label={tr("schemaTitle")}
        disabled={props.disabled}
        onChange={(_, d) => {
          if (d.value === "builtin") props.onUseBuiltin();
          else input.current?.click();
        }}
      >
        <Radio value="builtin" label={tr("schemaBuiltin", { name: props.builtinName })} />
        <Radio value="user" label={tr("schemaUser")} />
      </RadioGroup>
      <div className={styles.row}>
        <Button size="small" disabled={props.disabled} onClick={() => input.current?.click()}>
          {tr("chooseSchema")}
        </Button>
        {props.userName && <Caption1>{tr("schemaLoaded", { name: props.userName })}</Caption1>}
      </div>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        accept=".json,application/json"
        data-testid="schema-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) props.onFile(file);
          e.target.value = "";
        }}
      />
      {props.error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{tr("schemaProblems", { name: props.error.name, n: props.error.problems.length })}</MessageBarTitle>
            <ul className={styles.problems}>
              {props.error.problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
