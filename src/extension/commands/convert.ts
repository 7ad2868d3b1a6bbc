import * as vscode from 'vscode';
import { basename } from 'node:path';
import { toCcwfText } from '../../core/convert/to-ccwf.js';
import { hasErrors } from '../../core/model/diagnostic.js';
import { parseWorkflow } from '../../core/parse/parse-workflow.js';
import { WORKFLOW_EDITOR } from '../editor/workflow-editor-provider.js';

/**
 * cloudmesh-cc YAML -> a new `.ccwf` beside it (never overwriting one), opened in the workflow
 * editor. The original file is left as it is.
 */
export async function convertToCcwf(uri: vscode.Uri, options: { open?: boolean } = {}): Promise<vscode.Uri | undefined> {
  const document = await vscode.workspace.openTextDocument(uri);
  const parsed = parseWorkflow(document.getText());
  if (parsed.workflow.format !== 'cloudmesh') {
    void vscode.window.showInformationMessage(`${basename(uri.path)} is not a cloudmesh-cc workflow; nothing to convert.`);
    return undefined;
  }
  if (hasErrors(parsed.diagnostics)) {
    void vscode.window.showErrorMessage(`${basename(uri.path)} has errors (see the Problems panel); fix them before converting.`);
    return undefined;
  }
  // cloudmesh-cc names a workflow after its file, up to the first dot (as `ccwf convert` does).
  const stem = basename(uri.path).split('.')[0]!;
  const text = toCcwfText(parsed.workflow, stem);
  const target = await freeSibling(uri, stem);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  if (options.open !== false) await vscode.commands.executeCommand('vscode.openWith', target, WORKFLOW_EDITOR);
  return target;
}

async function freeSibling(uri: vscode.Uri, stem: string): Promise<vscode.Uri> {
  const dir = vscode.Uri.joinPath(uri, '..');
  for (let i = 0; ; i++) {
    const candidate = vscode.Uri.joinPath(dir, `${stem}${i === 0 ? '' : `-${i}`}.ccwf`);
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
}
