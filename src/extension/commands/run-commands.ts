import * as vscode from 'vscode';
import { basename } from 'node:path';
import { isFinished } from '../../core/model/status.js';
import { parseWorkflow } from '../../core/parse/parse-workflow.js';
import type { RunState } from '../../core/store/run-state.js';
import type { RunsController } from '../runs/runs-controller.js';
import type { JobNode, RunNode } from '../runs/runs-tree.js';
import { targetUri } from './target-uri.js';

type Register = (id: string, run: (...args: any[]) => unknown) => void;
type Run = { runDir: string; state: RunState };

const isRunNode = (x: unknown): x is RunNode => (x as RunNode | undefined)?.kind === 'run' && typeof (x as RunNode).runDir === 'string';
const isJobNode = (x: unknown): x is JobNode => (x as JobNode | undefined)?.kind === 'job' && typeof (x as JobNode).job === 'string';

/**
 * The run commands. Each takes what its caller has (a workflow URI and a job name from the
 * editor, a code lens or the palette; a node from the Runs view) and asks for the rest.
 */
export function registerRunCommands(register: Register, runs: RunsController, activeEditorUri: () => vscode.Uri | undefined): void {
  const workflow = async (arg: unknown): Promise<vscode.Uri | undefined> => {
    const uri = targetUri(arg, activeEditorUri);
    // cloudmesh-cc YAML runs as it is, like a .ccwf file.
    if (uri && /\.(ccwf|ya?ml)$/.test(uri.path)) return uri;
    const found = await vscode.workspace.findFiles('**/*.ccwf', '**/{node_modules,.git,.ccwf}/**', 200);
    if (found.length === 1) return found[0];
    if (found.length === 0) {
      void vscode.window.showInformationMessage('There is no .ccwf workflow in this workspace. Create one with "ccwf: New Workflow".');
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(found.map((u) => ({ label: basename(u.path), description: vscode.workspace.asRelativePath(u), uri: u })), { title: 'Which workflow?' });
    return pick?.uri;
  };
  const pickJob = async (uri: vscode.Uri, title: string): Promise<string | undefined> => {
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    return vscode.window.showQuickPick([...parseWorkflow(text).workflow.jobs.keys()], { title });
  };
  const pickRun = async (candidates: Run[], title: string, none: string): Promise<Run | undefined> => {
    if (candidates.length === 0) return void vscode.window.showInformationMessage(none);
    if (candidates.length === 1) return candidates[0];
    const pick = await vscode.window.showQuickPick(candidates.map((r) => ({
      label: r.state.workflowName ?? basename(r.state.workflowFile),
      description: `${r.state.status} · ${r.state.runId}`,
      run: r,
    })), { title });
    return pick?.run;
  };
  /** The run a command is about: the node it was given, else one of the workflow's runs that fits. */
  const runFor = async (arg: unknown, fits: (r: Run) => boolean, title: string, none: string): Promise<Run | undefined> => {
    if (isRunNode(arg) || isJobNode(arg)) {
      const state = runs.model.get(arg.runDir);
      return state ? { runDir: arg.runDir, state } : undefined;
    }
    const uri = targetUri(arg, activeEditorUri);
    const candidates = uri?.path.endsWith('.ccwf') ? runs.runsOf(uri.fsPath) : runs.model.runs();
    const fitting = candidates.filter(fits);
    // The newest fitting run of the workflow in front of the person is almost always the one meant.
    return uri?.path.endsWith('.ccwf') && fitting.length > 0 ? fitting[0] : pickRun(fitting, title, none);
  };

  register('ccwf.runWorkflow', async (arg?: unknown) => {
    const uri = await workflow(arg);
    if (uri) return runs.start(uri);
  });
  for (const [id, title, key] of [['ccwf.runJob', 'Run which job?', 'jobs'], ['ccwf.runFromJob', 'Run from which job?', 'from']] as const) {
    register(id, async (arg?: unknown, jobArg?: string) => {
      const uri = isJobNode(arg) ? vscode.Uri.file(runs.model.get(arg.runDir)!.workflowFile) : await workflow(arg);
      if (!uri) return undefined;
      const job = isJobNode(arg) ? arg.job : jobArg ?? await pickJob(uri, title);
      if (!job) return undefined;
      return runs.start(uri, key === 'jobs' ? { jobs: [job] } : { from: job });
    });
  }
  register('ccwf.rerunFailed', async (arg?: unknown) => {
    const run = await runFor(arg, (r) => r.state.status === 'failed' || r.state.status === 'cancelled' || r.state.status === 'interrupted',
      'Rerun the failed jobs of which run?', 'No run has failed jobs to rerun.');
    if (run) return runs.start(vscode.Uri.file(run.state.workflowFile), { resume: run.runDir });
  });
  register('ccwf.resumeRun', async (arg?: unknown) => {
    const run = await runFor(arg, (r) => r.state.status !== 'running' && r.state.status !== 'done',
      'Resume which run?', 'No run was interrupted or left jobs undone.');
    if (run) return runs.start(vscode.Uri.file(run.state.workflowFile), { resume: run.runDir });
  });
  register('ccwf.cancelRun', async (arg?: unknown) => {
    const run = await runFor(arg, (r) => r.state.status === 'running', 'Cancel which run?', 'No run is running.');
    if (run) runs.cancelRun(run.runDir);
  });
  register('ccwf.cancelJob', async (arg?: unknown, jobArg?: string) => {
    const run = await runFor(arg, (r) => r.state.status === 'running', 'Cancel a job of which run?', 'No run is running.');
    if (!run) return;
    const job = isJobNode(arg) ? arg.job : jobArg ?? await vscode.window.showQuickPick(
      [...run.state.jobs.values()].filter((j) => !isFinished(j.status)).map((j) => j.name), { title: 'Cancel which job?' });
    if (job) runs.cancelJob(run.runDir, job);
  });
  register('ccwf.showJobLog', async (arg?: unknown, jobArg?: string) => {
    if (isJobNode(arg)) return void runs.logs.show(arg.runDir, arg.job);
    const uri = await workflow(arg);
    if (!uri) return;
    const job = jobArg ?? await pickJob(uri, 'Show the log of which job?');
    if (!job) return;
    const run = runs.runsOf(uri.fsPath).find((r) => r.state.jobs.get(job)?.startedAt !== undefined);
    if (!run || !runs.logs.show(run.runDir, job)) void vscode.window.showInformationMessage(`No run of this workflow has a log for job '${job}' yet.`);
  });
  register('ccwf.revealRun', async (arg?: unknown) => {
    if (!isRunNode(arg)) return;
    await runs.treeView.reveal(runs.tree.runNode(arg.runDir), { select: true, focus: true, expand: true });
  });
  register('ccwf.deleteRun', async (arg?: unknown) => {
    if (!isRunNode(arg)) return;
    const state = runs.model.get(arg.runDir);
    if (state?.status === 'running') return void vscode.window.showInformationMessage('This run is still running; cancel it first.');
    const ok = await vscode.window.showWarningMessage(`Delete run ${state?.runId ?? arg.runDir} and its logs?`, { modal: true, detail: arg.runDir }, 'Delete');
    if (ok) runs.model.delete(arg.runDir);
  });
  register('ccwf.revealRunFolder', (arg?: unknown) => {
    if (!isRunNode(arg)) return;
    const uri = vscode.Uri.file(arg.runDir);
    // Inside the workspace the Explorer shows it; elsewhere (a runs folder set outside) the OS does.
    return vscode.workspace.getWorkspaceFolder(uri) ? vscode.commands.executeCommand('revealInExplorer', uri) : vscode.commands.executeCommand('revealFileInOS', uri);
  });
  register('ccwf.openRunWorkflow', (arg?: unknown) => {
    if (!isRunNode(arg)) return;
    const state = runs.model.get(arg.runDir);
    if (state) return vscode.commands.executeCommand('vscode.open', vscode.Uri.file(state.workflowFile));
  });
  register('ccwf.refreshRuns', () => runs.rescan());
}
