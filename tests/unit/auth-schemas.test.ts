import { describe, expect, it } from 'vitest';
import { registerBodySchema, signInBodySchema } from '@/lib/auth/schemas';
import { zodFieldErrors } from '@/lib/http/zod-errors';

describe('registration and sign-in validation', () => {
  it('lower-cases and trims the email', () => {
    const body = registerBodySchema.parse({ email: '  Ada@Example.COM ', name: 'Ada', password: 'longenough' });
    expect(body.email).toBe('ada@example.com');
  });

  it('names each bad field with a catalog key', () => {
    const result = registerBodySchema.safeParse({ email: 'nope', name: '', password: 'short' });
    expect(result.success).toBe(false);
    expect(zodFieldErrors(result.error!)).toEqual({
      email: 'invalid_email',
      name: 'required',
      password: 'password_too_short',
    });
  });

  it('reports missing fields as required', () => {
    const result = signInBodySchema.safeParse({});
    expect(zodFieldErrors(result.error!)).toEqual({ email: 'required', password: 'required' });
  });
});
