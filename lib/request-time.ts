import { connection } from 'next/server';

/**
 * For route handlers that read live state but nothing of the request (health, metrics): with
 * Cache Components such a GET would otherwise be prerendered once at build time. Outside Next
 * (a test calling the handler directly) there is no request scope and nothing to wait for; any
 * other outcome (a prerender's bail-out included) propagates.
 */
export async function atRequestTime(): Promise<void> {
  try {
    await connection();
  } catch (error) {
    if (!(error instanceof Error && error.message.includes('outside a request scope'))) throw error;
  }
}
