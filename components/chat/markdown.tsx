'use client';

import ReactMarkdown from 'react-markdown';

/**
 * Model output rendered as markdown, safely: raw HTML in the text is dropped (skipHtml), never injected, and
 * react-markdown's default URL filter removes javascript: and other unsafe link targets.
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="prose-chat">
      <ReactMarkdown skipHtml>{text}</ReactMarkdown>
    </div>
  );
}
