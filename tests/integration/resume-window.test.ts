import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, Snapshot } from '../../shared/changes.ts';
import type { Ack } from '../../shared/errors.ts';
import { socketAs } from '../support/accounts.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

describe.each(databaseKinds())('resume beyond the change log on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    // 1,500 seeded points with a 1,000-entry log: the first changes are pruned right after seeding
    server = await startTestServer(kind, { DEMO_FEED: '1', DEMO_RISK_POINTS: '1500', DEMO_FEED_INTERVAL_MS: '3600000', CHANGE_LOG_RETAIN: '1000' });
  });
  afterAll(() => server.close());

  const ask = async (lastSeq: number) => {
    const socket = await socketAs(server.url, { auth: { lastSeq } }, 'observer');
    const received: { snapshot?: Snapshot; changes: Change[] } = { changes: [] };
    socket.on('snapshot', (s: Snapshot) => (received.snapshot = s));
    socket.on('changes', (c: Change[]) => received.changes.push(...c));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const ack = (await socket.timeout(5000).emitWithAck('resume', { lastSeq })) as Ack<{ mode: string; seq: number }>;
    socket.close();
    return { ack, ...received };
  };

  it('sends a fresh snapshot when the log no longer holds what the screen missed', async () => {
    const { ack, snapshot } = await ask(5);
    expect(ack).toMatchObject({ ok: true, data: { mode: 'snapshot' } });
    expect(snapshot!.riskPoints).toHaveLength(1500);
  });

  it('sends only the missed changes, in order, when the log still holds them', async () => {
    const seq = server.app.deps.store.currentSeq;
    const { ack, snapshot, changes } = await ask(seq - 50);
    expect(ack).toMatchObject({ ok: true, data: { mode: 'changes', seq } });
    expect(snapshot).toBeUndefined();
    expect(changes.map((c) => c.seq)).toEqual(Array.from({ length: 50 }, (_, i) => seq - 49 + i));
  });

  it('sends a snapshot to a screen that knows of a seq this server never had', async () => {
    const { ack } = await ask(server.app.deps.store.currentSeq + 1000);
    expect(ack).toMatchObject({ ok: true, data: { mode: 'snapshot' } });
  });
});
