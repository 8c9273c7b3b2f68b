/**
 * Synthetic records built byte by byte (test/helpers/evtx-builder.ts) exercise every BinXML token and value
 * type, including those no shared sample contains (CDATA, character references, processing instructions,
 * SYSTEMTIME, reals, arrays of numbers). Expected XML and fields are written by hand from the rules in
 * MS-EVEN6 §2.2.12 / §3.1.4.7 and the conventions in docs/evtx.md.
 */
import { describe, expect, it } from 'vitest';
import { type BElement, type BFragment, V, buildChunk, buildFile } from '../helpers/evtx-builder.js';
import { fieldsOf, readBytes } from './read-helpers.js';

const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';
const SECURITY_GUID = '{54849625-5478-4994-a5ba-3e3b0328c30d}';

/** FILETIME ticks for a UTC time and a 7-digit fraction, from the definition (100 ns since 1601-01-01). */
function fileTime(iso: string, ticks: number): bigint {
  return (BigInt(Date.parse(iso)) / 1000n + 11_644_473_600n) * 10_000_000n + BigInt(ticks);
}

const systemTemplate: BElement = {
  el: 'Event',
  attrs: [['xmlns', [{ text: NS }]]],
  children: [
    {
      el: 'System',
      children: [
        { el: 'Provider', attrs: [['Name', [{ sub: 0, opt: true }]], ['Guid', [{ sub: 1, opt: true, type: 0x0f }]]], empty: true },
        { el: 'EventID', dep: 3, attrs: [['Qualifiers', [{ sub: 2, opt: true, type: 0x06 }]]], children: [{ sub: 3, type: 0x06 }] },
        { el: 'TimeCreated', attrs: [['SystemTime', [{ sub: 4, opt: true, type: 0x11 }]]], empty: true },
        { el: 'EventRecordID', children: [{ sub: 5, opt: true, type: 0x0a }] },
        { el: 'Correlation', attrs: [['ActivityID', [{ sub: 6, opt: true, type: 0x0f }]]], empty: true },
        { el: 'Channel', children: [{ text: 'Security' }] },
        { el: 'Computer', children: [{ sub: 7 }] },
      ],
    },
    { sub: 8, opt: true, type: 0x21 },
  ],
};

const eventDataTemplate: BElement = {
  el: 'EventData',
  children: [
    { el: 'Data', attrs: [['Name', [{ text: 'TargetUserName' }]]], children: [{ sub: 0 }] },
    { el: 'Data', attrs: [['Name', [{ text: 'LogonType' }]]], children: [{ sub: 1, type: 0x08 }] },
    { el: 'Data', attrs: [['Name', [{ text: 'IpAddress' }]]], children: [{ sub: 2 }] },
    { el: 'Data', attrs: [['Name', [{ text: 'TargetLogonId' }]]], children: [{ sub: 3, type: 0x15 }] },
    { el: 'Data', attrs: [['Name', [{ text: 'TargetUserSid' }]]], children: [{ sub: 4, type: 0x13 }] },
  ],
};

// S-1-5-21-1004336348-1177238915-682003330-512: revision 1, 5 sub-authorities, authority 5 (big-endian).
const SID = V.raw(0x13, [1, 5, 0, 0, 0, 0, 0, 5, ...le32(21), ...le32(1004336348), ...le32(1177238915), ...le32(682003330), ...le32(512)]);

function le32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
}

function logon(id: number, user: string): BFragment {
  return {
    kind: 'template',
    guid: '{aaaaaaaa-0000-4000-8000-000000000001}',
    root: systemTemplate,
    values: [
      V.string('Microsoft-Windows-Security-Auditing'),
      V.guid(SECURITY_GUID),
      V.null(),
      V.le(0x06, 4624n, 2),
      V.le(0x11, fileTime('2016-07-08T18:12:51Z', 6816408), 8),
      V.le(0x0a, BigInt(id), 8),
      V.null(16), // NULL with a junk payload: skipped by its size (evtx-format.md §5.3)
      V.string('WS01.corp.example'),
      V.nested({
        kind: 'template',
        guid: '{bbbbbbbb-0000-4000-8000-000000000002}',
        root: eventDataTemplate,
        values: [V.string(user), V.le(0x08, 3n, 4), V.string('192.0.2.10'), V.le(0x15, 0x3e7n, 8), SID],
      }),
    ],
  };
}

