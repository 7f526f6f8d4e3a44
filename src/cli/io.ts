/** Where a CLI command writes; tests pass collectors, the real CLI passes the process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal, so progress bars make sense. */
  interactive: boolean;
}

/** The process's own streams. */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  interactive: Boolean(process.stderr.isTTY),
};
