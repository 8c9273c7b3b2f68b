import { describe, expect, it } from 'vitest';
import { createEvent } from './event.js';
import { finishWindowsEvent, systemFieldName } from './windows.js';

describe('finishWindowsEvent', () => {
  const sysmon = () => {
    const e = createEvent();
    e['EventID'] = '3';
    e['SystemTime'] = '2023-01-11T15:29:45.8322874Z';
    e['Channel'] = 'Microsoft-Windows-Sysmon/Operational';
    e['Computer'] = 'ws01.corp.example';
    return e;
  };

  it('derives the Splunk fields with legacy naming (the seed query\'s sourcetype)', () => {
    const e = finishWindowsEvent(sysmon(), { file: 'x.xml', index: 'wineventlog', naming: 'legacy' });
    expect(e['EventCode']).toBe('3');
    expect(e['host']).toBe('ws01.corp.example');
    expect(e['sourcetype']).toBe('XmlWinEventLog:Microsoft-Windows-Sysmon/Operational');
    expect(e['source']).toBe('XmlWinEventLog:Microsoft-Windows-Sysmon/Operational');
    expect(e['index']).toBe('wineventlog');
    // 2023-01-11T15:29:45Z = 1673450985 (19368 days × 86400 + 55785 s).
    expect(e['_time']).toBeCloseTo(1673450985.8322874, 6);
  });

  it('uses the modern add-on naming and overrides on request', () => {
    const modern = finishWindowsEvent(sysmon(), { file: 'x', index: 'main', naming: 'modern' });
    expect(modern['sourcetype']).toBe('XmlWinEventLog');
    expect(modern['source']).toBe('XmlWinEventLog:Microsoft-Windows-Sysmon/Operational');
    expect(modern['index']).toBe('main');
    const fixed = finishWindowsEvent(sysmon(), { file: 'x', index: 'w', naming: 'legacy', sourcetype: 'custom' });
    expect(fixed['sourcetype']).toBe('custom');
  });

  it('names Provider attributes as Splunk does', () => {
    expect(systemFieldName('Provider', 'Name')).toBe('ProviderName');
    expect(systemFieldName('Provider', 'Guid')).toBe('Guid');
    expect(systemFieldName('Execution', 'ProcessID')).toBe('ProcessID');
    expect(systemFieldName('EventRecordID')).toBe('EventRecordID');
  });

  it('keeps field names like constructor as ordinary fields', () => {
    const e = createEvent();
    expect(e['constructor']).toBeUndefined();
  });
});
