/** ANSI colours, applied only when the caller says the output is a terminal that wants them. */
const paint = (code: number) => (enabled: boolean, text: string) => (enabled ? `\u001b[${code}m${text}\u001b[0m` : text);
export const red = paint(31);
export const green = paint(32);
export const yellow = paint(33);
export const bold = paint(1);
export const dim = paint(2);
