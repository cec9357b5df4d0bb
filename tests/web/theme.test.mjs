// The first theme (web/shell/theme.js): the user's stored choice wins; without one, the system's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialDark } from '../../web/shell/theme.js';

test('a stored choice wins over the system; without one (or an unknown value) the system decides', () => {
  assert.equal(initialDark('dark', false), true);
  assert.equal(initialDark('light', true), false);
  assert.equal(initialDark(null, true), true);
  assert.equal(initialDark(null, false), false);
  assert.equal(initialDark('blue', true), true, 'an unknown stored value: the system');
  assert.equal(initialDark(undefined, undefined), false);
});
