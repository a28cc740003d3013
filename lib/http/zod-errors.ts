import type { ZodError } from 'zod';

/**
 * zod issues as `{ "field.path": "message_key" }`. Schemas set their messages to keys of the catalog's `errors`
 * namespace (e.g. `invalid_email`); issues without a custom message fall back to zod's issue code.
 */
export function zodFieldErrors(err: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.join('.') || '_';
    if (!(key in fields)) fields[key] = /^[a-z_]+$/.test(issue.message) ? issue.message : issue.code;
  }
  return fields;
}

/** A one-line English summary that names each bad field, for API clients and logs. */
export function zodSummary(err: ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message.replace(/_/g, ' ')}`)
    .join('; ');
}
