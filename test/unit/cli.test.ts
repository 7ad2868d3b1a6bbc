import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, FIXTURES, runCli, workspace } from './helpers.js';
import { parseWorkflow } from '../../src/core/parse/parse-workflow.js';

describe('ccwf CLI', () => {
  it('validate prints compiler-style FILE:LINE:COL diagnostics and exits 1', async () => {
    const r = await runCli(['validate', 'unknown-need.ccwf'], join(FIXTURES, 'diagnostics'));
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "unknown-need.ccwf:5:13: error: Job 'train' needs 'fecth', which is not a job in this workflow. Did you mean 'fetch'? [unknown-job]\n");
  });

  it('validate --json gives positions a tool can use', async () => {
    const r = await runCli(['validate', '--json', 'cycle.ccwf'], join(FIXTURES, 'diagnostics'));
    const report = JSON.parse(r.stdout);
    assert.equal(report.ok, false);
    assert.deepEqual(report.diagnostics.map((d: { code: string; line: number }) => [d.code, d.line]), [['self-dependency', 13], ['cycle', 7]]);
  });

  it('usage errors exit 2 with a hint, never a stack trace', async () => {
    for (const argv of [['frobnicate'], ['run'], ['run', 'x.ccwf', '-j', 'many'], ['validate', '--no-such-flag']]) {
      const r = await runCli(argv, FIXTURES);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, /^ccwf: .*\nRun 'ccwf --help' for usage\.\n$/);
    }
    const missing = await runCli(['validate', 'nope.ccwf'], FIXTURES);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr.includes('    at '), false);
  });

  it('runs the quickstart example for real: shell, Python and notebook', async function () {
    this.timeout(120_000);
    const dir = join(EXAMPLES, 'quickstart');
    const runsDir = workspace({});
    const r = await runCli(['run', 'quickstart.ccwf', '--runs-dir', runsDir], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /done {3}fetch[\s\S]*done {3}train[\s\S]*done {3}report/);
    const status = JSON.parse((await runCli(['status', '--json', '--runs-dir', runsDir, r.stderr.match(/run (\S+) \(/)![1]!], dir)).stdout);
    assert.deepEqual(status.jobs.map((j: { name: string; status: string }) => `${j.name}:${j.status}`), ['fetch:done', 'train:done', 'report:done']);
    assert.equal(status.jobs[1].values.epoch, '5', 'progress values mined from the training log');
    const executed = join(runsDir, status.runId, 'logs', 'report.ipynb');
    assert.ok(existsSync(executed), 'the executed notebook is kept in the run folder');
    assert.match(readFileSync(executed, 'utf8'), /slope 2\.\d+/);
    const logs = await runCli(['logs', '--runs-dir', runsDir, status.runId, 'train'], dir);
    assert.match(logs.stdout, /trained: y = 2\.\d+ x/);
    const runs = await runCli(['runs', '--runs-dir', runsDir], dir);
    assert.match(runs.stdout, new RegExp(`${status.runId} +done +3/3 done`));
  });

  it('--dry-run lists what would run, in order, without running it', async () => {
    const dir = workspace({ 'w.ccwf': 'jobs:\n  b: { run: touch ran-b, needs: [a] }\n  a: { run: touch ran-a }\n  c: { run: touch ran-c }\n' });
    const r = await runCli(['run', 'w.ccwf', '--dry-run', '--from', 'a'], dir);
    assert.equal(r.code, 0);
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split(' ')[0]), ['a', 'b']);
    assert.equal(existsSync(join(dir, 'ran-a')), false);
  });

  it('--jobs runs only the named jobs; a failed run exits 1', async () => {
    const dir = workspace({ 'w.ccwf': 'jobs:\n  a: { run: touch ran-a }\n  b: { run: "touch ran-b; exit 4", needs: [a] }\n' });
    const r = await runCli(['run', 'w.ccwf', '--jobs', 'b'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /fail {3}b.*exit code 4/);
    assert.equal(existsSync(join(dir, 'ran-a')), false);
    assert.equal(existsSync(join(dir, 'ran-b')), true);
  });

  it('loads and runs a cloudmesh-cc workflow unchanged, and converts it', async () => {
    const dir = workspace({ 'mnist.yaml': readFileSync(join(FIXTURES, 'cloudmesh', 'mnist-empty-deps.yaml'), 'utf8') });
    const r = await runCli(['run', 'mnist.yaml'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /done {3}start[\s\S]*done {3}mlp_mnist/);
    const converted = await runCli(['convert', join(FIXTURES, 'cloudmesh', 'workflow-abc.yaml')], dir);
    assert.equal(converted.code, 0, converted.stderr);
    const native = parseWorkflow(converted.stdout);
    assert.deepEqual(native.diagnostics, []);
    assert.equal(native.workflow.name, 'workflow-abc');
    assert.deepEqual([...native.workflow.jobs.values()].map((j) => `${j.name}<${j.needs.map((n) => n.job)}@${j.host}`), ['a<@local', 'b<a@local', 'c<b@hpc.example.org', 'd<a@local']);
    assert.equal(native.workflow.hosts.get('hpc.example.org')?.ssh, 'alice@hpc.example.org');
  });

  it('graph writes SVG, DOT and Mermaid of the workflow', async () => {
    const dir = workspace({ 'w.ccwf': 'jobs:\n  fetch: { run: "true" }\n  train: { run: "true", needs: [fetch] }\n' });
    const svg = await runCli(['graph', 'w.ccwf', '--format', 'svg', '-o', 'g.svg'], dir);
    assert.equal(svg.code, 0, svg.stderr);
    const text = readFileSync(join(dir, 'g.svg'), 'utf8');
    assert.match(text, /^(<\?xml[^>]*>\n)?<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok(text.includes('>fetch<') && text.includes('>train<'));
    assert.match((await runCli(['graph', 'w.ccwf', '--format', 'dot'], dir)).stdout, /"fetch" -> "train"/);
    assert.match((await runCli(['graph', 'w.ccwf', '--format', 'mermaid'], dir)).stdout, /flowchart TD/);
  });

  it('bad and hostile input gets a clear diagnostic and exit 1, never a crash', async function () {
    this.timeout(60_000);
    const aliasBomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`), 'jobs:\n  x: { run: echo, args: *i }'].join('\n');
    const corpus: Record<string, string | Buffer> = {
      'binary.ccwf': Buffer.from([0x00, 0xff, 0xfe, 0x13, 0x37, 0x00, 0x42]),
      'tabs.ccwf': 'jobs:\n\ta:\n\t\trun: echo\n',
      'huge.ccwf': 'jobs:\n' + '  # padding\n'.repeat(1_000_000),
      'deep.ccwf': 'jobs: ' + '['.repeat(50_000) + ']'.repeat(50_000),
      'alias-bomb.ccwf': aliasBomb,
      'not-a-map.ccwf': '- just\n- a list\n',
      'empty.ccwf': '',
      'scalar-jobs.ccwf': 'jobs: 42\n',
      'job-list.ccwf': 'jobs:\n  - a\n  - b\n',
    };
    const dir = workspace({});
    for (const [name, content] of Object.entries(corpus)) writeFileSync(join(dir, name), content);
    for (const name of Object.keys(corpus)) {
      const r = await runCli(['validate', name], dir);
      assert.equal(r.code, 1, `${name}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, new RegExp(`^${name.replace('.', '\\.')}:\\d+:\\d+: error: .+ \\[[a-z-]+\\]$`, 'm'), `${name}: ${r.stderr}`);
      assert.equal(/\n\s+at .+:\d+:\d+\)?\n/.test(r.stderr), false, `${name} printed a stack trace`);
    }
  });
});
