import { useTranslations } from 'next-intl';
import { parseModelId } from '@/lib/ai/model-id';

/** How a model is named in the UI: the offline model always as "offline model", others by their provider id. */
export function ModelName({ modelId }: { modelId: string }) {
  const t = useTranslations('models');
  const parsed = parseModelId(modelId);
  if (parsed?.kind === 'offline') return <>{t('offline')}</>;
  return <>{parsed?.providerModelId ?? modelId}</>;
}
