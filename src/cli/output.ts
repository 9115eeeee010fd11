/** Where the CLI writes: results on stdout, progress and errors on stderr; colour only on a TTY. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  readonly color: boolean;
}

export const processOutput: Output = {
  out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  get color() {
    return Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'];
  },
};

const paint = (code: number) => (enabled: boolean, text: string) => (enabled ? `\u001b[${code}m${text}\u001b[0m` : text);
export const red = paint(31);
export const green = paint(32);
export const yellow = paint(33);
export const bold = paint(1);
export const dim = paint(2);
