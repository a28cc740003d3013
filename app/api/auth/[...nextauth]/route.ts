// Auth.js endpoints (OAuth callbacks, CSRF, session).
export { GET, POST } from '@/lib/auth/auth-handlers';
