import type { DefaultRunnerOptions } from '../core/runners/default-runners.js';
import type { CliIo } from './io.js';

/**
 * How the CLI answers what remote hosts ask: an unknown host key is shown with its fingerprint and
 * accepted only by the person at the terminal or by `--accept-new-host-keys`; a key's passphrase is
 * asked on the terminal, never read from a file. Without a terminal both are refused, saying why.
 */
export function remotePrompts(io: CliIo, acceptNewHostKeys: boolean): DefaultRunnerOptions {
  // One question at a time: two hosts asking at once would interleave on the terminal.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(ask: () => Promise<T>): Promise<T> => {
    const next = queue.then(ask, ask);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    confirmHostKey: (q) => serial(async () => {
      const where = q.port === 22 ? q.host : `[${q.host}]:${q.port}`;
      if (acceptNewHostKeys) {
        io.stderr.write(`ccwf: accepting the new ${q.keyType} key of ${where} (${q.fingerprint}) and adding it to known_hosts\n`);
        return true;
      }
      if (!io.ask) {
        io.stderr.write(`ccwf: ${where} is not in known_hosts; its ${q.keyType} key is ${q.fingerprint}. Check that fingerprint, then run again with --accept-new-host-keys.\n`);
        return false;
      }
      const answer = await io.ask(`The authenticity of host '${where}' can't be established.\n${q.keyType} key fingerprint is ${q.fingerprint}.\nAccept it and add it to known_hosts (yes/no)? `);
      return /^y(es)?$/i.test(answer?.trim() ?? '');
    }),
    ...(io.ask ? { prompt: (message: string) => serial(() => io.ask!(`${message}: `, { secret: true })) } : {}),
  };
}
