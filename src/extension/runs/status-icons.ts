import * as vscode from 'vscode';
import type { JobStatus, RunStatus } from '../../core/model/status.js';

/** Status icons in theme colours, the ones VS Code's own Testing view uses for the same states. */
const ICONS: Record<JobStatus | RunStatus, [string, string | undefined]> = {
  waiting: ['circle-outline', 'testing.iconQueued'],
  ready: ['circle-outline', 'testing.iconQueued'],
  submitted: ['clock', 'testing.iconQueued'],
  running: ['sync~spin', 'testing.runAction'],
  done: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  skipped: ['debug-step-over', 'testing.iconSkipped'],
  cancelled: ['circle-slash', 'testing.iconSkipped'],
  interrupted: ['debug-disconnect', 'testing.iconErrored'],
};

export function statusIcon(status: JobStatus | RunStatus): vscode.ThemeIcon {
  const [id, color] = ICONS[status];
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}
