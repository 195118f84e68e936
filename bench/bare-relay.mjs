// The baseline: a bare `ws` relay with rooms and no storage, speaking just enough of the
// protocol for the benchmark clients (hello, subscribe, send -> ack + message to the room).
import http from 'node:http';
import { WebSocketServer } from 'ws';

const rooms = new Map();
const server = http.createServer((_req, res) => res.end('ok'));
const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false });
let seq = 0;
// RELAY_WORK_US: CPU spent on each message before it is acked and relayed, standing in
// for the cost of storing it; the latency benchmark's calibration reference.
const workMs = Number(process.env.RELAY_WORK_US ?? 0) / 1000;
const work = () => {
  const until = performance.now() + workMs;
  while (performance.now() < until);
};
wss.on('connection', (ws) => {
  const joined = new Set();
  ws.on('message', (data) => {
    const f = JSON.parse(String(data));
    if (f.type === 'hello') ws.send(JSON.stringify({ type: 'welcome', v: f.v }));
    else if (f.type === 'subscribe') {
      let r = rooms.get(f.conversationId);
      if (!r) {
        r = new Set();
        rooms.set(f.conversationId, r);
      }
      r.add(ws);
      joined.add(f.conversationId);
      ws.send(JSON.stringify({ type: 'synced', conversationId: f.conversationId }));
    } else if (f.type === 'send') {
      if (workMs > 0) work();
      const message = { conversationId: f.conversationId, seq: ++seq, clientId: f.clientId, body: f.body, createdAt: Date.now() };
      ws.send(JSON.stringify({ type: 'ack', clientId: f.clientId, conversationId: f.conversationId, seq: message.seq }));
      const raw = JSON.stringify({ type: 'message', message });
      for (const peer of rooms.get(f.conversationId) ?? []) peer.send(raw);
    }
  });
  ws.on('close', () => {
    for (const id of joined) rooms.get(id)?.delete(ws);
  });
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
