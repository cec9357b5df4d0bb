// Values typed into the screen-reader controls (web/shell/a11y_controls.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTyped, sentValue, menuMove, signature } from '../../web/shell/a11y_controls.js';

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

test('a typed number is sent plainly; text as typed; a non-number is refused with the reason', () => {
  assert.deepEqual(sentValue('number', '2,000,000'), { value: '2000000' });
  assert.deepEqual(sentValue('number', '12,5 %'), { value: '12.5' });
  assert.deepEqual(sentValue('textbox', ' Paid search, EU '), { value: ' Paid search, EU ' });
  assert.match(sentValue('number', 'lots').error, /"lots" is not a number/);
});

test('arrow keys move through a menu and wrap; Home and End jump', () => {
  assert.equal(menuMove('ArrowDown', 0, 3), 1);
  assert.equal(menuMove('ArrowDown', 2, 3), 0);
  assert.equal(menuMove('ArrowUp', 0, 3), 2);
  assert.equal(menuMove('End', 0, 3), 2);
  assert.equal(menuMove('Home', 2, 3), 0);
  assert.equal(menuMove('a', 1, 3), 1);
  assert.equal(menuMove('ArrowDown', 0, 0), -1);
});

test('the mirror is rebuilt when what a control says changes, not when it only moves', () => {
  const a = [{ name: 'x', role: 'number', label: 'X', value: '1', selected: false, disabled: false, x: 0, y: 0 }];
  const moved = [{ ...a[0], y: 40 }];
  const changed = [{ ...a[0], value: '2' }];
  const disabled = [{ ...a[0], disabled: true }];
  assert.equal(signature(a), signature(moved));
  assert.notEqual(signature(a), signature(changed));
  assert.notEqual(signature(a), signature(disabled));
});
