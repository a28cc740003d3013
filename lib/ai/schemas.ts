import { z } from 'zod';

export const setDefaultModelBodySchema = z.object({
  modelId: z.string({ message: 'required' }).trim().min(1, 'required').max(200, 'too_long'),
});
export type SetDefaultModelBody = z.infer<typeof setDefaultModelBodySchema>;
