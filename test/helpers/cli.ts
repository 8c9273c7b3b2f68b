/** Run the CLI in-process with captured stdout and stderr. */
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli/program.js';

export class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString('utf8');
    cb();
  }
}

export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(['node', 'c2hunt', ...args], { stdout, stderr });
  return { code, out: stdout.text, err: stderr.text };
}
