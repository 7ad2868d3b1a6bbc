/**
 * Root hooks of the remote suites: one private sshd for all of them (sshd-fixture.ts), started
 * before the first test and stopped after the last. Suites reach it through `sshd()`.
 */
import { removeSshd, startSshd, type Sshd } from './sshd-fixture.js';

let current: Sshd | undefined;

export function sshd(): Sshd {
  if (!current) throw new Error('the sshd fixture is not running');
  return current;
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    current = await startSshd();
  },
  /** A test that stopped sshd and failed before starting it again must not break the next ones. */
  async afterEach() {
    await current?.start();
  },
  async afterAll() {
    (await import('./helpers.js')).removeWorkspaces();
    if (!current) return;
    await current.stop();
    removeSshd(current);
    current = undefined;
  },
};
