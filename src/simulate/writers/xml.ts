/**
 * Splunk's XmlWinEventLog rendering: one `<Event>` per line, single-quoted attributes, System block then
 * EventData, exactly the shape of the real event in platforms.md §5.1. Values are escaped for XML text;
 * line breaks inside values (TaskContent, script blocks) become character references so that each event
 * stays on one line and an XML parser restores them.
 */
import type { SimEvent } from '../model.js';
import { CHANNEL_NAMES } from '../model.js';
import { schemaOf } from '../schema.js';
import { systemTimeFromUs } from '../clock.js';

const TEXT_SPECIAL = /[&<>\r\n\t\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

export function escapeXmlText(s: string): string {
  if (!TEXT_SPECIAL.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 38:
        out += '&amp;';
        break;
      case 60:
        out += '&lt;';
        break;
      case 62:
        out += '&gt;';
        break;
      case 13:
        out += '&#xD;';
        break;
      case 10:
        out += '&#xA;';
        break;
      case 9:
        out += '&#x9;';
        break;
      default:
        // Other C0 controls are not allowed in XML 1.0 at all; drop them.
        if (c >= 0x20) out += s[i];
    }
  }
  return out;
}

export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s).replace(/'/g, '&apos;');
}

export function renderXml(e: SimEvent, recordId: number): string {
  const schema = schemaOf(e.channel, e.eventId);
  // Most events need no escaping at all: test all values at once, escape per value only when needed.
  let all = '';
  for (const name of schema.fields) all += e.data[name] ?? '';
  const plain = !TEXT_SPECIAL.test(all);
  let data = '';
  for (const name of schema.fields) {
    const v = e.data[name] ?? '';
    data += `<Data Name='${name}'>${plain ? v : escapeXmlText(v)}</Data>`;
  }
  const correlation = e.activityId !== undefined ? `<Correlation ActivityID='${e.activityId}'/>` : '<Correlation/>';
  const security = e.userSid !== null ? `<Security UserID='${e.userSid}'/>` : '<Security/>';
  return (
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>` +
    `<Provider Name='${schema.providerName}' Guid='${schema.providerGuid}'/>` +
    `<EventID>${e.eventId}</EventID><Version>${schema.version}</Version><Level>${e.level ?? schema.level}</Level>` +
    `<Task>${schema.task}</Task><Opcode>${schema.opcode}</Opcode><Keywords>${schema.keywords}</Keywords>` +
    `<TimeCreated SystemTime='${systemTimeFromUs(e.createdUs)}'/><EventRecordID>${recordId}</EventRecordID>` +
    `${correlation}<Execution ProcessID='${e.execPid}' ThreadID='${e.execTid}'/>` +
    `<Channel>${CHANNEL_NAMES[e.channel]}</Channel><Computer>${e.computer}</Computer>${security}</System>` +
    `<EventData>${data}</EventData></Event>`
  );
}
