import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadWorkflow } from '../../core/engine/run-workflow.js';
import { WORKFLOW_EDITOR } from '../editor/workflow-editor-provider.js';
import { targetUri } from './target-uri.js';

type Register = (id: string, run: (...args: any[]) => unknown) => void;

/** A new workflow: three jobs in a chain, each printing the progress lines the graph shows. */
export function workflowTemplate(name: string): string {
  return `# ${name}: edit the jobs, or draw them in the graph (ccwf: Open Workflow Editor).
# A job prints "# cloudmesh status=running progress=N" to show its progress.
name: ${name}
jobs:
  fetch:
    description: Get the data
    run: |
      echo "# cloudmesh status=running progress=0"
      echo "fetching..."
      echo "# cloudmesh status=done progress=100"
  train:
    description: Train on it
    needs: [fetch]
    run: |
      for epoch in 1 2 3 4; do
        echo "epoch $epoch"
        echo "# cloudmesh status=running progress=$((epoch * 25))"
      done
  report:
    description: Summarise the results
    needs: [train]
    run: echo "report written"
`;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function registerWorkflowCommands(register: Register, activeEditorUri: () => vscode.Uri | undefined): void {
  register('ccwf.validate', async (arg?: unknown) => {
    const uri = targetUri(arg, activeEditorUri);
    if (!uri || uri.scheme !== 'file') return void vscode.window.showInformationMessage('Open a workflow to validate it.');
    const document = await vscode.workspace.openTextDocument(uri);
    const { diagnostics } = loadWorkflow(uri.fsPath, document.getText());
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    if (diagnostics.length === 0) return void vscode.window.showInformationMessage(`${basename(uri.path)}: no problems.`);
    const choice = await vscode.window.showWarningMessage(`${basename(uri.path)}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`, 'Show Problems');
    if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
    return diagnostics.length;
  });

  register('ccwf.newWorkflow', async (folderArg?: unknown, nameArg?: string) => {
    const folder = folderArg instanceof vscode.Uri ? folderArg : await pickFolder();
    if (!folder) return undefined;
    const name = nameArg ?? await vscode.window.showInputBox({
      title: 'New workflow',
      prompt: `A name for the workflow (the file is NAME.ccwf in ${vscode.workspace.asRelativePath(folder)})`,
      value: 'workflow',
      validateInput: (v) => !NAME.test(v) ? 'Letters, digits, ".", "_" and "-", starting with a letter or digit.'
        : existsSync(join(folder.fsPath, `${v}.ccwf`)) ? `${v}.ccwf exists already.` : undefined,
    });
    if (!name || !NAME.test(name)) return undefined;
    const uri = vscode.Uri.joinPath(folder, `${name}.ccwf`);
    if (existsSync(uri.fsPath)) return void vscode.window.showErrorMessage(`${name}.ccwf exists already.`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(workflowTemplate(name)));
    await vscode.commands.executeCommand('vscode.openWith', uri, WORKFLOW_EDITOR);
    return uri;
  });
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0]!.uri;
  if (folders.length > 1) return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Where should the workflow go?' }))?.uri;
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: 'Folder for the new workflow' });
  return picked?.[0];
}
