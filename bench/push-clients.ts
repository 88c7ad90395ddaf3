/**
 * The receiving side of bench/push.ts, in its own process: N real socket.io-client screens that count every
 * change they get and how long after ingest it arrived. Driven over IPC by the parent.
 */
import { io, type Socket } from 'socket.io-client';

interface Start {
  type: 'start';
  url: string;
  clients: number;
  /** Sessions' Cookie headers, one per MAX_CONNECTIONS_PER_SESSION screens; none for the bare baseline. */
  cookies: string[];
  /** The index of this process's first screen among all, to pick each screen's session. */
  first: number;
  perSession: number;
}
interface Finish {
  type: 'finish';
  expectedPerClient: number;
  timeoutMs: number;
}

type Stamped = { at: string; data?: { description?: string } };

/**
 * When the change was due to be ingested: bench/push.ts ends a report's description with `@<epoch ms>` of its
 * place on the pacing clock, so time spent queued before the write began counts too; otherwise the write's time.
 */
function ingestedAt(change: Stamped): number {
  const description = change.data?.description;
  const mark = description ? description.lastIndexOf('@') : -1;
  return mark >= 0 ? Number(description!.slice(mark + 1)) : Date.parse(change.at);
}

let sockets: Socket[] = [];
let latencies: number[] = [];
let received: number[] = [];
let lastAt = 0;

function record(client: number, changes: Stamped[]) {
  const now = Date.now();
  for (const c of changes) latencies.push(now - ingestedAt(c));
  received[client]! += changes.length;
  lastAt = now;
}

async function start({ url, clients, cookies, first, perSession }: Start) {
  latencies = [];
  received = new Array(clients).fill(0);
  sockets = await Promise.all(
    Array.from(
      { length: clients },
      (_, i) =>
        new Promise<Socket>((resolve) => {
          const cookie = cookies[Math.floor((first + i) / perSession)];
          const socket = io(url, { forceNew: true, transports: ['websocket'], reconnection: false, ...(cookie ? { extraHeaders: { cookie } } : {}) });
          socket.on('changes', (changes: Stamped[]) => record(i, changes));
          socket.on('change', (change: Stamped) => record(i, [change]));
          socket.once('connect', () => resolve(socket));
        }),
    ),
  );
  process.send!({ type: 'ready' });
}

async function finish({ expectedPerClient, timeoutMs }: Finish) {
  const deadline = Date.now() + timeoutMs;
  while (received.some((n) => n < expectedPerClient) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  sockets.forEach((s) => s.close());
  process.send!({
    type: 'stats',
    delivered: received.reduce((a, b) => a + b, 0),
    complete: received.every((n) => n >= expectedPerClient),
    latencies,
    lastAt,
  });
}

process.on('message', (msg: Start | Finish | { type: 'exit' }) => {
  if (msg.type === 'start') void start(msg);
  else if (msg.type === 'finish') void finish(msg);
  else process.exit(0);
});
