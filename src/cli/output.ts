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

export { bold, dim, green, red, yellow } from '../util/colors.js';
