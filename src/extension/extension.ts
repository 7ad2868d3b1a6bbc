// The extension's entry: wires the workflow editor and commands to VS Code. This folder is the
// only code that imports `vscode`; everything it shows comes from src/core.
import * as vscode from 'vscode';
import { convertToCcwf } from './commands/convert.js';
import { exportSvg } from './commands/export-svg.js';
import { showJobLog } from './commands/show-job-log.js';
import { targetUri } from './commands/target-uri.js';
import { parseWorkflow } from '../core/parse/parse-workflow.js';
import { DisposableStore } from './disposables.js';
import { LanguageFeatures } from './language/language-features.js';
import { CLOUDMESH_VIEWER, WORKFLOW_EDITOR, WorkflowEditorProvider } from './editor/workflow-editor-provider.js';

/** What the extension-host tests reach through `extension.exports` (only when run in Test mode). */
export interface CcwfTestApi {
  /** Jobs and needs of the workflow as the open editor of `uri` last parsed it. */
  editorWorkflow(uri: vscode.Uri): { jobs: string[]; needs: Record<string, string[]> } | undefined;
  /** Delivers a message to the editor of `uri` as if its webview had posted it. */
  fromWebview(uri: vscode.Uri, message: unknown): Promise<void>;
}

export function activate(context: vscode.ExtensionContext): CcwfTestApi | undefined {
  const owned = new DisposableStore();
  context.subscriptions.push(owned);
  const log = owned.add(vscode.window.createOutputChannel('ccwf', { log: true }));
  const language = owned.add(new LanguageFeatures());
  const trustChanged = owned.add(new vscode.EventEmitter<void>());
  owned.add(vscode.workspace.onDidGrantWorkspaceTrust(() => trustChanged.fire()));

  const { providers, disposables } = WorkflowEditorProvider.register({
    extensionUri: context.extensionUri,
    log,
    runDisabledReason: () => vscode.workspace.isTrusted
      ? 'Running from the editor is not available in this version; run `ccwf run FILE` in a terminal.'
      : 'Restricted Mode: trust this workspace to run its jobs.',
    onDidChangeRunAvailability: trustChanged.event,
    analysisOf: (document) => language.analysisOf(document),
  });
  for (const d of disposables) owned.add(d);
  const activeEditorUri = () => providers.map((p) => p.activeSession).find((s) => s)?.document.uri;
  const command = (id: string, run: (...args: any[]) => unknown) => owned.add(vscode.commands.registerCommand(id, run));

  command('ccwf.openGraph', (arg?: vscode.Uri) => {
    const uri = targetUri(arg, activeEditorUri);
    if (!uri) return;
    return vscode.commands.executeCommand('vscode.openWith', uri, uri.path.endsWith('.ccwf') ? WORKFLOW_EDITOR : CLOUDMESH_VIEWER);
  });
  command('ccwf.openText', (arg?: vscode.Uri) => {
    const uri = targetUri(arg, activeEditorUri);
    if (uri) return vscode.commands.executeCommand('vscode.openWith', uri, 'default');
  });
  command('ccwf.exportSvg', (arg?: vscode.Uri, target?: vscode.Uri) => {
    const uri = targetUri(arg, activeEditorUri);
    if (!uri) return vscode.window.showInformationMessage('Open a workflow to export its graph.');
    return exportSvg(uri, target instanceof vscode.Uri ? target : undefined);
  });
  command('ccwf.showJobLog', async (arg?: vscode.Uri, job?: string) => {
    const uri = targetUri(arg, activeEditorUri);
    if (!uri) return vscode.window.showInformationMessage('Open a workflow to see the logs of its jobs.');
    const name = job ?? await vscode.window.showQuickPick(jobNames(uri), { title: 'Show the log of job' });
    if (name) return showJobLog(uri, name);
  });
  command('ccwf.convert', (arg?: vscode.Uri, options?: { open?: boolean }) => {
    const uri = targetUri(arg, activeEditorUri);
    if (!uri) return vscode.window.showInformationMessage('Open a cloudmesh-cc workflow (.yaml) to convert it.');
    return convertToCcwf(uri, options);
  });

  async function jobNames(uri: vscode.Uri): Promise<string[]> {
    return [...parseWorkflow((await vscode.workspace.openTextDocument(uri)).getText()).workflow.jobs.keys()];
  }

  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  const sessionFor = (uri: vscode.Uri) => providers.map((p) => p.sessionFor(uri)).find((s) => s);
  return {
    fromWebview: async (uri, message) => sessionFor(uri)?.receive(message),
    editorWorkflow(uri) {
      const workflow = sessionFor(uri)?.currentWorkflow;
      if (!workflow) return undefined;
      const needs: Record<string, string[]> = {};
      for (const job of workflow.jobs.values()) needs[job.name] = job.needs.map((n) => n.job);
      return { jobs: [...workflow.jobs.keys()], needs };
    },
  };
}

export function deactivate(): void {}
