import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/io.js';


export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
export const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;

/** A fresh folder with the given files, for workflows that tests write. */
export function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccwf-test-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, { mode: 0o755 });
  return dir;
}

/** Runs the CLI function as a user would from a shell in `cwd`, capturing what it prints. */
export async function runCli(argv: string[], cwd: string, extra: Partial<CliIo> = {}) {
  let stdout = '';
  let stderr = '';
  const { cli } = await import('../../src/cli/cli.js');
  const code = await cli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    isTTY: false,
    ...extra,
  });
  return { code, stdout, stderr };
}

/** Alive and not a zombie (in containers nobody may reap an orphan, so it lingers as Z). */
export function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
