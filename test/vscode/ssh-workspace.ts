// The ssh part of the extension-host suites' workspace: a real sshd on 127.0.0.1 (the remote
// suites' fixture) and a `remote/remote.ccwf` whose host is that sshd, with the setting that
// points VS Code at the fixture's client config. Shared by run-tests.mjs and run-electron.mjs.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALIAS, removeSshd, startSshd } from '../remote/sshd-fixture.js';

export interface SshWorkspace {
  /** Folder to copy into the workspace as `remote`. */
  readonly folder: string;
  /** User settings the suites need. */
  readonly settings: Record<string, unknown>;
}

export async function withSshWorkspace<T>(root: string, use: (ws: SshWorkspace) => Promise<T>): Promise<T> {
  const sshd = await startSshd();
  try {
    const folder = join(root, '.cache/vscode-test/remote-workspace');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'remote.ccwf'), [
      'name: remote',
      'hosts:',
      `  cluster: { kind: ssh, ssh: ${ALIAS}, workdir: ${JSON.stringify(join(sshd.dir, 'runs'))} }`,
      'jobs:',
      '  here: { run: echo here }',
      '  far:',
      '    host: cluster',
      '    needs: [here]',
      '    run: |',
      '      echo "far away: $SSH_CONNECTION"',
      '      echo "# cloudmesh status=running progress=50"',
      '',
    ].join('\n'));
    return await use({ folder, settings: { 'ccwf.sshConfigFile': sshd.configPath } });
  } finally {
    await sshd.stop();
    removeSshd(sshd);
  }
}
