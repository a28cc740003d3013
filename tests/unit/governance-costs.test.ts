import { describe, expect, it } from 'vitest';
import { MAX_COST_RANGE_DAYS, resolveCostRange } from '@/lib/governance/costs';

const now = new Date('2026-06-15T12:00:00Z');

describe('resolveCostRange', () => {
  it('defaults to the last 30 days, today included', () => {
    expect(resolveCostRange({}, now)).toEqual({ from: '2026-05-17', to: '2026-06-15', invalid: false });
  });

  it('keeps a valid range, swaps reversed ends, and caps the length at a year', () => {
    expect(resolveCostRange({ from: '2026-01-01', to: '2026-01-31' }, now)).toMatchObject({ from: '2026-01-01', to: '2026-01-31' });
    expect(resolveCostRange({ from: '2026-02-10', to: '2026-02-01' }, now)).toMatchObject({ from: '2026-02-01', to: '2026-02-10' });
    const long = resolveCostRange({ from: '2020-01-01', to: '2026-06-01' }, now);
    expect(long.to).toBe('2026-06-01');
    expect((Date.parse(long.to) - Date.parse(long.from)) / 86_400_000 + 1).toBe(MAX_COST_RANGE_DAYS);
  });

  it('falls back to the default range on dates that do not parse, and says so', () => {
    expect(resolveCostRange({ from: 'last tuesday', to: '2026-13-45' }, now)).toEqual({ from: '2026-05-17', to: '2026-06-15', invalid: true });
    expect(resolveCostRange({ from: '', to: '' }, now)).toMatchObject({ invalid: false, to: '2026-06-15' });
  });
});
