/**
 * Locale-independent number, duration, time and size formatting for evidence lines and reports, so
 * output is the same bytes on every machine (Intl would follow the host's locale and zone).
 */

/** 4200 → "4,200". */
export function formatCount(n: number): string {
  const s = String(Math.round(n));
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return neg ? `-${out}` : out;
}

/** An interval: "0.4 s", "12 s", "5.0 min", "6.0 h", "1.0 days". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds < 48 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

/** A span of activity: like formatDuration, but switches to days from 24 h ("3.0 days"). */
export function formatSpan(seconds: number): string {
  if (seconds >= 86400) return `${(seconds / 86400).toFixed(1)} days`;
  return formatDuration(seconds);
}

/** Epoch seconds as ISO 8601 UTC: `2024-01-02T03:04:05Z`, with milliseconds only when there are some. */
export function formatIsoTime(epochSeconds: number): string {
  if (!Number.isFinite(epochSeconds)) return '?';
  const ms = Math.round(epochSeconds * 1000);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '?';
  const iso = d.toISOString(); // 2024-01-02T03:04:05.678Z
  return ms % 1000 === 0 ? `${iso.slice(0, 19)}Z` : iso;
}

/** A byte count with binary units: "512 B", "1.5 KiB", "27.1 MiB", "3.2 GiB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/**
 * A number for display without float noise: integers as they are, others rounded to `digits` decimals
 * with trailing zeros dropped (0.333333 → "0.333", 2.5 → "2.5").
 */
export function formatDecimal(n: number, digits = 3): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Number.isInteger(n)) return String(n);
  const f = 10 ** digits;
  const r = Math.round(n * f) / f;
  return String(Object.is(r, -0) ? 0 : r);
}
