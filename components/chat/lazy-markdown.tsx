'use client';

import { useEffect, useState, type ComponentType } from 'react';

type MarkdownComponent = ComponentType<{ text: string }>;
let loaded: MarkdownComponent | null = null;
let loading: Promise<MarkdownComponent> | null = null;

/**
 * Markdown once its renderer has loaded, plain text until then (a few ms after the page is interactive), so the
 * chat page's first load does not carry the markdown parser.
 */
export function MarkdownOrText({ text }: { text: string }) {
  const [Markdown, setMarkdown] = useState<MarkdownComponent | null>(() => loaded);
  useEffect(() => {
    if (Markdown) return;
    loading ??= import('./markdown').then((m) => (loaded = m.Markdown));
    let alive = true;
    void loading.then((c) => alive && setMarkdown(() => c));
    return () => {
      alive = false;
    };
  }, [Markdown]);
  return Markdown ? <Markdown text={text} /> : <p className="whitespace-pre-wrap text-sm leading-relaxed">{text}</p>;
}
