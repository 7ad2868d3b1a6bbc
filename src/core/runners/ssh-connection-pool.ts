import { readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { parseSshConfig, type SshConfigBlock } from '../hosts/ssh-config.js';
import type { Host } from '../model/workflow.js';
import type { AuthOptions } from './ssh-auth.js';
import { SshConnection } from './ssh-connection.js';
import { resolveSshDestination, type SshDestination } from './ssh-destination.js';
import type { ConfirmHostKey } from './ssh-host-key-check.js';

export interface SshPoolOptions {
  /** Default ~/.ssh/config. */
  readonly sshConfigPath?: string;
  /** Overrides UserKnownHostsFile for every host. */
  readonly knownHostsPath?: string;
  readonly confirmHostKey?: ConfirmHostKey;
  readonly prompt?: AuthOptions['prompt'];
  /** Default $SSH_AUTH_SOCK. */
  readonly agentSocket?: string;
  readonly maxChannels?: number;
  readonly reconnectForMs?: number;
}

/** Global known hosts, read (never written) as `ssh` does, unless a known_hosts file was given. */
const GLOBAL_KNOWN_HOSTS = ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];

/**
 * One connection per host, shared by all jobs and runs of this process. The config is read when a
 * host is first used, so edits to ~/.ssh/config apply to the next process, as with `ssh`.
 */
export class SshConnectionPool {
  private readonly connections = new Map<string, SshConnection>();
  private readonly home = homedir();

  constructor(private readonly options: SshPoolOptions = {}) {}

  get(host: Host): SshConnection {
    const written = host.ssh ?? host.name;
    const key = `${host.user ?? ''}\0${written}`;
    let connection = this.connections.get(key);
    if (!connection) {
      const blocks = this.config();
      const context = { home: this.home, localUser: localUser(), ...(host.user ? { user: host.user } : {}) };
      const agentSocket = this.options.agentSocket ?? process.env.SSH_AUTH_SOCK;
      connection = new SshConnection({
        destination: resolveSshDestination(written, blocks, context),
        resolve: (name) => resolveSshDestination(name, blocks, { home: this.home, localUser: localUser() }),
        auth: { home: this.home, ...(agentSocket ? { agentSocket } : {}), ...(this.options.prompt ? { prompt: this.options.prompt } : {}) },
        hostKeys: (destination: SshDestination) => ({
          knownHostsFiles: this.options.knownHostsPath ? [this.options.knownHostsPath] : [...destination.knownHostsFiles, ...GLOBAL_KNOWN_HOSTS],
          ...(this.options.confirmHostKey ? { confirmHostKey: this.options.confirmHostKey } : {}),
        }),
        ...(this.options.maxChannels ? { maxChannels: this.options.maxChannels } : {}),
        ...(this.options.reconnectForMs ? { reconnectForMs: this.options.reconnectForMs } : {}),
      });
      this.connections.set(key, connection);
    }
    return connection;
  }

  dispose(): void {
    for (const c of this.connections.values()) c.dispose();
    this.connections.clear();
  }

  private config(): SshConfigBlock[] {
    try {
      return parseSshConfig(readFileSync(this.options.sshConfigPath ?? join(this.home, '.ssh', 'config'), 'utf8'));
    } catch {
      return []; // no config: names are host names, as for `ssh`
    }
  }
}

function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'root';
  }
}
