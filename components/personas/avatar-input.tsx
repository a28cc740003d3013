'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { PersonaAvatar } from './avatar';
import { FieldNote } from './form-controls';

/** Uploads the chosen image at once (the server validates and re-encodes it) and reports the stored asset id. */
export function AvatarInput({
  assetId,
  name,
  onChange,
  error,
}: {
  assetId: string | null;
  name: string;
  onChange: (assetId: string | null) => void;
  error?: string | null;
}) {
  const t = useTranslations('personas.form');
  const tp = useTranslations('personas');
  const te = useTranslations('errors');
  const [busy, setBusy] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);

  async function upload(file: File) {
    setBusy(true);
    setUploadError(null);
    try {
      const res = await fetch('/api/assets', { method: 'POST', headers: { 'content-type': file.type || 'application/octet-stream' }, body: file });
      const payload = await res.json().catch(() => null);
      if (res.ok) onChange(payload.id);
      else if (res.status === 413) setUploadError(t('avatarTooLarge'));
      else {
        const key = payload?.error?.fields?.file as string | undefined;
        setUploadError(key && te.has(key) ? te(key) : te('generic'));
      }
    } catch {
      setUploadError(te('network'));
    } finally {
      setBusy(false);
    }
  }

  const shown = uploadError ?? error ?? null;
  return (
    <div className="flex items-center gap-4">
      <PersonaAvatar assetId={assetId} name={name || '?'} alt={tp('avatarAlt', { name: name || '?' })} size="lg" />
      <div className="flex flex-col gap-2">
        <label htmlFor="avatar" className="text-sm font-medium text-slate-700">
          {t('avatar')}
        </label>
        <input
          id="avatar"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          aria-describedby={shown ? 'avatar-error' : 'avatar-hint'}
          aria-invalid={shown ? true : undefined}
          disabled={busy}
          className="text-sm file:mr-3 file:rounded-lg file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-brand-700"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
          }}
        />
        {busy ? <p role="status" className="text-xs text-slate-500">{t('avatarUploading')}</p> : <FieldNote id="avatar" hint={t('avatarHint')} error={shown} />}
        {assetId && (
          <div>
            <Button variant="ghost" onClick={() => onChange(null)}>
              {t('avatarRemove')}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
