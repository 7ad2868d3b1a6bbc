// Views for the tests, built from real workflow text by the extension's own view builder.
import { readFileSync } from 'node:fs';
import { buildView } from '../../../src/extension/editor/build-view.js';
import type { ViewProblem, WorkflowView } from '../../../src/protocol/messages.js';

export const QUICKSTART = new URL('../../../examples/quickstart/quickstart.ccwf', import.meta.url).pathname;

/** The view the host would send for `text` (the extension's own builder), with the given problems. */
export function viewOf(text: string, version = 1, problems: readonly ViewProblem[] = []): WorkflowView {
  return { ...buildView(text, version).view, problems };
}

export const quickstartText = (): string => readFileSync(QUICKSTART, 'utf8');
export const quickstartView = (version = 1): WorkflowView => viewOf(quickstartText(), version);

/** A layered workflow of `count` jobs on four hosts; each job needs one or two jobs of the layer above. */
export function bigWorkflowText(count: number): string {
  const width = Math.ceil(Math.sqrt(count));
  const lines = [
    `name: big-${count}`,
    'hosts:',
    '  hpc: { kind: slurm, ssh: login.hpc.example.org }',
    '  box: { kind: ssh, ssh: box.example.org }',
    '  ubuntu: { kind: wsl, distro: Ubuntu }',
    'jobs:',
  ];
  const hosts = ['local', 'hpc', 'box', 'ubuntu'];
  for (let i = 0; i < count; i++) {
    const layer = Math.floor(i / width);
    const needs: number[] = [];
    if (layer > 0) {
      const above = (layer - 1) * width;
      needs.push(above + (i % width));
      if (i % 3 === 0) needs.push(above + ((i * 7) % width));
    }
    lines.push(`  job${i}:`, `    host: ${hosts[i % hosts.length]}`, `    run: echo ${i}`);
    const unique = [...new Set(needs)].filter((n) => n < count);
    if (unique.length > 0) lines.push(`    needs: [${unique.map((n) => `job${n}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** A wider workflow on several kinds of host, with every kind of command. */
export const mixedWorkflowText = `name: hybrid-training
hosts:
  hpc: { kind: slurm, ssh: login.hpc.example.org, partition: gpu }
  gpu-box: { kind: ssh, ssh: gpu.example.org }
  ubuntu: { kind: wsl, distro: Ubuntu }
jobs:
  fetch:
    description: Download the raw data
    script: fetch.sh
  clean:
    needs: [fetch]
    host: ubuntu
    run: |
      python clean.py --in raw/ --out clean/
      echo cleaned
  features:
    needs: [clean]
    host: gpu-box
    script: features.py
  train-a:
    needs: [features]
    host: hpc
    script: train.py
  train-b:
    needs: [features]
    host: hpc
    script: train.py
  evaluate:
    needs: [train-a, train-b]
    script: evaluate.ipynb
  publish:
    needs: [evaluate]
    run: ./publish.sh
`;
