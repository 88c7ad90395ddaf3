import { z } from 'zod';
import { fieldProblems } from '../../shared/errors.ts';
import { latSchema, lonSchema, SWAPPED_LON_LAT } from '../../shared/geo.ts';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { WRITES, WriteAnswer, WriteBody } from '../../shared/api.ts';
import type { DutyLogEntry } from '../../shared/duty.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import { api, type Written } from '../../client/api/write.ts';
import { WRITE_SAMPLES, type Writes } from '../fixtures/api-samples.ts';

// That the server agrees with this table (each route at its method and path, taking what the screen sends) is
// checked against the real server in tests/integration/api-contract.test.ts.

const ENTRIES = WRITE_SAMPLES.map((entry) => ({
  ...entry,
  // the typed calls differ per entry; here they are driven alike, from the samples
  call: (api[entry.domain] as unknown as Record<string, (...args: unknown[]) => Promise<Written<unknown>>>)[entry.name]!,
}));

/** The request `call` makes with its sample, as fetch received it. */
async function requestOf(entry: (typeof ENTRIES)[number]) {
  const fetched = vi.fn(async (_path: string, _init: RequestInit) => new Response(null, { status: 204 }));
  vi.stubGlobal('fetch', fetched);
  const args = [...('params' in entry.sample ? [entry.sample.params] : []), ...('body' in entry.sample ? [entry.sample.body] : [])];
  await entry.call(...args);
  const [path, init] = fetched.mock.calls[0]!;
  return { path, init };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the table of writes', () => {
  it.each(ENTRIES)('$label: the path is under /api/ and ids in it are encoded', ({ route, sample }) => {
    const path = typeof route.path === 'string' ? route.path : route.path(sample.params as never);
    expect(path).toMatch(/^\/api\/[a-z]/);
    if (typeof route.path !== 'string') expect(route.path({ id: 'a/b?c' } as never)).toContain('a%2Fb%3Fc');
  });

  it.each(ENTRIES)('$label: what the screen sends parses with the body schema', ({ route, sample }) => {
    if (route.body === null) expect(sample).not.toHaveProperty('body');
    else expect(route.body.safeParse(sample.body).error).toBeUndefined();
  });

  it('derives bodies from the schemas’ input, so fields with defaults may be left out', () => {
    expectTypeOf<WriteBody<Writes['duty']['addLogEntry']>>().toEqualTypeOf<z.input<typeof WRITES.duty.addLogEntry.body>>();
    expectTypeOf<{ text: string }>().toExtend<WriteBody<Writes['duty']['addLogEntry']>>();
    expectTypeOf<WriteAnswer<Writes['duty']['addLogEntry']>>().toEqualTypeOf<DutyLogEntry>();
    expectTypeOf(api.fireAlerts.transition).returns.resolves.toEqualTypeOf<Written<FireAlert>>();
    expectTypeOf(api.auth.signOut).returns.resolves.toEqualTypeOf<Written<void>>();
    expectTypeOf(api.auth.signOut).parameters.toEqualTypeOf<[]>();
    expectTypeOf(api.calendarFeeds.revoke).parameters.toEqualTypeOf<[params: { id: string }]>();
  });
});

describe('the client’s writes', () => {
  it.each(ENTRIES)('$label: sends its method, and JSON only when it has a body', async (entry) => {
    const { path, init } = await requestOf(entry);
    expect(path.startsWith('/api/')).toBe(true);
    expect(init.method).toBe(entry.route.method);
    if (entry.route.body === null) {
      expect(init.body).toBeUndefined();
      expect(init.headers).toEqual({});
    } else {
      expect(init.headers).toEqual({ 'content-type': 'application/json' });
      expect(JSON.parse(init.body as string)).toEqual(entry.sample.body);
    }
  });

  const answering = (response: Response | Error) =>
    vi.stubGlobal('fetch', async () => {
      if (response instanceof Error) throw response;
      return response;
    });
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('hands back the record the server answers', async () => {
    answering(json(201, { id: 'log-1', kind: 'note', text: 'x' }));
    expect(await api.duty.addLogEntry({ text: 'x' })).toEqual({ ok: true, data: { id: 'log-1', kind: 'note', text: 'x' } });
  });

  it('reads nothing from a 204', async () => {
    answering(new Response(null, { status: 204 }));
    expect(await api.auth.changePassword({ currentPassword: 'a', newPassword: 'bbbbbbbbbb' })).toEqual({ ok: true, data: undefined });
  });

  it('passes on a refusal with its code, the offending fields, and words naming each in the screen’s language', async () => {
    const details = [
      { field: 'text', reason: 'Too small: expected string to have >=1 characters', reasonZh: '数值过小：期望 string >=1 字符' },
      { field: 'lat', reason: SWAPPED_LON_LAT, reasonZh: '像是经度：经度和纬度可能写反了' },
    ];
    answering(json(400, { error: { code: 'validation_failed', message: 'invalid duty log entry', details } }));
    expect(await api.duty.addLogEntry({ text: '' })).toEqual({
      ok: false,
      status: 400,
      code: 'validation_failed',
      message: '填写有误，请修改后再提交——text：数值过小：期望 string >=1 字符；纬度：像是经度：经度和纬度可能写反了',
      details,
    });
  });

  it('says a schema’s reasons in Chinese as well as zod’s own', () => {
    const refused = z.object({ lon: lonSchema, lat: latSchema, name: z.string().min(2) }).safeParse({ lon: 29.6, lat: 116.0, name: 'x' });
    expect(fieldProblems(refused.error!)).toEqual([
      { field: 'lat', reason: SWAPPED_LON_LAT, reasonZh: '像是经度：经度和纬度可能写反了' },
      { field: 'name', reason: 'Too small: expected string to have >=2 characters', reasonZh: '数值过小：期望 string >=2 字符' },
    ]);
  });

  it('keeps a rate limit’s details off the list of fields', async () => {
    answering(json(429, { error: { code: 'rate_limited', message: 'too many tip-offs', details: { perHour: 5 } } }));
    expect(await api.tipOffs.send({ district: '360402', title: 't', description: 'd' })).toEqual({
      ok: false,
      status: 429,
      code: 'rate_limited',
      message: '操作过于频繁，请稍候再试',
      details: [],
    });
  });

  it('names the status when the refusal is not ours, and 0 when no answer came', async () => {
    answering(new Response('<html>bad gateway</html>', { status: 502 }));
    expect(await api.auth.signOut()).toMatchObject({ ok: false, status: 502, message: '服务器暂时无法处理（HTTP 502），请稍后再试' });
    answering(new TypeError('fetch failed'));
    expect(await api.auth.signOut()).toEqual({ ok: false, status: 0, message: '连不上服务器：请检查网络，稍后再试', details: [] });
  });

  it('does not call a write done when its 2xx answer is not JSON (a portal page, not our server)', async () => {
    answering(new Response('<html>sign in to the wifi</html>', { status: 200 }));
    expect(await api.incidents.returnReport({ id: 'inc-1', n: 1 }, { remark: 'x' })).toMatchObject({ ok: false, status: 200 });
  });
});
