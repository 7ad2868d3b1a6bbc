import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkflow } from '../../src/core/engine/run-workflow.js';
import { LineIndex } from '../../src/core/util/line-index.js';
import { FIXTURES } from './helpers.js';

/**
 * Golden files: each `X.ccwf` under fixtures/diagnostics has `X.expected.json` listing
 * "LINE:COL code message" for every diagnostic. UPDATE_GOLDEN=1 rewrites them (review the diff).
 */
const DIR = join(FIXTURES, 'diagnostics');

describe('diagnostics (golden fixtures)', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.ccwf'))) {
    it(file, () => {
      const loaded = loadWorkflow(join(DIR, file));
      const index = new LineIndex(loaded.text);
      const actual = loaded.diagnostics.map((d) => {
        const { line, column } = index.position(d.range.start);
        return `${line}:${column} ${d.code} ${d.message}`;
      });
      const golden = join(DIR, file.replace(/\.ccwf$/, '.expected.json'));
      if (process.env.UPDATE_GOLDEN || !existsSync(golden)) writeFileSync(golden, JSON.stringify(actual, null, 2) + '\n');
      assert.deepEqual(actual, JSON.parse(readFileSync(golden, 'utf8')));
    });
  }
});
