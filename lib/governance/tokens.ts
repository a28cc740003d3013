/**
 * Search tokens computed in the app, because PostgreSQL's parsers do not split Chinese (or Japanese, Thai…) into
 * words. Intl.Segmenter does, with ICU's dictionaries. The tokens, joined by spaces, are indexed with the 'simple'
 * configuration (lower-casing only), and queries are tokenized the same way, so both sides agree.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

// A tsvector holds at most 1 MB; a prompt longer than this is still recorded, only its tail is not searchable.
const MAX_SEARCH_CHARS = 200_000;
// PostgreSQL refuses lexemes of 2 KB and more; a "word" that long is noise anyway.
const MAX_TOKEN_CHARS = 100;

export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const s of segmenter.segment(text.slice(0, MAX_SEARCH_CHARS))) {
    if (!s.isWordLike) continue;
    const token = s.segment.toLowerCase();
    if (token.length <= MAX_TOKEN_CHARS) tokens.push(token);
  }
  return tokens;
}

/** Tokens as one string for to_tsvector / plainto_tsquery under 'simple'. */
export function searchText(text: string): string {
  return searchTokens(text).join(' ');
}
