import * as vscode from 'vscode';

/**
 * The workflow a command acts on: its argument (explorer menu, editor title, webview), else the
 * focused workflow editor, else the active text editor. Undefined when there is none.
 */
export function targetUri(arg: unknown, activeEditorUri: () => vscode.Uri | undefined): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  return activeEditorUri() ?? vscode.window.activeTextEditor?.document.uri;
}
