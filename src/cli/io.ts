/** The streams a command writes to, injectable so tests can run commands in-process. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export const PROCESS_IO: CliIo = { stdout: process.stdout, stderr: process.stderr };

/**
 * Write to a stream, waiting when it is full. Resolves false once the reader went away (EPIPE, e.g.
 * `| head`), so the caller stops quietly.
 */
export function createWriter(stream: NodeJS.WritableStream): { write(text: string): Promise<boolean>; readonly closed: boolean } {
  let closed = false;
  let failure: Error | undefined;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') closed = true;
    else failure = err; // surfaced by the next write, as a one-line error (ENOSPC, EIO...)
  });
  return {
    get closed() {
      return closed;
    },
    async write(text: string): Promise<boolean> {
      if (failure !== undefined) throw failure;
      if (closed) return false;
      if (!stream.write(text)) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            stream.off('drain', done);
            stream.off('close', done);
            stream.off('error', done);
            resolve();
          };
          stream.on('drain', done);
          stream.on('close', done);
          stream.on('error', done);
        });
      }
      if (failure !== undefined) throw failure;
      return !closed;
    },
  };
}
