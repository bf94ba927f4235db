#!/usr/bin/env node
// The tables of docs/cluster.md "Measured" from one bench/cluster.sh results directory.
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
const files = fs.readdirSync(dir).sort();
const load = (f) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).tests[0];
  } catch (e) {
    return null;
  }
};
const f1 = (x) => (x === undefined || x === null ? '–' : Number(x).toFixed(1));
const f2 = (x) => (x === undefined || x === null ? '–' : Number(x).toFixed(2));
const out = [];

const cost = files.filter((f) => /^(1-memory|3-redis)-(direct|fanout-rate)-\d+\.json$/.test(f));
if (cost.length) {
  out.push('## Cost of the bus: CPU per delivery', '');
  out.push('| run | config | operations | server µs/op (all nodes) | Redis µs/op | load tool µs/op | lost | latency p50 / p99 ms |');
  out.push('|---|---|---|---|---|---|---|---|');
  const byKey = {};
  for (const f of cost) {
    const t = load(f);
    const m = /^(1-memory|3-redis)-(direct|fanout-rate)-(\d+)\.json$/.exec(f);
    if (!t) {
      out.push(`| ${m[2]} ${m[3]} | ${m[1]} | no result | | | | | |`);
      continue;
    }
    const c = t.cpu;
    const lat = t.messages.latency;
    out.push(`| ${m[2]} ${m[3]} | ${m[1]} | ${c.operations} ${c.operation}s | ${f2(c.server_us_per_op)} | ${f2(c.redis_us_per_op)} `
      + `| ${f2(c.client_us_per_op)} | ${t.messages.lost} | ${f1(lat.p50_ms)} / ${f1(lat.p99_ms)} |`);
    (byKey[`${m[2]} ${m[3]}`] = byKey[`${m[2]} ${m[3]}`] || {})[m[1]] = c.server_us_per_op;
  }
  out.push('', '| run | 3 nodes on Redis / 1 node in memory, server CPU per operation |', '|---|---|');
  for (const [k, v] of Object.entries(byKey)) {
    if (v['1-memory'] && v['3-redis']) out.push(`| ${k} | ${f2(v['3-redis'] / v['1-memory'])}× |`);
  }
  out.push('');
}

for (const f of files.filter((x) => /-latency\.json$/.test(x))) {
  const t = load(f);
  if (!t) continue;
  if (!out.includes('## Latency at a fixed rate')) {
    out.push('## Latency at a fixed rate', '');
    out.push('| config | messages | msg/s | one way p50 / p95 / p99 / max ms | round trip p99 ms | lost | server µs/msg | Redis µs/msg |');
    out.push('|---|---|---|---|---|---|---|---|');
  }
  const m = t.messages;
  out.push(`| ${f.replace('-latency.json', '')} | ${m.received} | ${Math.round(m.per_second)} | ${f1(m.latency.p50_ms)} / `
    + `${f1(m.latency.p95_ms)} / ${f1(m.latency.p99_ms)} / ${f1(m.latency.max_ms)} | ${f1(m.round_trip && m.round_trip.p99_ms)} `
    + `| ${m.lost} | ${f2(t.cpu.server_us_per_op)} | ${f2(t.cpu.redis_us_per_op)} |`);
}
if (out.includes('## Latency at a fixed rate')) out.push('');

for (const f of files.filter((x) => /-idle-nodes\.jsonl$/.test(x))) {
  const idle = load(f.replace('-nodes.jsonl', '.json'));
  const nodes = fs.readFileSync(path.join(dir, f), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  out.push('## Idle connections over the nodes', '');
  if (idle) {
    const c = idle.connections;
    out.push(`Load tool: ${c.attempted} attempted, ${c.opened} opened, ${c.failed} failed, `
      + `${Math.round(c.per_second || 0)} connects/s; failures ${JSON.stringify(c.failures)}; closed early ${JSON.stringify(c.closed_early)}.`, '');
  }
  out.push('| node | its connections | /ws/online count | /ws/stats total / unique / nodes | RSS before → held → after GC MiB | live heap before → after MiB | KiB per connection: RSS / heap | open files |');
  out.push('|---|---|---|---|---|---|---|---|');
  let tot = { conns: 0, rss: 0, heap: 0 };
  for (const n of nodes) {
    const s = n.stats || {};
    const mine = (s.nodes || []).find((x) => x.node_id === s.node_id);
    const conns = mine ? mine.connections : 0;
    // Its open files say whether the connections were still held when the memory was measured.
    const valid = n.fds >= conns;
    const dr = n.rss_after_gc_kib - n.rss_before_kib;
    const dh = n.heap_after_gc_kib - n.heap_before_kib;
    if (valid) {
      tot.conns += conns; tot.rss += dr; tot.heap += dh;
    }
    out.push(`| ${s.node_id || n.node} | ${conns} | ${n.online ? n.online.count : '–'} | ${s.total_connections} / ${s.unique_users} / `
      + `${(s.nodes || []).length} | ${f1(n.rss_before_kib / 1024)} → ${f1(n.rss_held_kib / 1024)} → ${f1(n.rss_after_gc_kib / 1024)} `
      + `| ${f1(n.heap_before_kib / 1024)} → ${f1(n.heap_after_gc_kib / 1024)} | ${conns ? f1(dr / conns) : '–'} / `
      + `${conns ? f1(dh / conns) : '–'}${valid ? '' : ' (measured after the release: left out)'} | ${n.fds} |`);
  }
  out.push(`| all measured while held | ${tot.conns} | | | | | ${tot.conns ? f1(tot.rss / tot.conns) : '–'} / ${tot.conns ? f1(tot.heap / tot.conns) : '–'} | |`, '');
}
console.log(out.join('\n'));
