import { PersonaAvatar } from './avatar';

/** Replaces the card macros the way a chat will show them. */
export function fillMacros(text: string, charName: string, userName: string): string {
  return text.replace(/\{\{char\}\}/gi, charName).replace(/\{\{user\}\}/gi, userName);
}

/** The greeting as a new chat opens with it. Text only: persona text is never rendered as HTML. */
export function GreetingPreview({
  name,
  tagline,
  greeting,
  avatarSrc,
  userName,
  labels,
}: {
  name: string;
  tagline: string;
  greeting: string;
  avatarSrc: string | null;
  userName: string;
  labels: { title: string; empty: string; avatarAlt: string; unnamed: string };
}) {
  const shownName = name.trim() || labels.unnamed;
  return (
    <section aria-label={labels.title} className="rounded-xl border border-slate-200 bg-slate-50 p-4">
      <div className="flex items-center gap-3">
        <PersonaAvatar src={avatarSrc} name={shownName} alt={labels.avatarAlt} size="sm" />
        <div className="min-w-0">
          <p className="truncate font-semibold text-slate-900">{shownName}</p>
          {tagline && <p className="truncate text-xs text-slate-500">{tagline}</p>}
        </div>
      </div>
      <div data-testid="greeting-preview" className="mt-3 whitespace-pre-wrap break-words rounded-2xl rounded-tl-sm bg-white p-3 text-sm text-slate-800 shadow-sm ring-1 ring-slate-200">
        {greeting.trim() ? fillMacros(greeting, shownName, userName) : <span className="text-slate-400">{labels.empty}</span>}
      </div>
    </section>
  );
}
