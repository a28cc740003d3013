import { AuthPage } from '@/components/auth/auth-page';

export default async function RegisterPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  return <AuthPage mode="register" next={(await searchParams).next} />;
}
