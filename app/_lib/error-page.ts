import { forbidden, notFound } from 'next/navigation';
import { DomainError } from '@/lib/errors';

/** Domain lookups throw; pages answer with the 404 or 403 page instead. */
export async function orErrorPage<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') notFound();
    if (err instanceof DomainError && err.code === 'forbidden') forbidden();
    throw err;
  }
}
