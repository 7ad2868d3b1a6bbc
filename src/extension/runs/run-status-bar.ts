import * as vscode from 'vscode';
import { basename } from 'node:path';
import { countByStatus, type RunState } from '../../core/store/run-state.js';
import type { RunModelChange } from './runs-model.js';

/**
 * The latest live run in the status bar: jobs done of total and failures while it runs, how it
 * ended after. A click reveals it in the Runs view.
 */
export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ccwf.run', vscode.StatusBarAlignment.Left, 50);
  private current: string | undefined;

  constructor() {
    this.item.name = 'ccwf Run';
  }

  onChange(change: RunModelChange): void {
    // A run that appears while being written takes the bar; updates of other runs do not.
    if (change.appeared && change.state.status === 'running') this.current = change.runDir;
    if (change.runDir !== this.current) return;
    this.show(change.runDir, change.state);
  }

  /** Shows a run this window just started, before its first update arrives. */
  follow(runDir: string, state: RunState | undefined): void {
    this.current = runDir;
    if (state) this.show(runDir, state);
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }

  private show(runDir: string, run: RunState): void {
    const n = countByStatus(run);
    const name = run.workflowName ?? basename(run.workflowFile, '.ccwf');
    const failed = n.failed ? ` $(error) ${n.failed}` : '';
    const icon = run.status === 'running' ? '$(sync~spin)' : run.status === 'done' ? '$(pass)' : run.status === 'failed' ? '$(error)' : '$(circle-slash)';
    this.item.text = `${icon} ${name} ${n.done}/${run.jobs.size}${failed}`;
    this.item.tooltip = `ccwf run ${run.runId}: ${run.status}, ${n.done} of ${run.jobs.size} jobs done${n.failed ? `, ${n.failed} failed` : ''}${n.running ? `, ${n.running} running` : ''}. Click to show it in the Runs view.`;
    this.item.backgroundColor = run.status === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.command = { command: 'ccwf.revealRun', title: 'Show Run', arguments: [{ kind: 'run', runDir }] };
    this.item.show();
  }
}
