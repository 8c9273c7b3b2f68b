import { describe, expect, it } from 'vitest';
import { createEvent } from '../events/event.js';
import { parseEventXml } from './xml-event.js';

function parse(xml: string) {
  const e = createEvent();
  const err = parseEventXml(xml, e);
  return { e, err };
}

const wrap = (inner: string) =>
  `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>3</EventID></System>${inner}</Event>`;

describe('parseEventXml', () => {
  it('decodes the five predefined entities, character references and CDATA (XML 1.0 §4.6, §2.7)', () => {
    const { e, err } = parse(
      wrap(`<EventData><Data Name='CommandLine'>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#65;&#x42;<![CDATA[<x&y>]]></Data></EventData>`),
    );
    expect(err).toBeNull();
    expect(e['CommandLine']).toBe(`a <b> & "c" 'd' AB<x&y>`);
  });

  it('names System attributes as Splunk does and keeps values as rendered', () => {
    const { e } = parse(
      `<Event><System><Provider Name='P' Guid='{G}'/><EventID Qualifiers='16384'>7036</EventID><Execution ProcessID='4' ThreadID='08'/><Security UserID='S-1-5-18'/></System></Event>`,
    );
    expect(e['ProviderName']).toBe('P');
    expect(e['Guid']).toBe('{G}');
    expect(e['Qualifiers']).toBe('16384');
    expect(e['EventID']).toBe('7036');
    expect(e['ThreadID']).toBe('08');
    expect(e['UserID']).toBe('S-1-5-18');
  });

  it('keeps "-" and turns repeated or unnamed Data into multivalues; empty values are no field', () => {
    const { e } = parse(
      wrap(`<EventData><Data Name='RuleName'>-</Data><Data Name='Empty'></Data><Data Name='Gone'/><Data>one</Data><Data>two</Data></EventData>`),
    );
    expect(e['RuleName']).toBe('-');
    expect(e['Empty']).toBeUndefined();
    expect(e['Gone']).toBeUndefined();
    expect(e['Data']).toEqual(['one', 'two']);
  });

  it('flattens UserData leaves and keeps only Message from RenderingInfo', () => {
    const { e } = parse(
      wrap(
        `<UserData><LogFileCleared xmlns='x'><SubjectUserName>bob</SubjectUserName><SubjectDomainName>CORP</SubjectDomainName></LogFileCleared></UserData><RenderingInfo Culture='en-US'><Message>cleared</Message><Level>Information</Level></RenderingInfo>`,
      ),
    );
    expect(e['SubjectUserName']).toBe('bob');
    expect(e['SubjectDomainName']).toBe('CORP');
    expect(e['Message']).toBe('cleared');
    expect(e['Level']).toBeUndefined();
  });

  it("turns python-evtx's SystemTime into Windows' rendering and ignores its empty attributes", () => {
    const { e } = parse(
      `<Event><System><EventID Qualifiers="">1</EventID><TimeCreated SystemTime="2017-12-26 13:10:29.136879"></TimeCreated><Correlation ActivityID="" RelatedActivityID=""></Correlation></System></Event>`,
    );
    expect(e['SystemTime']).toBe('2017-12-26T13:10:29.1368790Z');
    expect(e['Qualifiers']).toBeUndefined();
    expect(e['ActivityID']).toBeUndefined();
  });

  // Reasons come from saxes (with line:column) except the two c2hunt adds (DOCTYPE, root element).
  it.each([
    ['a DOCTYPE', `<!DOCTYPE Event [<!ENTITY x "y">]><Event></Event>`, /DOCTYPE/],
    ['an undefined entity (XXE)', wrap(`<EventData><Data Name='a'>&xxe;</Data></EventData>`), /undefined entity/],
    ['a bare ampersand', wrap(`<EventData><Data Name='a'>a & b</Data></EventData>`), /./],
    ['mismatched tags', `<Event><System></EventData></Event>`, /unexpected close tag/],
    ['an unclosed element', `<Event><System>`, /unclosed/],
    ['an unquoted attribute', `<Event a=b></Event>`, /unquoted attribute/],
    ['a duplicate attribute', `<Event a='1' a='2'></Event>`, /duplicate/],
    ['a root other than Event', `<Events></Events>`, /root element/],
    ['text after the root', `<Event></Event>junk`, /outside of root/],
    ['a bad character reference', wrap(`<EventData><Data Name='a'>&#0;</Data></EventData>`), /character/],
  ])('rejects %s', (_what, xml, reason) => {
    const { err } = parse(xml);
    expect(err).not.toBeNull();
    expect(err).toMatch(reason);
  });

  it('reuses its parser: a record after a rejected one parses cleanly', () => {
    expect(parse(`<Event><System>`).err).not.toBeNull();
    const { e, err } = parse(wrap(`<EventData><Data Name='a'>ok</Data></EventData>`));
    expect(err).toBeNull();
    expect(e['a']).toBe('ok');
  });

  it('decodes astral character references', () => {
    expect(parse(wrap(`<EventData><Data Name='a'>&#x1F600;</Data></EventData>`)).e['a']).toBe('\u{1F600}');
  });
});
