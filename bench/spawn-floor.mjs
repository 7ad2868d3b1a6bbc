// The bare floor: the same processes as ccwf starts (`/bin/sh -c true`), spawned with
// child_process at the same concurrency and in the same dependency order, and nothing else.
// usage: node spawn-floor.mjs fan N CONCURRENCY [LOGDIR] | chain N [LOGDIR]
// With LOGDIR each process writes into a log file of its own, as ccwf's jobs do: that peer
// separates the cost of keeping a log per job from the engine's own overhead.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';

const [shape, countText, ...rest] = process.argv.slice(2);
const count = Number(countText);
const concurrency = shape === 'chain' ? 1 : Number(rest.shift());
const logDir = rest[0];
if (logDir) mkdirSync(logDir, { recursive: true });
let made = 0;
const one = () =>
  new Promise((resolve) => {
    const fd = logDir ? openSync(join(logDir, `${made++}.log`), 'a+') : 'ignore';
    const child = spawn('true', { shell: true, stdio: ['ignore', fd, fd] });
    if (typeof fd === 'number') closeSync(fd);
    child.on('exit', resolve);
  });

if (shape === 'chain') {
  for (let i = 0; i < count; i++) await one();
} else {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await one(); // the final job that needs all the others
}
