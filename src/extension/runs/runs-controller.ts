import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkflow, planJobs } from '../../core/engine/run-workflow.js';
import { checkSshHost } from '../../core/hosts/check-ssh-host.js';
import type { Host, Workflow } from '../../core/model/workflow.js';
import { answerEngine, sshOptions } from '../hosts/ssh-prompts.js';
import { hasErrors } from '../../core/model/diagnostic.js';
import { cancelJob, cancelRun } from '../../core/store/run-control.js';
import type { RunState } from '../../core/store/run-state.js';
import { WORKFLOW_COPY } from '../../core/store/run-store.js';
import { ThrottledBatch } from '../../core/util/throttled-batch.js';
import { DisposableStore } from '../disposables.js';
import { runSettings, runsDirOf } from '../settings.js';
import { EngineLog } from './engine-log.js';
import { JobLogChannels } from './job-log-channels.js';
import { JobTerminals } from './job-terminals.js';
import { RunLauncher } from './run-launcher.js';
import { RunNotifier } from './run-notifier.js';
import { RunStatusBar } from './run-status-bar.js';
import { RunsModel } from './runs-model.js';
import { RunsTree, type RunsTreeNode } from './runs-tree.js';

export interface StartRequest {
  readonly jobs?: readonly string[];
  readonly from?: string;
  /** Go on with this run: what did not succeed runs again, in the same record. */
  readonly resume?: string;
}

/** Runs this window started, kept across reloads so their jobs get terminals again. */
const LAUNCHED_KEY = 'ccwf.launchedRuns';
/** Views of runs (tree, status bar, terminals' headers, engine log) update at most this often: every update costs CPU the engine's jobs share (measured: 10/s made a 1,000-job run ~1.3x slower than `ccwf run`, 4/s ~1.1x). */
const UI_UPDATES_PER_SECOND = 4;
const WORKFLOW_GLOB = '**/*.ccwf';

/**
 * Everything about running workflows in the window: starting the engine, and the views of what
 * runs (Runs view, terminals, Output channels, status bar, notifications), all fed from one
 * model of the run records on disk.
 */
