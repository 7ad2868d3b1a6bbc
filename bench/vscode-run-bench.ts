/**
 * vscode-run-1000: a 1,000-job workflow run with `ccwf.runWorkflow` in the real VS Code (its
 * terminals, Runs view, engine log and status bar all following) against `ccwf run` of the same
 * file, interleaved in the same bench run — target ratio ≤ 1.3: the window must not slow the
 * engine. Also reports the extension host's worst event-loop delay while the command's runs went.
 */
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { openWorkbench, ROOT } from '../test/vscode/workbench.mjs';

const JOBS = 1000;
const REPEAT = 3;

function fanWorkflow(count: number): string {
  const jobs = Array.from({ length: count }, (_, i) => `  j${i}: { run: "true" }`);
  return `name: fan-${count}\njobs:\n${jobs.join('\n')}\n  final:\n    run: "true"\n    needs: [${Array.from({ length: count }, (_, i) => `j${i}`).join(', ')}]\n`;
}

export async function vscodeRunBench(work: string): Promise<string[]> {
  const dir = join(work, 'vscode-run');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'fan.ccwf'), fanWorkflow(JOBS));
  const out = join(ROOT, '.cache', 'vscode-bench');
  await esbuild.build({
    entryPoints: [join(ROOT, 'bench/vscode/run-in-host.ts')],
    outdir: out, outExtension: { '.js': '.cjs' },
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'], logLevel: 'warning',
  });
  const results = join(out, 'results.json');
  writeFileSync(results, '');
  const concurrency = String(availableParallelism());
  const wb = await openWorkbench({
    files: { bench: dir },
    settings: { 'ccwf.concurrency': Number(concurrency), 'ccwf.notifyOnFinish': 'never' },
    tests: join(out, 'run-in-host.cjs'),
    env: {
      CCWF_BENCH_WORKFLOW: 'bench/fan.ccwf', // in the workspace
      CCWF_BENCH_RESULTS: results,
      CCWF_BENCH_REPEAT: String(REPEAT),
      CCWF_BENCH_CONCURRENCY: concurrency,
    },
  });
  try {
    const deadline = Date.now() + 20 * 60_000;
    while (!readFileSync(results, 'utf8')) {
      if (Date.now() > deadline) throw new Error('the in-host bench wrote no results');
      if (!existsSync(results)) throw new Error('results file vanished');
      await new Promise((r) => setTimeout(r, 500));
    }
    const r = JSON.parse(readFileSync(results, 'utf8')) as { vscode: number[]; cli: number[]; worstDelayMs: number; meanDelayMs: number[] };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [v, c] = [median(r.vscode), median(r.cli)];
    const ratio = v / c;
    return [
      `BENCH vscode-run-${JOBS + 1} ccwf-vscode=${v.toFixed(3)} ccwf-cli=${c.toFixed(3)} ratio=${ratio.toFixed(2)} target<=1.3 ${ratio <= 1.3 ? 'met' : 'NOT met'}`,
      `  extension host event-loop delay while running: worst=${r.worstDelayMs.toFixed(0)}ms mean=${median(r.meanDelayMs).toFixed(1)}ms; runs vscode=[${r.vscode.map((x) => x.toFixed(2))}] cli=[${r.cli.map((x) => x.toFixed(2))}]`,
    ];
  } finally {
    await wb.close();
  }
}
