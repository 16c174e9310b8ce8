// Where the CLI writes: injected streams so that commands can be tested in-process.

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The process's standard streams. */
export const processIo: Io = {
  out: (t) => { process.stdout.write(t); },
  err: (t) => { process.stderr.write(t); },
};
