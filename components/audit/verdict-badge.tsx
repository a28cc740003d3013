import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';

const tones = { allow: 'ok', flag: 'warn', redact: 'brand', block: 'danger' } as const;

export async function VerdictBadge({ verdict }: { verdict: string | null }) {
  const t = await getTranslations('audit');
  const v = (verdict ?? 'allow') as keyof typeof tones;
  if (!(v in tones)) return <Badge>{verdict}</Badge>;
  return <Badge tone={tones[v]}>{t(`verdict_${v}`)}</Badge>;
}
