import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SOURCE_META } from '../events/windows.js';
import { windowsEventFromXml } from '../ingest/xml-event.js';
import { detach, detachValue } from './detach.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap bytes still held after building `n` values with `make` and keeping them. */
function retained(n: number, make: (i: number) => unknown): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: unknown[] = [];
  for (let i = 0; i < n; i++) kept.push(make(i));
  gc();
  const after = process.memoryUsage().heapUsed;
  expect(kept).toHaveLength(n);
  return after - before;
}

// 200 parents of 100 KB each: keeping views into them holds about 20 MB, keeping copies about 20 KB.
const N = 200;
const parent = (i: number) => `${i}`.padEnd(100_000, 'x') + i;
const MB = 1024 * 1024;

describe('detach', () => {
  it('keeps the same text, and a substring of it no longer holds its parent', () => {
    expect(detach('C:\\Windows\\System32\\rundll32.exe')).toBe('C:\\Windows\\System32\\rundll32.exe');
    expect(detach('short')).toBe('short');
    expect(detachValue(['a long value number one', 'b'])).toEqual(['a long value number one', 'b']);
    expect(detachValue(3)).toBe(3);
    // The control shows the effect exists: plain slices keep every 100 KB parent.
    expect(retained(N, (i) => parent(i).slice(0, 50))).toBeGreaterThan(10 * MB);
    expect(retained(N, (i) => detach(parent(i).slice(0, 50)))).toBeLessThan(2 * MB);
  });

  it('a field value read from event XML does not keep its record alive', () => {
    // Each record carries 100 KB of other data; only its Image is kept.
    const record = (i: number) =>
      `<Event><System><EventID>1</EventID><Computer>ws${i}.corp.example</Computer></System><EventData>` +
      `<Data Name='Image'>C:\\Users\\u${i}\\AppData\\Local\\Temp\\implant.exe</Data><Data Name='Padding'>${parent(i)}</Data></EventData></Event>`;
    const image = (i: number) => {
      const e = windowsEventFromXml(record(i), DEFAULT_SOURCE_META, undefined);
      if (typeof e === 'string') throw new Error(e);
      return e['Image'];
    };
    expect(image(7)).toBe('C:\\Users\\u7\\AppData\\Local\\Temp\\implant.exe');
    expect(retained(N, image)).toBeLessThan(2 * MB);
  });
});
