import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/language/analysis.js';
import { diagnosticsOf } from '../../src/language/diagnostics.js';
import { FIXTURES } from './helpers.js';
import { showRange } from './language-fixtures.js';

describe('language: diagnostics', () => {
  it('a cycle comes with each of its edges as related locations', () => {
    const text = readFileSync(join(FIXTURES, 'diagnostics', 'cycle.ccwf'), 'utf8');
    const cycle = diagnosticsOf(analyze(text)).find((d) => d.code === 'cycle')!;
    assert.deepEqual(cycle.related!.map((r) => `${showRange(text, r.range)} ${r.message}`), [
      "4:13-4:14 c 'a' needs 'c'",
      "10:13-10:14 b 'c' needs 'b'",
      "7:13-7:14 a 'b' needs 'a'",
    ]);
  });

  it('a duplicate key points at its first copy', () => {
    const text = readFileSync(join(FIXTURES, 'diagnostics', 'duplicate-key.ccwf'), 'utf8');
    const [duplicate] = diagnosticsOf(analyze(text));
    assert.equal(showRange(text, duplicate!.range).split(' ')[0], '4:3-4:4');
    assert.deepEqual(duplicate!.related!.map((r) => `${showRange(text, r.range)} ${r.message}`), ["2:3-2:4 a 'a' is first written here."]);
  });

  it('run and script together: the run is related', () => {
    const text = 'jobs:\n  a:\n    run: echo a\n    script: a.sh\n';
    const [both] = diagnosticsOf(analyze(text)).filter((d) => d.code === 'run-and-script');
    assert.deepEqual(both!.related!.map((r) => `${showRange(text, r.range)} ${r.message}`), ["3:10-3:16 echo a The 'run' of job 'a'."]);
  });

  it('are in text order, for both formats', () => {
    const ccwf = readFileSync(join(FIXTURES, 'diagnostics', 'bad-values.ccwf'), 'utf8');
    const cloudmesh = 'workflow:\n  nodes:\n    a: { exec: echo }\n  dependencies:\n    - a,b\n    - a,a\n';
    for (const text of [ccwf, cloudmesh]) {
      const starts = diagnosticsOf(analyze(text)).map((d) => d.range.start);
      assert.ok(starts.length > 0);
      assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
    }
    assert.deepEqual(diagnosticsOf(analyze(cloudmesh)).map((d) => d.code), ['unknown-job']);
  });

  it('a context validates the same model again: extra hosts and files count', () => {
    const text = 'jobs:\n  a:\n    script: a.sh\n  b:\n    run: echo b\n    host: gpu\n';
    const analysis = analyze(text);
    assert.deepEqual(diagnosticsOf(analysis).map((d) => d.code), ['unknown-host']);
    const context = { extraHosts: [{ name: 'gpu', source: '~/.ssh/config' }], fileExists: () => false };
    assert.deepEqual(diagnosticsOf(analysis, context).map((d) => d.code), ['missing-script']);
  });

  it('while the YAML is broken, only its syntax errors', () => {
    const text = readFileSync(join(FIXTURES, 'diagnostics', 'syntax.ccwf'), 'utf8');
    assert.ok(diagnosticsOf(analyze(text), { fileExists: () => false }).every((d) => d.code === 'yaml-syntax'));
  });
});
