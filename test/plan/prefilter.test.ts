/**
 * The reader prefilter derived from the leading search never drops a record the exact search would keep.
 * Events are generated with Sysmon-like fields and written out as the record text a reader would see:
 * Windows event XML, flat NDJSON (NXLog: EventID as a JSON number), nested ECS NDJSON (Winlogbeat), the
 * latter with and without ASCII-only escaping. Searches are random boolean combinations of terms built
 * from the event's own values (exact, case-flipped, wildcarded) and from unrelated values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEvent, type Event } from '../../src/events/event.js';
import { compileSearch } from '../../src/engine/search.js';
import { buildPrefilter, ESCAPED, hasEscape, hasStandaloneNumber } from '../../src/plan/prefilter.js';
import { Ast } from '../../src/spl/ast.js';
import type { SearchExpr } from '../../src/spl/ast.js';
import { parseSearchExpression } from '../../src/spl/parser.js';

const RUNS = Number(process.env.PROP_RUNS ?? 300);

interface Fields {
  EventID: number;
  Computer: string;
  Image: string;
  DestinationIp: string;
  DestinationHostname: string;
  DestinationPort: string;
  User: string;
}

type Format = 'xml' | 'nxlog' | 'ecs' | 'ecs-ascii';

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}

function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function recordText(f: Fields, format: Format): string {
  switch (format) {
    case 'xml':
      return (
        `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon'/>` +
        `<EventID>${f.EventID}</EventID><TimeCreated SystemTime='2024-05-01T10:00:03.1234567Z'/><EventRecordID>4031</EventRecordID>` +
        `<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>${xmlEscape(f.Computer)}</Computer></System><EventData>` +
        `<Data Name='Image'>${xmlEscape(f.Image)}</Data><Data Name='User'>${xmlEscape(f.User)}</Data>` +
        `<Data Name='DestinationIp'>${xmlEscape(f.DestinationIp)}</Data><Data Name='DestinationHostname'>${xmlEscape(f.DestinationHostname)}</Data>` +
        `<Data Name='DestinationPort'>${f.DestinationPort}</Data></EventData></Event>`
      );
    case 'nxlog':
      return JSON.stringify({
        EventTime: '2024-05-01 10:00:03',
        Hostname: f.Computer,
        EventID: f.EventID,
        SourceName: 'Microsoft-Windows-Sysmon',
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        Image: f.Image,
        User: f.User,
        DestinationIp: f.DestinationIp,
        DestinationHostname: f.DestinationHostname,
        DestinationPort: f.DestinationPort,
      });
    case 'ecs':
    case 'ecs-ascii': {
      const [domain, name] = f.User.includes('\\') ? f.User.split('\\', 2) : ['', f.User];
      const doc = {
        '@timestamp': '2024-05-01T10:00:03.123Z',
        event: { code: String(f.EventID), provider: 'Microsoft-Windows-Sysmon' },
        host: { name: f.Computer },
        winlog: { event_id: f.EventID, channel: 'Microsoft-Windows-Sysmon/Operational', computer_name: f.Computer },
        process: { executable: f.Image },
        user: { domain, name },
        destination: { ip: f.DestinationIp, domain: f.DestinationHostname, port: Number(f.DestinationPort) },
      };
      return format === 'ecs' ? JSON.stringify(doc) : asciiJson(doc);
    }
  }
}

/** The event a reader would produce: Windows fields verbatim plus the fields it derives. */
function toEvent(f: Fields, raw: string): Event {
  const e = createEvent();
  Object.assign(e, {
    index: 'wineventlog',
    sourcetype: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
    source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
    host: f.Computer,
    EventID: String(f.EventID),
    EventCode: String(f.EventID),
    Computer: f.Computer,
    Image: f.Image,
    User: f.User,
    DestinationIp: f.DestinationIp,
    DestinationHostname: f.DestinationHostname,
    DestinationPort: f.DestinationPort,
    _raw: raw,
  });
  return e;
}

