import { css } from 'lit';

export const notebookStyles = css`
  :host {
    display: block;
    height: 100%;
    min-height: 0;
    background: var(--vscode-editor-background);
  }
  .scroller {
    box-sizing: border-box;
    height: 100%;
    overflow: auto;
    padding: 12px 16px 24px;
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .cells {
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .empty {
    margin: 8px 0;
    color: var(--vscode-descriptionForeground);
  }
`;
