import { signIn } from '@/lib/auth/auth';
import { Button } from '@/components/ui/button';

export function GitHubButton({ label, next }: { label: string; next?: string }) {
  return (
    <form
      action={async () => {
        'use server';
        await signIn('github', { redirectTo: next?.startsWith('/') ? next : '/personas' });
      }}
    >
      <Button type="submit" variant="secondary" className="w-full">
        {label}
      </Button>
    </form>
  );
}
