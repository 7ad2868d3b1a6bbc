import assert from 'node:assert/strict';
import { ChannelLimit } from '../../src/core/runners/channel-limit.js';

describe('ssh channel limit', () => {
  it('lets `limit` channels open at once and queues the rest in order', async () => {
    const limit = new ChannelLimit(2);
    const order: number[] = [];
    const releases = await Promise.all([limit.acquire(), limit.acquire()]);
    const waiting = [3, 4].map((n) => limit.acquire().then((release) => (order.push(n), release)));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(order, [], 'nothing beyond the limit opened');
    assert.equal(limit.inUse, 2);
    releases[0]!();
    releases[0]!(); // releasing twice frees one slot, not two
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(order, [3]);
    releases[1]!();
    const [r3, r4] = await Promise.all(waiting);
    assert.deepEqual(order, [3, 4]);
    r3!();
    r4!();
    assert.equal(limit.inUse, 0);
  });
});
