import ssh2, { type Client, type ClientChannel, type ConnectConfig, type HostVerifier, type ServerHostKeyAlgorithm, type SFTPWrapper } from 'ssh2';
import type { Duplex } from 'node:stream';
import { ChannelLimit } from './channel-limit.js';
import { authHandler, type AuthOptions } from './ssh-auth.js';
import { ControlShell } from './ssh-control-shell.js';
import type { SshDestination } from './ssh-destination.js';
import { checkHostKey, type HostKeyPolicy } from './ssh-host-key-check.js';
import { knownHostName, knownKeyTypes, readKnownHosts } from './ssh-known-hosts.js';

export interface SshConnectionOptions {
  readonly destination: SshDestination;
  /** Resolves a ProxyJump hop by name, as the config says. */
  readonly resolve: (name: string) => SshDestination;
  readonly auth: AuthOptions;
  readonly hostKeys: (destination: SshDestination) => HostKeyPolicy;
  /** Channels open at once (control shell, SFTP, exit followers, ...); default 8 of OpenSSH's 10. */
  readonly maxChannels?: number;
  /** How long to keep trying to reconnect before the jobs on this host are given up. */
  readonly reconnectForMs?: number;
}

/** A failure that trying again will not fix: a refused host key, a refused login. */
export class PermanentSshError extends Error {}

const RSA_ALGORITHMS = ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
const HOST_KEY_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', ...RSA_ALGORITHMS];

/**
 * One ssh connection to one host, shared by every job there. When it drops it is re-opened with
 * exponential backoff; users wait in `client()` meanwhile. The control shell and SFTP session
 * belong to one connection and are made again on the next.
 */
export class SshConnection {
  private current: Client | undefined;
  private reconnecting: Promise<Client> | undefined;
  private everConnected = false;
  private disposed = false;
  private limit: ChannelLimit;
  private sftpSession: Promise<SFTPWrapper> | undefined;
  private controlShell: Promise<ControlShell> | undefined;
  private hops: Client[] = [];
  /** The remote $HOME, learnt from the first control shell. */
  home = '';

  constructor(private readonly options: SshConnectionOptions) {
    this.limit = new ChannelLimit(options.maxChannels ?? 8);
  }

  get name(): string {
    return this.options.destination.name;
  }

  /** The open connection, waiting for a reconnect if it is down. Rejects on a permanent failure. */
  client(): Promise<Client> {
    if (this.disposed) return Promise.reject(new Error('the ssh connection was closed'));
    if (this.current) return Promise.resolve(this.current);
    this.reconnecting ??= (this.everConnected ? this.reconnect() : this.connect()).finally(() => (this.reconnecting = undefined));
    return this.reconnecting;
  }

  /** An exec channel, waiting for a free slot under the channel limit. */
  async exec(command: string): Promise<ClientChannel> {
    const release = await this.limit.acquire();
    try {
      const client = await this.client();
      const channel = await new Promise<ClientChannel>((resolve, reject) => client.exec(command, (err, ch) => (err ? reject(err) : resolve(ch))));
      channel.once('close', release);
      return channel;
    } catch (error) {
      release();
      throw error;
    }
  }

  sftp(): Promise<SFTPWrapper> {
    this.sftpSession ??= (async () => {
      const release = await this.limit.acquire();
      try {
        const client = await this.client();
        const sftp = await new Promise<SFTPWrapper>((resolve, reject) => client.sftp((err, s) => (err ? reject(err) : resolve(s))));
        sftp.once('close', () => {
          release();
          this.sftpSession = undefined;
        });
        return sftp;
      } catch (error) {
        release();
        this.sftpSession = undefined;
        throw error;
      }
    })();
    return this.sftpSession;
  }

  control(): Promise<ControlShell> {
    this.controlShell ??= (async () => {
      try {
        const channel = await this.exec('exec /bin/sh');
        const shell = new ControlShell(channel, (closed) => {
          if (this.controlShell && closed === shellOf) this.controlShell = undefined;
        });
        const shellOf = shell;
        const hello = await shell.run('echo "$HOME"');
        this.home = hello.lines.at(-1) ?? this.home;
        return shell;
      } catch (error) {
        this.controlShell = undefined;
        throw error;
      }
    })();
    return this.controlShell;
  }

  dispose(): void {
    this.disposed = true;
    this.current?.end();
    for (const hop of this.hops) hop.end();
    this.current = undefined;
  }

