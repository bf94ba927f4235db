'use strict';
// The benchmark's peer: a plain Node.js `ws` server doing the work Switchboard's /ws does in the benchmark
// scenarios (docs/performance.md): HS256 JWT check at the handshake (401), ping/pong, direct messages to every
// connection of a user (user_offline error when none), broadcast to everyone but the sender, user_joined/user_left
// presence (SWITCHBOARD_PRESENCE_EVENTS=global|off), the /ws error frames and the error-rate close, 64 KiB
// message limit (1009), a connection cap (HTTP 503), /health and /ws/stats. No rooms, no persistence.
// Each message is encoded once and the same buffer is sent to every receiver, the idiomatic `ws` way.
const http = require('http');
const crypto = require('crypto');
const { WebSocketServer } = require('ws');

const PORT = Number(process.env.SWITCHBOARD_PORT || 8090);
const HOST = process.env.SWITCHBOARD_HOST || '127.0.0.1';
const SECRET = Buffer.from(process.env.JWT_SECRET || '', 'utf8');
const SKEW = Number(process.env.JWT_CLOCK_SKEW || 30);
const PRESENCE = (process.env.SWITCHBOARD_PRESENCE_EVENTS || 'global').toLowerCase();
const MAX_CONNECTIONS = Number(process.env.SWITCHBOARD_MAX_CONNECTIONS || 19000);
const MAX_BYTES = Number(process.env.SWITCHBOARD_MAX_MESSAGE_BYTES || 65536);
const MAX_BUFFERED = 4 * 1024 * 1024; // a receiver this far behind is a slow consumer: 1013
if (SECRET.length < 32) {
  console.error('JWT_SECRET must be at least 32 bytes');
  process.exit(2);
}

const started = Date.now();
const users = new Map(); // user id -> Set of sockets
const all = new Set();
const CLAIMS = ['sub', 'username', 'email', 'exp', 'iat', 'jti'];

function b64url(buf) {
  return buf.toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function verify(token) {
  if (!token) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  let header, claims;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch (e) {
    return null;
  }
  if (header.alg !== 'HS256') return null;
  const expected = Buffer.from(b64url(crypto.createHmac('sha256', SECRET).update(parts[0] + '.' + parts[1]).digest()));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  for (const c of CLAIMS) if (claims[c] === undefined) return null;
  const now = Date.now() / 1000;
  if (claims.exp + SKEW < now || (claims.nbf !== undefined && claims.nbf - SKEW > now)) return null;
  return claims;
}

function now() {
  return new Date().toISOString();
}

function frame(obj) {
  return Buffer.from(JSON.stringify(obj));
}

function send(ws, buf) {
  if (ws.readyState !== 1) return false;
  if (ws.bufferedAmount > MAX_BUFFERED) {
    ws.close(1013, 'slow consumer');
    return false;
  }
  ws.send(buf, { binary: false });
  return true;
}

function error(ws, code, message, id, extra) {
  const data = Object.assign({}, extra || {}, { code, message });
  send(ws, frame({ id: id || crypto.randomUUID(), message_type: 'error', data, timestamp: now() }));
  const t = Date.now();
  ws.errors.push(t);
  while (ws.errors.length && t - ws.errors[0] >= 10000) ws.errors.shift();
  if (ws.errors.length > 20) ws.close(1008, 'too many errors');
}

function presence(type, ws) {
  if (PRESENCE !== 'global') return;
  const buf = frame({ id: crypto.randomUUID(), message_type: type,
    data: { user_id: ws.user.sub, username: ws.user.username }, timestamp: now() });
  for (const other of all) if (other !== ws) send(other, buf);
}

const TYPES = new Set(['text', 'notification', 'system_message', 'ping', 'pong', 'user_joined', 'user_left',
  'error', 'join', 'leave', 'refresh']);
const FROM_CLIENTS = new Set(['text', 'notification', 'ping', 'pong', 'join', 'leave', 'refresh']);

function onText(ws, text) {
  let m;
  try {
    m = JSON.parse(text);
  } catch (e) {
    const id = /"id"\s*:\s*"([^"\\]{1,200})"/.exec(text);
    return error(ws, 'bad_json', 'not valid JSON', id && id[1]);
  }
  if (m === null || typeof m !== 'object' || Array.isArray(m)) {
    return error(ws, 'bad_message', 'not a /ws message object', null);
  }
  if (typeof m.message_type !== 'string') return error(ws, 'bad_message', 'message_type is required', m.id);
  if (!TYPES.has(m.message_type)) return error(ws, 'unknown_type', "unknown message_type '" + m.message_type + "'", m.id);
  if (!FROM_CLIENTS.has(m.message_type)) return error(ws, 'bad_message', 'sent by the server only', m.id);
  switch (m.message_type) {
    case 'ping':
      return send(ws, frame({ id: m.id || crypto.randomUUID(), message_type: 'pong', data: {}, timestamp: now() }));
    case 'pong':
      return;
    case 'text':
    case 'notification': {
      const out = { id: m.id || crypto.randomUUID(), message_type: m.message_type, data: m.data || {},
        timestamp: now(), from_user_id: ws.user.sub };
      if (m.to_user_id !== undefined && m.to_user_id !== null) {
        out.to_user_id = m.to_user_id;
        const targets = users.get(m.to_user_id);
        if (!targets || targets.size === 0) {
          return error(ws, 'user_offline', "user '" + m.to_user_id + "' has no open connection", m.id, { queued: false });
        }
        const buf = frame(out);
        for (const t of targets) send(t, buf);
        return;
      }
      const buf = frame(out);
      for (const other of all) if (other !== ws) send(other, buf);
      return;
    }
    default:
      return error(ws, 'bad_message', 'rooms and refresh are not part of this peer', m.id);
  }
}

