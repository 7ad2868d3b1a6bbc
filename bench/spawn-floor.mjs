// The bare floor: the same processes as ccwf starts (`/bin/sh -c true`), spawned with
// child_process at the same concurrency and in the same dependency order, and nothing else.
// usage: node spawn-floor.mjs fan N CONCURRENCY | chain N
import { spawn } from 'node:child_process';

const [shape, countText, concurrencyText] = process.argv.slice(2);
const count = Number(countText);
const concurrency = Number(concurrencyText ?? 1);
const one = () => new Promise((resolve) => spawn('true', { shell: true, stdio: 'ignore' }).on('exit', resolve));

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
