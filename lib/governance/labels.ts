/**
 * The machine-readable label for AI-generated content: the `AIGC` metadata object of China's labelling rules for
 * generated content (GB 45438-2025 implicit labels) — Label "1" (generated), the producer, and the content's id.
 * Put it on API responses and exports next to each model output.
 */
export type AigcLabel = {
  Label: '1';
  ContentProducer: string;
  ProduceID: string;
  /** Reserved for the producer's integrity code; we put the audit content hash there when we have it. */
  ReservedCode1: string;
  ContentPropagator: string;
  PropagateID: string;
  ReservedCode2: string;
};

/** The producer named in labels: the service's name or filing number, set by the deployment. */
export function aigcProducer(): string {
  return process.env.AIGC_PRODUCER?.trim() || 'Persona';
}

export function aigcLabel(contentId: string, opts: { contentHash?: string | null; propagator?: string } = {}): {
  AIGC: AigcLabel;
} {
  return {
    AIGC: {
      Label: '1',
      ContentProducer: aigcProducer(),
      ProduceID: contentId,
      ReservedCode1: opts.contentHash ?? '',
      ContentPropagator: opts.propagator ?? aigcProducer(),
      PropagateID: contentId,
      ReservedCode2: '',
    },
  };
}