const text = (chars: string, max = 12) => fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: max });
const WORDY = 'abcXYZ019.-_ ';
const fields: fc.Arbitrary<Fields> = fc.record({
  EventID: fc.constantFrom(1, 3, 13, 22, 30, 300, 3000),
  Computer: text(WORDY + 'é'),
  Image: fc.tuple(text('CcWw:\\ '), text(WORDY + 'Kİ&<"\'\\é/')).map(([a, b]) => `${a}\\${b}.exe`),
  DestinationIp: fc.oneof(fc.ipV4(), fc.ipV6()),
  DestinationHostname: fc.oneof(fc.constant('-'), fc.domain()),
  DestinationPort: fc.integer({ min: 1, max: 65535 }).map(String),
  User: fc.tuple(text('NTAUTHORIY '), text(WORDY)).map(([d, n]) => `${d}\\${n}`),
});

const TEXT_FIELDS = ['Computer', 'Image', 'DestinationIp', 'DestinationHostname', 'DestinationPort', 'User', 'host', 'index'] as const;

/** A pattern derived from a value: exact, case flipped, or with runs replaced by `*`. */
function patternFrom(value: string, mode: number, cut: number): string {
  const flip = [...value].map((c, i) => ((i + mode) % 2 === 0 ? c.toUpperCase() : c.toLowerCase())).join('');
  const at = value.length === 0 ? 0 : cut % value.length;
  switch (mode % 5) {
    case 0:
      return value;
    case 1:
      return flip;
    case 2:
      return `*${value.slice(at)}`;
    case 3:
      return `${value.slice(0, at)}*`;
    default:
      return `*${flip.slice(Math.floor(at / 2), at + 1)}*`;
  }
}

function termFor(f: Fields, choice: number, mode: number, cut: number, other: string): SearchExpr {
  const event = toEvent(f, '');
  const field = TEXT_FIELDS[choice % TEXT_FIELDS.length] as (typeof TEXT_FIELDS)[number];
  const value = String(event[field]);
  switch (choice % 9) {
    case 0:
      return Ast.compare('EventCode', '=', Ast.value(String(f.EventID)));
    case 1:
      return Ast.in('EventCode', [Ast.value('3'), Ast.value(String(f.EventID))]);
    case 2:
      return Ast.term(Ast.value(patternFrom(value, mode, cut).replace(/^\*|\*$/g, '')));
    case 3:
      return Ast.compare(field, '=', Ast.value(other));
    case 4:
      return Ast.compare('EventID', '=', Ast.value(String(f.EventID)));
    default:
      return Ast.compare(field, mode % 7 === 6 ? '!=' : '=', Ast.value(patternFrom(value, mode, cut)));
  }
}

const search = (f: Fields): fc.Arbitrary<SearchExpr> =>
  fc.letrec<{ s: SearchExpr }>((tie) => ({
    s: fc.oneof(
      { depthSize: 'small' },
      fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.string({ maxLength: 6 })).map(([c, m, k, o]) => termFor(f, c, m, k, o)),
      fc.array(tie('s'), { minLength: 2, maxLength: 3 }).map((ops) => Ast.and(ops)),
      fc.array(tie('s'), { minLength: 2, maxLength: 3 }).map((ops) => Ast.or(ops)),
      tie('s').map((o) => Ast.not(o)),
    ),
  })).s;

const cases = fields.chain((f) => fc.tuple(fc.constant(f), search(f), fc.constantFrom<Format>('xml', 'nxlog', 'ecs', 'ecs-ascii')));

