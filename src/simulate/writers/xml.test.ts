import { describe, expect, it } from 'vitest';
import { escapeXmlAttr, escapeXmlText, renderXml } from './xml.js';
import type { SimEvent } from '../model.js';

describe('XML escaping', () => {
  it('escapes markup and keeps line breaks as character references', () => {
    expect(escapeXmlText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(escapeXmlText('line1\r\nline2\tx')).toBe('line1&#xD;&#xA;line2&#x9;x');
    expect(escapeXmlText('plain \\ path "quoted"')).toBe('plain \\ path "quoted"');
    expect(escapeXmlText('bell\u0007')).toBe('bell');
    expect(escapeXmlAttr("it's")).toBe('it&apos;s');
  });
});

describe('renderXml', () => {
  it('renders the XmlWinEventLog shape of platforms.md §5.1', () => {
    const e: SimEvent = {
      computer: 'WKS-001.corp.example',
      channel: 'sysmon',
      eventId: 3,
      utcMs: Date.UTC(2023, 0, 11, 15, 29, 43, 732),
      createdUs: Date.UTC(2023, 0, 11, 15, 29, 45, 832) * 1000 + 287,
      data: {
        RuleName: '-', UtcTime: '2023-01-11 15:29:43.732', ProcessGuid: '{aaaaaaaa-0000-0000-0000-000000000700}', ProcessId: '532',
        Image: 'C:\\Windows\\System32\\svchost.exe', User: 'NT AUTHORITY\\NETWORK SERVICE', Protocol: 'tcp', Initiated: 'false',
        SourceIsIpv6: 'false', SourceIp: '198.51.100.9', SourceHostname: '-', SourcePort: '60318', SourcePortName: '-',
        DestinationIsIpv6: 'false', DestinationIp: '10.20.0.40', DestinationHostname: '-', DestinationPort: '3389', DestinationPortName: '-',
      },
      execPid: 1888,
      execTid: 2956,
      userSid: 'S-1-5-18',
      label: { kind: 'benign', category: 'windows-background', source: 'x' },
    };
    const xml = renderXml(e, 9383);
    // The real event's System block with our values; the structure must match character for character.
    // SystemTime: 832 ms + 287 µs, then the 100-ns digit (832287·7 + 3) mod 10 = 2.
    expect(xml).toBe(
      "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/><EventID>3</EventID><Version>5</Version><Level>4</Level><Task>3</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime='2023-01-11T15:29:45.8322872Z'/><EventRecordID>9383</EventRecordID><Correlation/><Execution ProcessID='1888' ThreadID='2956'/><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>WKS-001.corp.example</Computer><Security UserID='S-1-5-18'/></System><EventData><Data Name='RuleName'>-</Data><Data Name='UtcTime'>2023-01-11 15:29:43.732</Data><Data Name='ProcessGuid'>{aaaaaaaa-0000-0000-0000-000000000700}</Data><Data Name='ProcessId'>532</Data><Data Name='Image'>C:\\Windows\\System32\\svchost.exe</Data><Data Name='User'>NT AUTHORITY\\NETWORK SERVICE</Data><Data Name='Protocol'>tcp</Data><Data Name='Initiated'>false</Data><Data Name='SourceIsIpv6'>false</Data><Data Name='SourceIp'>198.51.100.9</Data><Data Name='SourceHostname'>-</Data><Data Name='SourcePort'>60318</Data><Data Name='SourcePortName'>-</Data><Data Name='DestinationIsIpv6'>false</Data><Data Name='DestinationIp'>10.20.0.40</Data><Data Name='DestinationHostname'>-</Data><Data Name='DestinationPort'>3389</Data><Data Name='DestinationPortName'>-</Data></EventData></Event>",
    );
  });
});
