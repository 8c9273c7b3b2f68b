/**
 * The reader prefilter for a run of several detections: a record must be parsed when ANY of them may
 * need it. Each member prefilter is conservative (it rejects only records its own search would reject),
 * so their union is too:
 * - raw text: parsed when some member's `raw` test passes it; a member without a `raw` test needs every
 *   record, so then the union has no raw test either;
 * - event codes: the union of the members' sets, but only when every member pins its codes; one member
 *   that reads any EventCode removes the code test.
 * A consumer with no prefilter at all (`undefined`: it needs everything) makes the whole union
 * `undefined`. The exact searches always run afterwards, per detection.
 */
import type { Prefilter } from '../ingest/types.js';
import { buildPrefilter } from '../plan/prefilter.js';
import { parseSearchExpression } from '../spl/parser.js';

export function unionPrefilter(members: readonly (Prefilter | undefined)[]): Prefilter | undefined {
  if (members.length === 0) return undefined;
  const raws: ((text: string) => boolean)[] = [];
  let rawForAll = true;
  let codes: Set<string> | undefined = new Set();
  for (const m of members) {
    if (m === undefined) return undefined;
    if (m.raw === undefined) rawForAll = false;
    else raws.push(m.raw);
    if (m.eventCodes === undefined) codes = undefined;
    else if (codes !== undefined) for (const c of m.eventCodes) codes.add(c);
  }
  const result: { raw?: (text: string) => boolean; eventCodes?: ReadonlySet<string> } = {};
  if (rawForAll) {
    const tests = raws;
    result.raw = tests.length === 1 ? (tests[0] as (text: string) => boolean) : (text) => tests.some((t) => t(text));
  }
  if (codes !== undefined) result.eventCodes = codes;
  return result.raw === undefined && result.eventCodes === undefined ? undefined : result;
}

let processCreate: Prefilter | undefined;

/**
 * What the EID 1 process index needs: Sysmon process creation, EventCode 1. Derived from the search
 * `EventCode=1` by the same planner rule the detections use, so it is exactly as conservative.
 */
export function processCreatePrefilter(): Prefilter {
  if (processCreate === undefined) {
    const expr = parseSearchExpression('EventCode=1');
    const built = expr === null ? null : buildPrefilter(expr);
    if (built === null) throw new Error('EventCode=1 must give a prefilter');
    processCreate = built;
  }
  return processCreate;
}
