/**
 * `npm run bench`: each case prints `BENCH <case> ccwf=<s> <peer>=<s> ratio=<ccwf/peer>`, all
 * measured in this run, interleaved and repeated (median), because these machines are shared and
 * noisy: only ratios against a peer measured alongside mean anything.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { layoutBench } from './layout-bench.js';
import { editorBench } from './editor-bench.js';
import { vscodeRunBench } from './vscode-run-bench.js';
import { sshBench } from './ssh-bench.js';
import { completionBench } from './completion-bench.js';
import { languageBench } from './language-bench.js';

const ROOT = new URL('..', import.meta.url).pathname;
/** Run as users run it: the executable with its shebang (and the node flags it carries). */
const CLI = join(ROOT, 'dist', 'cli.js');
const FLOOR = join(ROOT, 'bench', 'spawn-floor.mjs');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const N = availableParallelism();
// Inside the project, as runs are beside their workflow; on these machines creating files under
// /tmp costs ~25x more than on the project's disk, which would measure the disk, not the engine.
mkdirSync(join(ROOT, '.cache'), { recursive: true });
const work = mkdtempSync(join(ROOT, '.cache', 'bench-'));

function fanWorkflow(count: number): string {
  const jobs = Array.from({ length: count }, (_, i) => `  j${i}: { run: "true" }`);
  return `jobs:\n${jobs.join('\n')}\n  final:\n    run: "true"\n    needs: [${Array.from({ length: count }, (_, i) => `j${i}`).join(', ')}]\n`;
}

function chainWorkflow(count: number): string {
  return `jobs:\n${Array.from({ length: count }, (_, i) => `  j${i}: { run: "true"${i ? `, needs: [j${i - 1}]` : ''} }`).join('\n')}\n`;
}

function fanMakefile(count: number): string {
  const names = Array.from({ length: count }, (_, i) => `j${i}`);
  return `.PHONY: final ${names.join(' ')}\nfinal: ${names.join(' ')}\n\ttrue\n${names.map((n) => `${n}:\n\ttrue\n`).join('')}`;
}

function chainMakefile(count: number): string {
  const names = Array.from({ length: count }, (_, i) => `j${i}`);
  return `.PHONY: ${names.join(' ')}\n${names.map((n, i) => `${n}:${i ? ` j${i - 1}` : ''}\n\ttrue\n`).reverse().join('')}`;
}

function time(command: string, args: string[], cwd: string): number {
  const start = performance.now();
  const r = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  return seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (s: number) => s.toFixed(3);

function compare(name: string, workflow: string, makefile: string, floorArgs: string[]): void {
  const dir = mkdtempSync(join(work, `${name}-`));
  writeFileSync(join(dir, 'w.ccwf'), workflow);
  writeFileSync(join(dir, 'Makefile'), makefile);
  const runs = { ccwf: [] as number[], floor: [] as number[], logs: [] as number[], make: [] as number[] };
  for (let i = 0; i < REPEAT; i++) {
    runs.ccwf.push(time(CLI, ['run', 'w.ccwf', '-j', String(N), '--runs-dir', join(dir, 'runs')], dir));
    runs.floor.push(time(process.execPath, [FLOOR, ...floorArgs], dir));
    runs.logs.push(time(process.execPath, [FLOOR, ...floorArgs, join(dir, `floor-logs-${i}`)], dir));
    runs.make.push(time('make', ['-s', `-j${N}`], dir));
  }
  const [c, f, l, m] = [median(runs.ccwf), median(runs.floor), median(runs.logs), median(runs.make)];
  console.log(`BENCH ${name} ccwf=${fmt(c)} node-spawn=${fmt(f)} ratio=${(c / f).toFixed(2)}`);
  console.log(`BENCH ${name} ccwf=${fmt(c)} node-spawn-with-logs=${fmt(l)} ratio=${(c / l).toFixed(2)}`);
  console.log(`BENCH ${name} ccwf=${fmt(c)} make=${fmt(m)} ratio=${(c / m).toFixed(2)}`);
}

/** Peak resident memory of a whole `ccwf run` of 10,000 jobs, from GNU time. */
function peakRss(count: number): void {
  const dir = mkdtempSync(join(work, 'rss-'));
  writeFileSync(join(dir, 'w.ccwf'), fanWorkflow(count));
  const r = spawnSync('/usr/bin/time', ['-f', '%M', CLI, 'run', 'w.ccwf', '-j', String(N), '--runs-dir', join(dir, 'runs')], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const kb = Number(r.stderr.trim().split('\n').pop());
  console.log(`BENCH rss-${count} ccwf-peak-rss=${(kb / 1024).toFixed(1)}MB target=150MB`);
}

try {
  console.log(`# concurrency ${N}, median of ${REPEAT} interleaved runs; the peer runs the same /bin/sh -c true processes`);
  compare('fan-1000', fanWorkflow(1000), fanMakefile(1000), ['fan', '1000', String(N)]);
  compare('chain-200', chainWorkflow(200), chainMakefile(200), ['chain', '200']);
  peakRss(10_000);
  await layoutBench();
  console.log(languageBench());
  console.log(completionBench());
  for (const line of await editorBench(work)) console.log(line);
  for (const line of await vscodeRunBench(work)) console.log(line);
  console.log(await sshBench(work));
} finally {
  rmSync(work, { recursive: true, force: true });
}