describe('template instances with nested BinXml (Security-style)', () => {
  it('renders Windows event XML and the normalized fields', async () => {
    const file = buildFile([buildChunk([{ id: 1, fragment: logon(1, 'alice') }, { id: 2, fragment: logon(2, 'bob') }])]);
    const { events, bad } = await readBytes(file);
    expect(bad).toEqual([]);
    expect(events).toHaveLength(2);
    expect(events[0]!['_raw']).toBe(
      `<Event xmlns='${NS}'><System><Provider Name='Microsoft-Windows-Security-Auditing' Guid='${SECURITY_GUID}'/>` +
        `<EventID>4624</EventID><TimeCreated SystemTime='2016-07-08T18:12:51.6816408Z'/><EventRecordID>1</EventRecordID>` +
        `<Correlation/><Channel>Security</Channel><Computer>WS01.corp.example</Computer></System>` +
        `<EventData><Data Name='TargetUserName'>alice</Data><Data Name='LogonType'>3</Data><Data Name='IpAddress'>192.0.2.10</Data>` +
        `<Data Name='TargetLogonId'>0x3e7</Data><Data Name='TargetUserSid'>S-1-5-21-1004336348-1177238915-682003330-512</Data></EventData></Event>`,
    );
    expect(fieldsOf(events[1]!)).toEqual({
      ProviderName: 'Microsoft-Windows-Security-Auditing',
      Guid: SECURITY_GUID,
      EventID: '4624',
      SystemTime: '2016-07-08T18:12:51.6816408Z',
      EventRecordID: '2',
      Channel: 'Security',
      Computer: 'WS01.corp.example',
      TargetUserName: 'bob',
      LogonType: '3',
      IpAddress: '192.0.2.10',
      TargetLogonId: '0x3e7',
      TargetUserSid: 'S-1-5-21-1004336348-1177238915-682003330-512',
      EventCode: '4624',
    });
    // 2016-07-08T18:12:51Z is 1468001571 s after the epoch (Date.parse), plus 0.6816408 s.
    expect(events[1]!['_time']).toBeCloseTo(1468001571.6816408, 6);
    expect(events[1]!['host']).toBe('WS01.corp.example');
    expect(events[1]!['sourcetype']).toBe('XmlWinEventLog:Security');
  });

  it('skips records by EventCode before building them, and keeps the ones that can match', async () => {
    const file = buildFile([buildChunk([{ id: 1, fragment: logon(1, 'alice') }])]);
    const none = await readBytes(file, { prefilter: { eventCodes: new Set(['4625']) } });
    expect(none.events).toHaveLength(0);
    const one = await readBytes(file, { prefilter: { eventCodes: new Set(['4624']) } });
    expect(one.events).toHaveLength(1);
  });

  it('leaves _raw out when keepRaw is false', async () => {
    const file = buildFile([buildChunk([{ id: 1, fragment: logon(1, 'alice') }])]);
    const { events } = await readBytes(file, { keepRaw: false });
    expect('_raw' in events[0]!).toBe(false);
  });
});

