/**
 * A record's fields collected as a list of names and values before the event object is made, so that the
 * object can be built in one go from a per-shape template (events/event-shapes.ts) instead of field by
 * field, which turns a 35-field object into a hash table in V8.
 *
 * `add` has exactly the meaning of `appendField` on an event being built: a name seen before in the record
 * turns its value into a multivalue, in the position of its first occurrence. Looking for an earlier
 * occurrence costs a scan of the list, so the caller says when one is possible: the compiled field plans
 * know which of their static names can repeat; everything else (names read from values, BinXml values
 * walked in place, array items) is checked, and once such a name has been added every later add is too.
 */
import type { Value } from '../../events/event.js';

/** Names whose first position the record builder needs without a scan. */
export const ROLE = { None: 0, EventID: 1, SystemTime: 2, Computer: 3, Channel: 4 } as const;
const ROLE_COUNT = 5;

export function roleOf(name: string): number {
  switch (name) {
    case 'EventID':
      return ROLE.EventID;
    case 'SystemTime':
      return ROLE.SystemTime;
    case 'Computer':
      return ROLE.Computer;
    case 'Channel':
      return ROLE.Channel;
    default:
      return ROLE.None;
  }
}

export class FieldList {
  readonly names: string[] = [];
  readonly values: Value[] = [];
  n = 0;
  /** A name not known to the plan was added: every later add looks for an earlier occurrence. */
  dirty = false;
  /** A plan that ran has a static name the record builder derives (`host`, `_time`…). */
  derived = false;
  /** A FILETIME SystemTime added by the plan and its `_time` (null: none that parseWindowsTime reads). */
  timeText: string | null = null;
  timeValue: number | null = null;
  /** Index of the first occurrence of each role's name, or -1. */
  readonly roles: Int32Array = new Int32Array(ROLE_COUNT).fill(-1);

  reset(): void {
    this.n = 0;
    this.dirty = false;
    this.derived = false;
    this.timeText = null;
    this.roles.fill(-1);
  }

  /** `appendField` semantics; `check` when the name may already be in the list. */
  add(name: string, value: string, check: boolean, role: number): void {
    if (check || this.dirty) {
      const names = this.names;
      for (let i = 0; i < this.n; i++) {
        if (names[i] === name) {
          const prev = this.values[i]!;
          if (Array.isArray(prev)) prev.push(value);
          else this.values[i] = [String(prev), value];
          return;
        }
      }
    }
    if (role !== ROLE.None && this.roles[role] === -1) this.roles[role] = this.n;
    this.names[this.n] = name;
    this.values[this.n] = value;
    this.n++;
  }

  /** Add a name the plan does not know in advance (read from a value, or from a nested fragment). */
  addDynamic(name: string, value: string): void {
    this.dirty = true;
    this.add(name, value, true, roleOf(name));
  }

  /** Position of `name`, or -1. */
  indexOf(name: string): number {
    const names = this.names;
    for (let i = 0; i < this.n; i++) if (names[i] === name) return i;
    return -1;
  }

  /** `event[name] = value`: replaces in place, or appends. */
  set(name: string, value: Value): void {
    const i = this.indexOf(name);
    if (i >= 0) {
      this.values[i] = value;
      return;
    }
    this.names[this.n] = name;
    this.values[this.n] = value;
    this.n++;
  }

  /** Append a name known not to be in the list. */
  push(name: string, value: Value): void {
    this.names[this.n] = name;
    this.values[this.n] = value;
    this.n++;
  }

  /** The value of a role's name, or undefined. */
  role(role: number): Value | undefined {
    const i = this.roles[role]!;
    return i < 0 ? undefined : this.values[i];
  }
}
