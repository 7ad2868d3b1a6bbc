/**
 * At most `limit` channels open at once on one ssh connection: OpenSSH refuses sessions beyond
 * its MaxSessions (10 by default), so further ones wait here, in order, instead of failing.
 */
export class ChannelLimit {
  private open = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Resolves with a release function once a channel may be opened. */
  async acquire(): Promise<() => void> {
    if (this.open >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.open++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next in line
      else this.open--;
    };
  }

  get inUse(): number {
    return this.open;
  }
}