describe('literal element trees and every content token', () => {
  const tree: BFragment = {
    kind: 'tree',
    root: {
      el: 'Event',
      attrs: [['xmlns', [{ text: NS }]]],
      children: [
        { el: 'System', children: [{ el: 'Provider', attrs: [['Name', [{ text: 'P' }]]], empty: true }, { el: 'EventID', children: [{ text: '7' }] }] },
        {
          el: 'UserData',
          children: [
            {
              el: 'Doc',
              attrs: [['xmlns', [{ text: 'urn:example' }]]],
              children: [
                { el: 'Cdata', children: [{ cdata: 'a<b&c' }] },
                { el: 'Ref', children: [{ text: 'x' }, { entity: 'quot' }, { text: 'y' }, { charref: 65 }] },
                { pi: ['target', 'some data'] },
                { el: 'Attr', attrs: [['v', [{ text: "it's " }, { entity: 'amp' }, { charref: 66 }]]], children: [{ text: '1 < 2' }] },
                { el: 'Empty', empty: true },
              ],
            },
          ],
        },
      ],
    },
  };

  it('renders CDATA, entity and character references and processing instructions', async () => {
    const { events, bad } = await readBytes(buildFile([buildChunk([{ id: 5, fragment: tree }])]));
    expect(bad).toEqual([]);
    expect(events[0]!['_raw']).toBe(
      `<Event xmlns='${NS}'><System><Provider Name='P'/><EventID>7</EventID></System><UserData><Doc xmlns='urn:example'>` +
        `<Cdata><![CDATA[a<b&c]]></Cdata><Ref>x&quot;y&#65;</Ref><?target some data?>` +
        `<Attr v='it&apos;s &amp;B'>1 &lt; 2</Attr><Empty/></Doc></UserData></Event>`,
    );
    // UserData leaves become fields named after the element, references resolved; <Empty/> adds nothing.
    expect(fieldsOf(events[0]!)).toEqual({ ProviderName: 'P', EventID: '7', Cdata: 'a<b&c', Ref: 'x"yA', Attr: '1 < 2', EventCode: '7' });
  });

  it('reads a literal element inside a BinXml value (no fragment header, no dependency ids)', async () => {
    const f: BFragment = {
      kind: 'template',
      guid: '{cccccccc-0000-4000-8000-000000000003}',
      root: { el: 'Event', children: [{ el: 'System', children: [{ el: 'EventID', children: [{ sub: 0, type: 0x06 }] }] }, { el: 'UserData', children: [{ sub: 1, type: 0x21 }] }] },
      values: [V.le(0x06, 90n, 2), V.nested({ kind: 'tree', header: false, root: { el: 'Capi', children: [{ el: 'Url', attrs: [['scheme', [{ text: 'http' }]]], children: [{ text: 'http://crl.example/a.crl' }] }] } })],
    };
    const { events, bad } = await readBytes(buildFile([buildChunk([{ id: 1, fragment: f }])]));
    expect(bad).toEqual([]);
    expect(events[0]!['_raw']).toBe(`<Event><System><EventID>90</EventID></System><UserData><Capi><Url scheme='http'>http://crl.example/a.crl</Url></Capi></UserData></Event>`);
    expect(events[0]!['Url']).toBe('http://crl.example/a.crl');
  });
});

describe('optional substitutions, dependency ids and arrays', () => {
  const template: BElement = {
    el: 'Event',
    children: [
      { el: 'System', children: [{ el: 'EventID', attrs: [['Qualifiers', [{ sub: 4, opt: true, type: 0x06 }]]], children: [{ sub: 0, type: 0x06 }] }] },
      {
        el: 'EventData',
        children: [
          { el: 'Data', dep: 1, children: [{ sub: 1, opt: true, type: 0x81 }] },
          { el: 'Binary', dep: 2, children: [{ sub: 2, opt: true, type: 0x0e }] },
          { el: 'Data', attrs: [['Name', [{ text: 'Opt' }]]], children: [{ sub: 3, opt: true }] },
        ],
      },
    ],
  };
  const guid = '{dddddddd-0000-4000-8000-000000000004}';

  it('omits NULL-dependency elements and NULL optional attributes, repeats elements per array item', async () => {
    const first: BFragment = { kind: 'template', guid, root: template, values: [V.le(0x06, 7036n, 2), V.stringArray(['a', '', 'b']), V.null(), V.string('x'), V.le(0x06, 16384n, 2)] };
    // Second record reuses the template by reference (defined inline in the first one).
    const second: BFragment = { kind: 'template', guid, root: template, values: [V.le(0x06, 7040n, 2), V.null(), V.raw(0x0e, [0xde, 0xad, 0xbe, 0xef]), V.null(), V.null()] };
    const { events, bad } = await readBytes(buildFile([buildChunk([{ id: 1, fragment: first }, { id: 2, fragment: second }])]));
    expect(bad).toEqual([]);
    expect(events[0]!['_raw']).toBe(
      "<Event><System><EventID Qualifiers='16384'>7036</EventID></System><EventData><Data>a</Data><Data></Data><Data>b</Data><Data Name='Opt'>x</Data></EventData></Event>",
    );
    expect(fieldsOf(events[0]!)).toEqual({ Qualifiers: '16384', EventID: '7036', Data: ['a', 'b'], Opt: 'x', EventCode: '7036' });
    // NULL optional content does not remove its element without a dependency id; it renders empty.
    expect(events[1]!['_raw']).toBe("<Event><System><EventID>7040</EventID></System><EventData><Binary>DEADBEEF</Binary><Data Name='Opt'></Data></EventData></Event>");
    expect(fieldsOf(events[1]!)).toEqual({ EventID: '7040', Binary: 'DEADBEEF', EventCode: '7040' });
  });
});

