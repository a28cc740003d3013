'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';

const SEEN_KEY = 'persona.ai-notice-seen';

/** The disclosure at the top of every chat, and once, on first use, as a dialog that must be acknowledged. */
export function AiNotice({ personaName, modelLabel }: { personaName: string; modelLabel: string }) {
  const t = useTranslations('chat');
  const [firstUse, setFirstUse] = useState(false);
  useEffect(() => {
    setFirstUse(localStorage.getItem(SEEN_KEY) !== '1');
  }, []);
  return (
    <>
      <p role="note" className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-xs text-amber-900">
        {t('disclosure', { name: personaName, model: modelLabel })}
      </p>
      {firstUse && (
        <div role="dialog" aria-modal="true" aria-labelledby="ai-notice-title" className="fixed inset-0 z-50 grid place-items-center bg-slate-900/40 p-4">
          <div className="max-w-md rounded-xl bg-white p-6 shadow-xl">
            <h2 id="ai-notice-title" className="text-lg font-semibold">
              {t('firstUseTitle')}
            </h2>
            <p className="mt-2 text-sm text-slate-600">{t('firstUseBody')}</p>
            <div className="mt-4 flex justify-end">
              <Button
                autoFocus
                onClick={() => {
                  localStorage.setItem(SEEN_KEY, '1');
                  setFirstUse(false);
                }}
              >
                {t('firstUseOk')}
              </Button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
