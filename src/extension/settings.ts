import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { defaultRunsDir } from '../core/engine/run-workflow.js';

export type NotifyOnFinish = 'always' | 'failures' | 'never';

/** The `ccwf.*` settings that shape a run, for the workflow at `scope`. */
export interface RunSettings {
  readonly concurrency?: number;
  readonly python?: string;
  readonly failFast: boolean;
  readonly saveBeforeRun: boolean;
  /** How many job terminals may be open at once (0: none). */
  readonly jobTerminals: number;
  readonly notifyOnFinish: NotifyOnFinish;
  /** ssh client config for ssh and Slurm hosts; undefined: ~/.ssh/config. */
  readonly sshConfigFile?: string;
}

export function runSettings(scope?: vscode.Uri): RunSettings {
  const c = vscode.workspace.getConfiguration('ccwf', scope);
  const concurrency = c.get<number | null>('concurrency');
  const python = c.get<string>('python')?.trim();
  return {
    ...(typeof concurrency === 'number' && concurrency > 0 ? { concurrency: Math.floor(concurrency) } : {}),
    ...(python ? { python } : {}),
    failFast: c.get<boolean>('failFast') ?? false,
    saveBeforeRun: c.get<boolean>('saveBeforeRun') ?? true,
    jobTerminals: Math.max(0, c.get<number>('jobTerminals') ?? 10),
    notifyOnFinish: c.get<NotifyOnFinish>('notifyOnFinish') ?? 'failures',
    ...(sshConfigFile() ? { sshConfigFile: sshConfigFile() } : {}),
  };
}

/** The `ccwf.sshConfigFile` setting (`~` expanded), or undefined for ~/.ssh/config. */
export function sshConfigFile(): string | undefined {
  const value = vscode.workspace.getConfiguration('ccwf').get<string>('sshConfigFile')?.trim();
  if (!value) return undefined;
  return value === '~' || value.startsWith('~/') ? join(homedir(), value.slice(1)) : value;
}

/**
 * Where the runs of a workflow go: the `ccwf.runsFolder` setting (relative to the workflow's
 * folder, or absolute), else where the CLI puts them (`.ccwf/runs` beside the workflow), so runs
 * started here and from a terminal land in the same place.
 */
export function runsDirOf(workflowPath: string): string {
  const setting = vscode.workspace.getConfiguration('ccwf', vscode.Uri.file(workflowPath)).get<string>('runsFolder')?.trim();
  if (!setting) return defaultRunsDir(workflowPath);
  return isAbsolute(setting) ? setting : resolve(join(dirname(workflowPath), setting));
}