const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BYTES, perMessageDeflate: false,
  clientTracking: false });

function handle(req, res) {
  const path = req.url.split('?')[0];
  if (path === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ status: 'UP', connections: all.size,
      uptime: Math.floor((Date.now() - started) / 1000) }));
  }
  if (path === '/gc') { // the benchmark's memory measurement: a full GC, then the live heap
    if (global.gc) global.gc();
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ heap_used_kib: Math.round(process.memoryUsage().heapUsed / 1024),
      rss_kib: Math.round(process.memoryUsage().rss / 1024) }));
  }
  if (path === '/ws/stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ total_connections: all.size, unique_users: users.size,
      server_uptime: Math.floor((Date.now() - started) / 1000) }));
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end('{"error":"not_found"}');
}

const server = http.createServer(handle);

function refuse(socket, status, text) {
  const body = JSON.stringify({ error: status === 503 ? 'unavailable' : 'unauthorized', message: text });
  socket.end('HTTP/1.1 ' + status + ' ' + (status === 503 ? 'Service Unavailable' : 'Unauthorized') +
    '\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ' + Buffer.byteLength(body) +
    '\r\n\r\n' + body);
}

server.on('upgrade', (req, socket, head) => {
  socket.on('error', () => {});
  if (String(req.headers.upgrade).toLowerCase() !== 'websocket') {
    // e.g. an h2c upgrade offer: answer as plain HTTP/1.1
    const res = new http.ServerResponse(req);
    res.assignSocket(socket);
    res.on('finish', () => socket.destroySoon ? socket.destroySoon() : socket.end());
    return handle(req, res);
  }
  const url = new URL(req.url, 'http://x');
  if (url.pathname !== '/ws') return refuse(socket, 401, 'no such endpoint');
  if (all.size >= MAX_CONNECTIONS) return refuse(socket, 503, 'server full');
  const auth = req.headers.authorization;
  const token = url.searchParams.get('token') || (auth && auth.startsWith('Bearer ') ? auth.slice(7) : null);
  const claims = verify(token);
  if (!claims) return refuse(socket, 401, 'invalid token');
  wss.handleUpgrade(req, socket, head, (ws) => {
    ws.user = claims;
    ws.errors = [];
    all.add(ws);
    let set = users.get(claims.sub);
    if (!set) users.set(claims.sub, set = new Set());
    set.add(ws);
    if (set.size === 1) presence('user_joined', ws);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return error(ws, 'unsupported_binary', '/ws takes JSON text frames only', null);
      onText(ws, data.toString('utf8'));
    });
    ws.on('error', () => {});
    ws.on('close', () => {
      all.delete(ws);
      const s = users.get(claims.sub);
      if (s) {
        s.delete(ws);
        if (s.size === 0) {
          users.delete(claims.sub);
          presence('user_left', ws);
        }
      }
    });
  });
});

server.listen(PORT, HOST, () => console.log('node ws peer listening on ' + HOST + ':' + PORT + ' (presence ' + PRESENCE + ')'));
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