describe('prefilter', () => {
  it('never rejects a record whose event matches the search', () => {
    let matched = 0;
    fc.assert(
      fc.property(cases, ([f, expr, format]) => {
        const raw = recordText(f, format);
        const event = toEvent(f, raw);
        if (!compileSearch(expr)(event)) return;
        matched++;
        const pre = buildPrefilter(expr);
        if (pre === null) return;
        if (pre.raw !== undefined) expect(pre.raw(raw)).toBe(true);
        if (pre.eventCodes !== undefined) expect(pre.eventCodes.has(String(f.EventID))).toBe(true);
      }),
      { numRuns: RUNS },
    );
    // The property must have been exercised on matching events, not only vacuously.
    expect(matched).toBeGreaterThan(RUNS / 10);
  });

  it('rejects records that cannot match, in each format', () => {
    const pre = buildPrefilter(parseSearchExpression('EventCode=3 Image="*\\\\powershell.exe"') as SearchExpr);
    expect(pre?.eventCodes).toEqual(new Set(['3']));
    const f: Fields = {
      EventID: 3,
      Computer: 'WS01',
      Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\PowerShell.exe',
      DestinationIp: '203.0.113.5',
      DestinationHostname: 'c2.example',
      DestinationPort: '443',
      User: 'NT AUTHORITY\\SYSTEM',
    };
    for (const format of ['xml', 'nxlog', 'ecs'] as const) {
      expect(pre?.raw?.(recordText(f, format))).toBe(true);
      expect(pre?.raw?.(recordText({ ...f, EventID: 30 }, format))).toBe(false);
      expect(pre?.raw?.(recordText({ ...f, Image: 'C:\\Windows\\System32\\cmd.exe' }, format))).toBe(false);
    }
    // The code must stand alone: `03` in the timestamp, 3389 as a port and 4031 as the record id do not count.
    for (const format of ['xml', 'nxlog', 'ecs'] as const) {
      expect(pre?.raw?.(recordText({ ...f, EventID: 1, DestinationPort: '3389' }, format))).toBe(false);
    }
  });

  it('uses no raw test for fields a reader derives, NOT, or CIDR values', () => {
    for (const q of ['index=wineventlog sourcetype=x host=WS01', 'NOT Image=x', 'DestinationIp="10.0.0.0/8"', 'dest_ip=203.0.113.5']) {
      expect(buildPrefilter(parseSearchExpression(q) as SearchExpr)).toBeNull();
    }
  });

  it('lets text with escapes or non-ASCII through', () => {
    const pre = buildPrefilter(parseSearchExpression('Image=*cmd.exe') as SearchExpr);
    expect(pre?.raw?.('{"Image":"C:\\\\Tools\\\\\\u0063md.exe"}')).toBe(true);
    expect(pre?.raw?.('<Event><Data Name="Image">C:\\&#99;md.exe</Data></Event>')).toBe(true);
    expect(pre?.raw?.('{"Image":"C:\\\\Temp\\\\x.exe","note":"é"}')).toBe(true);
    // An escaped backslash before a u is not a unicode escape: this line can be judged, and rejected.
    expect(pre?.raw?.('{"Image":"C:\\\\users\\\\x.exe"}')).toBe(false);
  });
});

describe('the hand scanners give what their regexes define', () => {
  const unit = fc.constantFrom('\\', 'u', 'U', '0', '3', '9', 'a', 'F', 'g', '&', '#', '"', ' ', '33', '\\u00e9', '\\\\u');
  const text = fc.oneof(fc.array(unit, { maxLength: 16 }).map((a) => a.join('')), fc.string({ maxLength: 12 }));

  it('hasEscape(text) === ESCAPED.test(text)', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(hasEscape(t)).toBe(ESCAPED.test(t));
      }),
      { numRuns: 5000 },
    );
    // Hand cases: an escaped backslash before u is no \u escape; three backslashes are.
    expect([hasEscape('a\\\\u0041'), hasEscape('a\\\\\\u0041'), hasEscape('\\u004'), hasEscape('x&#10;')]).toEqual([false, true, false, true]);
  });

  it('hasStandaloneNumber(text, N) === /(?<![0-9])N(?![0-9])/.test(text)', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('3', '33', '22', '4688', '0'), (t, n) => {
        expect(hasStandaloneNumber(t, n)).toBe(new RegExp(`(?<![0-9])${n}(?![0-9])`).test(t));
      }),
      { numRuns: 5000 },
    );
  });
});
