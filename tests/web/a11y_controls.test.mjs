// Values typed into the screen-reader controls (web/shell/a11y_controls.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTyped, applyTyped } from '../../web/shell/a11y_controls.js';

test('numbers as people type them', () => {
  assert.equal(parseTyped('1000000'), 1000000);
  assert.equal(parseTyped('1,000,000'), 1000000);
  assert.equal(parseTyped('$25 000'), 25000);
  assert.equal(parseTyped('2.5 %'), 2.5);
  assert.equal(parseTyped('2,5'), 2.5, 'a decimal comma');
  assert.equal(parseTyped('.5'), 0.5);
  assert.ok(Number.isNaN(parseTyped('lots')));
  assert.ok(Number.isNaN(parseTyped('1.2.3')));
  assert.ok(Number.isNaN(parseTyped('')));
});

test('a typed value lands in the right field; rates are percent and drop the observed evidence', () => {
  const base = { revenue_goal: 1, deal_size: 2, horizon_months: 12,
                 steps: [{ rate: 0.1, k: 10, n: 100, lag_months: 0 }, { rate: 0.5, lag_months: 1 }] };
  assert.equal(applyTyped(base, 'revenue_goal', '2,000,000').scenario.revenue_goal, 2000000);
  assert.equal(applyTyped(base, 'horizon_months', '18.4').scenario.horizon_months, 18);
  const rate = applyTyped(base, 'steps[0].rate', '12.5').scenario.steps[0];
  assert.equal(rate.rate, 0.125);
  assert.equal('k' in rate || 'n' in rate, false);
  assert.equal(applyTyped(base, 'steps[1].lag_months', '1,5').scenario.steps[1].lag_months, 1.5);
  assert.equal(base.revenue_goal, 1, 'the scenario passed in is not changed');
  assert.match(applyTyped(base, 'revenue_goal', 'lots').error, /not a number/);
  assert.match(applyTyped(base, 'steps[7].rate', '5').error, /cannot be set/);
  assert.match(applyTyped(base, 'name', '5').error, /cannot be set/);
});
