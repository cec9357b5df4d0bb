// The saved-scenarios list logic (web/shell/saved_list.js), run in node without a browser:
// splitting a stored list into its raw entries, entry identity, the three-way merge of two
// tabs' lists (issue 10: one tab's saves must never vanish because another tab wrote), and the
// removal records that carry deletions between tabs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitJsonArray, entryKey, keyHash, sameEntries, mergeSavedLists, updateRemovals, entryName, whyUnreadable }
  from '../../web/shell/saved_list.js';

const entry = (name, extra = {}) => ({ scenario: { version: 1, name, revenue_goal: 1000, ...extra }, compare: false });
const removals = (...entries) => new Set(entries.map((e) => keyHash(entryKey(e))));
const names = (list) => list.map((e) => (typeof e === 'string' ? JSON.parse(e) : e).scenario.name);

test('a stored list splits into the exact text of each entry', () => {
  const a = JSON.stringify(entry('A'));
  const odd = '{"scenario": {"version": 1, "name": "big", "revenue_goal": 1e400}, "compare": false}';
  const tricky = '{"scenario":{"name":"closes }} early, then ] [ { and \\" quotes"}}';
  const items = splitJsonArray(` [ ${a} ,${odd},\n${tricky} ] `);
  assert.deepEqual(items, [a, odd, tricky]);
  // Each piece is what was stored, character for character (1e400 is not turned into null).
  assert.equal(items[1], odd);
  assert.equal(JSON.parse(items[2]).scenario.name, 'closes }} early, then ] [ { and " quotes');
  assert.deepEqual(splitJsonArray('[]'), []);
  assert.deepEqual(splitJsonArray(' [ ] '), []);
  assert.deepEqual(splitJsonArray('[1,2,]'), ['1', '2', '']);  // the empty one will not load
  // Not a list at all: null (the caller keeps the whole text aside).
  for (const bad of ['', '{}', '"[1]"', 'null', '[1]x', '[1}']) assert.equal(splitJsonArray(bad), null, bad);
  // Cut off: what is complete is there; the rest is one more (unloadable) entry.
  assert.deepEqual(splitJsonArray(`[${a},{"scenario":{"na`), [a, '{"scenario":{"na']);
  // Deep nesting does not recurse.
  const deep = '['.repeat(200000) + ']'.repeat(200000);
  assert.deepEqual(splitJsonArray(`[${a},${deep}]`), [a, deep]);
});

test('entries are the same whatever their key order or spacing, different when a value differs', () => {
  assert.equal(entryKey('{"compare":false,"scenario":{"name":"A","version":1}}'),
               entryKey({ scenario: { version: 1, name: 'A' }, compare: false }));
  assert.notEqual(entryKey(entry('A')), entryKey(entry('A', { revenue_goal: 2000 })));
  assert.notEqual(entryKey(entry('A')), entryKey({ ...entry('A'), compare: true }));
  // Unreadable text is its own identity (not null, not equal to another unreadable text).
  assert.notEqual(entryKey('{"x": 1e400'), entryKey('{"x": 2e400'));
  assert.equal(entryKey('{"x": 1e400'), entryKey('{"x": 1e400'));
});

test('another tab\'s additions come in, nothing of ours is lost', () => {
  const base = [entry('Base')];
  const ours = [entry('Base'), entry('Ours')];
  const theirs = [entry('Base'), entry('Theirs')];
  const { merged, added, removed } = mergeSavedLists(base, ours, theirs);
  assert.deepEqual(names(merged), ['Base', 'Ours', 'Theirs']);
  assert.deepEqual(names(added), ['Theirs']);
  assert.deepEqual(removed, []);
  // Merging the result again with the other side changes nothing (no ping-pong between tabs).
  const again = mergeSavedLists(theirs, theirs.concat([entry('Ours')]), merged);
  assert.deepEqual(names(again.merged).sort(), names(merged).sort());
});

test('a removal in either tab stays removed; an edit is kept over another tab\'s removal', () => {
  const base = [entry('Keep'), entry('GoneThere'), entry('GoneHere'), entry('Edited')];
  const ours = [entry('Keep'), entry('GoneThere'), entry('Edited', { revenue_goal: 5 })];  // we removed GoneHere, edited Edited
  const theirs = [entry('Keep'), entry('GoneHere')];                                    // they removed GoneThere and Edited
  const { merged, removed } = mergeSavedLists(base, ours, theirs, removals(entry('GoneThere'), entry('Edited'), entry('GoneHere')));
  assert.deepEqual(names(merged), ['Keep', 'Edited']);
  assert.equal(merged[1].scenario.revenue_goal, 5, 'our edit survives their removal');
  assert.deepEqual(names(removed), ['GoneThere']);
});

test('the same name saved in two tabs with different values keeps both', () => {
  const base = [];
  const ours = [entry('Q4', { revenue_goal: 1 })];
  const theirs = [entry('Q4', { revenue_goal: 2 })];
  const { merged } = mergeSavedLists(base, ours, theirs);
  assert.deepEqual(merged.map((e) => e.scenario.revenue_goal), [1, 2]);
  // Identical entries (same name, same values) are one.
  assert.equal(mergeSavedLists([], [entry('Same')], [JSON.stringify(entry('Same'))]).merged.length, 1);
});

