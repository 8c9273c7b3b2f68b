/**
 * Reading the simulator's output back in tests. `parseXmlLine` is a deliberately small parser for the
 * one-event-per-line XmlWinEventLog form the simulator writes (System values and `<Data Name='…'>`
 * pairs, standard entities and character references); it is independent of the simulator's writer, so
 * a writer bug shows up as a mismatch. c2hunt's own readers take over once src/ingest lands.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Manifest } from '../../src/simulate/index.js';

export interface ParsedEvent {
  readonly file: string;
  readonly computer: string;
  readonly channel: string;
  readonly recordId: number;
  readonly eventId: number;
  readonly systemTime: string;
  readonly execPid: number;
  readonly userId: string | null;
  readonly level: number;
  readonly data: Record<string, string>;
}

export interface LabelRow {
  computer: string;
  channel: string;
  recordId: number;
  eventId: number;
  label: 'benign' | 'attack';
  category?: string;
  source?: string;
  scenario?: string;
  step?: string;
}

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|apos|quot);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'apos') return "'";
    if (e === 'quot') return '"';
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function one(line: string, re: RegExp, what: string): string {
  const m = re.exec(line);
  if (m === null || m[1] === undefined) throw new Error(`no ${what} in ${line.slice(0, 200)}`);
  return m[1];
}

export function parseXmlLine(line: string, file = ''): ParsedEvent {
  if (!line.startsWith("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>") || !line.endsWith('</EventData></Event>')) {
    throw new Error(`not an XmlWinEventLog line: ${line.slice(0, 120)}`);
  }
  const data: Record<string, string> = {};
  const dataPart = line.slice(line.indexOf('<EventData>'));
  for (const m of dataPart.matchAll(/<Data Name='([^']+)'>([^<]*)<\/Data>/g)) data[m[1] as string] = decode(m[2] as string);
  const user = /<Security UserID='([^']+)'\/>/.exec(line);
  return {
    file,
    computer: one(line, /<Computer>([^<]+)<\/Computer>/, 'Computer'),
    channel: one(line, /<Channel>([^<]+)<\/Channel>/, 'Channel'),
    recordId: Number(one(line, /<EventRecordID>(\d+)<\/EventRecordID>/, 'EventRecordID')),
    eventId: Number(one(line, /<EventID>(\d+)<\/EventID>/, 'EventID')),
    systemTime: one(line, /<TimeCreated SystemTime='([^']+)'\/>/, 'SystemTime'),
    execPid: Number(one(line, /<Execution ProcessID='(\d+)'/, 'Execution')),
    userId: user?.[1] ?? null,
    level: Number(one(line, /<Level>(\d+)<\/Level>/, 'Level')),
    data,
  };
}

export function readLines(path: string): string[] {
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  return text.split('\n').filter((l) => l !== '');
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

/** All events of an XML dataset, file by file in manifest order. */
export function readXmlDataset(dir: string): ParsedEvent[] {
  const out: ParsedEvent[] = [];
  for (const f of readManifest(dir).files) for (const line of readLines(join(dir, f.path))) out.push(parseXmlLine(line, f.path));
  return out;
}

export function readLabels(dir: string): LabelRow[] {
  const m = readManifest(dir);
  return readLines(join(dir, m.layout['labels'] as string)).map((l) => JSON.parse(l) as LabelRow);
}

export function labelKey(computer: string, channel: string, recordId: number): string {
  return `${computer}|${channel}|${recordId}`;
}

/** Epoch ms of Sysmon's UtcTime (`YYYY-MM-DD HH:MM:SS.mmm`, UTC). */
export function utcMs(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}
