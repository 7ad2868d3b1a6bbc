// Runs inside the real VS Code extension host (as `extensionTestsPath`): times `ccwf.runWorkflow`
// on a workflow until its record says it ended, and `ccwf run` of the same file from a terminal's
// point of view (a process started here, until it exits), interleaved, and watches this host's
// event loop while the command's run goes on. Results go to a JSON file the bench reads.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readSync, fstatSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** True once the record's last line is its `run-end` (reads only the file's tail). */
function ended(runDir: string): boolean {
  let fd: number;
  try {
    fd = openSync(join(runDir, 'events.jsonl'), 'r');
  } catch {
    return false;
  }
  try {
    const size = fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(size, 300));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    return tail.toString().includes('"type":"run-end"');
  } finally {
    closeSync(fd);
  }
}

async function untilEnded(runDir: string): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (!ended(runDir)) {
    if (Date.now() > deadline) throw new Error(`run ${runDir} did not end`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function cliRun(cli: string, file: string, concurrency: string, runsDir: string): Promise<number> {
  const started = performance.now();
  return new Promise((settle, fail) => {
    const child = spawn(process.execPath, ['--max-semi-space-size=2', cli, 'run', file, '-j', concurrency, '--runs-dir', runsDir], { stdio: 'ignore' });
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? settle((performance.now() - started) / 1000) : fail(new Error(`ccwf run exited ${code}`))));
  });
}

export async function run(): Promise<void> {
  const file = join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, env('CCWF_BENCH_WORKFLOW'));
  const repeat = Number(env('CCWF_BENCH_REPEAT'));
  const cli = join(vscode.extensions.getExtension('ccwf.ccwf')!.extensionPath, 'dist', 'cli.js');
  await vscode.extensions.getExtension('ccwf.ccwf')!.activate();
  const results = { vscode: [] as number[], cli: [] as number[], worstDelayMs: 0, meanDelayMs: [] as number[] };
  const delay = monitorEventLoopDelay({ resolution: 10 });
  for (let i = 0; i < repeat; i++) {
    delay.reset();
    delay.enable();
    const started = performance.now();
    const runDir = await vscode.commands.executeCommand<string>('ccwf.runWorkflow', vscode.Uri.file(file));
    if (!runDir) throw new Error('ccwf.runWorkflow did not start a run');
    await untilEnded(runDir);
    results.vscode.push((performance.now() - started) / 1000);
    delay.disable();
    results.worstDelayMs = Math.max(results.worstDelayMs, delay.max / 1e6);
    results.meanDelayMs.push(delay.mean / 1e6);
    // Let the window finish with the run (tree, terminals) before the peer runs.
    await new Promise((r) => setTimeout(r, 1000));
    results.cli.push(await cliRun(cli, file, env('CCWF_BENCH_CONCURRENCY'), join(file, '..', 'cli-runs')));
  }
  writeFileSync(env('CCWF_BENCH_RESULTS'), JSON.stringify(results));
}
