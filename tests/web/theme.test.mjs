// The first theme (web/shell/theme.js): the user's stored choice wins; without one, the system's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialDark, initialTextScale } from '../../web/shell/theme.js';

test('a stored choice wins over the system; without one (or an unknown value) the system decides', () => {
  assert.equal(initialDark('dark', false), true);
  assert.equal(initialDark('light', true), false);
  assert.equal(initialDark(null, true), true);
  assert.equal(initialDark(null, false), false);
  assert.equal(initialDark('blue', true), true, 'an unknown stored value: the system');
  assert.equal(initialDark(undefined, undefined), false);
});

test('the stored text size is used when it is a number from 0.75 to 2, else 1', () => {
  assert.equal(initialTextScale('1.5'), 1.5);
  assert.equal(initialTextScale('0.75'), 0.75);
  assert.equal(initialTextScale('2'), 2);
  assert.equal(initialTextScale(null), 1);
  assert.equal(initialTextScale(''), 1);
  assert.equal(initialTextScale('9'), 1);
  assert.equal(initialTextScale('0.5'), 1);
  assert.equal(initialTextScale('large'), 1);
});
