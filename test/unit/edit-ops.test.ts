import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEditOp, applyTextEdits } from '../../src/core/edit/apply-edit-op.js';
import type { EditOp, TextEdit } from '../../src/core/edit/edit-op.js';
import { parseWorkflow } from '../../src/core/parse/parse-workflow.js';
import { validateWorkflow } from '../../src/core/validate/validate-workflow.js';
import { FIXTURES } from './helpers.js';

const PIPELINE = readFileSync(join(FIXTURES, 'edit', 'pipeline.ccwf'), 'utf8');
const lines = (...l: string[]) => l.join('\n') + '\n';

/** The edited text, after checking the edits are well formed and the result reads cleanly. */
function edit(text: string, op: EditOp, allowedNewProblems: string[] = []): string {
  const result = applyEditOp(text, op);
  if ('error' in result) assert.fail(`refused: ${result.error}`);
  assertDisjoint(result.edits);
  const after = applyTextEdits(text, result.edits);
  assert.deepEqual(newProblems(text, after), allowedNewProblems, 'the edit adds no diagnostics');
  return after;
}

function errorOf(text: string, op: EditOp): string {
  const result = applyEditOp(text, op);
  assert.ok('error' in result, `expected a refusal, got ${JSON.stringify(result)}`);
  return result.error;
}

function assertDisjoint(edits: readonly TextEdit[]): void {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i - 1]!.offset + sorted[i - 1]!.length <= sorted[i]!.offset, 'edits overlap');
}

/** Diagnostic codes and messages of `after` that `before` did not have (ranges move, so not compared). */
function newProblems(before: string, after: string): string[] {
  const all = (text: string) => {
    const { workflow, diagnostics } = parseWorkflow(text);
    return [...diagnostics, ...validateWorkflow(workflow)].map((d) => `${d.code}: ${d.message}`);
  };
  const old = all(before);
  return all(after).filter((d) => {
    const i = old.indexOf(d);
    if (i >= 0) old.splice(i, 1);
    return i < 0;
  });
}

const needsOf = (text: string) =>
  Object.fromEntries([...parseWorkflow(text).workflow.jobs.values()].map((j) => [j.name, j.needs.map((n) => n.job)]));

/** Everything outside `job`'s lines (as found in `before`) is unchanged in `after`. */
function assertOnlyJobChanged(before: string, after: string, job: string): void {
  const { range } = parseWorkflow(before).workflow.jobs.get(job)!;
  const start = before.lastIndexOf('\n', range.start) + 1;
  const end = before.indexOf('\n', range.end - 1) + 1 || before.length;
  assert.ok(after.startsWith(before.slice(0, start)), 'text before the job is unchanged');
  assert.ok(after.endsWith(before.slice(end)), 'text after the job is unchanged');
}

