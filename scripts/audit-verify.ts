// npm run audit:verify [-- --file export.jsonl] — verifies the audit chain in the database (DATABASE_URL, or the
// PGlite data dir) or, with --file, a JSONL export offline. Prints the first bad seq and why; exits 1 on a break.
import fs from 'node:fs';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { verifyDatabase, verifyExportLines, saveVerification, type VerifyResult } from '../lib/governance/verify';

const { values } = parseArgs({ options: { file: { type: 'string' } } });

function report(r: VerifyResult): void {
  const seconds = Math.max(1e-3, (r.finishedAt.getTime() - r.startedAt.getTime()) / 1000);
  const rate = Math.round(r.checked / seconds);
  const erased = `${r.contentErased} with content erased`;
  if (r.ok) {
    console.log(`audit chain OK (${r.source}): ${r.checked} records, last seq ${r.lastSeq}, ${erased}; ${rate} records/s`);
    console.log(`head hash ${r.lastHash}`);
  } else {
    console.log(`audit chain BROKEN (${r.source}) at seq ${r.break!.seq}: ${r.break!.reason} — ${r.break!.detail}`);
    console.log(`${r.checked} records verified before the break (last good seq ${r.lastSeq}), ${erased}`);
  }
}

if (values.file) {
  const lines = readline.createInterface({ input: fs.createReadStream(values.file), crlfDelay: Infinity });
  const result = await verifyExportLines(lines);
  report(result);
  process.exit(result.ok ? 0 : 1);
} else {
  const { closeDb, getDb } = await import('../db/client');
  const db = await getDb();
  const result = await verifyDatabase(db);
  await saveVerification(db, result);
  report(result);
  await closeDb();
  process.exit(result.ok ? 0 : 1);
}
