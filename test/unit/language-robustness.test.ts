import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceRange } from '../../src/core/model/source-range.js';
import { analyze, type Analysis } from '../../src/language/analysis.js';
import { codeActions } from '../../src/language/code-actions.js';
import { jobLenses } from '../../src/language/code-lenses.js';
import { completions } from '../../src/language/completion.js';
import { diagnosticsOf } from '../../src/language/diagnostics.js';
import { hover } from '../../src/language/hover.js';
import { definition, prepareRename, references, rename } from '../../src/language/navigation.js';
import { documentSymbols, foldingRanges, selectionRanges } from '../../src/language/symbols.js';
import { EXAMPLES, FIXTURES } from './helpers.js';
import { LANGUAGE_FIXTURES, TEST_CONTEXT } from './language-fixtures.js';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const read = (dir: string, filter = /\.(ccwf|yaml)$/) =>
  readdirSync(dir).filter((f) => filter.test(f)).map((f) => readFileSync(join(dir, f), 'utf8').replace('|', ''));

const sources = [
  readFileSync(join(EXAMPLES, 'quickstart', 'quickstart.ccwf'), 'utf8'),
  ...read(join(FIXTURES, 'cloudmesh')),
  ...read(join(FIXTURES, 'diagnostics')),
  ...read(join(FIXTURES, 'edit')),
  ...['completion', 'hover', 'rename'].flatMap((f) => read(join(LANGUAGE_FIXTURES, f))),
];

function inText(text: string, range: SourceRange | undefined, what: string): void {
  if (range && !(0 <= range.start && range.start <= range.end && range.end <= text.length)) {
    assert.fail(`${what} range ${JSON.stringify(range)} outside ${JSON.stringify(text).slice(0, 300)}`);
  }
}

/** Every feature at a few offsets; results must point into the text. */
function exercise(text: string, analysis: Analysis, offsets: readonly number[], withEdits: boolean): void {
  for (const d of diagnosticsOf(analysis, TEST_CONTEXT)) inText(text, d.range, 'diagnostic');
  for (const s of documentSymbols(analysis)) inText(text, s.range, 'symbol');
  for (const f of foldingRanges(analysis)) inText(text, f, 'fold');
  for (const l of jobLenses(analysis, TEST_CONTEXT)) inText(text, l.range, 'lens');
  for (const chain of selectionRanges(analysis, offsets)) chain.forEach((r) => inText(text, r, 'selection'));
  for (const offset of offsets) {
    for (const item of completions(text, offset, analysis, TEST_CONTEXT)) inText(text, item.range, 'completion');
    inText(text, hover(analysis, offset, TEST_CONTEXT)?.range, 'hover');
    for (const link of definition(analysis, offset)) inText(text, link.target, 'definition');
    for (const r of references(analysis, offset)) inText(text, r, 'reference');
    const prepared = prepareRename(analysis, offset, TEST_CONTEXT);
    if (!('error' in prepared)) inText(text, prepared.range, 'rename');
    if (withEdits && !('error' in prepared)) rename(analysis, offset, 'renamed', TEST_CONTEXT);
  }
  if (withEdits) for (const a of codeActions(analysis, { start: 0, end: text.length })) for (const e of a.edits ?? []) inText(text, { start: e.offset, end: e.offset + e.length }, 'edit');
}

describe('language features never throw', () => {
  it('completion at every offset of every fixture, with a fresh and with a stale analysis', () => {
    const stale = analyze(sources[0]!);
    for (const text of sources) {
      const fresh = analyze(text);
      for (let offset = 0; offset <= text.length; offset++) {
        completions(text, offset, fresh, TEST_CONTEXT);
        completions(text, offset, stale, TEST_CONTEXT);
      }
    }
  });

  it('every feature on truncations and random edits of real workflows', () => {
    const next = random(7);
    const pieces = ['', ' ', '\n', ':', '- ', '[', ']', '{', '}', '"', "'", '&a ', '*a', '\t', 'needs: [x]', 'host: ', 'jobs:', '#', '|', '>', ',', '\r\n'];
    let checked = 0;
    for (const text of sources) {
      const before = analyze(text);
      const offsetsOf = (t: string) => Array.from({ length: 6 }, () => Math.floor(next() * (t.length + 1)));
      for (let cut = 0; cut <= text.length; cut += 6) {
        const truncated = text.slice(0, cut);
        exercise(truncated, analyze(truncated, TEST_CONTEXT), [...offsetsOf(truncated), truncated.length], cut % 30 === 0);
        checked++;
      }
      for (let i = 0; i < 40; i++) {
        const at = Math.floor(next() * text.length);
        const edited = text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at + Math.floor(next() * 5));
        exercise(edited, analyze(edited, TEST_CONTEXT), offsetsOf(edited), i % 4 === 0);
        // The analysis of the text before the edit, as completion gets it right after a keystroke.
        for (const offset of offsetsOf(edited)) completions(edited, offset, before, TEST_CONTEXT);
        checked++;
      }
    }
    assert.ok(checked > 2500, `${checked}`);
  });

  it('pathological input: deep nesting, huge lines, binary, no text', () => {
    const inputs = ['', '\0', '['.repeat(5000), `jobs:\n  a:\n    needs: [${'x,'.repeat(3000)}`, `${'  '.repeat(3000)}x:`, 'a: &a [*a]\n', '---\n---\n', ':\n:\n- - -'];
    for (const text of inputs) {
      const analysis = analyze(text);
      exercise(text, analysis, [0, text.length >> 1, text.length], true);
    }
  });
});
