import * as vscode from 'vscode';
import { applyEditOp } from '../../core/edit/apply-edit-op.js';
import type { EditOp } from '../../core/edit/edit-op.js';

/**
 * Applies a structural edit from the webview as a minimal WorkspaceEdit of the text document,
 * so undo/redo, dirty state, save and git diff behave as for typing. Resolves to the reason when
 * the edit cannot be made (the webview shows it).
 */
export async function applyStructuralEdit(document: vscode.TextDocument, op: EditOp): Promise<string | undefined> {
  const result = applyEditOp(document.getText(), op);
  if ('error' in result) return result.error;
  if (result.edits.length === 0) return undefined;
  const edit = new vscode.WorkspaceEdit();
  for (const e of result.edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.text);
  }
  return (await vscode.workspace.applyEdit(edit)) ? undefined : 'VS Code did not apply the edit (is the file read-only?).';
}
