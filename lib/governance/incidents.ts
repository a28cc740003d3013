import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db, type DbOrTx } from '@/db/client';
import { incidents, users } from '@/db/schema';
import { isUuid, type PublicUser } from '@/lib/auth/users';
import { conflict, notFound, validationError } from '@/lib/errors';
import { audit } from './audit';

export const flagBodySchema = z.object({
  reason: z.string({ message: 'required' }).trim().min(1, 'required').max(2000, 'too_long'),
});

export const resolveBodySchema = z.object({
  note: z.string({ message: 'required' }).trim().min(1, 'required').max(4000, 'too_long'),
  fixVersion: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce.number({ message: 'invalid_version' }).int('invalid_version').positive('invalid_version').optional(),
  ),
});

export type Incident = typeof incidents.$inferSelect;

/**
 * An auditor flags a model call: an incident assigned to the persona's owner at the time of the call, and a
 * `audit.flag.raised` record, committed together.
 */
export async function raiseIncident(db: Db, actor: PublicUser, flaggedSeq: number, reason: string, requestId?: string): Promise<Incident> {
  return db.transaction(async (tx) => {
    // A call is one row in the review list — its end record — so a flag on a start goes to its end when there is one.
    const [end] = rowsOf<{ seq: string | number }>(
      await tx.execute(sql`select seq from audit_records where completes_seq = ${flaggedSeq}`),
    );
    const seq = end ? Number(end.seq) : flaggedSeq;
    const [rec] = rowsOf<{ kind: string; owner_id: string | null; persona_id: string | null; persona_version: number | null }>(
      await tx.execute(sql`select kind, owner_id, persona_id, persona_version from audit_records where seq = ${seq}`),
    );
    if (!rec) throw notFound('Audit record');
    if (!rec.kind.startsWith('generation.') || !rec.owner_id) {
      throw validationError('Only model calls can be flagged', { reason: 'not_flaggable' });
    }
    const [incident] = await tx
      .insert(incidents)
      .values({ auditSeq: seq, raisedBy: actor.id, reason, assigneeId: rec.owner_id, personaId: rec.persona_id })
      .returning();
    await audit(tx, {
      action: 'audit.flag.raised',
      actorId: actor.id,
      personaId: rec.persona_id,
      personaVersion: rec.persona_version,
      ownerId: rec.owner_id,
      requestId,
      data: { seq, incidentId: incident!.id },
    });
    return incident!;
  });
}

/** The owner closes an incident assigned to them, with a note and the persona version that fixes it (if any). */
export async function resolveIncident(
  db: Db,
  actor: PublicUser,
  id: string,
  body: z.infer<typeof resolveBodySchema>,
  requestId?: string,
): Promise<Incident> {
  if (!isUuid(id)) throw notFound('Incident');
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(incidents)
      .where(and(eq(incidents.id, id), eq(incidents.assigneeId, actor.id)))
      .for('update')
      .limit(1);
    if (!current) throw notFound('Incident');
    if (current.status === 'resolved') throw conflict('This incident is already resolved', { note: 'already_resolved' });
    const [updated] = await tx
      .update(incidents)
      .set({ status: 'resolved', resolutionNote: body.note, fixVersion: body.fixVersion ?? null, resolvedBy: actor.id, resolvedAt: new Date() })
      .where(eq(incidents.id, id))
      .returning();
    await audit(tx, {
      action: 'audit.flag.resolved',
      actorId: actor.id,
      personaId: current.personaId,
      ownerId: actor.id,
      requestId,
      data: { incidentId: id, seq: current.auditSeq, fixVersion: body.fixVersion ?? null },
    });
    return updated!;
  });
}

export type IncidentListItem = Incident & { raisedByName: string | null };

/** The owner's inbox: incidents assigned to them, open ones first. */
export async function listIncidentsForAssignee(db: DbOrTx, userId: string): Promise<IncidentListItem[]> {
  const rows = await db
    .select({ incident: incidents, raisedByName: users.name })
    .from(incidents)
    .leftJoin(users, eq(users.id, incidents.raisedBy))
    .where(eq(incidents.assigneeId, userId))
    .orderBy(sql`${incidents.status} = 'resolved'`, desc(incidents.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...r.incident, raisedByName: r.raisedByName }));
}

export async function listIncidentsForRecord(db: DbOrTx, seq: number): Promise<IncidentListItem[]> {
  const rows = await db
    .select({ incident: incidents, raisedByName: users.name })
    .from(incidents)
    .leftJoin(users, eq(users.id, incidents.raisedBy))
    .where(eq(incidents.auditSeq, seq))
    .orderBy(desc(incidents.createdAt));
  return rows.map((r) => ({ ...r.incident, raisedByName: r.raisedByName }));
}
