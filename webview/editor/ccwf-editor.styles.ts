import { css } from 'lit';

export const editorStyles = css`
  :host {
    display: block;
    height: 100vh;
    color: var(--vscode-foreground);
    font-family: var(--vscode-font-family);
    font-size: var(--vscode-font-size, 13px);
    background: var(--vscode-editor-background);
  }
  .editor {
    display: flex;
    flex-direction: column;
    height: 100%;
  }
  .loading {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    height: 100%;
    color: var(--vscode-descriptionForeground);
  }

  .toolbar {
    display: flex;
    align-items: center;
    gap: 4px;
    min-height: 34px;
    padding: 0 8px 0 12px;
    border-bottom: 1px solid var(--vscode-editorGroupHeader-tabsBorder, var(--vscode-panel-border, var(--vscode-widget-border, transparent)));
    background: var(--vscode-editorGroupHeader-tabsBackground, var(--vscode-editor-background));
    flex-wrap: wrap;
  }
  .title {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-width: 0;
    margin-right: 8px;
  }
  .title-text {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .count {
    color: var(--vscode-descriptionForeground);
    white-space: nowrap;
  }
  .action {
    display: inline-flex;
  }
  .run::part(base) {
    line-height: 20px;
    padding: 1px 10px;
  }
  .spacer {
    flex: 1;
  }
  .zoom {
    min-width: 3.5em;
    text-align: center;
    color: var(--vscode-descriptionForeground);
    font-variant-numeric: tabular-nums;
    font-size: 12px;
  }
  .divider {
    width: 1px;
    height: 16px;
    margin: 0 4px;
    background: var(--vscode-widget-border, var(--vscode-editorWidget-border, transparent));
  }

  .banner {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 12px;
    color: var(--vscode-editorInfo-foreground, var(--vscode-foreground));
    background: var(--vscode-editorInfo-background, var(--vscode-textBlockQuote-background));
    border-bottom: 1px solid var(--vscode-editorInfo-border, var(--vscode-widget-border, transparent));
  }
  .banner > span:first-of-type {
    font-weight: 600;
    color: var(--vscode-foreground);
  }
  .banner-hint {
    color: var(--vscode-descriptionForeground);
  }

  .problems {
    display: flex;
    align-items: flex-start;
    gap: 10px;
    padding: 4px 12px;
    background: var(--vscode-inputValidation-warningBackground, transparent);
    border-bottom: 1px solid var(--vscode-inputValidation-warningBorder, var(--vscode-widget-border, transparent));
    font-size: 12px;
  }
  .problem-counts {
    display: inline-flex;
    align-items: center;
    gap: 3px;
    padding-top: 3px;
    white-space: nowrap;
  }
  .problems ul {
    flex: 1;
    min-width: 0;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .problem {
    display: flex;
    align-items: center;
    gap: 6px;
    width: 100%;
    padding: 2px 4px;
    border: 0;
    border-radius: 3px;
    color: var(--vscode-foreground);
    background: transparent;
    font: inherit;
    text-align: left;
    cursor: pointer;
  }
  .problem:hover {
    background: var(--vscode-list-hoverBackground);
  }
  .problem:focus-visible {
    outline: 1px solid var(--vscode-focusBorder);
  }
  .problem-message {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .problem-line,
  .more {
    color: var(--vscode-descriptionForeground);
    white-space: nowrap;
  }
  .more {
    padding-top: 3px;
  }
  vscode-icon.error,
  .problem.error vscode-icon {
    color: var(--vscode-problemsErrorIcon-foreground, var(--vscode-errorForeground));
  }
  vscode-icon.warning,
  .problem.warning vscode-icon {
    color: var(--vscode-problemsWarningIcon-foreground, var(--vscode-editorWarning-foreground));
  }

  .panes {
    position: relative;
    flex: 1;
    min-height: 0;
  }
  vscode-split-layout {
    height: 100%;
    border: 0;
  }
  /* Where VS Code shows its notifications: bottom right. */
  .notice {
    position: absolute;
    right: 16px;
    bottom: 16px;
    z-index: 10;
    display: flex;
    align-items: center;
    gap: 8px;
    max-width: min(560px, 90%);
    padding: 6px 6px 6px 10px;
    border-radius: 4px;
    color: var(--vscode-notifications-foreground, var(--vscode-foreground));
    background: var(--vscode-notifications-background, var(--vscode-editorWidget-background));
    border: 1px solid var(--vscode-inputValidation-errorBorder, var(--vscode-errorForeground));
    box-shadow: 0 2px 8px var(--vscode-widget-shadow, transparent);
    animation: notice-fade 6s ease-in forwards;
  }
  .notice > vscode-icon {
    color: var(--vscode-errorForeground);
  }
  @keyframes notice-fade {
    0%, 80% { opacity: 1; }
    100% { opacity: 0; }
  }
  @media (prefers-reduced-motion: reduce) {
    .notice {
      animation: none;
    }
  }
`;