describe('value types (MS-EVEN6 §2.2.12.3, conventions in docs/evtx.md)', () => {
  const cases: [string, ReturnType<typeof V.raw>, string | string[]][] = [
    ['Int8', V.le(0x03, -5n, 1), '-5'],
    ['UInt8', V.le(0x04, 250n, 1), '250'],
    ['Int16', V.le(0x05, -300n, 2), '-300'],
    ['UInt16', V.le(0x06, 65000n, 2), '65000'],
    ['Int32', V.le(0x07, -70000n, 4), '-70000'],
    ['UInt32', V.le(0x08, 4000000000n, 4), '4000000000'],
    ['Int64', V.le(0x09, -5000000000000n, 8), '-5000000000000'],
    ['Int64min', V.le(0x09, -(2n ** 63n), 8), '-9223372036854775808'],
    ['UInt64', V.le(0x0a, 2n ** 64n - 1n, 8), '18446744073709551615'],
    // 1.5 and -0.25 are exact in binary; 0.1f is 0x3DCCCCCD, whose shortest float32 text is 0.1.
    ['Real32', V.raw(0x0b, [0x00, 0x00, 0xc0, 0x3f]), '1.5'],
    ['Real32short', V.raw(0x0b, [0xcd, 0xcc, 0xcc, 0x3d]), '0.1'],
    ['Real64', V.raw(0x0c, [0, 0, 0, 0, 0, 0, 0xd0, 0xbf]), '-0.25'],
    // BoolType: any non-zero value is true (sample-with-irregular-bool-values.evtx stores 16, 8, 65536).
    ['BoolIrregular', V.le(0x0d, 65536n, 4), 'true'],
    ['BoolFalse', V.le(0x0d, 0n, 4), 'false'],
    ['Binary', V.raw(0x0e, [0x0a, 0xff, 0x00]), '0AFF00'],
    ['Guid', V.guid('{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'), '{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'],
    ['SizeT32', V.le(0x10, 0x858n, 4), '0x858'],
    ['SizeT64', V.le(0x10, 0x7eecn, 8), '0x7eec'],
    // 2001-09-09T01:46:40Z is Unix 1000000000; FILETIME = (1e9 + 11644473600)·10^7 + 1234567.
    ['FileTime', V.le(0x11, 116444736000000000n + 10_000_000_000_000_000n + 1234567n, 8), '2001-09-09T01:46:40.1234567Z'],
    ['FileTimeZero', V.le(0x11, 0n, 8), '1601-01-01T00:00:00.0000000Z'],
    ['SysTime', V.raw(0x12, [0xe4, 0x07, 1, 0, 4, 0, 2, 0, 3, 0, 4, 0, 5, 0, 0xa6, 0x02]), '2020-01-02T03:04:05.6780000Z'],
    // Authority ≥ 2^32 is written in hex (MS-DTYP 2.4.2.1).
    ['SidHexAuthority', V.raw(0x13, [1, 1, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 7, 0, 0, 0]), 'S-1-0x123456789ABC-7'],
    ['HexInt32', V.le(0x14, 0xc0000073n, 4), '0xc0000073'],
    ['HexInt64', V.le(0x15, 0x80000000000000n, 8), '0x80000000000000'],
    // AnsiString in Windows-1252: 0x80 is the euro sign.
    ['Ansi', V.ansi([0x80, 0x41, 0x00]), '€A'],
    ['EvtHandle', V.le(0x20, 0x1234n, 8), '0x1234'],
    ['EvtXml', V.raw(0x23, [0x3c, 0, 0x61, 0, 0x2f, 0, 0x3e, 0, 0, 0]), '<a/>'],
    ['UInt16Array', V.raw(0x86, [1, 0, 2, 0]), ['1', '2']],
    ['GuidArray', V.raw(0x8f, [...Array(16).fill(0), ...Array(16).fill(0xff)]), ['{00000000-0000-0000-0000-000000000000}', '{ffffffff-ffff-ffff-ffff-ffffffffffff}']],
    ['SidArray', V.raw(0x93, [1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 32, 2, 0, 0]), ['S-1-5-18', 'S-1-5-32-544']],
    ['HexInt64Array', V.raw(0x95, [1, 0, 0, 0, 0, 0, 0, 0, 0xff, 0, 0, 0, 0, 0, 0, 0x80]), ['0x1', '0x80000000000000ff']],
    ['StringArrayEmpty', V.raw(0x81, []), ''],
  ];

  it.each(cases)('%s', async (name, value, expected) => {
    const f: BFragment = {
      kind: 'template',
      guid: '{eeeeeeee-0000-4000-8000-000000000005}',
      root: { el: 'Event', children: [{ el: 'EventData', children: [{ el: 'Data', attrs: [['Name', [{ text: name }]]], children: [{ sub: 0, type: value.type }] }] }] },
      values: [value],
    };
    const { events, bad } = await readBytes(buildFile([buildChunk([{ id: 1, fragment: f }])]));
    expect(bad).toEqual([]);
    // An empty value is no field (the rule every reader shares, docs/field-mapping.md); _raw keeps it.
    expect(events[0]![name]).toEqual(expected === '' ? undefined : expected);
    const texts = Array.isArray(expected) ? expected : [expected];
    const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(events[0]!['_raw']).toBe(`<Event><EventData>${texts.map((t) => `<Data Name='${name}'>${xmlText(t)}</Data>`).join('')}</EventData></Event>`);
  });
});

