// Switchboard browser client for /ws (docs/test-page.md): connect with ?token=, reconnect with exponential
// backoff and jitter, re-join rooms after a reconnect, and tell listeners what happens through events.
// A plain ES module with no dependencies; the Java client library follows the same design.

/** Close codes after which reconnecting with the same token is pointless (SPEC §12). */
const FINAL_CLOSE_CODES = new Set([
  1000, // normal: we or an administrator closed it on purpose
  1008, // policy: token expired or revoked, user blocked, too many errors
]);

/** A tiny event emitter: on/off/once, and emit that never lets one listener break the others. */
export class Emitter {
  #listeners = new Map();

  on(event, fn) {
    if (!this.#listeners.has(event)) this.#listeners.set(event, new Set());
    this.#listeners.get(event).add(fn);
    return () => this.off(event, fn);
  }

  once(event, fn) {
    const off = this.on(event, (...args) => { off(); fn(...args); });
    return off;
  }

  off(event, fn) {
    this.#listeners.get(event)?.delete(fn);
  }

  emit(event, ...args) {
    for (const fn of [...(this.#listeners.get(event) ?? [])]) {
      try {
        fn(...args);
      } catch (e) {
        console.error(`switchboard: a '${event}' listener failed`, e);
      }
    }
  }
}

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential growth capped at `maxDelay`, "equal jitter"
 * (half fixed, half random) so that many clients cut off together do not all come back at the same instant,
 * while none hammers the server with a near-zero delay.
 */
export function backoffDelay(attempt, {minDelay = 500, maxDelay = 30000, factor = 2, random = Math.random} = {}) {
  const ceiling = Math.min(maxDelay, minDelay * factor ** attempt);
  return Math.round(ceiling / 2 + random() * ceiling / 2);
}

/** The /ws URL next to a page: works at the root (standalone) and under a WAR's context path. */
export function wsUrlFor(pageUrl, path = 'ws') {
  const url = new URL(path, pageUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}

/**
 * One logical connection to /ws that survives network trouble and server restarts.
 *
 * Events: 'state' (connecting | open | reconnecting | closed), 'open', 'message' (every parsed message),
 * 'message:<message_type>', 'reconnect' ({attempt, delay, code, reason}), 'close' ({code, reason, final}),
 * 'error' (Error), 'sent' (the message object).
 */
export class SwitchboardClient extends Emitter {
  #url;
  #token;
  #options;
  #socket = null;
  #state = 'closed';
  #attempt = 0;
  #timer = null;
  #wanted = false;
  #rooms = new Set();

  constructor({url, token, minDelay = 500, maxDelay = 30000, factor = 2, WebSocketImpl = globalThis.WebSocket}) {
    super();
    this.#url = new URL(url);
    this.#token = token;
    this.#options = {minDelay, maxDelay, factor, WebSocketImpl};
  }

  get state() {
    return this.#state;
  }

  /** Rooms this client is in (joined and not left); they are joined again after every reconnect. */
  get rooms() {
    return [...this.#rooms];
  }

  connect() {
    this.#wanted = true;
    clearTimeout(this.#timer);
    this.#open();
    return this;
  }

  /** Closes for good: no reconnect. */
  close(code = 1000, reason = 'bye') {
    this.#wanted = false;
    clearTimeout(this.#timer);
    if (this.#socket && this.#socket.readyState <= 1) {
      this.#socket.close(code, reason);
    } else {
      this.#setState('closed');
    }
  }

  /** Sends a /ws envelope; fills in an id. Returns the id. Throws when not connected (nothing is queued). */
  send(message) {
    if (this.#state !== 'open') throw new Error('not connected');
    const m = {id: message.id ?? newId(), ...message};
    this.#socket.send(JSON.stringify(m));
    this.emit('sent', m);
    return m.id;
  }

  ping() {
    return this.send({message_type: 'ping', data: {}});
  }

  /** A text message: to one user (`to`), to a room (`room`), or without either to everyone. */
  sendText({to, room, content}) {
    const m = {message_type: 'text', data: {content}};
    if (to) m.to_user_id = to;
    if (room) m.room = room;
    return this.send(m);
  }

  join(room) {
    this.#rooms.add(room);
    return this.send({message_type: 'join', data: {room}});
  }

  leave(room) {
    this.#rooms.delete(room);
    return this.send({message_type: 'leave', data: {room}});
  }

  #open() {
    const url = new URL(this.#url);
    url.searchParams.set('token', this.#token);
    this.#setState(this.#attempt === 0 ? 'connecting' : 'reconnecting');
    let socket;
    try {
      socket = new this.#options.WebSocketImpl(url.toString());
    } catch (e) {
      this.emit('error', e);
      this.#scheduleReconnect(1006, String(e));
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      this.#attempt = 0;
      this.#setState('open');
      this.emit('open');
      for (const room of this.#rooms) {
        this.send({message_type: 'join', data: {room}});
      }
    };
    socket.onmessage = (event) => {
      let m;
      try {
        m = JSON.parse(event.data);
      } catch (e) {
        this.emit('error', new Error('the server sent something that is not JSON'));
        return;
      }
      this.emit('message', m);
      if (m && m.message_type) this.emit(`message:${m.message_type}`, m);
    };
    socket.onerror = () => this.emit('error', new Error('WebSocket error'));
    socket.onclose = (event) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      const final = !this.#wanted || FINAL_CLOSE_CODES.has(event.code);
      this.emit('close', {code: event.code, reason: event.reason, final});
      if (final) {
        this.#wanted = false;
        this.#setState('closed');
      } else {
        this.#scheduleReconnect(event.code, event.reason);
      }
    };
  }

  #scheduleReconnect(code, reason) {
    const delay = backoffDelay(this.#attempt, this.#options);
    this.#attempt += 1;
    this.#setState('reconnecting');
    this.emit('reconnect', {attempt: this.#attempt, delay, code, reason});
    this.#timer = setTimeout(() => {
      if (this.#wanted) this.#open();
    }, delay);
  }

  #setState(state) {
    if (this.#state !== state) {
      this.#state = state;
      this.emit('state', state);
    }
  }
}

function newId() {
  if (globalThis.crypto?.randomUUID) return globalThis.crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The claims of a JWT, read without checking anything (only to show who a token is for). */
export function peekClaims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent([...atob(part)].map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch {
    return null;
  }
}
