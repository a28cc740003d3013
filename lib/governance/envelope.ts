import { canonicalJson, recordHash } from './canonical';

export const ENVELOPE_VERSION = 1;

/** What the chain assigns to a record when it is appended, under the head lock. */
export type ChainPosition = { seq: number; time: string; prevHash: string; appVersion: string };

/**
 * A record's envelope — its fields plus its chain position, as canonical JSON — and its hash. Null and undefined
 * fields are left out: absent and null read the same from the generated columns.
 */
export function sealRecord(fields: Record<string, unknown>, at: ChainPosition): { envelope: string; hash: string } {
  const all: Record<string, unknown> = {
    ...fields,
    v: ENVELOPE_VERSION,
    seq: at.seq,
    time: at.time,
    prev_hash: at.prevHash,
    app_version: at.appVersion,
  };
  const present = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== null && v !== undefined));
  const envelope = canonicalJson(present);
  return { envelope, hash: recordHash(at.prevHash, envelope) };
}
