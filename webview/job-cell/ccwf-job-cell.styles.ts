import { css } from 'lit';

export const jobCellStyles = css`
  :host {
    display: block;
    --status: var(--vscode-disabledForeground);
    /* The browser skips style and paint of cells far off screen. */
    content-visibility: auto;
    contain-intrinsic-size: auto 180px;
  }
  .placeholder {
    /* Room for the full cell, so scrolling does not jump when it draws. */
    min-height: 160px;
    box-sizing: border-box;
  }
  .cell {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 8px 12px 10px 14px;
    border: 1px solid var(--vscode-notebook-cellBorderColor, var(--vscode-editorWidget-border, var(--vscode-widget-border, transparent)));
    border-radius: 4px;
    background: var(--vscode-editor-background);
    outline: none;
  }
  /* The status as a stripe down the left edge, like the notebook's cell status bar. */
  .cell::before {
    content: '';
    position: absolute;
    left: -1px;
    top: -1px;
    bottom: -1px;
    width: 4px;
    border-radius: 4px 0 0 4px;
    background: var(--status);
  }
  .cell.s-waiting::before { background: transparent; }
  .cell.s-ready { --status: var(--vscode-foreground); }
  .cell.s-submitted { --status: var(--vscode-charts-yellow); }
  .cell.s-running { --status: var(--vscode-charts-blue); }
  .cell.s-done { --status: var(--vscode-charts-green); }
  .cell.s-failed { --status: var(--vscode-charts-red); }
  .cell.s-skipped { --status: var(--vscode-disabledForeground); }
  .cell.s-cancelled { --status: var(--vscode-descriptionForeground); }
  :host([selected]) .cell {
    border-color: var(--vscode-notebook-focusedCellBorder, var(--vscode-focusBorder));
    background: var(--vscode-notebook-selectedCellBackground, var(--vscode-editor-background));
  }
  .cell:focus-visible {
    outline: 1px solid var(--vscode-focusBorder);
    outline-offset: 1px;
  }

  header {
    display: flex;
    align-items: center;
    gap: 8px;
    min-height: 26px;
    flex-wrap: wrap;
  }
  .status-icon {
    color: var(--status);
  }
  .cell.s-waiting .status-icon {
    color: var(--vscode-disabledForeground);
  }
  .name {
    margin: 0;
    font-size: 13px;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    max-width: 40ch;
  }
  .kind {
    display: inline-flex;
    color: var(--vscode-descriptionForeground);
  }
  .spacer {
    flex: 1;
  }
  .duration {
    color: var(--vscode-descriptionForeground);
    font-variant-numeric: tabular-nums;
    font-size: 12px;
  }
  .host {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    color: var(--vscode-descriptionForeground);
  }
  .host-select {
    width: 140px;
  }
  .cell-toolbar {
    display: inline-flex;
    gap: 2px;
  }
  .rename {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .rename vscode-textfield {
    width: 220px;
  }
  .field-problem {
    color: var(--vscode-errorForeground);
    font-size: 12px;
  }
  .progress {
    margin: -4px 0 0;
  }

  .confirm {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 8px;
    border-radius: 3px;
    border: 1px solid var(--vscode-inputValidation-warningBorder, var(--vscode-editorWarning-foreground));
    background: var(--vscode-inputValidation-warningBackground, transparent);
  }
  .confirm vscode-icon {
    color: var(--vscode-editorWarning-foreground);
  }

  .description {
    margin: 0;
    color: var(--vscode-descriptionForeground);
  }
  /* Reads as text until pointed at or edited, like the notebook's own inline fields. */
  .description-field {
    width: 100%;
    margin: -2px 0;
    --vscode-settings-textInputForeground: var(--vscode-descriptionForeground);
  }
  .description-field:not([focused]):not(:hover) {
    --vscode-settings-textInputBackground: transparent;
    --vscode-settings-textInputBorder: transparent;
  }
  .field-label {
    flex: none;
    width: 56px;
    color: var(--vscode-descriptionForeground);
    font-size: 11px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    padding-top: 5px;
  }
  .command,
  .output-block {
    display: flex;
    align-items: flex-start;
    gap: 8px;
  }
  .code-field {
    flex: 1;
    width: auto;
    min-width: 0;
  }
  vscode-textfield.code-field {
    --vscode-font-family: var(--vscode-editor-font-family);
  }
  .code,
  .output {
    flex: 1;
    min-width: 0;
    margin: 0;
    padding: 4px 8px;
    border-radius: 3px;
    font-family: var(--vscode-editor-font-family);
    font-size: var(--vscode-editor-font-size, 12px);
    white-space: pre-wrap;
    word-break: break-word;
  }
  .code {
    background: var(--vscode-textCodeBlock-background, var(--vscode-editor-background));
  }
  .output {
    max-height: 10em;
    overflow: auto;
    color: var(--vscode-terminal-foreground, var(--vscode-foreground));
    background: var(--vscode-terminal-background, var(--vscode-panel-background, var(--vscode-editor-background)));
    border: 1px solid var(--vscode-panel-border, transparent);
  }
  .output::-webkit-scrollbar {
    width: 10px;
    height: 10px;
  }
  .output::-webkit-scrollbar-thumb {
    background-color: var(--vscode-scrollbarSlider-background);
  }
  .cell.s-failed .output {
    border-color: color-mix(in srgb, var(--vscode-charts-red) 50%, transparent);
  }

  .needs {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 6px;
  }
  .needs .field-label {
    padding-top: 0;
  }
  .none {
    color: var(--vscode-descriptionForeground);
    font-style: italic;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    height: 20px;
    padding: 0 4px 0 8px;
    border-radius: 10px;
    font-size: 12px;
    color: var(--vscode-badge-foreground);
    background: var(--vscode-badge-background);
    border: 1px solid var(--vscode-contrastBorder, transparent);
  }
  .chip:not(:has(vscode-icon)) {
    padding-right: 8px;
  }
  .chip-name {
    max-width: 24ch;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .chip vscode-icon {
    --vscode-foreground: var(--vscode-badge-foreground);
  }
  .need-select {
    width: 200px;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    padding-top: 2px;
  }
  .action {
    display: inline-flex;
  }
  .actions vscode-button::part(base) {
    padding: 0 8px;
    line-height: 20px;
    font-size: 12px;
  }
`;
