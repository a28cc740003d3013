import crypto, { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The prev_hash of the first record: the chain starts from 32 zero bytes. */
export const GENESIS_HASH = '0'.repeat(64);

/** RFC 8785 canonical JSON (sorted keys, fixed number and string forms), the form every hash is taken over. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(wellFormed(value));
  if (text === undefined) throw new Error('value has no JSON representation');
  return text;
}

// One-shot hashing (Node ≥ 20.12) is markedly cheaper than a Hash object per record, which verification feels.
const oneShot = (crypto as { hash?: (alg: string, data: string | Buffer, enc: 'hex') => string }).hash;

export function sha256Hex(data: string | Buffer): string {
  return oneShot ? oneShot('sha256', data, 'hex') : createHash('sha256').update(data).digest('hex');
}

/**
 * A record's hash: SHA-256 over the previous record's hash (its 64 hex characters, as stored) followed by the
 * record's canonical bytes (UTF-8). Reproducible anywhere: sha256(prev_hash + envelope).
 */
export function recordHash(prevHash: string, envelope: string): string {
  return sha256Hex(prevHash + envelope);
}

/**
 * The canonical bytes of `{ prompt, output }` built from what audit_contents stores (the prompt already in canonical
 * form), so hashing stored content needs no parse and no re-serialisation. Equal to
 * canonicalJson({ prompt, output }) — keys sort as "output" < "prompt"; a unit test holds this true.
 */
export function contentBytes(promptCanonical: string | null, output: string | null): string {
  return `{"output":${output === null ? 'null' : JSON.stringify(output)},"prompt":${promptCanonical ?? 'null'}}`;
}

export function contentHash(promptCanonical: string | null, output: string | null): string {
  return sha256Hex(contentBytes(promptCanonical, output));
}

/**
 * Lone surrogates (e.g. an emoji cut between two stream deltas) have no canonical form: RFC 8785 refuses them.
 * Replace them with U+FFFD before anything is hashed, so an odd model output cannot make a call unrecordable.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function wellFormedString(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD');
}

export function wellFormed<T>(value: T): T {
  if (typeof value === 'string') return wellFormedString(value) as T;
  if (Array.isArray(value)) return value.map(wellFormed) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [wellFormedString(k), wellFormed(v)])) as T;
  }
  return value;
}
