import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WRITE_SAMPLES } from '../fixtures/api-samples.ts';
import { signInCookie, TEST_PASSWORD, testUsername } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/**
 * The client's table of writes against the real server: every write the screens make reaches a route at its
 * method and path, and what the screen sends passes that route's validation. (The records the samples name
 * do not exist, so most answer 404 for the record, or 401 for a wrong password: what matters is that the
 * answer is not "no such endpoint" and not a refusal of the body's shape.)
 */
describe('the screens’ writes and the server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.close());

  it.each(WRITE_SAMPLES)('$label: the route exists and takes what the screen sends', async ({ route, sample }) => {
    const path = typeof route.path === 'string' ? route.path : route.path(sample.params as never);
    // a fresh session each: signing out or changing a password must not spoil the next entry's
    const cookie = await signInCookie(server.url, '/api/auth/login', { username: testUsername('officer'), password: TEST_PASSWORD });
    const hasBody = 'body' in sample;
    const res = await fetch(server.url + path, {
      method: route.method,
      headers: { cookie, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
      body: hasBody ? JSON.stringify(sample.body) : undefined,
    });
    const answer = res.status === 204 ? null : ((await res.json()) as { error?: { code: string; message: string } });
    expect(answer?.error?.message ?? '').not.toMatch(/^no such endpoint/);
    expect(['validation_failed', 'invalid_json', 'unsupported_media_type']).not.toContain(answer?.error?.code);
    // a live session the whole way: a 401 here would hide the route behind the sign-in
    if (res.status === 401) expect(answer?.error?.message).not.toBe('sign in first');
    expect(res.status).toBeLessThan(500);
  });
});