describe('graph edits as minimal text edits', () => {
  describe('addJob', () => {
    it('appends after the last job, spaced like the others, leaving the rest byte for byte', () => {
      const after = edit(PIPELINE, { op: 'addJob', name: 'publish', needs: ['report #1'], run: 'echo publish' });
      assert.equal(after, PIPELINE + lines('', '  publish:', '    needs: ["report #1"]', '    run: echo publish'));
    });

    it('writes multi-line run as a block scalar and follows 4-space indentation', () => {
      const text = lines('jobs:', '    a:', '        run: echo a');
      const after = edit(text, { op: 'addJob', name: 'b', run: 'echo one\necho two\n', host: 'local' });
      assert.equal(after, text + lines('    b:', '        host: local', '        run: |', '            echo one', '            echo two'));
      assert.equal(parseWorkflow(after).workflow.jobs.get('b')!.run, 'echo one\necho two\n');
    });

    it('quotes names only where YAML needs it', () => {
      const names = ['a b', 'foo:bar', '#x', 'true', '123', '- dash', "it's", 'x, y', 'ünï'];
      let text = lines('jobs:', '  a:', '    run: echo a');
      for (const name of names) text = edit(text, { op: 'addJob', name, run: 'echo', needs: ['a'] });
      assert.deepEqual([...parseWorkflow(text).workflow.jobs.keys()], ['a', ...names]);
      const keys = text.split('\n').filter((l) => /^ {2}\S/.test(l));
      assert.deepEqual(keys, ['  a:', '  a b:', '  foo:bar:', '  "#x":', '  "true":', '  "123":', '  "- dash":', "  it's:", '  x, y:', '  ünï:']);
    });

    it('creates the jobs section when it is missing, empty or {}', () => {
      const job = { op: 'addJob', name: 'a', run: 'echo a' } as const;
      assert.equal(edit('name: w\n', job), lines('name: w', 'jobs:', '  a:', '    run: echo a'));
      assert.equal(edit('name: w', job), 'name: w\njobs:\n  a:\n    run: echo a');
      assert.equal(edit('', job), lines('jobs:', '  a:', '    run: echo a'));
      assert.equal(edit('name: w\njobs:\nhosts: {}\n', job), lines('name: w', 'jobs:', '  a:', '    run: echo a', 'hosts: {}'));
      assert.equal(edit('jobs: {}  # none yet\n', job), lines('jobs:  # none yet', '  a:', '    run: echo a'));
    });

    it('writes a job with no fields as `name:`, so later fields get their own lines', () => {
      const text = lines('jobs:', '  a:', '    run: echo a');
      const added = edit(text, { op: 'addJob', name: 'b' }, ["no-command: Job 'b' has nothing to run: give it 'run' or 'script'."]);
      assert.equal(added, text + '  b:\n');
      assert.equal(edit(added, { op: 'setField', job: 'b', key: 'run', value: 'echo b' }), text + lines('  b:', '    run: echo b'));
    });

    it('refuses a taken name, an unknown need and names the graph should not create', () => {
      assert.match(errorOf(PIPELINE, { op: 'addJob', name: 'fetch' }), /already exists/);
      assert.match(errorOf(PIPELINE, { op: 'addJob', name: 'x', needs: ['nope'] }), /no job with that name/);
      assert.match(errorOf(PIPELINE, { op: 'addJob', name: 'x', needs: ['x'] }), /cannot need itself/);
      for (const name of ['', ' padded', 'two\nlines']) assert.match(errorOf(PIPELINE, { op: 'addJob', name }), /one line of text/);
    });
  });

  describe('deleteJob', () => {
    it('removes the job with its comment above and every needs mention, in each list shape', () => {
      const after = edit(PIPELINE, { op: 'deleteJob', name: 'fetch' });
      assert.equal(
        after,
        PIPELINE.replace('  # Download the raw data.\n  fetch:\n    run: curl -sO https://example.org/data.csv   # mirror if slow\n\n', '')
          .replace('    needs: fetch\n', '')
          .replace('      - fetch\n', ''),
      );
      assert.deepEqual(needsOf(after), { prepare: [], train: ['prepare'], 'report #1': ['train', 'prepare'] });
    });

    it('keeps one blank line between the neighbours and removes flow mentions tidily', () => {
      const after = edit(PIPELINE, { op: 'deleteJob', name: 'train' });
      assert.ok(after.includes('      echo prepared\n\n  "report #1":\n    needs: [prepare]\n'), after);
    });

    it('keeps the blank line that separates a job from the next when its last field goes', () => {
      const text = lines('jobs:', '  a:', '    run: x', '', '  b:', '    run: y', '    needs:', '      - a', '      - c', '', '  c:', '    run: z');
      assert.equal(edit(text, { op: 'setField', job: 'a', key: 'run' }, ["no-command: Job 'a' has nothing to run: give it 'run' or 'script'."]), text.replace('    run: x\n', ''));
      assert.equal(edit(text, { op: 'removeNeed', job: 'b', need: 'c' }), text.replace('      - c\n', ''));
    });

    it('can delete the last job of a file without a final line break, and the only job', () => {
      assert.equal(edit('jobs:\n  a:\n    run: x\n  b:\n    run: y', { op: 'deleteJob', name: 'b' }), 'jobs:\n  a:\n    run: x');
      assert.equal(edit('jobs:\n  a:\n    run: x\nname: w\n', { op: 'deleteJob', name: 'a' }), 'jobs:\nname: w\n');
    });

    it('refuses an unknown job', () => assert.match(errorOf(PIPELINE, { op: 'deleteJob', name: 'nope' }), /no job named 'nope'/));
  });

  describe('renameJob', () => {
    it('renames the key and every mention, quoting as each place requires', () => {
      const after = edit(PIPELINE, { op: 'renameJob', from: 'prepare', to: 'clean, v2' });
      assert.equal(
        after,
        PIPELINE.replace('  prepare:\n', '  clean, v2:\n')
          .replace('      - prepare   # cleaned data', '      - clean, v2   # cleaned data')
          .replace('needs: [train, prepare]', 'needs: [train, "clean, v2"]'),
      );
      assert.deepEqual(needsOf(edit(PIPELINE, { op: 'renameJob', from: 'fetch', to: '#f' })).prepare, ['#f']);
    });

    it('renames a quoted key', () => {
      const after = edit(PIPELINE, { op: 'renameJob', from: 'report #1', to: 'report' });
      assert.equal(after, PIPELINE.replace('  "report #1":', '  report:'));
    });

    it('refuses a missing job or a taken name; renaming to itself changes nothing', () => {
      assert.match(errorOf(PIPELINE, { op: 'renameJob', from: 'nope', to: 'x' }), /no job named 'nope'/);
      assert.match(errorOf(PIPELINE, { op: 'renameJob', from: 'fetch', to: 'train' }), /already exists/);
      assert.deepEqual(applyEditOp(PIPELINE, { op: 'renameJob', from: 'fetch', to: 'fetch' }), { edits: [] });
    });
  });

  describe('addNeed', () => {
    const base = lines('jobs:', '  a:', '    run: echo a', '  b:', '    run: echo b', '  c:', '    run: echo c');

    it('adds to block, flow and empty flow lists', () => {
      const text = base.replace('  c:\n', '  c:\n    needs:\n      - a   # first\n').replace('  b:\n', '  b:\n    needs: []\n');
      assert.equal(edit(text, { op: 'addNeed', job: 'c', need: 'b' }), text.replace('      - a   # first\n', '      - a   # first\n      - b\n'));
      assert.equal(edit(text, { op: 'addNeed', job: 'b', need: 'a' }), text.replace('needs: []', 'needs: [a]'));
      const flow = base.replace('  c:\n', '  c:\n    needs: [a,]\n');
      assert.equal(edit(flow, { op: 'addNeed', job: 'c', need: 'b' }), flow.replace('[a,]', '[a, b,]'));
    });

    it('turns `needs: a` into a list and inserts `needs: [x]` where there is none', () => {
      const scalar = base.replace('  c:\n', '  c:\n    needs: a  # first\n');
      assert.equal(edit(scalar, { op: 'addNeed', job: 'c', need: 'b' }), scalar.replace('needs: a ', 'needs: [a, b] '));
      assert.equal(edit(base, { op: 'addNeed', job: 'b', need: 'a' }), base.replace('    run: echo b\n', '    run: echo b\n    needs: [a]\n'));
      const empty = base.replace('  c:\n', '  c:\n    needs:\n');
      assert.equal(edit(empty, { op: 'addNeed', job: 'c', need: 'a' }), base.replace('  c:\n', '  c:\n    needs: [a]\n'));
    });

    it('edits jobs written as {...} in place', () => {
      const text = lines('jobs:', '  a: { run: echo a }', '  b: {run: echo b, needs: a}', '  c: {}');
      const after = edit(edit(text, { op: 'addNeed', job: 'a', need: 'c' }), { op: 'addNeed', job: 'b', need: 'c' });
      assert.equal(after, lines('jobs:', '  a: { run: echo a, needs: [c] }', '  b: {run: echo b, needs: [a, c]}', '  c: {}'));
      assert.equal(edit(text, { op: 'addNeed', job: 'c', need: 'a' }), text.replace('c: {}', 'c: {needs: [a]}'));
    });

    it('quotes odd names in lists', () => {
      let text = lines('jobs:', '  "a b": {run: x}', '  "foo:bar": {run: x}', '  "#x": {run: x}', '  c:', '    run: echo c', '    needs: []');
      for (const need of ['a b', 'foo:bar', '#x']) text = edit(text, { op: 'addNeed', job: 'c', need });
      assert.ok(text.endsWith('    needs: [a b, foo:bar, "#x"]\n'), text);
      assert.deepEqual(needsOf(text).c, ['a b', 'foo:bar', '#x']);
    });

    it('does nothing for an existing need; refuses itself, unknown jobs and cycles', () => {
      assert.deepEqual(applyEditOp(PIPELINE, { op: 'addNeed', job: 'train', need: 'fetch' }), { edits: [] });
      assert.equal(errorOf(PIPELINE, { op: 'addNeed', job: 'train', need: 'train' }), "Job 'train' cannot need itself.");
      assert.match(errorOf(PIPELINE, { op: 'addNeed', job: 'train', need: 'nope' }), /no job with that name/);
      assert.equal(
        errorOf(PIPELINE, { op: 'addNeed', job: 'fetch', need: 'report #1' }),
        "Job 'fetch' cannot need 'report #1': that would make a cycle (fetch → report #1 → train → fetch), since 'report #1' already depends on 'fetch'.",
      );
    });
  });

  describe('removeNeed', () => {
    it('deletes a block item\'s line, comment included', () => {
      assert.equal(edit(PIPELINE, { op: 'removeNeed', job: 'train', need: 'prepare' }), PIPELINE.replace('      - prepare   # cleaned data\n', ''));
    });

    it('deletes flow items with one comma, first, middle and last', () => {
      const text = lines('jobs:', '  a: {run: x}', '  b: {run: x}', '  c: {run: x}', '  d:', '    run: x', '    needs: [a, b, c]  # all');
      assert.ok(edit(text, { op: 'removeNeed', job: 'd', need: 'a' }).includes('needs: [b, c]  # all'));
      assert.ok(edit(text, { op: 'removeNeed', job: 'd', need: 'b' }).includes('needs: [a, c]  # all'));
      assert.ok(edit(text, { op: 'removeNeed', job: 'd', need: 'c' }).includes('needs: [a, b]  # all'));
    });

    it('removes the `needs` key when nothing is left', () => {
      assert.equal(edit(PIPELINE, { op: 'removeNeed', job: 'prepare', need: 'fetch' }), PIPELINE.replace('    needs: fetch\n', ''));
      const text = lines('jobs:', '  a: {run: x}', '  b: {run: x, needs: [a]}', '  c:', '    needs: [a]', '    run: x');
      assert.equal(edit(text, { op: 'removeNeed', job: 'b', need: 'a' }), text.replace('b: {run: x, needs: [a]}', 'b: {run: x}'));
      assert.equal(edit(text, { op: 'removeNeed', job: 'c', need: 'a' }), text.replace('    needs: [a]\n', ''));
    });

    it('does nothing when the need is not there; refuses an unknown job', () => {
      assert.deepEqual(applyEditOp(PIPELINE, { op: 'removeNeed', job: 'fetch', need: 'train' }), { edits: [] });
      assert.match(errorOf(PIPELINE, { op: 'removeNeed', job: 'nope', need: 'fetch' }), /no job named/);
    });
  });

  describe('setField', () => {
    it('replaces a plain value and keeps its comment', () => {
      const after = edit(PIPELINE, { op: 'setField', job: 'fetch', key: 'run', value: 'wget data.csv' });
      assert.equal(after, PIPELINE.replace('curl -sO https://example.org/data.csv', 'wget data.csv'));
    });

    it('turns a one-line value into a block scalar, the comment staying on the header', () => {
      const after = edit(PIPELINE, { op: 'setField', job: 'fetch', key: 'run', value: 'curl a\ncurl b' });
      assert.equal(after, PIPELINE.replace('    run: curl -sO https://example.org/data.csv   # mirror if slow\n', '    run: |-   # mirror if slow\n      curl a\n      curl b\n'));
    });

    it('keeps block scalars block scalars, literal or folded', () => {
      const literal = edit(PIPELINE, { op: 'setField', job: 'prepare', key: 'run', value: 'make\n' });
      assert.equal(literal, PIPELINE.replace('      python prepare.py\n      echo prepared\n', '      make\n'));
      const folded = edit(PIPELINE, { op: 'setField', job: 'report #1', key: 'description', value: 'Short' });
      assert.equal(folded, PIPELINE.replace('>-\n      Summarise the\n      training run\n', '>-\n      Short\n'));
      assertOnlyJobChanged(PIPELINE, folded, 'report #1');
      const lined = edit(PIPELINE, { op: 'setField', job: 'report #1', key: 'description', value: 'Line one\nline two' });
      assert.ok(lined.includes('    description: |-\n      Line one\n      line two\n    run: echo report'), 'folding would double the breaks, so it becomes literal');
    });

    it('inserts a missing key after the job\'s last field, and removes a key with its lines', () => {
      const host = edit(PIPELINE, { op: 'setField', job: 'prepare', key: 'host', value: 'hpc' });
      assert.equal(host, PIPELINE.replace('      echo prepared\n', '      echo prepared\n    host: hpc\n'));
      const described = edit(PIPELINE, { op: 'setField', job: 'fetch', key: 'description', value: 'Line one\nline two' });
      assert.ok(described.includes('# mirror if slow\n    description: |-\n      Line one\n      line two\n\n  prepare:'), described);
      const gone = edit(PIPELINE, { op: 'setField', job: 'report #1', key: 'description' });
      assert.equal(gone, PIPELINE.replace('    description: >-\n      Summarise the\n      training run\n', ''));
      const text = lines('jobs:', '  a: {run: x, host: local}');
      assert.equal(edit(text, { op: 'setField', job: 'a', key: 'host' }), lines('jobs:', '  a: {run: x}'));
      assert.equal(edit(text, { op: 'setField', job: 'a', key: 'description', value: 'a\nb' }), lines('jobs:', '  a: {run: x, host: local, description: "a\\nb"}'));
    });

    it('changes nothing when the value is already there or the key already absent', () => {
      assert.deepEqual(applyEditOp(PIPELINE, { op: 'setField', job: 'train', key: 'host', value: 'hpc' }), { edits: [] });
      assert.deepEqual(applyEditOp(PIPELINE, { op: 'setField', job: 'train', key: 'run' }), { edits: [] });
    });

    it('refuses keys other than the text fields', () => {
      assert.match(errorOf(PIPELINE, { op: 'setField', job: 'train', key: 'retries' as 'run', value: '3' }), /Only run, script, host, description/);
    });
  });

  describe('CRLF files', () => {
    const crlf = PIPELINE.replace(/\n/g, '\r\n');
    const noLoneLf = (text: string) => assert.ok(!/[^\r]\n/.test(text), 'every line break is CRLF');

    it('get CRLF in every inserted line', () => {
      noLoneLf(edit(crlf, { op: 'addJob', name: 'x', run: 'a\nb', needs: ['fetch'] }));
      noLoneLf(edit(crlf, { op: 'deleteJob', name: 'fetch' }));
      noLoneLf(edit(crlf, { op: 'addNeed', job: 'report #1', need: 'fetch' }));
      noLoneLf(edit(crlf, { op: 'setField', job: 'fetch', key: 'run', value: 'a\nb' }));
      noLoneLf(edit(crlf, { op: 'setField', job: 'prepare', key: 'run', value: 'a\nb\n' }));
      noLoneLf(edit(crlf, { op: 'setField', job: 'fetch', key: 'host', value: 'hpc' }));
      const text = 'jobs:\r\n  a:\r\n    run: x\r\n  b:\r\n    run: y\r\n    needs:\r\n      - a\r\n';
      assert.equal(edit(text, { op: 'addJob', name: 'c', needs: ['a'] }, ["no-command: Job 'c' has nothing to run: give it 'run' or 'script'."]), text + '  c:\r\n    needs: [a]\r\n');
      const three = text + '  c:\r\n    run: z\r\n';
      assert.equal(edit(three, { op: 'addNeed', job: 'b', need: 'c' }), three.replace('      - a\r\n', '      - a\r\n      - c\r\n'));
    });
  });

  describe('refusals instead of mangling', () => {
    it('cloudmesh-cc files are read-only until converted', () => {
      const text = readFileSync(join(FIXTURES, 'cloudmesh', 'workflow-abc.yaml'), 'utf8');
      assert.match(errorOf(text, { op: 'addNeed', job: 'd', need: 'b' }), /cloudmesh-cc .* convert it to \.ccwf first/);
    });

    it('flow-style jobs, broken YAML, aliases and malformed ops', () => {
      assert.match(errorOf('jobs: {a: {run: x}}\n', { op: 'addJob', name: 'b' }), /flow style/);
      assert.match(errorOf('jobs:\n  a: [unclosed\n', { op: 'deleteJob', name: 'a' }), /Fix the file first/);
      assert.match(errorOf('jobs:\n  a: {run: x}\n  a: {run: y}\n', { op: 'deleteJob', name: 'a' }), /Fix the file first/);
      const alias = lines('jobs:', '  a: {run: x}', '  b:', '    needs: &n [a]', '    run: y', '  c:', '    needs: *n', '    run: z');
      assert.match(errorOf(alias, { op: 'deleteJob', name: 'a' }), /alias/);
      assert.match(errorOf(PIPELINE, { op: 'explode' } as unknown as EditOp), /Unknown edit 'explode'/);
      assert.match(errorOf(PIPELINE, null as unknown as EditOp), /Unknown edit/);
      assert.match(errorOf(PIPELINE, { op: 'deleteJob', name: 3 } as unknown as EditOp), /must be text/);
    });

    it('never throws, whatever the text', () => {
      const ops: EditOp[] = [
        { op: 'addJob', name: 'n', run: 'x' },
        { op: 'deleteJob', name: 'a' },
        { op: 'addNeed', job: 'b', need: 'a' },
        { op: 'setField', job: 'a', key: 'run', value: 'y\nz' },
      ];
      const base = lines('jobs:', '  a:', '    run: x', '  b:', '    needs: [a]', '    run: |', '      y');
      for (let cut = 0; cut <= base.length; cut++) {
        for (const op of ops) {
          const result = applyEditOp(base.slice(0, cut), op);
          if ('edits' in result) assert.equal(newProblems(base.slice(0, cut), applyTextEdits(base.slice(0, cut), result.edits)).filter((p) => p.startsWith('yaml')).length, 0);
        }
      }
    });
  });

  it('ops on one job leave every byte outside its lines alone', () => {
    const ops: EditOp[] = [
      { op: 'addNeed', job: 'report #1', need: 'fetch' },
      { op: 'addNeed', job: 'prepare', need: 'x' },
      { op: 'removeNeed', job: 'train', need: 'fetch' },
      { op: 'removeNeed', job: 'report #1', need: 'train' },
      { op: 'setField', job: 'fetch', key: 'description', value: 'first\nsecond' },
      { op: 'setField', job: 'prepare', key: 'run', value: 'one line' },
      { op: 'setField', job: 'train', key: 'host' },
      { op: 'setField', job: 'report #1', key: 'script', value: 'report.py' },
    ];
    const text = PIPELINE.replace('jobs:\n', 'jobs:\n  x: {run: x}\n');
    for (const op of ops) {
      const after = edit(text, op, op.op === 'setField' && op.key === 'script' ? ["run-and-script: Job 'report #1' has both 'run' and 'script'; keep one."] : []);
      assertOnlyJobChanged(text, after, 'job' in op ? op.job : '');
    }
  });

  it('applyTextEdits applies disjoint edits in any order', () => {
    const edits = [
      { offset: 0, length: 1, text: 'A' },
      { offset: 4, length: 0, text: '!' },
      { offset: 2, length: 1, text: '' },
    ];
    assert.equal(applyTextEdits('abcd', edits), 'Abd!');
    assert.equal(applyTextEdits('abcd', [...edits].reverse()), 'Abd!');
  });
});
