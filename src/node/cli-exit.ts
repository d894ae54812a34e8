/** How the CLI ends: only once everything it printed has reached the reader. `process.exit` right
 *  after a large write to a pipe drops what the pipe has not taken yet (a backup piped through gzip
 *  lost all but its first 64–128 KiB, with exit code 0), so we wait for stdout and stderr to drain.
 *  A reader that goes away before the end (`| head`, a full disk behind `>`) makes the command fail
 *  with a message and a non-zero code, never a silent success. */
export function exitWhenDrained(code: number): void {
  process.exitCode = code;
  flush(process.stdout)
    .then(() => flush(process.stderr))
    .then(
      () => process.exit(code),
      (error: NodeJS.ErrnoException) => outputLost(error),
    );
}

/** Output that cannot be written fails the command (EPIPE: the reader closed; ENOSPC: disk full). */
export function watchOutput(): void {
  process.stdout.on('error', outputLost);
}

function outputLost(error: NodeJS.ErrnoException): void {
  try {
    process.stderr.write(`crm: the output could not be written in full (${error.code ?? error.message}): nothing after that point reached the reader.\n`);
  } finally {
    process.exit(error.code === 'EPIPE' ? 141 : 1);
  }
}

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.destroyed) return resolve();
    // The callback of an empty write runs once every earlier write has been handed to the OS.
    stream.write('', (error) => (error ? reject(error) : resolve()));
  });
}
