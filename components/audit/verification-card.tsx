import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import type { StoredVerification } from '@/lib/governance/verify';

const reasons = ['seq_gap', 'prev_mismatch', 'hash_mismatch', 'content_mismatch', 'head_mismatch'] as const;

export async function VerificationCard({ last }: { last: StoredVerification | null }) {
  const [t, format] = await Promise.all([getTranslations('audit'), getFormatter()]);
  let body;
  if (!last) body = <p className="text-sm text-slate-600">{t('neverVerified')}</p>;
  else {
    const reason = reasons.find((r) => r === last.reason);
    body = (
      <div className="flex flex-col gap-1 text-sm">
        <p className={last.ok ? 'text-emerald-800' : 'font-medium text-red-700'}>
          {last.ok
            ? t('verifiedOk', { count: last.checked, seq: last.lastSeq })
            : t('verifiedBroken', { seq: last.breakSeq ?? 0, reason: reason ? t(`reason_${reason}`) : (last.reason ?? '') })}
        </p>
        <p className="text-slate-500">
          {t('erasedCount', { count: last.contentErased })} · {t('verifiedAt', { time: format.dateTime(last.finishedAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
        </p>
      </div>
    );
  }
  return (
    <section aria-labelledby="verification-title" className="mb-6 flex items-start gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <Badge tone={!last ? 'neutral' : last.ok ? 'ok' : 'danger'}>{t('verification')}</Badge>
      <div>
        <h2 id="verification-title" className="sr-only">
          {t('verification')}
        </h2>
        {body}
      </div>
    </section>
  );
}
