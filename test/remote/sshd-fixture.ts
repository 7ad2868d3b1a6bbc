/**
 * A private OpenSSH server for the remote suites: Debian's /usr/sbin/sshd on 127.0.0.1 and a free
 * port, with its own sshd_config, host key, authorized key and log in a temp folder, logging in
 * as the current user. The client side gets a temp HOME with `.ssh/config` (alias `ccwf-test`)
 * and a `known_hosts` holding the server's key, so host keys are verified strictly.
 * Missing sshd is an error, never a skip: these suites exist to prove the runner against it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const SSHD = '/usr/sbin/sshd';
const SFTP_SERVER = '/usr/lib/openssh/sftp-server';
export const ALIAS = 'ccwf-test';

export interface Sshd {
  readonly dir: string;
  readonly port: number;
  /** The client's HOME: `.ssh/config`, `.ssh/known_hosts`, `.ssh/id_ed25519`. */
  readonly home: string;
  readonly configPath: string;
  readonly knownHostsPath: string;
  readonly clientKey: string;
  /** `ssh-ed25519 AAAA...` of the server. */
  readonly hostPublicKey: string;
  readonly logPath: string;
  /** The `Accepted publickey` lines so far: one per connection made. */
  acceptedConnections(): number;
  /** Kills sshd and every process of its sessions (not the detached jobs: they have sessions of their own). */
  killAll(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function keygen(path: string): string {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ccwf-test', '-f', path]);
  return readFileSync(`${path}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
}

async function listening(port: number, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`sshd did not listen on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Proc {
  pid: number;
  ppid: number;
  sid: number;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(name), ppid: Number(fields[1]), sid: Number(fields[3]) });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export async function startSshd(): Promise<Sshd> {
  if (!existsSync(SSHD)) throw new Error(`${SSHD} is missing: install Debian's openssh-server (scripts/setup.sh does)`);
  const user = userInfo().username;
  const shadow = user === 'root' && existsSync('/etc/shadow') ? (readFileSync('/etc/shadow', 'utf8').split('\n').find((l) => l.startsWith('root:'))?.split(':')[1] ?? '') : '';
  if (shadow.startsWith('!')) throw new Error("root's password is locked ('!'): with UsePAM no sshd refuses even key logins; run `usermod -p '*' root`");
  mkdirSync('/run/sshd', { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'ccwf-sshd-'));
  const home = join(dir, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  const port = await freePort();
  const hostPublicKey = keygen(join(dir, 'host_ed25519'));
  const clientKey = join(home, '.ssh', 'id_ed25519');
  writeFileSync(join(dir, 'authorized_keys'), `${keygen(clientKey)}\n`);
  const logPath = join(dir, 'sshd.log');
  const conf = join(dir, 'sshd_config');
  writeFileSync(
    conf,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_ed25519')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'MaxSessions 50',
      'MaxStartups 100:30:200',
      'UseDNS no',
      `Subsystem sftp ${SFTP_SERVER}`,
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  execFileSync(SSHD, ['-t', '-f', conf]);
  const knownHostsPath = join(home, '.ssh', 'known_hosts');
  writeFileSync(knownHostsPath, `[127.0.0.1]:${port} ${hostPublicKey}\n`);
  const configPath = join(home, '.ssh', 'config');
  writeFileSync(
    configPath,
    [
      `Host ${ALIAS}`,
      '  HostName 127.0.0.1',
      `  Port ${port}`,
      `  User ${user}`,
      `  IdentityFile ${clientKey}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${knownHostsPath}`,
      '  StrictHostKeyChecking yes',
      '  BatchMode yes',
      '  LogLevel ERROR',
      '',
    ].join('\n'),
  );

  let child: ChildProcess | undefined;
  const fixture: Sshd = {
    dir,
    port,
    home,
    configPath,
    knownHostsPath,
    clientKey,
    hostPublicKey,
    logPath,
    acceptedConnections: () => (existsSync(logPath) ? readFileSync(logPath, 'utf8').match(/Accepted publickey for /g)?.length ?? 0 : 0),
    async start() {
      if (child) return;
      // -D: stays our child, so we always know its pid; -E: its log, read by the tests.
      child = spawn(SSHD, ['-D', '-f', conf, '-E', logPath], { stdio: 'ignore' });
      await listening(port);
    },
    async killAll() {
      const listener = child?.pid;
      if (listener === undefined) return;
      const all = processes();
      const sessions = new Set([all.find((p) => p.pid === listener)?.sid ?? -1, ...all.filter((p) => p.ppid === listener).map((p) => p.sid)]);
      // Everything below sshd that is still in an ssh session: connection processes, shells, tails, sftp-server.
      const below = new Set([listener]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const p of all) if (below.has(p.ppid) && !below.has(p.pid) && sessions.has(p.sid)) (below.add(p.pid), (grew = true));
      }
      for (const pid of below) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await new Promise<void>((resolve) => (child!.exitCode !== null || child!.signalCode !== null ? resolve() : child!.once('exit', () => resolve())));
      child = undefined;
    },
    async stop() {
      await fixture.killAll();
    },
  };
  await fixture.start();
  return fixture;
}

export function removeSshd(sshd: Sshd): void {
  rmSync(sshd.dir, { recursive: true, force: true });
}
