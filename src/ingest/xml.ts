/**
 * Reader for Windows event XML: Splunk XmlWinEventLog raw events (one per line), pretty-printed XML,
 * wevtutil / Get-WinEvent exports inside `<Events>`, and python-evtx output. Streams record by record
 * (xml-records.ts), applies the raw pre-filter, then parses each record (xml-event.ts).
 */
import { createEvent, type Event } from '../events/event.js';
import { finishWindowsEvent } from '../events/windows.js';
import { EventBatcher, passesRawPrefilter, reportBad } from './batch.js';
import { parseEventXml } from './xml-event.js';
import { XmlRecordSplitter } from './xml-records.js';
import { DEFAULT_MAX_RECORD_BYTES, type ReadOptions } from './types.js';

export async function* readXml(input: AsyncIterable<Uint8Array>, opts: ReadOptions): AsyncIterable<Event[]> {
  const batcher = new EventBatcher(opts);
  const keepRaw = opts.keepRaw !== false;
  const splitter = new XmlRecordSplitter(opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES, {
    record(buf, start, end, offset, line) {
      const text = buf.toString('utf8', start, end);
      if (!passesRawPrefilter(opts, text)) return;
      const event = createEvent();
      const err = parseEventXml(text, event);
      if (err !== null) {
        reportBad(opts, offset, line, `malformed event XML: ${err}`);
        return;
      }
      if (keepRaw) event['_raw'] = text;
      batcher.add(finishWindowsEvent(event, opts.meta));
    },
    bad(offset, line, reason) {
      reportBad(opts, offset, line, reason);
    },
  });
  for await (const chunk of input) {
    splitter.push(chunk);
    if (batcher.full) yield batcher.take();
  }
  splitter.finish();
  if (batcher.length > 0) yield batcher.take();
}
