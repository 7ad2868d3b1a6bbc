import type { JobRef } from '../store/events.js';
import type { JobCallbacks, JobHandle, JobSpec, Runner } from './runner.js';

/**
 * A runner whose code is loaded when its first job starts. ssh2 is a large library: a process
 * that loads it for nothing is slower to fork every local job (measured for ELK: twice the spawn
 * cost), so workflows without remote hosts never load it.
 */
export class LazyRunner implements Runner {
  private loaded: Promise<Runner> | undefined;

  constructor(private readonly load: () => Promise<Runner>) {}

  async start(spec: JobSpec, callbacks: JobCallbacks): Promise<JobHandle> {
    return (await this.runner()).start(spec, callbacks);
  }

  async attach(ref: JobRef, spec: JobSpec, callbacks: JobCallbacks): Promise<JobHandle | undefined> {
    const runner = await this.runner();
    return runner.attach ? runner.attach(ref, spec, callbacks) : undefined;
  }

  async dispose(): Promise<void> {
    if (this.loaded) await (await this.loaded).dispose?.();
  }

  private runner(): Promise<Runner> {
    return (this.loaded ??= this.load());
  }
}
