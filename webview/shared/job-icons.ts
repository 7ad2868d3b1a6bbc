import type { HostKind } from '../../src/core/model/workflow.js';
import type { JobCell } from '../../src/protocol/messages.js';

/** Codicon names for where a job runs. */
const HOST_ICONS: Readonly<Record<HostKind, string>> = {
  local: 'vm',
  ssh: 'remote',
  wsl: 'terminal-linux',
  slurm: 'server-environment',
};

export const hostIcon = (kind: HostKind): string => HOST_ICONS[kind] ?? 'vm';

export type CommandKind = 'shell' | 'python' | 'notebook' | 'script' | 'none';

/** What kind of command a job runs, from the cell (the graph node only has the command's first line). */
export function commandKind(cell: Pick<JobCell, 'commandKey' | 'command'>): CommandKind {
  if (cell.commandKey === 'run') return 'shell';
  if (cell.commandKey !== 'script') return 'none';
  const path = cell.command.trim().toLowerCase();
  if (path.endsWith('.py')) return 'python';
  if (path.endsWith('.ipynb')) return 'notebook';
  return 'script';
}

const COMMAND_ICONS: Readonly<Record<CommandKind, string>> = {
  shell: 'terminal',
  python: 'python',
  notebook: 'notebook',
  script: 'file-code',
  none: 'circle-small',
};

export const commandIcon = (kind: CommandKind): string => COMMAND_ICONS[kind];

export const COMMAND_KIND_LABELS: Readonly<Record<CommandKind, string>> = {
  shell: 'shell command',
  python: 'Python script',
  notebook: 'Jupyter notebook',
  script: 'script',
  none: 'no command yet',
};
