import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runWorkflow, type RunOutcome } from '../../src/core/engine/run-workflow.js';
import { defaultRunners, disposeRunners, type DefaultRunnerOptions } from '../../src/core/runners/default-runners.js';
import type { RunEvent } from '../../src/core/store/events.js';
import { readRun } from '../../src/core/store/run-store.js';
import type { RunState } from '../../src/core/store/run-state.js';
import { ALIAS } from './sshd-fixture.js';
import { sshd } from './hooks.js';

const ROOT = new URL('../../', import.meta.url).pathname;

const made: string[] = [];

/** Removes every folder `workspace` made (the root hooks call it after the last test). */
export function removeWorkspaces(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh folder inside the project (creating files under /tmp is slow on these machines). */
export function workspace(files: Record<string, string> = {}): string {
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.cache', 'remote-test-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, { mode: 0o755 });
  return dir;
}

/** The `hosts:` entry of the fixture's sshd; run files go under `remoteDir`, not the real ~. */
export function sshHost(remoteDir: string, name = 'remote'): string {
  return `  ${name}: { kind: ssh, ssh: ${ALIAS}, workdir: ${JSON.stringify(remoteDir)} }\n`;
}

export function runnerOptions(extra: DefaultRunnerOptions = {}): DefaultRunnerOptions {
  return { sshConfigPath: sshd().configPath, ...extra };
}

export interface Ran {
  readonly outcome: Extract<RunOutcome, { kind: 'ran' }>;
  readonly state: RunState;
  readonly events: RunEvent[];
}

export async function run(dir: string, workflow: string, options: { runners?: DefaultRunnerOptions; concurrency?: number; resume?: string } = {}): Promise<Ran> {
  writeFileSync(join(dir, 'w.ccwf'), workflow);
  const runners = defaultRunners(runnerOptions(options.runners));
  const events: RunEvent[] = [];
  try {
    const outcome = await runWorkflow({
      workflowPath: join(dir, 'w.ccwf'),
      runsDir: join(dir, 'runs'),
      runners,
      onEvent: (e) => events.push(e),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.resume ? { resume: options.resume } : {}),
    });
    if (outcome.kind !== 'ran') throw new Error(`did not run: ${JSON.stringify(outcome)}`);
    return { outcome, state: readRun(outcome.runDir)!, events };
  } finally {
    await disposeRunners(runners);
  }
}

export function log(ran: Ran, job: string): string {
  return readFileSync(join(ran.outcome.runDir, 'logs', `${job}.log`), 'utf8');
}

export async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
