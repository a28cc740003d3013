/** The integration tests truncate tables: refuse to run them against anything but a database on this machine. */
export function assertLocalDatabase(url: string | undefined): void {
  if (!url) return;
  const host = new URL(url).hostname;
  if (!['localhost', '127.0.0.1', '::1', '[::1]', ''].includes(host)) {
    throw new Error(`Refusing to run integration tests against a non-local database (${host})`);
  }
}
