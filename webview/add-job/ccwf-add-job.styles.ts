import { css } from 'lit';

export const addJobStyles = css`
  :host {
    display: block;
  }
  .add-job {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 8px;
    padding: 10px 12px;
    border: 1px dashed var(--vscode-notebook-cellBorderColor, var(--vscode-editorWidget-border, var(--vscode-contrastBorder)));
    border-radius: 4px;
  }
  vscode-textfield {
    width: 220px;
  }
  .hint {
    color: var(--vscode-descriptionForeground);
    font-size: 12px;
  }
  .problem {
    color: var(--vscode-errorForeground);
  }
`;
