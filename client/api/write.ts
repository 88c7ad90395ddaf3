import { WRITES, type WriteAnswer, type WriteBody, type WriteParams, type WriteRoute } from '../../shared/api.ts';
import { noAnswer, type Refusal, refusalOf } from './refusal.ts';

/** What a write from the screen came to: the server's answer, or its refusal and why. */
export type Written<T> = { ok: true; data: T } | ({ ok: false } & Refusal);

/** A write's arguments: the path's params if it has any, then the body if it carries one. */
type WriteArgs<R extends WriteRoute> = [...(R['path'] extends string ? [] : [params: WriteParams<R>]), ...(R['body'] extends null ? [] : [body: WriteBody<R>])];

type WriteCall<R extends WriteRoute> = (...args: WriteArgs<R>) => Promise<Written<WriteAnswer<R>>>;

type Api<T extends Record<string, Record<string, WriteRoute>>> = {
  [D in keyof T]: { [N in keyof T[D]]: T[D][N] extends infer R extends WriteRoute ? WriteCall<R> : never };
};

const NOT_JSON = Symbol('not JSON');

async function write(route: WriteRoute, params: unknown, body: unknown): Promise<Written<unknown>> {
  const path = typeof route.path === 'string' ? route.path : route.path(params as never);
  try {
    // The body goes as the screen typed it, not parsed here: the server's refusal, naming each field, is the
    // one the screens show, and parsing would send defaults and trimmed text the person never saw.
    const response = await fetch(path, {
      method: route.method,
      headers: route.body === null ? {} : { 'content-type': 'application/json' },
      body: route.body === null ? undefined : JSON.stringify(body),
    });
    if (!response.ok) return { ok: false, ...refusalOf(response.status, await response.json().catch(() => null)) };
    if (route.answer === null) return { ok: true, data: undefined };
    // Not checked against the answer schema: the write is done, and calling it failed over a field the
    // screen does not read would invite a second one. A 2xx that is not JSON did not come from our server.
    const data: unknown = await response.json().catch(() => NOT_JSON);
    return data === NOT_JSON ? { ok: false, ...refusalOf(response.status, null) } : { ok: true, data };
  } catch {
    return { ok: false, ...noAnswer() };
  }
}

function callOf(route: WriteRoute) {
  return (...args: unknown[]) => (typeof route.path === 'string' ? write(route, undefined, args[0]) : write(route, args[0], args[1]));
}

/**
 * The screens' writes, one call per entry of the shared table: `api.fireAlerts.transition({ id }, { status, note })`.
 * Most answers come back over the live feed like everyone else's too, so a caller often needs only `ok`.
 */
export const api = Object.fromEntries(
  Object.entries(WRITES).map(([domain, routes]) => [domain, Object.fromEntries(Object.entries(routes).map(([name, route]) => [name, callOf(route)]))]),
  // Object.fromEntries forgets the keys; the mapped type restores what the table says of each call
) as Api<typeof WRITES>;
