// The test page (docs/test-page.md): pick or paste a token, connect to /ws, watch the live event log, send
// direct, broadcast and room messages, join and leave rooms, ping. Everything on the wire goes through the
// client module; this file only wires the page to it. Text from the server is only ever set as textContent.
import {SwitchboardClient, peekClaims, wsUrlFor} from './switchboard-client.js';

const $ = (id) => document.getElementById(id);
const MAX_LOG = 500;
let client = null;

const connectedOnly = ['disconnect', 'ping', 'send-direct', 'send-broadcast', 'join-room', 'leave-room', 'send-room'];

function setConnected(open) {
  for (const id of connectedOnly) $(id).disabled = !open;
  $('connect').disabled = client !== null && client.state !== 'closed';
}

function log(direction, kind, text, raw) {
  const li = document.createElement('li');
  li.className = `${direction} kind-${kind}`;
  li.dataset.kind = kind;
  li.dataset.direction = direction;
  if (raw !== undefined) li.title = JSON.stringify(raw);
  const parts = [
    ['time', new Date().toLocaleTimeString(undefined, {hour12: false}) + '.' + String(Date.now() % 1000).padStart(3, '0')],
    ['dir', direction === 'in' ? '←' : direction === 'out' ? '→' : '•'],
    ['kind', kind],
    ['body', text],
  ];
  for (const [cls, value] of parts) {
    const span = document.createElement('span');
    span.className = cls;
    span.textContent = value;
    li.append(span);
  }
  const list = $('log');
  list.append(li);
  while (list.children.length > MAX_LOG) list.firstElementChild.remove();
  li.scrollIntoView({block: 'nearest'});
}

/** A one-line summary of a /ws message for the log. */
function describe(m, outgoing) {
  const d = m.data ?? {};
  switch (m.message_type) {
    case 'text':
    case 'notification': {
      const from = outgoing ? 'you' : (m.from_user_id ?? '?');
      const to = m.room ? `[${m.room}]` : m.to_user_id ? `→ ${m.to_user_id}` : '→ everyone';
      return `${from} ${to}: ${typeof d.content === 'string' ? d.content : JSON.stringify(d)}`;
    }
    case 'user_joined':
    case 'user_left':
      return `${d.username ?? d.user_id} (${d.user_id}) ${m.message_type === 'user_joined' ? 'joined' : 'left'}`
        + (d.room ? ` room ${d.room}` : '');
    case 'system_message':
      return `${d.event ?? 'system'}${d.room ? ` ${d.room}` : ''}${d.expires_at ? ` until ${d.expires_at}` : ''}`;
    case 'error':
      return `${d.code}: ${d.message}`;
    case 'join':
    case 'leave':
      return `${m.message_type} ${d.room}`;
    case 'ping':
    case 'pong':
      return `${m.message_type} ${m.id}`;
    default:
      return JSON.stringify(m);
  }
}

function showRooms() {
  const rooms = client ? client.rooms : [];
  $('rooms').textContent = rooms.length ? rooms.join(', ') : 'none';
}

function attempt(action) {
  try {
    action();
  } catch (e) {
    log('local', 'error', e.message);
  }
}

function connect() {
  const token = $('token-input').value.trim();
  if (!token) {
    log('local', 'error', 'pick or paste a token first');
    return;
  }
  if (client) client.close();
  const claims = peekClaims(token);
  $('me').textContent = claims ? `as ${claims.username ?? claims.sub} (${claims.sub})` : 'as (unreadable token)';
  client = new SwitchboardClient({url: wsUrlFor(location.href), token});
  client.on('state', (state) => {
    $('status').textContent = state === 'open' ? 'connected' : state;
    $('status').className = `status status-${state}`;
    $('status').dataset.state = state;
    setConnected(state === 'open');
  });
  client.on('open', () => log('local', 'open', `connected to ${wsUrlFor(location.href).pathname}`
    + (client.rooms.length ? `; re-joining ${client.rooms.join(', ')}` : '')));
  client.on('message', (m) => log('in', m.message_type ?? 'message', describe(m, false), m));
  client.on('sent', (m) => log('out', m.message_type, describe(m, true), m));
  client.on('close', ({code, reason, final}) => log('local', 'close',
    `closed ${code}${reason ? ` (${reason})` : ''}${final ? '' : '; will reconnect'}`));
  client.on('reconnect', ({attempt: n, delay}) => log('local', 'reconnect', `attempt ${n} in ${delay} ms`));
  client.connect();
  setConnected(false);
  showRooms();
}

async function loadDevTokens() {
  let listing;
  try {
    const response = await fetch(new URL('dev/tokens', location.href), {cache: 'no-store'});
    if (!response.ok) return;
    listing = await response.json();
  } catch {
    return;
  }
  const pick = $('token-pick');
  pick.replaceChildren(new Option('(choose a development token)', ''));
  for (const t of listing.tokens ?? []) {
    const option = new Option(t.label, t.token);
    option.dataset.subject = t.subject;
    pick.append(option);
  }
  pick.disabled = false;
  log('local', 'info', `development mode: ${listing.tokens.length} tokens offered`);
}

function onSubmit(formId, action) {
  $(formId).addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(action);
  });
}

$('token-pick').addEventListener('change', (e) => {
  if (e.target.value) $('token-input').value = e.target.value;
});
$('connect').addEventListener('click', connect);
$('disconnect').addEventListener('click', () => client?.close());
$('ping').addEventListener('click', () => attempt(() => client.ping()));
$('clear-log').addEventListener('click', () => $('log').replaceChildren());
onSubmit('direct-form', () => {
  const to = $('direct-to').value.trim();
  if (!to) throw new Error('who to? fill in a user id');
  client.sendText({to, content: $('direct-text').value});
  $('direct-text').value = '';
});
onSubmit('broadcast-form', () => {
  client.sendText({content: $('broadcast-text').value});
  $('broadcast-text').value = '';
});
onSubmit('room-message-form', () => {
  const room = $('room-name').value.trim();
  if (!room) throw new Error('which room? fill in a room name');
  client.sendText({room, content: $('room-text').value});
  $('room-text').value = '';
});
$('join-room').addEventListener('click', () => attempt(() => {
  client.join($('room-name').value.trim());
  showRooms();
}));
$('leave-room').addEventListener('click', () => attempt(() => {
  client.leave($('room-name').value.trim());
  showRooms();
}));

setConnected(false);
loadDevTokens();
