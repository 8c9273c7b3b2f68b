/**
 * Network eval functions: cidrmatch (SR-CC: "TRUE if ip is in the subnet", IPv4 and IPv6) and ipmask
 * (SR-Conv: bitwise AND of an IPv4 mask and address).
 *
 * A literal CIDR is parsed once; an invalid one is a PlanError. A value that is not an address, or a
 * null, does not match. A multivalue matches when any value does [UNCONFIRMED].
 */
import { valuesOf } from '../../../events/multivalue.js';
import { cidrContains, parseCidr, parseIp } from '../../../events/ip.js';
import type { CidrRange } from '../../../events/ip.js';
import type { EvalFunctionDef, ExprValue, FunctionArg } from '../types.js';
import { argError, constantString, defineFunction, eager, scalarText } from './define.js';

function anyInRange(range: CidrRange, v: ExprValue | undefined): boolean {
  for (const text of valuesOf(typeof v === 'boolean' ? null : v)) {
    const addr = parseIp(text);
    if (addr !== null && cidrContains(range, addr)) return true;
  }
  return false;
}

const cidrmatchFunction = defineFunction('cidrmatch', 2, 2, ([c, ip]) => {
  const ipc = (ip as FunctionArg).compiled;
  const literal = constantString(c);
  if (literal !== undefined) {
    const range = literal === null ? null : parseCidr(literal);
    if (range === null) throw argError('cidrmatch', `${JSON.stringify(literal)} is not a CIDR range such as "10.0.0.0/8"`);
    return (event, ctx) => anyInRange(range, ipc(event, ctx));
  }
  const cc = (c as FunctionArg).compiled;
  return (event, ctx) => {
    const text = scalarText(cc(event, ctx));
    const range = text === null ? null : parseCidr(text);
    return range !== null && anyInRange(range, ipc(event, ctx));
  };
});

/** ipmask(mask, ip): both dotted IPv4; null otherwise. */
function ipmask(m: ExprValue | undefined, v: ExprValue | undefined): ExprValue {
  const mask = parseIp(scalarText(m) ?? '');
  const addr = parseIp(scalarText(v) ?? '');
  if (mask === null || addr === null || mask.kind() !== 'ipv4' || addr.kind() !== 'ipv4') return null;
  const a = addr.toByteArray();
  return mask
    .toByteArray()
    .map((b, i) => b & (a[i] as number))
    .join('.');
}

export const netFunctions: readonly EvalFunctionDef[] = [cidrmatchFunction, eager('ipmask', 2, 2, ([m, v]) => ipmask(m, v))];
