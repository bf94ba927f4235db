'use strict';
// Turns one bench/run.sh result directory into the side-by-side table of docs/performance.md.
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
const read = (f) => {
  try { return JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')); } catch (e) { return null; }
};
const test = (server, sc) => { const r = read(server + '-' + sc + '.json'); return r && r.tests && r.tests[0]; };
const f = (v, d = 2) => (v === undefined || v === null || Number.isNaN(v)) ? '–' : Number(v).toFixed(d);
const ratio = (a, b) => (a && b) ? f(a / b, 2) + '×' : '–';
const rows = [];
function row(label, sc, metric, get, lowerIsBetter = true) {
  const s = test('switchboard', sc);
  const n = test('node', sc);
  const sv = s ? get(s) : undefined;
  const nv = n ? get(n) : undefined;
  rows.push(`| ${label} | ${metric} | ${f(sv)} | ${f(nv)} | ${ratio(sv, nv)} |`);
}
const cpu = (t) => t.cpu.server_us_per_op;
const util = (t) => `${f(t.cpu.server_util * 100, 0)}% / ${f(t.cpu.client_util * 100, 0)}%`;
const ops = (t) => t.messages ? t.messages.per_second : t.connections.per_second;
for (const [sc, name, op] of [['storm', 'storm 10k, presence off', 'connect'],
  ['storm-global', 'storm 3k, presence global', 'connect'],
  ['fanout', 'fan-out 5k, as fast as accepted', 'delivery'],
  ['fanout-rate', 'fan-out 2k, 20 msg/s', 'delivery'],
  ['direct', 'direct 1k pairs', 'message'],
  ['direct-h2', 'direct 1k pairs, Switchboard storing every message (H2 file)', 'message']]) {
  row(name, sc, `server CPU µs per ${op}`, cpu);
  row('', sc, op === 'connect' ? 'connects/s' : 'msg/s', ops);
  if (op !== 'connect') {
    row('', sc, 'p99 latency ms', (t) => t.messages.latency.p99_ms);
    if (sc.startsWith('direct')) row('', sc, 'p99 round trip ms', (t) => t.messages.round_trip.p99_ms);
    row('', sc, 'lost + duplicated', (t) => t.messages.lost + t.messages.duplicated);
  } else {
    row('', sc, 'p99 handshake ms', (t) => t.connections.handshake.p99_ms);
    row('', sc, 'failed', (t) => t.connections.failed);
  }
}
const out = [];
out.push('| scenario | metric | Switchboard | Node ws peer | ratio |', '|---|---|---|---|---|', ...rows);
out.push('', '| scenario | Switchboard server / load tool CPU | Node server / load tool CPU |', '|---|---|---|');
for (const sc of ['storm', 'storm-global', 'fanout', 'fanout-rate', 'direct', 'direct-h2']) {
  const s = test('switchboard', sc); const n = test('node', sc);
  out.push(`| ${sc} | ${s ? util(s) : '–'} | ${n ? util(n) : '–'} |`);
}
for (const s of ['switchboard', 'node']) {
  const t = test(s, 'idle');
  const m = read(s + '-idle-server.json');
  if (t) {
    const c = t.connections;
    out.push('', `**idle, ${s}**: ${c.opened} held of ${c.attempted} attempted; refused: ${JSON.stringify(c.failures)}; ` +
      `closed early: ${JSON.stringify(c.closed_early)}` +
      (m ? `; after a full GC: **RSS ${f((m.rss_after_gc_kib - m.rss_before_kib) / c.opened, 1)} KiB and heap ` +
        `${f((m.heap_after_gc_kib - m.heap_before_kib) / c.opened, 1)} KiB per connection** ` +
        `(RSS ${m.rss_before_kib} -> ${m.rss_after_gc_kib} KiB, ${m.rss_held_kib} KiB before the GC; heap ` +
        `${m.heap_before_kib} -> ${m.heap_after_gc_kib} KiB); ${m.fds} open files; while full: /health ${m.health}, ` +
        `/ws/stats ${m.stats}; "too many open files" in the log: ${m.emfile_log_lines}` : ''));
  }
  const b = test(s, 'badinput');
  if (b) {
    out.push('', `**bad input, ${s}**: ${b.bad_input.answered_as_documented} of ${b.bad_input.clients} answered as documented; ` +
      `control pair lost ${b.messages.lost}; ` + Object.entries(b.bad_input.outcomes).map(([k, v]) => `${k} ×${v}`).join('; '));
  }
}
console.log(out.join('\n'));
