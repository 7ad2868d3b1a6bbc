import assert from 'node:assert/strict';
import { join } from 'node:path';
import { applyTextEdits } from '../../src/core/edit/apply-edit-op.js';
import { parseWorkflow } from '../../src/core/parse/parse-workflow.js';
import { analyze } from '../../src/language/analysis.js';
import { definition, prepareRename, references, rename } from '../../src/language/navigation.js';
import { assertGolden, fixtureFiles, LANGUAGE_FIXTURES, readCursorFixture, showRange, TEST_CONTEXT } from './language-fixtures.js';

function eachFixture(feature: string, run: (text: string, offset: number, path: string) => unknown): void {
  const dir = join(LANGUAGE_FIXTURES, feature);
  for (const file of fixtureFiles(feature)) {
    it(file, () => {
      const { text, offset } = readCursorFixture(join(dir, file));
      assertGolden(join(dir, file), run(text, offset, join(dir, file)));
    });
  }
}

describe('language: definition (golden fixtures)', () => {
  eachFixture('definition', (text, offset) =>
    definition(analyze(text), offset).map((link) => `${showRange(text, link.origin)} → ${showRange(text, link.target)}`),
  );
});

describe('language: references (golden fixtures)', () => {
  eachFixture('references', (text, offset) => ({
    withDeclaration: references(analyze(text), offset, true).map((r) => showRange(text, r)),
    usesOnly: references(analyze(text), offset, false).map((r) => showRange(text, r)),
  }));
});

/** Each fixture's first line says `# rename to: "NEW NAME"` (JSON, so spaces show). */
describe('language: rename (golden fixtures)', () => {
  eachFixture('rename', (text, offset) => {
    const to = JSON.parse(/^# rename to: (.*)$/m.exec(text)![1]!) as string;
    const analysis = analyze(text, TEST_CONTEXT);
    const prepared = prepareRename(analysis, offset, TEST_CONTEXT);
    const prepare = 'error' in prepared ? prepared : `${showRange(text, prepared.range)} (placeholder ${prepared.placeholder})`;
    const result = rename(analysis, offset, to, TEST_CONTEXT);
    if ('error' in result) return { prepare, error: result.error };
    const after = applyTextEdits(text, result.edits);
    return {
      prepare,
      edits: [...result.edits].sort((a, b) => a.offset - b.offset).map((e) => `${showRange(text, { start: e.offset, end: e.offset + e.length })} → ${e.text}`),
      result: after.split('\n'),
    };
  });
});

describe('language: rename', () => {
  it('leaves a file that parses to the same workflow with the name changed everywhere', () => {
    const text = 'hosts:\n  hpc: { kind: slurm }\ndefaults: { host: hpc }\njobs:\n  a: { run: echo a, host: hpc }\n  b:\n    run: echo b\n';
    const result = rename(analyze(text), text.indexOf('hpc'), 'big iron, [2]');
    assert.ok('edits' in result, JSON.stringify(result));
    const after = parseWorkflow(applyTextEdits(text, result.edits));
    assert.deepEqual(after.diagnostics, []);
    assert.deepEqual([...after.workflow.jobs.values()].map((j) => j.host), ['big iron, [2]', 'big iron, [2]']);
  });

  it('renaming to the same name changes nothing', () => {
    const text = 'jobs:\n  a:\n    run: echo a\n';
    assert.deepEqual(rename(analyze(text), text.indexOf('a:'), 'a'), { edits: [] });
  });
});
