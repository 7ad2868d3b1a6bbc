import type { JobStatus } from '../../src/core/model/status.js';

interface StatusLook {
  /** Theme colour, so light, dark and high-contrast themes all get a colour made for them. */
  readonly color: string;
  readonly icon: string;
  readonly label: string;
}

const LOOKS: Readonly<Record<JobStatus, StatusLook>> = {
  waiting: { color: 'var(--vscode-disabledForeground)', icon: 'circle-large-outline', label: 'waiting' },
  ready: { color: 'var(--vscode-foreground)', icon: 'circle-large-outline', label: 'ready' },
  submitted: { color: 'var(--vscode-charts-yellow)', icon: 'clock', label: 'submitted' },
  running: { color: 'var(--vscode-charts-blue)', icon: 'sync', label: 'running' },
  done: { color: 'var(--vscode-charts-green)', icon: 'pass-filled', label: 'done' },
  failed: { color: 'var(--vscode-charts-red)', icon: 'error', label: 'failed' },
  skipped: { color: 'var(--vscode-disabledForeground)', icon: 'debug-step-over', label: 'skipped' },
  cancelled: { color: 'var(--vscode-descriptionForeground)', icon: 'circle-slash', label: 'cancelled' },
};

/** How a status looks; an unknown status (a newer host) looks like `waiting`. */
export function statusLook(status: JobStatus): StatusLook {
  return LOOKS[status] ?? LOOKS.waiting;
}
