import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWorkflow } from '../../src/core/parse/parse-workflow.js';
import { validateWorkflow } from '../../src/core/validate/validate-workflow.js';
import { EXAMPLES, FIXTURES } from './helpers.js';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const sources = [
  readFileSync(join(EXAMPLES, 'quickstart', 'quickstart.ccwf'), 'utf8'),
  ...readdirSync(join(FIXTURES, 'cloudmesh')).map((f) => readFileSync(join(FIXTURES, 'cloudmesh', f), 'utf8')),
  ...readdirSync(join(FIXTURES, 'diagnostics')).filter((f) => f.endsWith('.ccwf')).map((f) => readFileSync(join(FIXTURES, 'diagnostics', f), 'utf8')),
];

describe('parse and validate never throw', () => {
  it('on every truncation and thousands of random edits of real workflows', () => {
    const next = random(42);
    const pieces = ['', ' ', '\n', ':', '- ', '[', ']', '{', '}', '"', "'", '&a ', '*a', '\t', 'needs: [x]', 'jobs:', '#', '|', '>'];
    let checked = 0;
    for (const text of sources) {
      for (let cut = 0; cut <= text.length; cut++) {
        const truncated = text.slice(0, cut);
        const result = parseWorkflow(truncated);
        validateWorkflow(result.workflow, { fileExists: () => true });
        for (const d of result.diagnostics) assert.ok(d.range.start >= 0 && d.range.end <= truncated.length + 1, `range out of text for ${JSON.stringify(truncated)}`);
        checked++;
      }
      for (let i = 0; i < 300; i++) {
        const at = Math.floor(next() * text.length);
        const drop = Math.floor(next() * 5);
        const edited = text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at + drop);
        validateWorkflow(parseWorkflow(edited).workflow);
        checked++;
      }
    }
    assert.ok(checked > 3000);
  });
});
