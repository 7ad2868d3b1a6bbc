/**
 * `BENCH completion-5000`: completion in a 5,000-job workflow right after a keystroke, when the
 * editor's cached analysis is of the text before it (as in VS Code). Target ≤ 50 ms. The peer is
 * what a completion that re-parsed would pay at least: the bare `yaml` parse of the same text.
 * Runs alone too: `node --import tsx bench/completion-bench.ts`.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { analyze, completions } from '../src/language/index.js';
import { realisticWorkflow } from './language-bench.js';

const TARGET_SECONDS = 0.05;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function completionBench(): string {
  const text = realisticWorkflow(5000);
  const analysis = analyze(text);
  // The person is typing a new job at the end: its needs, then one of its keys.
  const typed = `${text}  extra:\n    needs: [fetch-00, ]\n    ti`;
  const spots = [typed.indexOf('[fetch-00, ') + '[fetch-00, '.length, typed.length];
  const ours: number[] = [];
  const peer: number[] = [];
  for (let i = 0; i < 9; i++) {
    for (const offset of spots) {
      const start = performance.now();
      if (completions(typed, offset, analysis).length === 0) throw new Error(`no completions at ${offset}`);
      ours.push((performance.now() - start) / 1000);
    }
    const start = performance.now();
    parseDocument(typed);
    peer.push((performance.now() - start) / 1000);
  }
  const worst = Math.max(median(ours.filter((_, i) => i % 2 === 0)), median(ours.filter((_, i) => i % 2 === 1)));
  return `BENCH completion-5000 ccwf=${worst.toFixed(4)} yaml-parse=${median(peer).toFixed(4)} ratio=${(worst / median(peer)).toFixed(3)} target<=${TARGET_SECONDS}s ${worst <= TARGET_SECONDS ? 'met' : 'NOT met'}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(completionBench());
