/** Exhaustiveness check for discriminated unions: a new `kind` fails to compile until it is handled. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