test('raw stored entries and engine objects merge together, and are returned as given', () => {
  const stored = '[' + [entry('A'), entry('B')].map((e) => JSON.stringify(e)).join(',') + ']';
  const theirs = splitJsonArray(stored.replace(']', ',{"scenario":{"version":1,"name":"C","revenue_goal":1e400}}]'));
  const { merged, added } = mergeSavedLists(splitJsonArray(stored), [entry('A'), entry('B')], theirs);
  assert.equal(merged.length, 3);
  assert.equal(added[0], '{"scenario":{"version":1,"name":"C","revenue_goal":1e400}}', 'the exact text, for the engine to judge');
});

test('an entry with a number out of range is told apart from one with another such number', () => {
  assert.notEqual(entryKey('{"scenario":{"revenue_goal":1e400}}'), entryKey('{"scenario":{"revenue_goal":2e400}}'));
  assert.notEqual(entryKey('{"scenario":{"revenue_goal":1e400}}'), entryKey('{"scenario":{"revenue_goal":null}}'));
});

test('an entry merely missing from what another tab wrote is kept (two tabs writing at once)', () => {
  // Tab B wrote its list before it saw tab A's "Alpha": Alpha is missing, but nobody removed it.
  const base = [entry('Alpha')];
  const ours = [entry('Alpha')];
  const theirs = [entry('Beta')];
  const { merged, removed } = mergeSavedLists(base, ours, theirs, new Set());
  assert.deepEqual(names(merged), ['Alpha', 'Beta']);
  assert.deepEqual(removed, []);
  // With a removal record for Alpha, it goes.
  assert.deepEqual(names(mergeSavedLists(base, ours, theirs, removals(entry('Alpha'))).merged), ['Beta']);
  // A removal record of an entry this tab saved anew (not in base) does not remove it.
  assert.deepEqual(names(mergeSavedLists([], ours, theirs, removals(entry('Alpha'))).merged), ['Alpha', 'Beta']);
});

test('removal records are short and tell entries apart', () => {
  const h = keyHash(entryKey(entry('A')));
  assert.match(h, /^[0-9a-z]{1,11}$/);
  assert.equal(h, keyHash(entryKey(JSON.stringify(entry('A')))));
  assert.notEqual(h, keyHash(entryKey(entry('B'))));
  assert.notEqual(h, keyHash(entryKey(entry('A', { revenue_goal: 1001 }))));
});

test('removal records: a removal is recorded once, forgotten when the entry is back, newest kept', () => {
  const a = entryKey(entry('A')), b = entryKey(entry('B')), c = entryKey(entry('C'));
  const first = updateRemovals({}, [a, b], [], 1000, 500);
  assert.deepEqual(first, { [keyHash(a)]: 1000, [keyHash(b)]: 1000 });
  // Removing A again keeps its first time; nothing else changed: nothing to write.
  assert.equal(updateRemovals(first, [a], [], 2000, 500), null);
  // B saved again (present): its removal is forgotten, so other tabs do not drop it.
  assert.deepEqual(updateRemovals(first, [], [b], 2000, 500), { [keyHash(a)]: 1000 });
  // Only the newest `max` records stay: C (3000) and the later of A/B by time.
  const capped = updateRemovals({ [keyHash(a)]: 1000, [keyHash(b)]: 2000 }, [c], [], 3000, 2);
  assert.deepEqual(Object.keys(capped).sort(), [keyHash(b), keyHash(c)].sort());
  // The records given are not changed in place (the caller may still hold them).
  assert.deepEqual(first, { [keyHash(a)]: 1000, [keyHash(b)]: 1000 });
});

test('two lists are the same entries whatever the order, key order or form', () => {
  assert.ok(sameEntries([entry('A'), entry('B')], [JSON.stringify(entry('B')), '{"compare":false,"scenario":{"revenue_goal":1000,"name":"A","version":1}}']));
  assert.ok(!sameEntries([entry('A')], [entry('A'), entry('A')]), 'a duplicate counts');
  assert.ok(!sameEntries([entry('A')], [entry('B')]));
  assert.ok(sameEntries([], []));
});

test('an unreadable entry is named and its reason given in the user\'s words', () => {
  assert.equal(entryName(JSON.stringify(entry('Q4 push')), 0), '“Q4 push”');
  assert.equal(entryName(JSON.stringify(entry('x'.repeat(70))), 0), '“' + 'x'.repeat(60) + '…”');
  assert.equal(entryName('{"scenario": ', 2), 'entry 3');
  assert.equal(entryName('{"scenario":{"name":""}}', 0), 'entry 1');
  assert.equal(whyUnreadable('{"scenario": '), 'it is damaged (not JSON)');
  assert.equal(whyUnreadable('{"compare": true}'), 'it holds no scenario');
  assert.equal(whyUnreadable('[1]'), 'it holds no scenario');
  assert.equal(whyUnreadable('{"scenario":{"version":2,"name":"A"}}'), 'it was saved by a newer version of Funnel Planner');
  assert.equal(whyUnreadable('{"scenario":{"version":1,"revenue_goal":"a lot"}}'), 'some of its values are out of range or of the wrong type');
});
