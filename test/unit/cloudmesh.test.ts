import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWorkflow } from '../../src/core/parse/parse-workflow.js';
import { validateWorkflow } from '../../src/core/validate/validate-workflow.js';
import { FIXTURES } from './helpers.js';

const load = (name: string) => parseWorkflow(readFileSync(join(FIXTURES, 'cloudmesh', name), 'utf8'));
const edges = (name: string) => [...load(name).workflow.jobs.values()].flatMap((j) => j.needs.map((n) => `${n.job}->${j.name}`));

describe('cloudmesh-cc workflows load unchanged', () => {
  it('reads "a,b,c" chains (spaces tolerated) into needs, with exact ranges', () => {
    const { workflow, diagnostics } = load('workflow-abc.yaml');
    assert.deepEqual(diagnostics, []);
    assert.equal(workflow.format, 'cloudmesh');
    assert.deepEqual(edges('workflow-abc.yaml'), ['a->b', 'b->c', 'a->d']);
    const text = readFileSync(join(FIXTURES, 'cloudmesh', 'workflow-abc.yaml'), 'utf8');
    const need = workflow.jobs.get('d')!.needs[0]!;
    assert.equal(text.slice(need.range.start, need.range.end), 'a', 'the range points at the name inside the chain');
  });

  it('maps kind/host/user to hosts and exec to the command; runtime fields are ignored', () => {
    const { workflow } = load('workflow-abc.yaml');
    assert.equal(workflow.jobs.get('a')!.run, 'echo a');
    assert.equal(workflow.jobs.get('a')!.host, 'local');
    assert.equal(workflow.jobs.get('c')!.host, 'hpc.example.org');
    assert.deepEqual({ ...workflow.hosts.get('hpc.example.org'), range: undefined, nameRange: undefined }, {
      name: 'hpc.example.org', kind: 'ssh', ssh: 'alice@hpc.example.org', user: 'alice', range: undefined, nameRange: undefined,
    });
    assert.equal(workflow.jobs.get('b')!.label, '{name}\\nprogress={progress}');
  });

  it('merges the colors section over the defaults', () => {
    const { workflow } = load('workflow-abc.yaml');
    assert.equal(workflow.colors.done, '#CCFFCC');
    assert.equal(workflow.colors.ready, 'white');
    assert.ok(workflow.colors.running, 'statuses the file does not colour keep a default');
  });

  it('accepts dependencies: {} (no edges), edge dictionaries, lists and [1-3] ranges', () => {
    assert.deepEqual(edges('mnist-empty-deps.yaml'), []);
    assert.deepEqual(edges('edge-dict.yaml'), ['start->train']);
    assert.deepEqual(edges('list-chain.yaml'), ['job2->job3', 'job1->end', 'job3->end']);
  });

  it('a node without exec or script runs NAME.sh beside the file, as cloudmesh-cc does', () => {
    const { workflow } = parseWorkflow('workflow:\n  nodes:\n    fetch: { kind: local }\n    c.py: { kind: local }\n  dependencies: []\n');
    assert.equal(workflow.jobs.get('fetch')!.script, 'fetch.sh');
    assert.equal(workflow.jobs.get('c.py')!.script, 'c.py');
    const problems = validateWorkflow(workflow, { fileExists: () => false });
    assert.deepEqual(problems.map((d) => d.code), ['missing-script', 'missing-script']);
  });

  it('names a dependency on a node that does not exist, with a suggestion', () => {
    const { workflow, diagnostics } = parseWorkflow('workflow:\n  nodes:\n    start: { exec: "true" }\n    train: { exec: "true" }\n  dependencies:\n    - strat,train\n');
    const all = [...diagnostics, ...validateWorkflow(workflow)];
    assert.deepEqual(all.map((d) => [d.code, d.message]), [['unknown-job', "Job 'train' needs 'strat', which is not a job in this workflow. Did you mean 'start'?"]]);
  });
});
