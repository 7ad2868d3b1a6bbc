import assert from 'node:assert/strict';
import { ThrottledBatch } from '../../src/core/util/throttled-batch.js';

describe('throttled batches of live updates', () => {
  it('delivers every key, in at most 30 batches a second however fast keys arrive', async () => {
    const batches: string[][] = [];
    const batch = new ThrottledBatch<string>(30, (keys) => batches.push([...keys]));
    const started = Date.now();
    let marked = 0;
    // 10,000 jobs changing as fast as the event loop allows for half a second.
    while (Date.now() - started < 500) {
      for (let i = 0; i < 200; i++) batch.mark(`job${marked++ % 10_000}`);
      await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => setTimeout(r, 100));
    const elapsed = Date.now() - started;
    assert.ok(batches.length <= Math.ceil(elapsed / (1000 / 30)) + 1, `${batches.length} batches in ${elapsed} ms`);
    assert.ok(batches.length >= 2, 'updates keep flowing while keys keep changing');
    const seen = new Set(batches.flat());
    assert.equal(seen.size, Math.min(marked, 10_000));
    batch.dispose();
  });

  it('sends a lone change at once rather than waiting for the interval', async () => {
    const batches: string[][] = [];
    const batch = new ThrottledBatch<string>(1, (keys) => batches.push([...keys]));
    batch.mark('a');
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(batches, [['a']]);
    batch.dispose();
  });
});