  private async connect(): Promise<Client> {
    const client = await this.open(this.options.destination);
    this.current = client;
    this.everConnected = true;
    client.on('close', () => this.lost(client));
    return client;
  }

  private lost(client: Client): void {
    if (this.current !== client) return;
    this.current = undefined;
    for (const hop of this.hops.splice(0)) hop.end();
    void this.controlShell?.then((s) => s.close(new Error('the connection to the host was lost')), () => undefined);
    this.controlShell = undefined;
    this.sftpSession = undefined;
    this.limit = new ChannelLimit(this.options.maxChannels ?? 8); // the old channels died with the connection
  }

  /** Exponential backoff from 0.25 s to 5 s; gives up after `reconnectForMs` or on a permanent error. */
  private async reconnect(): Promise<Client> {
    const giveUpAt = Date.now() + (this.options.reconnectForMs ?? 10 * 60_000);
    for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
      if (this.disposed) throw new Error('the ssh connection was closed');
      try {
        return await this.connect();
      } catch (error) {
        if (error instanceof PermanentSshError || Date.now() + delay > giveUpAt) throw error;
      }
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  /** Opens a connection to `destination`, through its ProxyJump hops first. */
  private async open(destination: SshDestination): Promise<Client> {
    let sock: Duplex | undefined;
    for (const hopName of destination.proxyJump) {
      const hop = await this.handshake(this.options.resolve(hopName), sock);
      this.hops.push(hop);
      sock = await this.forward(hop, destination);
    }
    return this.handshake(destination, sock);
  }

  private forward(hop: Client, to: SshDestination): Promise<Duplex> {
    return new Promise((resolve, reject) => hop.forwardOut('127.0.0.1', 0, to.hostName, to.port, (err, stream) => (err ? reject(err) : resolve(stream))));
  }

  private handshake(destination: SshDestination, sock: Duplex | undefined): Promise<Client> {
    const policy = this.options.hostKeys(destination);
    const keyName = destination.hostKeyAlias ?? knownHostName(destination.hostName, destination.port);
    const known = knownKeyTypes(readKnownHosts(policy.knownHostsFiles), keyName).flatMap((t) => (t === 'ssh-rsa' ? RSA_ALGORITHMS : [t]));
    let hostKeyProblem: string | undefined;
    const hostVerifier: HostVerifier = (key, verify) => {
      void checkHostKey(destination.hostName, destination.port, key, policy, destination.hostKeyAlias).then((problem) => {
        hostKeyProblem = problem;
        verify(problem === undefined);
      });
    };
    const config: ConnectConfig = {
      host: destination.hostName,
      port: destination.port,
      username: destination.user,
      ...(sock ? { sock } : {}),
      authHandler: authHandler(destination, this.options.auth),
      hostVerifier,
      // Ask first for a key type we already know for this host, as OpenSSH does.
      algorithms: { serverHostKey: [...new Set([...known, ...HOST_KEY_ALGORITHMS])] as ServerHostKeyAlgorithm[] },
      readyTimeout: destination.connectTimeoutMs ?? 30_000,
      keepaliveInterval: 15_000,
      keepaliveCountMax: 3,
      ...(process.env.CCWF_SSH_DEBUG ? { debug: (message: string) => process.stderr.write(`ssh2: ${message}\n`) } : {}),
    };
    const client = new ssh2.Client();
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (error: Error & { level?: string }) => {
        if (settled) return;
        settled = true;
        client.end();
        if (hostKeyProblem) reject(new PermanentSshError(`${destination.name}: ${hostKeyProblem}`));
        else if (error.level === 'client-authentication') reject(new PermanentSshError(`${destination.name}: could not log in as ${destination.user} (no key was accepted)`));
        else reject(new Error(`${destination.name}: ${error.message}`));
      };
      const closed = () => fail(new Error('the connection closed during the handshake'));
      client.once('ready', () => {
        settled = true;
        client.removeListener('close', closed);
        resolve(client);
      });
      // Kept for the connection's life: ssh2 may report several errors, and later ones end in 'close', which the owner handles.
      client.on('error', fail);
      client.once('close', closed);
      client.connect(config);
      // Small writes (commands, acknowledgements) must not wait for Nagle: ~75 ms vs ~117 ms a round trip.
      client.setNoDelay(true);
    });
  }
}
