// A plain `ws` client, as a Switchboard user would write one: alice sends bob a direct message and a broadcast.
// Usage: node node-chat.js <ws-base-url> <alice-token> <bob-token>; prints what bob received, exits 0 on success.
const WebSocket = require('ws');
const [base, aliceToken, bobToken] = process.argv.slice(2);
const bob = new WebSocket(`${base}/ws?token=${bobToken}`);
const got = [];
bob.on('message', data => {
  const m = JSON.parse(data.toString());
  console.log('bob got ' + JSON.stringify(m));
  if (m.message_type === 'text') got.push(m);
  if (got.length === 2) {
    const ok = got[0].data.content === 'direct' && got[0].to_user_id === 'bob' && got[0].from_user_id === 'alice'
      && got[1].data.content === 'everyone' && got[1].from_user_id === 'alice';
    process.exit(ok ? 0 : 3);
  }
});
bob.on('open', () => {
  const alice = new WebSocket(`${base}/ws`, { headers: { Authorization: `Bearer ${aliceToken}` } });
  alice.on('open', () => {
    alice.send(JSON.stringify({ id: 'n1', message_type: 'text', to_user_id: 'bob', data: { content: 'direct' } }));
    alice.send(JSON.stringify({ id: 'n2', message_type: 'text', data: { content: 'everyone' } }));
  });
});
setTimeout(() => { console.log('timed out'); process.exit(2); }, 10000);
