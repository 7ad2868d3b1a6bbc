import * as vscode from 'vscode';
import { basename } from 'node:path';
import { formatDuration } from '../../core/parse/duration.js';
import { countByStatus, type JobState, type RunState } from '../../core/store/run-state.js';
import type { RunModelChange, RunsModel } from './runs-model.js';
import { statusIcon } from './status-icons.js';

/** A run in the Runs view; also the argument its commands receive. */
export interface RunNode {
  readonly kind: 'run';
  readonly runDir: string;
}

/** A job of a run in the Runs view. */
export interface JobNode {
  readonly kind: 'job';
  readonly runDir: string;
  readonly job: string;
}

export type RunsTreeNode = RunNode | JobNode;

/**
 * The Runs view: every run of the workspace's workflows, newest first, each expanding to its jobs
 * with status, progress, duration and host. Nodes are cached so VS Code sees the same object for
 * the same run (needed for `reveal` and to keep expansion while runs update).
 */
export class RunsTree implements vscode.TreeDataProvider<RunsTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RunsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly runNodes = new Map<string, RunNode>();
  private readonly jobNodes = new Map<string, JobNode>();

  private listed = false;

  /** `onFirstList`: the first time the view asks for its runs (reading run history waits until then). */
  constructor(private readonly model: RunsModel, private readonly onFirstList: () => void = () => undefined) {}

  /** A new run (or none: the list as a whole) changes the list; an update only its own node and its jobs. */
  update(change: RunModelChange | undefined): void {
    if (!change || change.appeared) this.changed.fire(undefined);
    else this.changed.fire(this.runNode(change.runDir));
  }

  runNode(runDir: string): RunNode {
    let node = this.runNodes.get(runDir);
    if (!node) this.runNodes.set(runDir, (node = { kind: 'run', runDir }));
    return node;
  }

  getChildren(element?: RunsTreeNode): RunsTreeNode[] {
    if (!element) {
      if (!this.listed) {
        this.listed = true;
        this.onFirstList();
      }
      return this.model.runs().map((r) => this.runNode(r.runDir));
    }
    if (element.kind === 'job') return [];
    const state = this.model.get(element.runDir);
    return state ? [...state.jobs.keys()].map((job) => this.jobNode(element.runDir, job)) : [];
  }

  getParent(element: RunsTreeNode): RunsTreeNode | undefined {
    return element.kind === 'job' ? this.runNode(element.runDir) : undefined;
  }

  getTreeItem(element: RunsTreeNode): vscode.TreeItem {
    const run = this.model.get(element.runDir);
    if (!run) return new vscode.TreeItem('(run gone)');
    if (element.kind === 'run') return runItem(run, element.runDir);
    const job = run.jobs.get(element.job);
    return job ? jobItem(run, job, element) : new vscode.TreeItem(element.job);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private jobNode(runDir: string, job: string): JobNode {
    const key = `${runDir}\0${job}`;
    let node = this.jobNodes.get(key);
    if (!node) this.jobNodes.set(key, (node = { kind: 'job', runDir, job }));
    return node;
  }
}

function runItem(run: RunState, runDir: string): vscode.TreeItem {
  const n = countByStatus(run);
  const item = new vscode.TreeItem(run.workflowName ?? basename(run.workflowFile), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `run:${runDir}`;
  const failures = n.failed ? ` · ${n.failed} failed` : '';
  item.description = `${run.status} · ${n.done}/${run.jobs.size}${failures} · ${started(run.startedAt)}`;
  item.iconPath = statusIcon(run.status);
  const took = formatDuration((run.endedAt ?? Date.now()) - run.startedAt);
  item.tooltip = new vscode.MarkdownString(
    `**${run.workflowName ?? basename(run.workflowFile)}** — run \`${run.runId}\`\n\n${run.status}, ${n.done} of ${run.jobs.size} jobs done` +
    `${n.failed ? `, ${n.failed} failed` : ''}${n.skipped ? `, ${n.skipped} skipped` : ''}${n.cancelled ? `, ${n.cancelled} cancelled` : ''}, ${took}\n\n${run.workflowFile}\n\n${runDir}`,
  );
  // Menus pick their actions by these words: `running`, `resumable` (something did not succeed).
  const words = ['run', run.status];
  if (run.status !== 'running' && n.done < run.jobs.size) words.push('resumable');
  item.contextValue = words.join(' ');
  return item;
}

function jobItem(run: RunState, job: JobState, node: JobNode): vscode.TreeItem {
  const item = new vscode.TreeItem(job.name, vscode.TreeItemCollapsibleState.None);
  item.id = `job:${run.runId}:${run.workflowFile}:${job.name}`;
  const parts: string[] = [job.status === 'running' && job.progress !== undefined ? `${job.progress}%` : job.status];
  const end = job.endedAt ?? (job.status === 'running' ? Date.now() : undefined);
  if (job.startedAt !== undefined && end !== undefined) parts.push(formatDuration(end - job.startedAt));
  if (job.host) parts.push(job.host);
  if (job.attempt > 1) parts.push(`attempt ${job.attempt}`);
  item.description = parts.join(' · ');
  item.iconPath = statusIcon(job.status);
  const why = job.error ?? (typeof job.exitCode === 'number' && job.exitCode !== 0 ? `exit code ${job.exitCode}` : undefined);
  item.tooltip = `${job.name}: ${job.status}${why ? ` — ${why}` : ''}${job.reported ? `\nreported: ${job.reported}` : ''}`;
  item.contextValue = ['job', job.status, run.status === 'running' ? 'in-running-run' : 'in-finished-run', job.startedAt !== undefined ? 'has-log' : ''].join(' ').trim();
  // A click opens the job's log, the thing people look for first.
  if (job.startedAt !== undefined) item.command = { command: 'ccwf.showJobLog', title: 'Show Job Log', arguments: [node] };
  return item;
}

/** When a run started: the time for today's runs (seconds tell apart two runs of one minute), else the date too. */
function started(t: number): string {
  const date = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  const time = `${p(date.getHours())}:${p(date.getMinutes())}`;
  if (date.toDateString() === new Date().toDateString()) return `${time}:${p(date.getSeconds())}`;
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${time}`;
}
