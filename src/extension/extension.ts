// The extension's entry: wires the workflow editor and commands to VS Code. This folder is the
// only code that imports `vscode`; everything it shows comes from src/core.
import * as vscode from 'vscode';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { convertToCcwf } from './commands/convert.js';
import { exportSvg } from './commands/export-svg.js';
import { registerRunCommands } from './commands/run-commands.js';
import { registerWorkflowCommands } from './commands/workflow-commands.js';
import { HostsTree, type HostNode } from './hosts/hosts-tree.js';
import { requireTrust, RunsController } from './runs/runs-controller.js';
import { targetUri } from './commands/target-uri.js';
import { DisposableStore } from './disposables.js';
import { LanguageFeatures } from './language/language-features.js';
import { CLOUDMESH_VIEWER, WORKFLOW_EDITOR, WorkflowEditorProvider } from './editor/workflow-editor-provider.js';

/** What the extension-host tests reach through `extension.exports` (only when run in Test mode). */
export interface CcwfTestApi {
  /** Jobs and needs of the workflow as the open editor of `uri` last parsed it. */
  editorWorkflow(uri: vscode.Uri): { jobs: string[]; needs: Record<string, string[]> } | undefined;
  /** Delivers a message to the editor of `uri` as if its webview had posted it. */
  fromWebview(uri: vscode.Uri, message: unknown): Promise<void>;
  /** The Runs and Hosts views' data, as VS Code asks for it. */
  readonly runsTree: vscode.TreeDataProvider<unknown>;
  readonly hostsTree: vscode.TreeDataProvider<unknown>;
  /** Job terminals open now: their names and how much output each received. */
  jobTerminals(): { name: string; bytes: number }[];
  /** Text of the status bar item of the current run. */
  statusBarText(): string;
  /** The folder of the extension's log files (the engine's channel writes `ccwf.log` there). */
  readonly logFolder: vscode.Uri;
  /** Worst extension-host event-loop delay since the last call, in ms. */
  eventLoopDelay(): number;
}

export function activate(context: vscode.ExtensionContext): CcwfTestApi | undefined {
  const owned = new DisposableStore();
  context.subscriptions.push(owned);
  const log = owned.add(vscode.window.createOutputChannel('ccwf', { log: true }));
  const language = owned.add(new LanguageFeatures());
  const trustChanged = owned.add(new vscode.EventEmitter<void>());
  owned.add(vscode.workspace.onDidGrantWorkspaceTrust(() => trustChanged.fire()));
  owned.add(trustChanged.event(() => language.refreshLenses()));

  const { providers, disposables } = WorkflowEditorProvider.register({
    extensionUri: context.extensionUri,
    log,
    runDisabledReason: () => vscode.workspace.isTrusted ? undefined : 'Restricted Mode: trust this workspace to run its jobs.',
    onDidChangeRunAvailability: trustChanged.event,
    analysisOf: (document) => language.analysisOf(document),
  });
  for (const d of disposables) owned.add(d);
  const activeEditorUri = () => providers.map((p) => p.activeSession).find((s) => s)?.document.uri;
  // A command that fails says so in a sentence; the stack goes to the log, never to the person.
  const command = (id: string, run: (...args: any[]) => unknown) => owned.add(vscode.commands.registerCommand(id, async (...args: any[]) => {
    try {
      return await run(...args);
    } catch (error) {
      log.error(`${id} failed: ${(error as Error).stack ?? String(error)}`);
      void vscode.window.showErrorMessage(`ccwf: ${(error as Error).message ?? String(error)}`);
      return undefined;
    }
  }));

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
  command('ccwf.convert', (arg?: vscode.Uri, options?: { open?: boolean }) => {
    const uri = targetUri(arg, activeEditorUri);
    if (!uri) return vscode.window.showInformationMessage('Open a cloudmesh-cc workflow (.yaml) to convert it.');
    return convertToCcwf(uri, options);
  });

  const runs = owned.add(new RunsController(context, log));
  // Lenses say how each job last did: update them as runs go, a few times a second at most.
  let lensTimer: NodeJS.Timeout | undefined;
  owned.add(runs.model.onDidChange(() => (lensTimer ??= setTimeout(() => {
    lensTimer = undefined;
    language.refreshLenses();
  }, 250))));
  owned.add({ dispose: () => clearTimeout(lensTimer) });
  registerRunCommands(command, runs, activeEditorUri);
  registerWorkflowCommands(command, activeEditorUri);
  const hosts = owned.add(new HostsTree());
  owned.add(vscode.window.createTreeView('ccwf.hosts', { treeDataProvider: hosts }));
  command('ccwf.checkHost', async (node?: HostNode) => {
    if (!node || !requireTrust()) return undefined;
    const result = await hosts.check(node);
    const say = result.ok ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void say(`${node.name}: ${result.detail}`);
    return result;
  });
  command('ccwf.refreshHosts', () => hosts.refresh());
  command('ccwf.showEngineLog', () => log.show(true));
  command('ccwf.openHostTerminal', (node?: HostNode) => {
    if (!node || (node.hostKind !== 'ssh' && node.hostKind !== 'slurm') || !requireTrust()) return undefined;
    // The system's ssh, with its own config, agent and known_hosts; arguments, never a shell string.
    const terminal = vscode.window.createTerminal({
      name: `ssh ${node.name}`,
      shellPath: 'ssh',
      shellArgs: [...(node.user ? ['-l', node.user] : []), '--', node.ssh ?? node.name],
      iconPath: new vscode.ThemeIcon('remote'),
    });
    terminal.show();
    return terminal;
  });

  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  const sessionFor = (uri: vscode.Uri) => providers.map((p) => p.sessionFor(uri)).find((s) => s);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  owned.add({ dispose: () => delay.disable() });
  return {
    runsTree: runs.tree as vscode.TreeDataProvider<unknown>,
    hostsTree: hosts as vscode.TreeDataProvider<unknown>,
    jobTerminals: () => runs.terminals.open().map((t) => ({ name: t.name, bytes: t.bytesReceived })),
    statusBarText: () => runs.statusBar.text,
    logFolder: context.logUri,
    eventLoopDelay() {
      const worst = delay.max / 1e6;
      delay.reset();
      return worst;
    },
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
