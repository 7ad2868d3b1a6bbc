import * as vscode from 'vscode';
import { basename } from 'node:path';
import { runsDirOf } from '../settings.js';
import { runForGraph, workflowSvg } from '../../core/graph/workflow-svg.js';
import { hasErrors } from '../../core/model/diagnostic.js';
import { parseWorkflow } from '../../core/parse/parse-workflow.js';

/**
 * Writes the SVG `ccwf graph --format svg` would, coloured by the latest run. `target` skips the
 * save dialog (for keybindings and scripts); a webview download link cannot save files.
 */
export async function exportSvg(uri: vscode.Uri, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const document = await vscode.workspace.openTextDocument(uri);
  const parsed = parseWorkflow(document.getText());
  if (hasErrors(parsed.diagnostics)) {
    void vscode.window.showErrorMessage(`${basename(uri.path)} has errors (see the Problems panel); fix them to export its graph.`);
    return undefined;
  }
  const destination = target ?? await vscode.window.showSaveDialog({
    defaultUri: uri.with({ path: uri.path.replace(/\.[^./]*$/, '') + '.svg' }),
    filters: { 'SVG image': ['svg'] },
    title: 'Export Graph as SVG',
  });
  if (!destination) return undefined;
  const path = uri.scheme === 'file' ? uri.fsPath : uri.path;
  const state = uri.scheme === 'file' ? runForGraph(path, runsDirOf(path)) : undefined;
  const svg = await workflowSvg(parsed.workflow, path, state);
  // workspace.fs writes through VS Code, so this works for remote and virtual folders too.
  await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(svg));
  if (!target) {
    const open = 'Open';
    void vscode.window.showInformationMessage(`Graph exported to ${basename(destination.path)}.`, open).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('vscode.open', destination);
    });
  }
  return destination;
}
