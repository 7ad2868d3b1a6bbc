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
  /* VS Code styles the page's scrollbars; its rules do not reach into shadow roots. */
  .scroller::-webkit-scrollbar {
    width: 10px;
    height: 10px;
  }
  .scroller::-webkit-scrollbar-thumb {
    background-color: var(--vscode-scrollbarSlider-background);
  }
  .scroller::-webkit-scrollbar-thumb:hover {
    background-color: var(--vscode-scrollbarSlider-hoverBackground);
  }
  .scroller::-webkit-scrollbar-thumb:active {
    background-color: var(--vscode-scrollbarSlider-activeBackground);
  }
  .scroller::-webkit-scrollbar-corner {
    background: transparent;
  }
  .empty {
    margin: 8px 0;
    color: var(--vscode-descriptionForeground);
  }
`;
