import Link from 'next/link';
import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { pageUser } from '@/app/_lib/guards';
import { getDb } from '@/db/client';
import { isOfflineModelId } from '@/lib/ai/model-id';
import { diffVersions } from '@/lib/personas/diff';
import { getPersonaForViewerOrThrow, listVersions } from '@/lib/personas/queries';
import { PersonaAvatar } from '@/components/personas/avatar';
import { GreetingPreview } from '@/components/personas/greeting-preview';
import { OwnerActions } from '@/components/personas/owner-actions';
import { VersionDiff } from '@/components/personas/version-diff';
import { VersionHistory } from '@/components/personas/version-history';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { orErrorPage } from '@/app/_lib/error-page';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function Section({ title, children, id }: { title: ReactNode; children: ReactNode; id?: string }) {
  return (
    <section aria-labelledby={id ? `${id}-title` : undefined} id={id} className="scroll-mt-20">
      <h2 id={id ? `${id}-title` : undefined} className="mb-2 text-base font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

const prose = 'whitespace-pre-wrap break-words text-sm text-slate-700';

export default async function PersonaPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await pageUser(`/personas/${id}`);
  const db = await getDb();
  const persona = await orErrorPage(getPersonaForViewerOrThrow(db, user.id, id));
  const versions = await listVersions(db, user.id, id);
  const [t, tf, tp, tform] = await Promise.all([
    getTranslations('personas.page'),
    getTranslations('personas.fields'),
    getTranslations('personas'),
    getTranslations('personas.form'),
  ]);
  const tm = await getTranslations('models');
  const v = persona.current;
  const p = v.profile;
  const isOwner = persona.ownerId === user.id;

  const sp = await searchParams;
  const pick = (key: string, fallback: number) => {
    const n = Number(sp[key]);
    return versions.some((x) => x.version === n) ? n : fallback;
  };
  const to = pick('to', persona.currentVersion);
  const from = pick('from', Math.max(1, to - 1));
  const byNumber = new Map(versions.map((x) => [x.version, x]));
  const compared = versions.length > 1 ? diffVersions(byNumber.get(from)!, byNumber.get(to)!) : null;

  const texts = [
    ['description', p.description],
    ['personality', p.personality],
    ['scenario', p.scenario],
    ['exampleDialogues', p.exampleDialogues],
    ['systemPrompt', p.systemPrompt],
    ['postHistoryInstructions', p.postHistoryInstructions],
  ] as const;
  const exportHref = (fmt: string) => `/api/personas/${id}/export?format=${fmt}&version=${v.version}`;

  return (
    <div className="flex flex-col gap-8">
      <header className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <PersonaAvatar assetId={v.avatarAssetId} name={p.name} alt={tp('avatarAlt', { name: p.name })} size="lg" />
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="break-words text-2xl font-semibold tracking-tight text-slate-900">{p.name}</h1>
            <Badge tone={persona.visibility === 'private' ? 'neutral' : 'brand'}>{tp(`visibility.${persona.visibility}`)}</Badge>
          </div>
          {p.tagline && <p className="text-slate-600">{p.tagline}</p>}
          <p className="text-sm text-slate-500" data-testid="persona-byline">
            {tp('byLine', { owner: persona.ownerName, version: persona.currentVersion })}
          </p>
          {p.tags.length > 0 && (
            <ul className="flex flex-wrap gap-1" aria-label={tp('tagsLabel')}>
              {p.tags.map((tag) => (
                <li key={tag}>
                  <Link href={`/personas?tag=${encodeURIComponent(tag)}`}>
                    <Badge>{tag}</Badge>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <div className="mt-2 flex flex-wrap gap-2">
            <Link href={`/chats/new?persona=${persona.id}`} className={buttonClass('primary')}>
              {t('startChat')}
            </Link>
            {isOwner && (
              <Link href={`/personas/${persona.id}/edit`} className={buttonClass('secondary')}>
                {t('edit')}
              </Link>
            )}
          </div>
        </div>
      </header>

      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="flex flex-col gap-6">
          <Section title={t('greeting')}>
            <GreetingPreview
              name={p.name}
              tagline={p.tagline}
              greeting={p.greeting}
              avatarSrc={v.avatarAssetId ? `/api/assets/${v.avatarAssetId}` : null}
              userName={user.name}
              labels={{ title: t('greeting'), empty: t('noGreeting'), avatarAlt: tp('avatarAlt', { name: p.name }), unnamed: p.name }}
            />
            {p.alternateGreetings.length > 0 && (
              <details className="mt-3">
                <summary className="cursor-pointer text-sm text-brand-700">{t('alternateGreetings', { count: p.alternateGreetings.length })}</summary>
                <ol className="mt-2 flex flex-col gap-2">
                  {p.alternateGreetings.map((g, i) => (
                    <li key={i} className={`${prose} rounded-lg bg-white p-3 ring-1 ring-slate-200`}>{g}</li>
                  ))}
                </ol>
              </details>
            )}
          </Section>
          {texts
            .filter(([, value]) => value.trim())
            .map(([key, value]) => (
              <Section key={key} title={tf(key)}>
                <p className={prose}>{value}</p>
              </Section>
            ))}
          {p.lorebook.length > 0 && (
            <Section title={tform('sectionLorebook')}>
              <ul className="flex flex-col gap-2">
                {p.lorebook.map((e, i) => (
                  <li key={i} className="rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200">
                    <div className="mb-1 flex flex-wrap items-center gap-1">
                      {e.keys.map((k) => <Badge key={k}>{k}</Badge>)}
                      {e.constant && <Badge tone="brand">{t('constant')}</Badge>}
                      {!e.enabled && <Badge tone="warn">{t('disabled')}</Badge>}
                    </div>
                    <p className={prose}>{e.content}</p>
                  </li>
                ))}
              </ul>
            </Section>
          )}
          <Section title={t('history')} id="history">
            <VersionHistory personaId={persona.id} versions={versions} from={from} to={to} />
            {compared && <VersionDiff from={from} to={to} changes={compared} />}
          </Section>
          {isOwner && (
            <Section title={t('ownerZone')}>
              <Card>
                <OwnerActions personaId={persona.id} />
              </Card>
            </Section>
          )}
        </div>

        <aside className="flex flex-col gap-6">
          <Card className="p-4">
            <h2 className="mb-3 text-sm font-semibold text-slate-900">{t('modelSettings')}</h2>
            <dl className="grid grid-cols-2 gap-y-2 text-sm">
              <dt className="text-slate-500">{tf('modelId')}</dt>
              <dd className="break-all text-slate-800">{v.model.modelId ? (isOfflineModelId(v.model.modelId) ? tm('offline') : v.model.modelId) : t('defaultValue')}</dd>
              <dt className="text-slate-500">{tf('temperature')}</dt>
              <dd className="text-slate-800">{v.model.temperature ?? t('defaultValue')}</dd>
              <dt className="text-slate-500">{tf('maxOutputTokens')}</dt>
              <dd className="text-slate-800">{v.model.maxOutputTokens ?? t('defaultValue')}</dd>
              <dt className="text-slate-500">{tf('language')}</dt>
              <dd className="text-slate-800">{p.language || t('userLanguage')}</dd>
            </dl>
          </Card>
          <Card className="p-4">
            <h2 className="mb-1 text-sm font-semibold text-slate-900">{t('export')}</h2>
            <p className="mb-3 text-xs text-slate-500">{t('exportLead', { version: v.version })}</p>
            <div className="flex flex-wrap gap-2">
              <a href={exportHref('png')} download className={buttonClass('secondary')}>{t('exportPng')}</a>
              <a href={exportHref('v2')} download className={buttonClass('secondary')}>{t('exportV2')}</a>
              <a href={exportHref('v3')} download className={buttonClass('secondary')}>{t('exportV3')}</a>
            </div>
          </Card>
        </aside>
      </div>
    </div>
  );
}
