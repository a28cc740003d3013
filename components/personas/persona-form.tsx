'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { postJson } from '@/components/http';
import { Button, buttonClass } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { visibilities, type ModelSettings, type PersonaProfile } from '@/lib/personas/profile';
import type { PersonaVisibility } from '@/db/schema';
import type { ModelChoice } from '@/lib/personas/model-choices';
import { AvatarInput } from './avatar-input';
import { FieldNote, FormSection, SelectField, TextAreaField } from './form-controls';
import { GreetingPreview } from './greeting-preview';
import { fromEditable, LorebookEditor, splitList, toEditable, type EditableEntry } from './lorebook-editor';

export type PersonaFormInitial = {
  profile: PersonaProfile;
  visibility: PersonaVisibility;
  model: ModelSettings;
  avatarAssetId: string | null;
  version: number | null;
};

const LANGUAGES = ['en', 'zh-CN', 'ja', 'ko', 'fr', 'de', 'es'];
const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text));

export function PersonaForm({
  personaId,
  initial,
  userName,
  models,
}: {
  personaId?: string;
  initial: PersonaFormInitial;
  userName: string;
  models: { choices: ModelChoice[]; defaultModelId: string };
}) {
  const t = useTranslations('personas.form');
  const tp = useTranslations('personas');
  const tm = useTranslations('models');
  const te = useTranslations('errors');
  const router = useRouter();
  const [profile, setProfile] = useState(initial.profile);
  const [tagsText, setTagsText] = useState(initial.profile.tags.join(', '));
  const [entries, setEntries] = useState<EditableEntry[]>(initial.profile.lorebook.map(toEditable));
  const [visibility, setVisibility] = useState(initial.visibility);
  const [modelId, setModelId] = useState(initial.model.modelId ?? '');
  const [temperature, setTemperature] = useState(initial.model.temperature?.toString() ?? '');
  const [maxTokens, setMaxTokens] = useState(initial.model.maxOutputTokens?.toString() ?? '');
  const [avatarAssetId, setAvatarAssetId] = useState(initial.avatarAssetId);
  const [changeNote, setChangeNote] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nextVersion = (initial.version ?? 0) + 1;

  const set = <K extends keyof PersonaProfile>(key: K, value: PersonaProfile[K]) => {
    setProfile((p) => ({ ...p, [key]: value }));
    // Once the user edits a field, its old error no longer describes it.
    setFields((f) => (`profile.${key}` in f ? Object.fromEntries(Object.entries(f).filter(([k]) => k !== `profile.${key}`)) : f));
  };
  const errorFor = (path: string) => {
    const key = fields[path];
    return key ? (te.has(key) ? te(key) : te('generic')) : null;
  };
  const text = (key: 'description' | 'personality' | 'scenario' | 'greeting' | 'exampleDialogues' | 'systemPrompt' | 'postHistoryInstructions', hint?: string, rows = 4) => (
    <TextAreaField
      id={`pf-${key}`}
      label={t(key)}
      hint={hint}
      rows={rows}
      value={profile[key]}
      error={errorFor(`profile.${key}`)}
      onChange={(e) => set(key, e.target.value)}
    />
  );

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFormError(null);
    const body = {
      profile: { ...profile, tags: splitList(tagsText), lorebook: entries.map(fromEditable) },
      visibility,
      model: { modelId: modelId.trim() || null, temperature: numberOrNull(temperature), maxOutputTokens: numberOrNull(maxTokens) },
      avatarAssetId,
      changeNote,
      ...(initial.version ? { baseVersion: initial.version } : {}),
    };
    const res = await postJson<{ id: string; version: number }>(personaId ? `/api/personas/${personaId}` : '/api/personas', body, personaId ? 'PUT' : 'POST');
    setBusy(false);
    if (res.ok) {
      router.push(`/personas/${res.data.id}`);
      router.refresh();
      return;
    }
    setFields(res.error.fields ?? {});
    if (res.error.fields?._ === 'version_conflict') setFormError(t('conflict'));
    else if (res.status === 413) setFormError(t('tooLarge'));
    else if (res.error.fields) setFormError(t('fixErrors'));
    else setFormError(te(res.error.code === 'network' ? 'network' : 'generic'));
  }

  // The offline model is named through the catalog wherever a model name is shown.
  const modelName = (id: string) => {
    const m = models.choices.find((c) => c.id === id);
    return m?.offline || id.startsWith('offline:') ? tm('offline') : (m?.label ?? id);
  };
  const avatarSrc = avatarAssetId ? `/api/assets/${avatarAssetId}` : null;
  return (
    <form onSubmit={onSubmit} noValidate aria-busy={busy} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="flex flex-col gap-6">
        <FormSection title={t('sectionBasics')}>
          <Field id="pf-name" label={t('name')} value={profile.name} required error={errorFor('profile.name')} onChange={(e) => set('name', e.target.value)} />
          <Field id="pf-tagline" label={t('tagline')} hint={t('taglineHint')} value={profile.tagline} error={errorFor('profile.tagline')} onChange={(e) => set('tagline', e.target.value)} />
          <AvatarInput assetId={avatarAssetId} name={profile.name} onChange={setAvatarAssetId} error={errorFor('avatarAssetId')} />
          <Field id="pf-tags" label={t('tags')} hint={t('tagsHint')} value={tagsText} error={errorFor('profile.tags')} onChange={(e) => setTagsText(e.target.value)} />
        </FormSection>

        <FormSection title={t('sectionCharacter')}>
          {text('description', t('descriptionHint'), 5)}
          {text('personality')}
          {text('scenario')}
          {text('exampleDialogues', t('exampleDialoguesHint'))}
        </FormSection>

        <FormSection title={t('sectionGreetings')}>
          {text('greeting', t('greetingHint'))}
          {profile.alternateGreetings.map((g, i) => (
            <div key={i} className="flex flex-col gap-1">
              <TextAreaField
                id={`pf-alt-${i}`}
                label={t('alternateGreeting', { n: i + 1 })}
                rows={2}
                value={g}
                error={errorFor(`profile.alternateGreetings.${i}`)}
                onChange={(e) => set('alternateGreetings', profile.alternateGreetings.map((x, j) => (j === i ? e.target.value : x)))}
              />
              <div>
                <Button variant="ghost" onClick={() => set('alternateGreetings', profile.alternateGreetings.filter((_, j) => j !== i))}>
                  {t('removeGreeting', { n: i + 1 })}
                </Button>
              </div>
            </div>
          ))}
          <div>
            <Button variant="secondary" onClick={() => set('alternateGreetings', [...profile.alternateGreetings, ''])}>
              {t('addGreeting')}
            </Button>
          </div>
        </FormSection>

        <FormSection title={t('sectionPrompts')}>
          {text('systemPrompt', t('systemPromptHint'))}
          {text('postHistoryInstructions', t('postHistoryHint'), 3)}
        </FormSection>

        <FormSection title={t('sectionLorebook')} lead={t('lorebookHint')}>
          <LorebookEditor entries={entries} onChange={setEntries} errorFor={errorFor} />
        </FormSection>

        <FormSection title={t('sectionModel')}>
          <div className="grid gap-4 sm:grid-cols-3">
            <SelectField id="pf-model" label={t('modelId')} value={modelId} error={errorFor('model.modelId')} onChange={(e) => setModelId(e.target.value)}>
              <option value="">{t('modelDefaultIs', { model: modelName(models.defaultModelId) })}</option>
              {models.choices.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.available ? modelName(m.id) : t('modelUnavailable', { model: modelName(m.id) })}
                </option>
              ))}
            </SelectField>
            <Field id="pf-temperature" label={t('temperature')} type="number" step={0.1} min={0} max={2} placeholder={t('modelDefault')} value={temperature} error={errorFor('model.temperature')} onChange={(e) => setTemperature(e.target.value)} />
            <Field id="pf-max-tokens" label={t('maxOutputTokens')} type="number" step={1} min={1} placeholder={t('modelDefault')} value={maxTokens} error={errorFor('model.maxOutputTokens')} onChange={(e) => setMaxTokens(e.target.value)} />
          </div>
          <FieldNote id="pf-model-note" hint={t('modelHint')} />
          <Field id="pf-language" label={t('language')} hint={t('languageHint')} list="pf-languages" value={profile.language} error={errorFor('profile.language')} onChange={(e) => set('language', e.target.value)} />
          <datalist id="pf-languages">
            {LANGUAGES.map((l) => (
              <option key={l} value={l} />
            ))}
          </datalist>
        </FormSection>

        <FormSection title={t('sectionSharing')}>
          <SelectField id="pf-visibility" label={t('visibility')} hint={tp(`visibilityHint.${visibility}`)} value={visibility} error={errorFor('visibility')} onChange={(e) => setVisibility(e.target.value as PersonaVisibility)}>
            {visibilities.map((v) => (
              <option key={v} value={v}>
                {tp(`visibility.${v}`)}
              </option>
            ))}
          </SelectField>
          {personaId && <Field id="pf-change-note" label={t('changeNote')} hint={t('changeNoteHint')} value={changeNote} error={errorFor('changeNote')} onChange={(e) => setChangeNote(e.target.value)} />}
        </FormSection>

        {formError && (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {formError}
          </p>
        )}
        <div className="flex gap-3">
          <Button type="submit" disabled={busy}>
            {busy ? t('saving') : personaId ? t('save', { next: nextVersion }) : t('create')}
          </Button>
          <Link href={personaId ? `/personas/${personaId}` : '/personas'} className={buttonClass('secondary')}>
            {t('cancel')}
          </Link>
        </div>
      </div>

      <aside className="lg:sticky lg:top-20 lg:self-start">
        <h2 className="mb-2 text-sm font-semibold text-slate-900">{t('preview')}</h2>
        <p className="mb-3 text-xs text-slate-500">{t('previewLead')}</p>
        <GreetingPreview
          name={profile.name}
          tagline={profile.tagline}
          greeting={profile.greeting}
          avatarSrc={avatarSrc}
          userName={userName}
          labels={{ title: t('preview'), empty: t('previewEmpty'), avatarAlt: tp('avatarAlt', { name: profile.name }), unnamed: t('unnamed') }}
        />
      </aside>
    </form>
  );
}
