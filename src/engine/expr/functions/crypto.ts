/**
 * Hash eval functions (SR-EvalFns cryptographic section): md5, sha1, sha256, sha512 of the value's
 * UTF-8 bytes, as lowercase hex. Null for null; a multivalue hashes each value [UNCONFIRMED].
 */
import { createHash } from 'node:crypto';
import type { EvalFunctionDef } from '../types.js';
import { mapValues, unary } from './define.js';

function hasher(name: string, algorithm: string): EvalFunctionDef {
  return unary(name, (v) => mapValues(v, (s) => createHash(algorithm).update(s, 'utf8').digest('hex')));
}

export const cryptoFunctions: readonly EvalFunctionDef[] = [
  hasher('md5', 'md5'),
  hasher('sha1', 'sha1'),
  hasher('sha256', 'sha256'),
  hasher('sha512', 'sha512'),
];
