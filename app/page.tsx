import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth/session';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';

export default async function HomePage() {
  if (await getCurrentUser()) redirect('/personas');
  const t = await getTranslations('home');
  const features = ['personas', 'memory', 'governance'] as const;
  return (
    <div className="flex flex-col gap-10 py-8">
      <section className="max-w-2xl">
        <h1 className="text-4xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
        <p className="mt-4 text-lg text-slate-600">{t('lead')}</p>
        <div className="mt-6 flex gap-3">
          <Link href="/register" className={buttonClass('primary')}>
            {t('getStarted')}
          </Link>
          <Link href="/signin" className={buttonClass('secondary')}>
            {t('haveAccount')}
          </Link>
        </div>
      </section>
      <section className="grid gap-4 sm:grid-cols-3">
        {features.map((f) => (
          <Card key={f}>
            <h2 className="font-semibold text-slate-900">{t(`features.${f}Title`)}</h2>
            <p className="mt-1 text-sm text-slate-600">{t(`features.${f}Body`)}</p>
          </Card>
        ))}
      </section>
    </div>
  );
}
