import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceRange } from '../../src/core/model/source-range.js';
import { analyze } from '../../src/language/analysis.js';
import { jobLenses, lensTitle } from '../../src/language/code-lenses.js';
import { documentSymbols, foldingRanges, selectionRanges } from '../../src/language/symbols.js';
import type { SymbolNode } from '../../src/language/types.js';
import { FIXTURES } from './helpers.js';
import { TEST_CONTEXT } from './language-fixtures.js';

const pipeline = readFileSync(join(FIXTURES, 'edit', 'pipeline.ccwf'), 'utf8');
const slice = (text: string, r: SourceRange) => text.slice(r.start, r.end);

function outline(text: string, symbols: readonly SymbolNode[]): string[] {
  return symbols.flatMap((s) => {
    assert.ok(s.range.start <= s.selectionRange.start && s.selectionRange.end <= s.range.end, `${s.name}: selection inside range`);
    const line = `${s.kind} ${slice(text, s.selectionRange)}${s.detail ? ` — ${s.detail}` : ''}`;
    return [line, ...outline(text, s.children).map((c) => `  ${c}`)];
  });
}

describe('language: document symbols', () => {
  it('lists hosts with their kind and jobs with their command and host', () => {
    assert.deepEqual(outline(pipeline, documentSymbols(analyze(pipeline))), [
      'key name — pipeline',
      'hosts hosts — 1 host',
      '  host hpc — slurm · hpc-login',
      'jobs jobs — 4 jobs',
      '  job fetch — curl -sO https://example.org/data.csv',
      '  job prepare — python prepare.py …',
      '  job train — train.py · on hpc',
      '  job "report #1" — echo report',
    ]);
  });

  it('spans each job from its key to its last value, without the blank line after it', () => {
    const jobs = documentSymbols(analyze(pipeline)).find((s) => s.kind === 'jobs')!;
    const fetch = jobs.children[0]!;
    assert.equal(slice(pipeline, fetch.range), 'fetch:\n    run: curl -sO https://example.org/data.csv   # mirror if slow');
    assert.equal(fetch.name, 'fetch');
    assert.equal(jobs.children[3]!.name, 'report #1');
  });

  it('finds the nodes of a cloudmesh-cc workflow as its jobs', () => {
    const text = readFileSync(join(FIXTURES, 'cloudmesh', 'workflow-abc.yaml'), 'utf8');
    assert.deepEqual(outline(text, documentSymbols(analyze(text))), [
      'key workflow',
      '  jobs nodes — 4 jobs',
      '    job a — echo a',
      '    job b — echo b',
      '    job c — echo c · on hpc.example.org',
      '    job d — echo d',
      'key colors',
    ]);
  });

  it('gives nothing for a file that is not a mapping', () => {
    assert.deepEqual(documentSymbols(analyze('- a\n- b\n')), []);
    assert.deepEqual(documentSymbols(analyze('')), []);
  });
});

describe('language: folding ranges', () => {
  it('folds multi-line mappings, lists and block scalars from their key, and runs of comments', () => {
    const text = `# A comment
# of two lines.
${pipeline}`;
    const analysis = analyze(text);
    const lines = foldingRanges(analysis).map((f) => `${analysis.lines.lineOf(f.start) + 1}-${analysis.lines.lineOf(f.end) + 1}${f.kind ? ` ${f.kind}` : ''} ${text.slice(f.start, f.end).split(/[:\n]/)[0]}`);
    assert.deepEqual(lines, [
      '1-3 comment # A comment', // the two added lines and the pipeline's first comment line
      '5-6 hosts',
      '8-31 jobs',
      '10-11 fetch',
      '13-17 prepare',
      '15-17 run',
      '19-24 train',
      '20-22 needs',
      '26-31 "report #1"',
      '28-30 description',
    ]);
  });

  it('folds the same lines with Windows line breaks', () => {
    const lines = (text: string) => {
      const analysis = analyze(text);
      return foldingRanges(analysis).map((f) => [analysis.lines.lineOf(f.start), analysis.lines.lineOf(f.end)]);
    };
    assert.deepEqual(lines(pipeline.replace(/\n/g, '\r\n')), lines(pipeline));
  });

  it('does not fold one-line values', () => {
    assert.deepEqual(foldingRanges(analyze('jobs:\n  a: { run: echo }\n')), [{ start: 0, end: 24 }]);
  });
});

describe('language: selection ranges', () => {
  it('grows from the word to the scalar, its pair, the mapping, the enclosing pairs and the document', () => {
    const text = 'jobs:\n  train:\n    run: python train.py\n    needs: [fetch]\n  fetch:\n    run: echo\n';
    const [chain] = selectionRanges(analyze(text), [text.indexOf('train.py') + 2]);
    assert.deepEqual(chain!.map((r) => slice(text, r)), [
      'train.py',
      'python train.py',
      'run: python train.py',
      'run: python train.py\n    needs: [fetch]',
      'train:\n    run: python train.py\n    needs: [fetch]',
      'train:\n    run: python train.py\n    needs: [fetch]\n  fetch:\n    run: echo',
      text.trimEnd(),
      text,
    ]);
  });

  it('inside a flow list: the item, the list, the pair', () => {
    const text = 'jobs:\n  a:\n    needs: [fetch, train]\n';
    const [chain] = selectionRanges(analyze(text), [text.indexOf('train]') + 1]);
    assert.deepEqual(chain!.map((r) => slice(text, r)).slice(0, 3), ['train', '[fetch, train]', 'needs: [fetch, train]']);
  });

  it('answers each offset and stays inside the text for every offset', () => {
    const analysis = analyze(pipeline);
    const offsets = Array.from({ length: pipeline.length + 1 }, (_, i) => i);
    const chains = selectionRanges(analysis, offsets);
    assert.equal(chains.length, offsets.length);
    chains.forEach((chain, i) => {
      assert.ok(chain.length > 0);
      chain.forEach((r, j) => {
        assert.ok(r.start <= i && i <= r.end && r.end <= pipeline.length, `offset ${i}`);
        if (j > 0) assert.ok(r.start <= chain[j - 1]!.start && r.end >= chain[j - 1]!.end, `offset ${i}: grows`);
      });
    });
  });
});

describe('language: job lenses', () => {
  const text = 'jobs:\n  fetch:\n    run: echo\n  train:\n    run: echo\n  report:\n    run: echo\n  new:\n    run: echo\n';

  it('puts one lens on each job key, with the last run when there was one', () => {
    const lenses = jobLenses(analyze(text), TEST_CONTEXT);
    assert.deepEqual(
      lenses.map((l) => [l.job, slice(text, l.range), lensTitle(l)]),
      [
        ['fetch', 'fetch', 'done · 1.2s'],
        ['train', 'train', 'failed · 3.0s'],
        ['report', 'report', 'skipped'],
        ['new', 'new', 'not run yet'],
      ],
    );
    assert.deepEqual(lenses[0], { job: 'fetch', range: { start: 8, end: 13 }, status: 'done', durationMs: 1200 });
  });

  it('without a last run, the lenses carry no status', () => {
    assert.ok(jobLenses(analyze(text)).every((l) => l.status === undefined && l.durationMs === undefined));
  });
});
