// What screen readers get (web/shell/announce.js): the headline sentence and the text mirror.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headline, mirrorLines } from '../../web/shell/announce.js';

test('the headline names the entry stage\'s target, the customers and the goal', () => {
  const result = { ok: true, entry_stage: 'Lead', revenue_goal: 1000000, deal_size: 25000, currency: 'USD',
                   customers: { whole: 40 }, stages: [{ name: 'Visitor', whole: 53334 }, { name: 'Lead', whole: 1334 }] };
  assert.equal(headline(result),
               'You need 1,334 at the Lead stage for 40 customers ($1,000,000 at $25,000 per deal).');
  assert.equal(headline({ ...result, entry_stage: 'Nope' }).startsWith('You need 53,334 at the Visitor stage'), true);
  assert.equal(headline({ ok: false, errors: [] }), '');
  assert.equal(headline(null), '');
});

test('mirror lines: table rows as comma lists, section markers dropped, blank lines gone', () => {
  assert.deepEqual(mirrorLines('--- Goal\n| Stage | Target |\n| Lead | 1,334 |\n\n### Month by month ###\n  Revenue goal (?)\n'),
                   ['Goal', 'Stage, Target', 'Lead, 1,334', 'Month by month', 'Revenue goal (?)']);
  assert.deepEqual(mirrorLines(''), []);
  assert.deepEqual(mirrorLines(undefined), []);
});
