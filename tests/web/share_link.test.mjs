// The share-link codec (web/shell/share_link.js) in node, without a browser: "#s=" + base64url
// (no padding) of the raw-deflated scenario JSON, and "#t=ID" template links. Round trips,
// payloads worked out by hand, and every kind of damaged link refused with its message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinkError, LINK_PREFIX, MAX_LINK_CHARS, isLinkHash, toBase64Url, fromBase64Url, deflate, inflate, linkFor,
         shareHashOf, scenarioTextFromHash } from '../../web/shell/share_link.js';

const noTemplates = () => '';
const PAGE = 'https://plan.example/app/?utm=x';
// A raw-deflate "stored" block, built by hand: 0x01 (last block, no compression), LEN and its
// complement NLEN (little-endian), then the bytes as they are.
function storedBlock(text) {
  const bytes = new TextEncoder().encode(text);
  const n = bytes.length;
  return Uint8Array.from([0x01, n & 0xff, n >> 8, ~n & 0xff, (~n >> 8) & 0xff, ...bytes]);
}
const rejects = (promise, message) => assert.rejects(promise, (err) => {
  assert.ok(err instanceof LinkError, `a LinkError, not ${err}`);
  assert.match(err.message, message);
  return true;
});

test('base64url: the URL-safe alphabet, no padding, values worked out by hand', () => {
  // 0xfb 0xff → bits 111110 111111 1111(00) → "+/8" in base64, "-_8" in base64url.
  assert.equal(toBase64Url(Uint8Array.from([0xfb, 0xff])), '-_8');
  // "Man" → "TWFu"; "Ma" → "TWE=" → "TWE"; "M" → "TQ==" → "TQ".
  assert.equal(toBase64Url(new TextEncoder().encode('Man')), 'TWFu');
  assert.equal(toBase64Url(new TextEncoder().encode('Ma')), 'TWE');
  assert.equal(toBase64Url(new TextEncoder().encode('M')), 'TQ');
  assert.deepEqual([...fromBase64Url('-_8')], [0xfb, 0xff]);
  assert.deepEqual([...fromBase64Url('TQ')], [0x4d]);
  // Every byte value, and more than one 32 KB slice of them, come back.
  const all = Uint8Array.from({ length: 70000 }, (_, i) => (i * 7) & 0xff);
  assert.deepEqual(fromBase64Url(toBase64Url(all)), all);
});

test('base64url: characters a link never has, or an impossible length, are refused with a message', () => {
  for (const bad of ['ab+c', 'ab/c', 'abc=', 'ab c', 'abcde']) {  // 5 characters: a length no bytes give
    assert.throws(() => fromBase64Url(bad), (err) => err instanceof LinkError && /characters a Funnel Planner link never has/.test(err.message), bad);
  }
});

test('a scenario goes into a link and comes back as the same text', async () => {
  const scenario = { version: 1, name: 'Q4 — Café “push”', revenue_goal: 480000, deal_size: 12000,
                     stages: ['Lead', 'MQL', 'SQL', 'Customer'], steps: [{ rate: 0.35 }, { rate: 0.4 }, { rate: 0.25 }] };
  const link = await linkFor(scenario, PAGE + '#s=old');
  assert.ok(link.startsWith(PAGE + LINK_PREFIX), 'the page address (without its old hash) + "#s="');
  assert.match(link.slice((PAGE + LINK_PREFIX).length), /^[A-Za-z0-9_-]+$/);
  const text = await scenarioTextFromHash(shareHashOf(link), noTemplates);
  assert.equal(text, JSON.stringify(scenario));
  // JSON text is carried as given (not re-serialized).
  const spaced = '{ "version": 1,  "name": "x" }';
  assert.equal(await scenarioTextFromHash(shareHashOf(await linkFor(spaced, PAGE)), noTemplates), spaced);
  // Compressed: a repetitive plan's link is far shorter than its JSON.
  const big = { ...scenario, channels: Array.from({ length: 40 }, (_, i) => ({ name: `Channel ${i}`, cost: 1000 })) };
  assert.ok((await linkFor(big, PAGE)).length - PAGE.length < JSON.stringify(big).length / 3);
});

