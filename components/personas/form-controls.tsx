import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { cn } from '@/components/ui/cn';

type Described = { id: string; label: ReactNode; hint?: ReactNode; error?: string | null };

function describedBy(id: string, hint?: ReactNode, error?: string | null) {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

export function FieldNote({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | null }) {
  if (error) {
    return (
      <p id={`${id}-error`} className="text-xs text-red-600">
        {error}
      </p>
    );
  }
  return hint ? (
    <p id={`${id}-hint`} className="text-xs text-slate-500">
      {hint}
    </p>
  ) : null;
}

const control = (error?: string | null) =>
  cn(
    'rounded-lg border bg-white px-3 py-2 text-sm shadow-sm outline-none focus:ring-2',
    error ? 'border-red-500 focus:ring-red-200' : 'border-slate-300 focus:border-brand-500 focus:ring-brand-100',
  );

/** A labelled textarea with its hint and error, like components/ui/field for inputs. */
export function TextAreaField({ id, label, hint, error, className, ...props }: Described & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={id}
        rows={4}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={cn(control(error), 'min-h-20 resize-y')}
        {...props}
      />
      <FieldNote id={id} hint={hint} error={error} />
    </div>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  className,
  children,
  ...props
}: Described & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={control(error)} {...props}>
        {children}
      </select>
      <FieldNote id={id} hint={hint} error={error} />
    </div>
  );
}

export function CheckboxField({ id, label, checked, onChange }: { id: string; label: ReactNode; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label htmlFor={id} className="inline-flex items-center gap-2 text-sm text-slate-700">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="h-4 w-4 rounded border-slate-300" />
      {label}
    </label>
  );
}

export function FormSection({ title, children, lead }: { title: ReactNode; lead?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <legend className="px-1 text-sm font-semibold text-slate-900">{title}</legend>
      {lead && <p className="-mt-2 text-xs text-slate-500">{lead}</p>}
      {children}
    </fieldset>
  );
}
