import { createInterface } from 'node:readline';

/**
 * Asks a question on the terminal and reads one line; with `secret` the answer is not echoed
 * (a passphrase). Resolves undefined when the input ends (Ctrl-D).
 */
export function terminalAsk(question: string, options: { readonly secret?: boolean } = {}): Promise<string | undefined> {
  return new Promise((settle) => {
    const output = process.stderr;
    const rl = createInterface({ input: process.stdin, output, terminal: true });
    if (options.secret) {
      // readline echoes through _writeToOutput; swallow the typed characters, keep the question.
      const writer = rl as unknown as { _writeToOutput(text: string): void };
      let asked = false;
      writer._writeToOutput = (text: string) => {
        if (!asked) {
          asked = true;
          output.write(text);
        }
      };
    }
    let answered = false;
    rl.question(question, (answer) => {
      answered = true;
      if (options.secret) output.write('\n');
      rl.close();
      settle(answer);
    });
    rl.once('close', () => {
      if (!answered) settle(undefined);
    });
  });
}