export class RunsController implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  readonly model = this.disposables.add(new RunsModel());
  // The workspace's run history is read when the Runs view first shows, not at activation.
  readonly tree = this.disposables.add(new RunsTree(this.model, () => void this.watchWorkspace()));
  readonly treeView: vscode.TreeView<RunsTreeNode>;
  readonly terminals = this.disposables.add(new JobTerminals(() => runSettings().jobTerminals));
  readonly logs = this.disposables.add(new JobLogChannels(this.model));
  readonly statusBar = this.disposables.add(new RunStatusBar());
  private readonly notifier: RunNotifier;
  private readonly engineLog: EngineLog;
  private readonly launcher: RunLauncher;
  /** Changes since the views were last updated, per run: a busy run updates them a few times a second, not per event. */
  private readonly pending = new Map<string, { jobs: Set<string>; appeared: boolean }>();
  private readonly batch = new ThrottledBatch<string>(UI_UPDATES_PER_SECOND, (runDirs) => this.dispatch(runDirs));

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {
    this.launcher = new RunLauncher(join(context.extensionUri.fsPath, 'dist', 'cli.js'), join(context.logUri.fsPath, 'launches'), answerEngine);
    this.engineLog = new EngineLog(log);
    this.notifier = this.disposables.add(new RunNotifier(
      (runDir) => this.cancelRun(runDir),
      (runDir, job) => this.logs.show(runDir, job),
      (runDir) => void vscode.commands.executeCommand('ccwf.rerunFailed', this.tree.runNode(runDir)),
    ));
    this.treeView = this.disposables.add(vscode.window.createTreeView('ccwf.runs', { treeDataProvider: this.tree, showCollapseAll: true }));
    this.disposables.add(this.model.onDidChange((change) => {
      if (!change) return this.tree.update(undefined);
      const pending = this.pending.get(change.runDir);
      if (pending) {
        for (const j of change.jobs) pending.jobs.add(j);
        pending.appeared ||= change.appeared;
      } else {
        this.pending.set(change.runDir, { jobs: new Set(change.jobs), appeared: change.appeared });
      }
      this.batch.mark(change.runDir);
    }));
    this.disposables.add({ dispose: () => this.batch.dispose() });
    this.reattachLaunched();
  }

  private dispatch(runDirs: ReadonlySet<string>): void {
    for (const runDir of runDirs) {
      const pending = this.pending.get(runDir);
      const state = this.model.get(runDir);
      this.pending.delete(runDir);
      if (!pending || !state) continue;
      const change = { runDir, state, jobs: pending.jobs, appeared: pending.appeared };
      this.engineLog.onChange(change);
      this.terminals.onChange(change);
      this.tree.update(change);
      this.statusBar.onChange(change);
      this.notifier.onChange(change);
    }
  }

  private watching = false;

  /** Reads the runs folders of the workspace's workflows, and watches for new workflows (once). */
  async watchWorkspace(): Promise<void> {
    if (this.watching) return;
    this.watching = true;
    const watcher = this.disposables.add(vscode.workspace.createFileSystemWatcher(WORKFLOW_GLOB, false, true, true));
    this.disposables.add(watcher.onDidCreate((uri) => this.addWorkflow(uri)));
    this.disposables.add(vscode.workspace.onDidOpenTextDocument((d) => this.addWorkflow(d.uri)));
    this.disposables.add(vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('ccwf.runsFolder')) await this.scan();
    }));
    for (const d of vscode.workspace.textDocuments) this.addWorkflow(d.uri);
    await this.scan();
  }

  /** Starts a run of the workflow at `uri`; resolves with its folder once it started, undefined when it did not. */
  async start(uri: vscode.Uri, request: StartRequest = {}): Promise<string | undefined> {
    if (!requireTrust()) return undefined;
    if (uri.scheme !== 'file') {
      void vscode.window.showErrorMessage('ccwf runs workflows from files on disk; this one is not (open the folder through Remote-SSH or WSL to run it there).');
      return undefined;
    }
    const settings = runSettings(uri);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty && settings.saveBeforeRun) await open.save();
    const path = uri.fsPath;
    // A run resumed after its workflow file was deleted goes on from the copy in its record.
    const loaded = loadWorkflow(request.resume && !existsSync(path) ? join(request.resume, WORKFLOW_COPY) : path, open?.getText());
    if (!request.resume) {
      if (hasErrors(loaded.diagnostics)) {
        const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
        const choice = await vscode.window.showErrorMessage(
          `Not run: ${errors.length} problem${errors.length === 1 ? '' : 's'} in ${vscode.workspace.asRelativePath(uri)}, first: ${errors[0]!.message}`,
          'Show Problems',
        );
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
        return undefined;
      }
    }
    if (!(await this.preflight(loaded.workflow, request))) return undefined;
    const runsDir = runsDirOf(path);
    this.model.addFolder(runsDir);
    const launched = this.launcher.launch({ workflowPath: path, runsDir, settings, ...request });
    this.log.info(`starting run ${launched.runId} of ${path}${request.jobs ? ` (jobs ${request.jobs.join(', ')})` : ''}${request.from ? ` (from ${request.from})` : ''}${request.resume ? ' (resumed)' : ''}`);
    this.terminals.track(launched.runDir, true);
    this.notifier.watch(launched.runDir, settings.notifyOnFinish);
    this.remember(launched.runDir);
    void launched.exited.then(({ code, refusal }) => {
      // The record tells how the run ended; read it again in case its process ended without saying.
      const state = this.model.refresh(launched.runDir);
      if (refusal && (code === 2 || !state)) {
        this.log.error(`run ${launched.runId}: ${refusal}`);
        void vscode.window.showErrorMessage(`ccwf: ${refusal}`);
      } else if (code !== 0 && code !== 1) {
        this.log.warn(`the engine of run ${launched.runId} exited with code ${code}`);
      }
    });
    if (request.resume) this.model.refresh(launched.runDir);
    this.statusBar.follow(launched.runDir, this.model.get(launched.runDir));
    return launched.runDir;
  }

  /**
   * Connects to the ssh hosts the run will use before starting it: the engine runs without a
   * terminal to ask on, so an unknown host key is shown here (and accepted into known_hosts, or
   * the run is not started), and an unreachable host is named before anything runs.
   */
  private async preflight(workflow: Workflow, request: StartRequest): Promise<boolean> {
    let jobs: readonly string[];
    if (request.resume) {
      const state = this.model.get(request.resume);
      jobs = state ? [...state.jobs.values()].filter((j) => j.status !== 'done').map((j) => j.name) : [...workflow.jobs.keys()];
    } else {
      const planned = planJobs(workflow, request);
      jobs = 'error' in planned ? [] : planned;
    }
    const hosts = new Map<string, Host>();
    for (const name of jobs) {
      const host = workflow.hosts.get(workflow.jobs.get(name)?.host ?? '');
      if (host && (host.kind === 'ssh' || host.kind === 'slurm')) hosts.set(host.name, host);
    }
    if (hosts.size === 0) return true;
    const checks = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `ccwf: connecting to ${[...hosts.keys()].join(', ')}` },
      () => Promise.all([...hosts.values()].map(async (host) => ({ host, check: await checkSshHost(host, sshOptions({ passphrases: false })) }))),
    );
    // A key that needs its passphrase is not a reason to stop: the run's engine asks for it.
    const failed = checks.find((c) => !c.check.ok && !/could not log in/.test(c.check.detail));
    if (!failed) return true;
    this.log.error(`not run: ${failed.host.name}: ${failed.check.detail}`);
    void vscode.window.showErrorMessage(`Not run: cannot use host '${failed.host.name}': ${failed.check.detail}`);
    return false;
  }

  cancelRun(runDir: string): void {
    const outcome = cancelRun(runDir);
    if (!outcome.sent) void vscode.window.showInformationMessage(`Not cancelled: ${outcome.reason}.`);
    else this.log.info(`cancelling run ${runDir}`);
  }

  cancelJob(runDir: string, job: string): void {
    const outcome = cancelJob(runDir, job);
    if (!outcome.sent) void vscode.window.showInformationMessage(`Not cancelled: ${outcome.reason}.`);
    else this.log.info(`cancelling job ${job} of run ${runDir}`);
  }

  /** Runs of a workflow, newest first. */
  runsOf(workflowPath: string): { runDir: string; state: RunState }[] {
    this.model.addFolder(runsDirOf(workflowPath));
    return this.model.runs().filter((r) => r.state.workflowFile === workflowPath);
  }

  dispose(): void {
    this.disposables.dispose();
  }

  private addWorkflow(uri: vscode.Uri): void {
    if (uri.scheme === 'file' && uri.path.endsWith('.ccwf')) this.model.addFolder(runsDirOf(uri.fsPath));
  }

  /** Looks for workflows again and re-reads running runs (one whose process died says so now). */
  async rescan(): Promise<void> {
    await this.scan();
    for (const { runDir, state } of this.model.runs()) if (state.status === 'running') this.model.refresh(runDir);
  }

  private async scan(): Promise<void> {
    const files = await vscode.workspace.findFiles(WORKFLOW_GLOB, '**/{node_modules,.git,.ccwf}/**', 1000);
    for (const uri of files) this.addWorkflow(uri);
  }

  private remember(runDir: string): void {
    const launched = this.context.workspaceState.get<string[]>(LAUNCHED_KEY, []).filter((d) => d !== runDir);
    void this.context.workspaceState.update(LAUNCHED_KEY, [runDir, ...launched].slice(0, 20));
  }

  /** After a reload: runs this window started that still run get their terminals and notifications back. */
  private reattachLaunched(): void {
    for (const runDir of this.context.workspaceState.get<string[]>(LAUNCHED_KEY, [])) {
      this.model.addFolder(this.model.runsDirOf(runDir));
      if (this.model.get(runDir)?.status !== 'running') continue;
      this.terminals.track(runDir, false);
      this.notifier.watch(runDir, runSettings().notifyOnFinish);
      this.statusBar.follow(runDir, this.model.get(runDir));
      this.model.refresh(runDir);
    }
  }
}

/** Restricted Mode runs nothing; say so and offer the way out. */
export function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage('Restricted Mode: ccwf does not run jobs in an untrusted workspace. Trust this workspace to run them.', 'Manage Workspace Trust')
    .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
  return false;
}
