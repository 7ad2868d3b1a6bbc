// Running workflows from VS Code, in the real extension host: the commands start the engine,
// and the terminals, the engine's Output channel, the Runs view and the status bar follow it.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RunState } from '../../../src/core/store/run-state.js';
import { readRun } from '../../../src/core/store/run-store.js';
import { api, closeAll, EXTENSION_ID, until, workspaceUri } from './helpers.js';

interface Node { kind: string; runDir: string; job?: string }

const RUN_TIMEOUT_MS = 90_000;

async function finished(runDir: string): Promise<RunState> {
  return until(`run ${runDir} to end`, () => {
    const state = readRun(runDir);
    return state && state.status !== 'running' ? state : undefined;
  }, RUN_TIMEOUT_MS);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function treeItems(runDir?: string): Promise<{ node: Node; item: vscode.TreeItem }[]> {
  const tree = (await api()).runsTree;
  const nodes = (await tree.getChildren(runDir ? { kind: 'run', runDir } : undefined)) as Node[];
  return Promise.all(nodes.map(async (node) => ({ node, item: await tree.getTreeItem(node) })));
}

describe('running workflows from VS Code', function () {
  this.timeout(RUN_TIMEOUT_MS * 2);
  afterEach(closeAll);

  it('runs the quickstart: every job succeeds, each in its own terminal, logged, listed in the Runs view', async () => {
    const uri = workspaceUri('quickstart', 'quickstart.ccwf');
    const runDir = await vscode.commands.executeCommand<string>('ccwf.runWorkflow', uri);
    assert.ok(runDir, 'the command returns the run folder');
    const state = await finished(runDir);
    assert.equal(state.status, 'done', JSON.stringify([...state.jobs.values()]));
    const jobs = ['fetch', 'train', 'report'];
    for (const job of jobs) assert.equal(state.jobs.get(job)?.status, 'done');
    // The engine process (its IPC channel to this window included) goes away with the run.
    await until('the engine process to exit', () => !alive(state.pid), 10_000);

    const testApi = await api();
    // A terminal named after each job, and each received the job's output.
    await until('a terminal per job with output', () => jobs.every((j) => testApi.jobTerminals().some((t) => t.name === j && t.bytes > 0)));
    for (const job of jobs) assert.ok(vscode.window.terminals.some((t) => t.name === job), `a terminal named ${job}`);

    // The engine's channel (written by VS Code to the extension's log folder) says how each job ended.
    const logFile = join(testApi.logFolder.fsPath, 'ccwf.log');
    const log = await until('the engine log to name every job', () => {
      const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      return jobs.every((j) => text.includes(`${state.runId} ${j}: done`)) ? text : undefined;
    });
    assert.match(log, new RegExp(`${state.runId} fetch: started on local`));
    assert.match(log, new RegExp(`run ${state.runId} done in [^:]+: 3/3 done`));

    // The Runs view: the run, newest first, done 3/3; its jobs with status, duration and host.
    const runs = await until('the run in the Runs view', async () => {
      const items = await treeItems();
      return items[0]?.node.runDir === runDir && String(items[0].item.description).startsWith('done') ? items : undefined;
    });
    assert.equal(runs[0]!.item.label, 'quickstart');
    assert.match(String(runs[0]!.item.description), /^done · 3\/3 · /);
    const children = await treeItems(runDir);
    assert.deepEqual(children.map((c) => c.item.label), jobs);
    for (const c of children) assert.match(String(c.item.description), /^done · [\d.]+m?s · local$/);
    assert.equal((children[0]!.item.iconPath as vscode.ThemeIcon).id, 'pass');
    assert.match(testApi.statusBarText(), /quickstart 3\/3/);
  });

  it('marks a failing job failed and skips what needs it; Rerun Failed reruns only what did not succeed', async () => {
    const uri = workspaceUri('runs', 'failing.ccwf');
    rmSync(workspaceUri('runs', 'fixed').fsPath, { force: true });
    const runDir = await vscode.commands.executeCommand<string>('ccwf.runWorkflow', uri);
    const failed = await finished(runDir!);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.jobs.get('flaky')!.status, 'failed');
    assert.equal(failed.jobs.get('flaky')!.exitCode, 3);
    assert.equal(failed.jobs.get('after-flaky')!.status, 'skipped');
    assert.equal(failed.jobs.get('independent')!.status, 'done');
    const runItem = (await treeItems()).find((i) => i.node.runDir === runDir)!;
    assert.match(String(runItem.item.contextValue), /\bresumable\b/, 'the Runs view offers Rerun Failed');

    writeFileSync(workspaceUri('runs', 'fixed').fsPath, '');
    const independentLog = readFileSync(join(runDir!, 'logs', 'independent.log'), 'utf8');
    const again = await vscode.commands.executeCommand<string>('ccwf.rerunFailed', runItem.node);
    assert.equal(again, runDir, 'the same run goes on');
    const done = await until('the rerun to end', () => {
      const s = readRun(runDir!);
      return s && s.status === 'done' ? s : undefined;
    }, RUN_TIMEOUT_MS);
    assert.equal(done.jobs.get('flaky')!.attempt, 2, 'flaky ran again');
    assert.equal(done.jobs.get('after-flaky')!.status, 'done', 'what it blocked ran');
    assert.equal(done.jobs.get('first')!.attempt, 1, 'first was not rerun');
    assert.equal(done.jobs.get('independent')!.attempt, 1, 'independent was not rerun');
    assert.equal(readFileSync(join(runDir!, 'logs', 'independent.log'), 'utf8'), independentLog);
  });

  it('cancels one job: its whole process tree is gone, what needs it is skipped, the rest finishes', async () => {
    const uri = workspaceUri('runs', 'long.ccwf');
    const pidFile = workspaceUri('runs', 'grandchild.pid').fsPath;
    rmSync(pidFile, { force: true });
    const runDir = await vscode.commands.executeCommand<string>('ccwf.runWorkflow', uri);
    await until('the long job to run', () => readRun(runDir!)?.jobs.get('long')?.progress === 10 && existsSync(pidFile), 30_000);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(alive(grandchild));
    await vscode.commands.executeCommand('ccwf.cancelJob', { kind: 'job', runDir, job: 'long' });
    const state = await finished(runDir!);
    assert.equal(state.jobs.get('long')!.status, 'cancelled');
    assert.equal(state.jobs.get('after-long')!.status, 'skipped');
    assert.equal(state.jobs.get('quick')!.status, 'done');
    await until('the grandchild to be gone', () => !alive(grandchild), 5000);
  });

  it('cancels a whole run from the Runs view', async () => {
    const uri = workspaceUri('runs', 'long.ccwf');
    const pidFile = workspaceUri('runs', 'grandchild.pid').fsPath;
    rmSync(pidFile, { force: true });
    const runDir = await vscode.commands.executeCommand<string>('ccwf.runWorkflow', uri);
    await until('the long job to run', () => existsSync(pidFile) && readRun(runDir!)?.jobs.get('long')?.status === 'running', 30_000);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await vscode.commands.executeCommand('ccwf.cancelRun', { kind: 'run', runDir });
    const state = await finished(runDir!);
    assert.equal(state.status, 'cancelled');
    await until('the grandchild to be gone', () => !alive(grandchild), 5000);
  });

  it('shows a run started with `ccwf run` in a terminal, and says interrupted when its process is killed', async () => {
    const dir = workspaceUri('runs').fsPath;
    const cli = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
    const child = spawn(process.execPath, [cli, 'run', 'slow.ccwf', '--run-id', 'from-the-cli'], { cwd: dir, stdio: 'ignore', detached: true });
    const runDir = join(dir, '.ccwf', 'runs', 'from-the-cli');
    const running = await until('the CLI run in the Runs view, running', async () => {
      const item = (await treeItems()).find((i) => i.node.runDir === runDir);
      return item && /^running/.test(String(item.item.description)) ? item : undefined;
    }, 30_000);
    assert.equal(running.item.label, 'slow');
    await until('progress in the job row', async () => /^\d+%/.test(String((await treeItems(runDir))[0]?.item.description)), 30_000);
    process.kill(-child.pid!, 'SIGKILL');
    await until('the CLI to be gone', () => child.exitCode !== null || child.signalCode !== null);
    await vscode.commands.executeCommand('ccwf.refreshRuns');
    const interrupted = await until('the run to read interrupted', async () => {
      const item = (await treeItems()).find((i) => i.node.runDir === runDir);
      return item && /^interrupted/.test(String(item.item.description)) ? item : undefined;
    });
    assert.match(String(interrupted.item.contextValue), /\bresumable\b/);
    // Resume from the view: the same record finishes.
    await vscode.commands.executeCommand('ccwf.resumeRun', interrupted.node);
    const state = await until('the resumed run to end', () => {
      const s = readRun(runDir);
      return s && s.status === 'done' ? s : undefined;
    }, RUN_TIMEOUT_MS);
    assert.equal(state.jobs.get('then')!.status, 'done');
  });

  it('shows a job log in the Output panel, and lists local and declared hosts', async () => {
    const uri = workspaceUri('quickstart', 'quickstart.ccwf');
    await vscode.commands.executeCommand('ccwf.showJobLog', uri, 'train');
    const doc = await until('an output channel document for train', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && d.getText().includes('# train · run')));
    assert.match(doc.getText(), /progress=100/);
    const hosts = (await api()).hostsTree;
    const nodes = (await hosts.getChildren()) as { name: string; hostKind: string }[];
    assert.equal(nodes[0]!.name, 'local');
    const check = await vscode.commands.executeCommand<{ ok: boolean }>('ccwf.checkHost', nodes[0]);
    assert.equal(check.ok, true);
    const item = await hosts.getTreeItem(nodes[0]);
    assert.match(String(item.description), /reachable, \d+ ms/);
  });
});