test('a link built by hand (a stored deflate block) decodes to its plan', async () => {
  const payload = toBase64Url(storedBlock('{"version":1}'));
  // 01 0d 00 f2 ff, then the 13 bytes of {"version":1}.
  assert.equal(payload.slice(0, 7), 'AQ0A8v9');
  assert.equal(await scenarioTextFromHash('#s=' + payload, noTemplates), '{"version":1}');
});

test('damaged, cut-off, empty, oversized or non-plan links are refused with a message', async () => {
  const good = (await linkFor({ version: 1, name: 'A' }, PAGE)).split(LINK_PREFIX)[1];
  await rejects(scenarioTextFromHash('#s=', noTemplates), /empty: it carries no plan/);
  let cut = good.slice(0, good.length - 6);
  if (cut.length % 4 === 1) cut = cut.slice(0, -1);  // (a length base64 never has is the other message)
  await rejects(scenarioTextFromHash('#s=' + cut, noTemplates), /incomplete or damaged/);
  await rejects(scenarioTextFromHash('#s=' + good + '!', noTemplates), /characters a Funnel Planner link never has/);
  await rejects(scenarioTextFromHash('#s=' + 'A'.repeat(MAX_LINK_CHARS + 4), noTemplates), /too long to be a Funnel Planner link \(65,540 characters\)/);
  for (const notAPlan of ['[1,2]', '"text"', 'null', '42', '{"a":']) {
    await rejects(scenarioTextFromHash('#s=' + toBase64Url(await deflate(notAPlan)), noTemplates), /does not contain a plan/);
  }
  // Not UTF-8: a lone 0xff byte inside a name (read leniently, it would be a valid plan with a U+FFFD).
  const latin1 = Uint8Array.from([...new TextEncoder().encode('{"name":"'), 0xff, ...new TextEncoder().encode('"}')]);
  await rejects(scenarioTextFromHash('#s=' + toBase64Url(await deflate(latin1)), noTemplates), /does not contain a plan/);
});

test('a link that inflates beyond the limit is stopped (a "zip bomb")', async () => {
  const bomb = await deflate('{"x":"' + ' '.repeat(600 * 1024) + '"}');
  assert.ok(bomb.length < 2000, 'small as a link');
  await rejects(scenarioTextFromHash('#s=' + toBase64Url(bomb), noTemplates), /far more data than a plan/);
  // The limit is exact: 10 bytes pass a 10-byte limit, 11 do not.
  assert.equal((await inflate(await deflate('0123456789'), 10)).length, 10);
  await rejects(inflate(await deflate('0123456789A'), 10), /far more data than a plan/);
});

test('template links: the id is decoded and looked up; an unknown one is named', async () => {
  const asked = [];
  const templates = (id) => { asked.push(id); return id === 'enterprise b2b' ? '{"version":1,"name":"Enterprise"}' : ''; };
  assert.equal(await scenarioTextFromHash('#t=enterprise%20b2b', templates), '{"version":1,"name":"Enterprise"}');
  await rejects(scenarioTextFromHash('#t=nope', templates), /no workshop template called "nope"/);
  await rejects(scenarioTextFromHash('#t=%E0%A4%A', templates), /no workshop template called "%E0%A4%A"/);  // kept as written
  await rejects(scenarioTextFromHash('#t=' + 'x'.repeat(101), templates), /no workshop template called "x{100}"/);
  assert.deepEqual(asked, ['enterprise b2b', 'nope', '%E0%A4%A'], 'an id over 100 characters is not looked up');
});

test('which hashes are links, and the "#s=" hash of a link in any form', () => {
  assert.ok(isLinkHash('#s=abc') && isLinkHash('#t=saas') && isLinkHash('#s='));
  assert.ok(!isLinkHash('') && !isLinkHash('#x=1') && !isLinkHash('s=abc') && !isLinkHash('#S=abc'));
  assert.equal(shareHashOf('https://plan.example/#s=abc'), '#s=abc');
  assert.equal(shareHashOf('#s=abc'), '#s=abc');
  assert.equal(shareHashOf('abc'), '#s=abc');
  assert.equal(shareHashOf('#abc'), '#s=abc');
});
