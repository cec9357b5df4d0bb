// How the shell writes numbers, money, engine errors and download names
// (web/shell/format.js): the printable summary, the chart's title band, banners and file names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { money, count, count2, percent, describeErrors, fileStem } from '../../web/shell/format.js';

test('money: whole units in the plan\'s currency; a code Intl refuses is written before the number', () => {
  assert.equal(money(480000, 'USD'), '$480,000');
  assert.equal(money(1234.4, 'EUR'), '€1,234');
  assert.equal(money(1234.5, 'EUR'), '€1,235');
  assert.equal(money(5, ''), '$5', 'no currency: dollars');
  assert.equal(money(99.5, 'euro'), 'euro 100', 'not a currency code');
});

test('counts, two-decimal counts and percentages', () => {
  assert.equal(count(1333.5), '1,334');
  assert.equal(count(0), '0');
  assert.equal(count2(1333.456), '1,333.46');
  assert.equal(count2(2), '2.00');
  assert.equal(percent(0.35), '35 %');
  assert.equal(percent(0.123456), '12.35 %');
  assert.equal(percent(1), '100 %');
});

test('engine errors in one line: field and message, the first three, then how many more', () => {
  assert.equal(describeErrors(undefined), '');
  assert.equal(describeErrors([]), '');
  assert.equal(describeErrors([{ field: 'revenue_goal', message: 'must be > 0' }, { field: '', message: 'not JSON' }]),
               'revenue_goal: must be > 0 · not JSON');
  const five = ['a', 'b', 'c', 'd', 'e'].map((f) => ({ field: f, message: 'bad' }));
  assert.equal(describeErrors(five), 'a: bad · b: bad · c: bad · … and 2 more');
});

test('download names: the plan name in lower-case ASCII words joined by "-", at most 60 characters', () => {
  assert.equal(fileStem('Q4 Plan — Café “push”!'), 'q4-plan-cafe-push');
  assert.equal(fileStem('a_b  c'), 'a-b-c');
  assert.equal(fileStem('x'.repeat(70)), 'x'.repeat(60));
  for (const empty of ['', '   ', '—!?', undefined, null]) assert.equal(fileStem(empty), 'funnel-plan', String(empty));
});
