/**
 * Ending the process early (a signal, a closed pipe) with cleanup: the work registered here (dropping
 * scratch databases) runs first, then the process exits with the shell's code for the cause. The
 * command's own failure, which that cleanup may cause, must not exit first or with another code:
 * `main` awaits `endingEarly()` before it returns.
 */
let ending: Promise<void> | undefined;

export function endEarly(code: number, cleanup: () => Promise<unknown>): void {
  ending ??= cleanup().then(
    () => process.exit(code),
    () => process.exit(code),
  );
}

export function endingEarly(): Promise<void> | undefined {
  return ending;
}
