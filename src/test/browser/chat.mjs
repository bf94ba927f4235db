// Two users chat through the test page in real headless Chromium (Debian's; playwright-core never downloads one).
// Run by StandaloneBrowserTest:  node chat.mjs <base url> <output dir>
// Talks to the test over stdio: prints "STEP ..." lines, asks for a server restart with "RESTART" and waits for
// "RESTARTED" on stdin (that proves the client module reconnects and re-joins its rooms). Exit code 0 = passed.
import {chromium} from 'playwright-core';
import {mkdir} from 'node:fs/promises';
import {createInterface} from 'node:readline';
import {join} from 'node:path';

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: node chat.mjs <base url> <output dir>');
  process.exit(2);
}
const WAIT = 15_000;
const step = (s) => console.log(`STEP ${s}`);

const stdinLines = createInterface({input: process.stdin});
const waitForLine = (wanted) => new Promise((resolve) => {
  stdinLines.on('line', (line) => {
    if (line.trim() === wanted) resolve();
  });
});

/** Waits for a log entry of the page: direction in|out|local, the message kind, and a piece of its text. */
function logEntry(page, direction, kind, text) {
  return page.locator(`#log li[data-direction="${direction}"][data-kind="${kind}"]`, {hasText: text});
}

async function expectLog(page, direction, kind, text, nth = 0) {
  await logEntry(page, direction, kind, text).nth(nth).waitFor({timeout: WAIT});
}

async function expectState(page, state, timeout = WAIT) {
  await page.locator(`#status[data-state="${state}"]`).waitFor({timeout});
}

async function main() {
  await mkdir(outDir, {recursive: true});
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const pages = [];
  try {
    // One browser, two tabs: one user each.
    const context = await browser.newContext({viewport: {width: 1100, height: 860}});
    const alice = await context.newPage();
    const bob = await context.newPage();
    for (const [name, page] of [['alice', alice], ['bob', bob]]) {
      pages.push([name, page]);
      page.on('pageerror', (e) => console.log(`PAGE ERROR (${name}): ${e}`));
      page.on('console', (m) => {
        if (m.type() === 'error') console.log(`CONSOLE (${name}): ${m.text()}`);
      });
    }

    step('alice picks her development token and connects');
    await alice.goto(base);
    await alice.locator('#token-pick option', {hasText: 'alice'}).waitFor({state: 'attached', timeout: WAIT});
    await alice.selectOption('#token-pick', {label: 'alice (user)'});
    await alice.click('#connect');
    await expectState(alice, 'open');

    step('bob pastes his token and connects');
    const listing = await (await fetch(new URL('dev/tokens', base))).json();
    const bobToken = listing.tokens.find((t) => t.subject === 'bob').token;
    await bob.goto(base);
    await bob.fill('#token-input', bobToken);
    await bob.click('#connect');
    await expectState(bob, 'open');
    await expectLog(alice, 'in', 'user_joined', 'bob (bob) joined');

    step('alice sends bob a direct message');
    await alice.fill('#direct-to', 'bob');
    await alice.fill('#direct-text', 'hello bob, this is direct');
    await alice.click('#send-direct');
    await expectLog(alice, 'out', 'text', 'you → bob: hello bob, this is direct');
    await expectLog(bob, 'in', 'text', 'alice → bob: hello bob, this is direct');

    step('both join the lobby; bob writes to the room');
    for (const page of [alice, bob]) {
      await page.fill('#room-name', 'lobby');
      await page.click('#join-room');
      await expectLog(page, 'in', 'system_message', 'joined lobby');
    }
    await expectLog(alice, 'in', 'user_joined', 'joined room lobby');
    await bob.fill('#room-text', 'hi lobby, bob here');
    await bob.click('#send-room');
    await expectLog(alice, 'in', 'text', 'bob [lobby]: hi lobby, bob here');

    step('bob broadcasts; alice pings');
    await bob.fill('#broadcast-text', 'hello everyone');
    await bob.click('#send-broadcast');
    await expectLog(alice, 'in', 'text', 'bob → everyone: hello everyone');
    await alice.click('#ping');
    await expectLog(alice, 'in', 'pong', 'pong');

    step('screenshots');
    await alice.screenshot({path: join(outDir, 'chat-alice.png'), fullPage: true});
    await bob.screenshot({path: join(outDir, 'chat-bob.png'), fullPage: true});

    step('server restart: both tabs reconnect on their own and re-join the lobby');
    const restarted = waitForLine('RESTARTED');
    console.log('RESTART');
    await restarted;
    for (const page of [alice, bob]) {
      await expectLog(page, 'local', 'close', 'will reconnect');
      await expectLog(page, 'local', 'open', 're-joining lobby', 0);
      await expectState(page, 'open');
      await expectLog(page, 'in', 'system_message', 'joined lobby', 1);
    }
    await bob.fill('#room-text', 'back in the lobby after the restart');
    await bob.click('#send-room');
    await expectLog(alice, 'in', 'text', 'bob [lobby]: back in the lobby after the restart');
    await alice.screenshot({path: join(outDir, 'chat-alice-after-restart.png'), fullPage: true});

    step('leaving the lobby');
    await alice.click('#leave-room');
    await expectLog(alice, 'in', 'system_message', 'left lobby');
    await expectLog(bob, 'in', 'user_left', 'left room lobby');
    console.log('PASSED');
  } catch (e) {
    console.log(`FAILED: ${e.stack ?? e}`);
    for (const [name, page] of pages) {
      await page.screenshot({path: join(outDir, `failure-${name}.png`), fullPage: true}).catch(() => {});
      const entries = await page.locator('#log li').allInnerTexts().catch(() => []);
      console.log(`--- ${name}'s log ---\n${entries.join('\n')}`);
    }
    process.exitCode = 1;
  } finally {
    await browser.close();
    stdinLines.close();
  }
}

await main();
