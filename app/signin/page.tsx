import { AuthPage } from '@/components/auth/auth-page';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  return <AuthPage mode="signin" next={(await searchParams).next} />;
}