describe('damaged records are reported and skipped, the next record is read', () => {
  const ok = (id: number) => logon(id, `user${id}`);

  it('a template instance whose id does not match its definition', async () => {
    // The second record names template id 0x12345678 at the offset of the first record's definition.
    const chunk = buildChunk([{ id: 1, fragment: ok(1) }, { id: 2, fragment: ok(2) }, { id: 3, fragment: ok(3) }]);
    const dv = new DataView(chunk.buffer);
    // Find record 2 and overwrite the template id inside its instance token (0x0C 0x01 id).
    let off = 512;
    off += dv.getUint32(off + 4, true);
    const instance = off + 24 + 4; // after the record header and the fragment header
    expect(chunk[instance]).toBe(0x0c);
    dv.setUint32(instance + 2, 0x12345678, true);
    const { events, bad } = await readBytes(buildFile([chunk], { noCrc: true }));
    expect(events.map((e) => e['EventRecordID'])).toEqual(['1', '3']);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ chunk: 0, recordId: 2, offset: 4096 + off });
    expect(bad[0]!.reason).toMatch(/template id 12345678 does not match/);
  });

  it('an unknown token inside a record', async () => {
    const raw = Uint8Array.from([0x0f, 0x01, 0x01, 0x00, 0x01, 0xff, 0xff, 0x10, 0x00, 0x00, 0x00, 0x7c]);
    const { events, bad } = await readBytes(buildFile([buildChunk([{ id: 1, fragment: ok(1) }, { id: 2, fragment: ok(2), raw }, { id: 3, fragment: ok(3) }])], { noCrc: true }));
    expect(events.map((e) => e['EventRecordID'])).toEqual(['1', '3']);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ recordId: 2 });
  });

  it('a record whose size field is zero: reported, and the walk resumes at the next intact record', async () => {
    const { events, bad } = await readBytes(buildFile([buildChunk([{ id: 1, fragment: ok(1) }, { id: 2, fragment: ok(2), sizeField: 0 }, { id: 3, fragment: ok(3) }])], { noCrc: true }));
    expect(events.map((e) => e['EventRecordID'])).toEqual(['1', '3']);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ recordId: 2, chunk: 0 });
    expect(bad[0]!.reason).toMatch(/size 0/);
  });

  it('a chunk whose records CRC does not match: reported once, records still read', async () => {
    const chunk = buildChunk([{ id: 1, fragment: ok(1) }, { id: 2, fragment: ok(2) }]);
    chunk[600] = chunk[600]! ^ 0x01; // a byte inside record 1's BinXML (a name character)
    const { events, bad } = await readBytes(buildFile([chunk]));
    expect(bad.map((b) => b.reason)).toContainEqual(expect.stringMatching(/records CRC mismatch/));
    expect(events.length + bad.filter((b) => b.recordId !== undefined).length).toBe(2);
  });

  it('a chunk with a bad signature is reported and skipped; the next chunk is read', async () => {
    const bad1 = buildChunk([{ id: 1, fragment: ok(1) }]);
    bad1[0] = 0x58;
    const { events, bad } = await readBytes(buildFile([bad1, buildChunk([{ id: 2, fragment: ok(2) }])]));
    expect(events.map((e) => e['EventRecordID'])).toEqual(['2']);
    expect(bad).toEqual([expect.objectContaining({ chunk: 0, offset: 4096, reason: expect.stringMatching(/bad chunk signature/) })]);
  });

  it('files flagged as having no CRCs are read without CRC checks', async () => {
    const { events, bad } = await readBytes(buildFile([buildChunk([{ id: 1, fragment: ok(1) }], { noCrc: true })], { noCrc: true }));
    expect(bad).toEqual([]);
    expect(events).toHaveLength(1);
  });
});
