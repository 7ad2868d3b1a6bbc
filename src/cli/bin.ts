import { cli } from './cli.js';
import { ipcAsk } from './ipc-ask.js';
import { terminalAsk } from './terminal-ask.js';

const controller = new AbortController();
let interrupts = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    // First signal: cancel jobs and write the record's end. A second one: leave now.
    if (++interrupts > 1) process.exit(130);
    controller.abort();
  });
}

const code = await cli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
  signal: controller.signal,
  // A person at the terminal, else the VS Code window that started this run (over IPC), else nobody.
  ...(process.stdin.isTTY ? { ask: terminalAsk } : process.send ? { ask: ipcAsk() } : {}),
});
process.exitCode = code;
