'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import type { ReplyFacts } from '@/lib/governance/reply-facts';

type State = { kind: 'closed' } | { kind: 'loading' } | { kind: 'missing' } | { kind: 'failed' } | { kind: 'open'; facts: ReplyFacts };

/**
 * "Details" under a reply: the facts its audit record holds (model, persona version, owner, time, policy verdicts,
 * the AIGC label), fetched when opened. This is how a member sees their own conversation's records.
 */
export function ReplyDetails({ chatId, messageId }: { chatId: string; messageId: string }) {
  const t = useTranslations('chat');
  const format = useFormatter();
  const panelId = useId();
  const [state, setState] = useState<State>({ kind: 'closed' });
  const open = state.kind !== 'closed';
  const panel = useRef<HTMLElement>(null);
  // Under the last reply the panel opens below the fold of the scrolling chat; bring it into view.
  useEffect(() => {
    if (state.kind !== 'closed' && state.kind !== 'loading') panel.current?.scrollIntoView({ block: 'nearest' });
  }, [state.kind]);

  async function toggle() {
    if (open) return setState({ kind: 'closed' });
    setState({ kind: 'loading' });
    try {
      const res = await fetch(`/api/chats/${chatId}/messages/${messageId}/record`, { cache: 'no-store' });
      if (res.status === 404) return setState({ kind: 'missing' });
      if (!res.ok) return setState({ kind: 'failed' });
      setState({ kind: 'open', facts: ((await res.json()) as { record: ReplyFacts }).record });
    } catch {
      setState({ kind: 'failed' });
    }
  }

  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => void toggle()}
        className="rounded px-1.5 py-0.5 opacity-70 hover:bg-slate-100 hover:opacity-100"
      >
        {t('details')}
      </button>
      {open && (
        <section ref={panel} id={panelId} aria-label={t('detailsTitle')} className="mt-1 w-full max-w-[85%] rounded-lg border border-slate-200 bg-white p-3 text-xs text-slate-700 shadow-sm">
          {state.kind === 'loading' && <p role="status">{t('detailsLoading')}</p>}
          {state.kind === 'missing' && <p>{t('detailsMissing')}</p>}
          {state.kind === 'failed' && <p role="alert">{t('detailsFailed')}</p>}
          {state.kind === 'open' && <Facts facts={state.facts} when={(iso) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium' })} />}
        </section>
      )}
    </>
  );
}

function Facts({ facts, when }: { facts: ReplyFacts; when: (iso: string) => string }) {
  const t = useTranslations('chat');
  const rows: [string, string][] = [
    [t('factRecord'), `#${facts.seq}`],
    [t('factTime'), when(facts.time)],
    [t('factModel'), facts.model.id ?? '—'],
    [t('factVersion'), facts.personaVersion === null ? '—' : `v${facts.personaVersion}`],
    [t('factOwner'), facts.ownerName ?? '—'],
    [t('factFinish'), facts.finish ?? '—'],
    [t('factPolicy'), facts.policyVersion ?? '—'],
  ];
  return (
    <>
      <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
        <dt className="text-slate-500">{t('factVerdicts')}</dt>
        <dd>
          {facts.verdicts.length === 0
            ? t('factNoVerdicts')
            : facts.verdicts.map((v) => t('factVerdict', { check: v.check, action: v.action, category: v.category })).join('; ')}
        </dd>
        <dt className="text-slate-500">{t('factLabel')}</dt>
        <dd>
          <code className="block whitespace-pre-wrap break-all font-mono text-[11px]">{JSON.stringify({ AIGC: facts.aigc })}</code>
        </dd>
      </dl>
    </>
  );
}
