import { z } from 'zod';

// Messages are keys of the i18n catalog's `errors` namespace; the form shows them next to the field.
const email = z
  .string({ message: 'required' })
  .trim()
  .min(1, 'required')
  .max(254, 'too_long')
  .pipe(z.email({ message: 'invalid_email' }))
  .transform((e) => e.toLowerCase());

export const registerBodySchema = z.object({
  email,
  name: z.string({ message: 'required' }).trim().min(1, 'required').max(80, 'too_long'),
  password: z.string({ message: 'required' }).min(8, 'password_too_short').max(200, 'too_long'),
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

export const signInBodySchema = z.object({
  email,
  password: z.string({ message: 'required' }).min(1, 'required').max(200, 'too_long'),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const roles = ['member', 'auditor', 'admin'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles, { message: 'invalid_role' });

export const setRoleBodySchema = z.object({ role: roleSchema });

export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];
export const localeSchema = z.enum(locales, { message: 'invalid_locale' });
