import { isEngineAnswer, type EngineQuestion } from '../protocol/engine-questions.js';
import type { CliIo } from './io.js';

/**
 * Asks over the IPC channel of the process that started us (the VS Code extension). The channel
 * keeps this process alive only while a question waits, and if the window goes away (a reload)
 * every open question is answered "nothing", so the run goes on and says why a host was refused.
 */
export function ipcAsk(): NonNullable<CliIo['ask']> {
  const pending = new Map<number, (answer: string | undefined) => void>();
  let nextId = 1;
  const channel = process.channel;
  channel?.unref();
  process.on('message', (m) => {
    if (!isEngineAnswer(m)) return;
    pending.get(m.id)?.(m.answer);
  });
  process.on('disconnect', () => {
    for (const settle of [...pending.values()]) settle(undefined);
  });
  return (question, options = {}) => new Promise((settle) => {
    if (!process.connected || !process.send) return settle(undefined);
    const id = nextId++;
    pending.set(id, (answer) => {
      pending.delete(id);
      if (pending.size === 0) channel?.unref();
      settle(answer);
    });
    channel?.ref();
    const message: EngineQuestion = { type: 'ccwf-question', id, question, secret: options.secret === true };
    process.send(message);
  });
}
