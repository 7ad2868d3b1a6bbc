import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyze } from '../../src/language/analysis.js';
import { hover } from '../../src/language/hover.js';
import { assertGolden, fixtureFiles, LANGUAGE_FIXTURES, readCursorFixture, showRange, TEST_CONTEXT } from './language-fixtures.js';

describe('language: hover (golden fixtures)', () => {
  const dir = join(LANGUAGE_FIXTURES, 'hover');
  for (const file of fixtureFiles('hover')) {
    it(file, () => {
      const { text, offset } = readCursorFixture(join(dir, file));
      const result = hover(analyze(text, TEST_CONTEXT), offset, TEST_CONTEXT);
      assertGolden(join(dir, file), result === undefined ? null : { range: showRange(text, result.range), contents: result.contents.split('\n') });
    });
  }
});

describe('language: hover', () => {
  it('fences text from the file so it cannot break the Markdown', () => {
    const text = 'jobs:\n  a:\n    run: echo ```; echo `x`\n  b:\n    needs: a\n    run: echo b\n';
    const result = hover(analyze(text), text.indexOf('needs: a') + 7)!;
    assert.match(result.contents, /````sh\necho ```; echo `x`\n````/);
  });

  it('shows nothing about the last run without one', () => {
    const text = 'jobs:\n  fetch:\n    run: echo\n';
    assert.doesNotMatch(hover(analyze(text), 3 + text.indexOf('fetch'))!.contents, /Last run/);
  });
});
