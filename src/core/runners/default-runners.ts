import { LocalRunner } from './local-runner.js';
import type { Runners } from './runner.js';
import type { AuthOptions } from './ssh-auth.js';
import type { ConfirmHostKey } from './ssh-host-key-check.js';
import { LazyRunner } from './lazy-runner.js';
import { WslRunner } from './wsl-runner.js';

export interface DefaultRunnerOptions {
  /** Asks for a key's passphrase; without it encrypted keys not in the agent are skipped. */
  readonly prompt?: AuthOptions['prompt'];
  /** Decides about a host key not in known_hosts; without it such hosts are refused. */
  readonly confirmHostKey?: ConfirmHostKey;
  /** Default ~/.ssh/config. */
  readonly sshConfigPath?: string;
  /** Overrides UserKnownHostsFile (and the global known hosts) for every host. */
  readonly knownHostsPath?: string;
}

/**
 * The runners for every host kind this machine can reach: local processes, ssh hosts and WSL.
 * Whoever creates them disposes them (`dispose()` closes ssh connections).
 */
export function defaultRunners(options: DefaultRunnerOptions = {}): Runners {
  return {
    local: new LocalRunner(),
    ssh: new LazyRunner(async () => new (await import('./ssh-runner.js')).SshRunner({
      ...(options.prompt ? { prompt: options.prompt } : {}),
      ...(options.confirmHostKey ? { confirmHostKey: options.confirmHostKey } : {}),
      ...(options.sshConfigPath ? { sshConfigPath: options.sshConfigPath } : {}),
      ...(options.knownHostsPath ? { knownHostsPath: options.knownHostsPath } : {}),
    })),
    wsl: new WslRunner(),
  };
}

/** Closes what `defaultRunners` opened. */
export async function disposeRunners(runners: Runners): Promise<void> {
  await Promise.all(Object.values(runners).map((r) => r?.dispose?.()));
}
