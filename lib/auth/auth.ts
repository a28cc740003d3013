import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import { getDb } from '@/db/client';
import { githubEnabled, userIdForOAuth } from './oauth';
import { signInBodySchema } from './schemas';
import { authSecret } from './secret';
import { signInWithPassword } from './sign-in';

export class InvalidCredentials extends CredentialsSignin {
  code = 'invalid_credentials';
}
export class SignInRateLimited extends CredentialsSignin {
  code = 'rate_limited';
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

function clientAddress(request: Request | undefined): string {
  const forwarded = request?.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || request?.headers.get('x-real-ip') || 'unknown';
}

const config: NextAuthConfig = {
  secret: authSecret(),
  trustHost: true,
  // Stateless sessions signed with AUTH_SECRET: they survive restarts and work behind a load balancer. The user row
  // (role, name) is re-read on every request by lib/auth/session.ts, so a role change applies at once.
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/signin' },
  logger: {
    // Auth.js logs a failed credentials sign-in as an error with a stack; it is an expected outcome here.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error('[auth]', error.name, error.message);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInBodySchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const db = await getDb();
        const result = await signInWithPassword(db, parsed.data.email, parsed.data.password, clientAddress(request));
        if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
        if (result.reason === 'rate_limited') throw new SignInRateLimited(result.retryAfterSeconds);
        throw new InvalidCredentials();
      },
    }),
    ...(githubEnabled() ? [GitHub] : []),
  ],
  callbacks: {
    async jwt({ token, user, account, profile }) {
      if (account && account.provider !== 'credentials') {
        const db = await getDb();
        token.sub = await userIdForOAuth(db, account.provider, account.providerAccountId, {
          email: (profile?.email as string | undefined) ?? user?.email,
          name: (profile?.name as string | undefined) ?? user?.name,
        });
      } else if (user?.id) {
        token.sub = user.id;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth(config);
