/** Row output: every format on the same rows, with multivalues, numbers, missing cells and formula text. */
import { describe, expect, it } from 'vitest';
import { createEvent, type Event } from '../events/event.js';
import { csvCell, formatRows } from './rows.js';

function ev(fields: Record<string, string | number | string[]>): Event {
  return Object.assign(createEvent(), fields);
}

const rows = [ev({ host: 'WS01', Ports: ['3389', '443'], Total: 12, Ratio: 0.25 }), ev({ host: '=HYPERLINK("x")', Total: Number.NaN, Port: '-1' })];
const columns = ['host', 'Ports', 'Total', 'Ratio'];

describe('formatRows', () => {
  it('writes JSON with arrays for multivalues and numbers as numbers', () => {
    expect(JSON.parse(formatRows(rows, columns, 'json'))).toEqual([
      { host: 'WS01', Ports: [3389, 443], Total: 12, Ratio: 0.25 },
      { host: '=HYPERLINK("x")', Total: 'nan' },
    ]);
  });

  it('writes one JSON object per line for NDJSON, missing fields left out', () => {
    expect(formatRows(rows, columns, 'ndjson')).toBe(
      '{"host":"WS01","Ports":[3389,443],"Total":12,"Ratio":0.25}\n{"host":"=HYPERLINK(\\"x\\")","Total":"nan"}\n',
    );
  });

  it('writes CSV with newline-joined multivalues and formula protection', () => {
    expect(formatRows(rows, columns, 'csv')).toBe('host,Ports,Total,Ratio\r\nWS01,"3389\n443",12,0.25\r\n"\'=HYPERLINK(""x"")",,nan,\r\n');
  });

  it('protects every formula start but leaves plain negative numbers alone', () => {
    expect(['=1+1', '+cmd', '-cmd', '@SUM(A1)', '\tx', '\rx', '-1.5', '-1e3', 'a=b'].map(csvCell)).toEqual([
      "'=1+1", "'+cmd", "'-cmd", "'@SUM(A1)", "'\tx", "\"'\rx\"", '-1.5', "'-1e3", 'a=b',
    ]);
  });

  it('prints _time as ISO 8601 in the run time zone', () => {
    const t = Date.UTC(2024, 4, 1, 10, 0, 3, 250) / 1000;
    expect(formatRows([ev({ _time: t })], ['_time'], 'ndjson')).toBe('{"_time":"2024-05-01T10:00:03.250+00:00"}\n');
    // 10:00 UTC is 12:00 in Paris (CEST, +02:00) and 05:30 in St. John's (NDT, -02:30) on that day.
    expect(formatRows([ev({ _time: t })], ['_time'], 'csv', { tz: 'Europe/Paris' })).toBe('_time\r\n2024-05-01T12:00:03.250+02:00\r\n');
    expect(formatRows([ev({ _time: t })], ['_time'], 'csv', { tz: 'America/St_Johns' })).toBe('_time\r\n2024-05-01T07:30:03.250-02:30\r\n');
  });

  it('draws an aligned table with one value per line in a cell', () => {
    const text = formatRows([rows[0] as Event], ['host', 'Ports'], 'table');
    expect(text.split('\n')).toEqual([
      '┌──────┬───────┐',
      '│ host │ Ports │',
      '├──────┼───────┤',
      '│ WS01 │ 3389  │',
      '│      │ 443   │',
      '└──────┴───────┘',
      '',
    ]);
  });

  it('is compact (a rule under the header only), with rules between rows when a multivalue spans lines', () => {
    const single = formatRows([ev({ host: 'WS01', n: 1 }), ev({ host: 'WS02', n: 2 })], ['host', 'n'], 'table');
    expect(single.split('\n')).toEqual(['┌──────┬───┐', '│ host │ n │', '├──────┼───┤', '│ WS01 │ 1 │', '│ WS02 │ 2 │', '└──────┴───┘', '']);
    const multi = formatRows([ev({ host: 'WS01', p: ['1', '2'] }), ev({ host: 'WS02', p: '3' })], ['host', 'p'], 'table');
    expect(multi.split('\n')).toEqual([
      '┌──────┬───┐',
      '│ host │ p │',
      '├──────┼───┤',
      '│ WS01 │ 1 │',
      '│      │ 2 │',
      '├──────┼───┤',
      '│ WS02 │ 3 │',
      '└──────┴───┘',
      '',
    ]);
  });
});
