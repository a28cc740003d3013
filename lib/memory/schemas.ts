import { z } from 'zod';
import { MEMORY_KINDS, MEMORY_TEXT_MAX } from './types';

// Request schemas for the Memory page's routes. Messages are keys of the catalog's `errors` namespace.

export const listMemoriesQuerySchema = z.object({
  q: z.string().trim().max(200, 'too_long').optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const editMemoryBodySchema = z.object({
  text: z.string({ message: 'required' }).trim().min(1, 'required').max(MEMORY_TEXT_MAX, 'too_long'),
  kind: z.enum(MEMORY_KINDS).optional(),
  importance: z.number().int().min(1).max(5).optional(),
});

export const pinMemoryBodySchema = z.object({ pinned: z.boolean({ message: 'required' }) });

export const memorySwitchBodySchema = z.object({ enabled: z.boolean({ message: 'required' }) });
