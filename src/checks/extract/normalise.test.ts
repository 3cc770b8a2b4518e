import { describe, expect, it } from 'vitest';
import { currencyAmount, normalise } from './normalise';
import type { NormaliseRule } from './definition';

describe('currency amounts', () => {
  it.each([
    ['$1,299.00', '1299.00'],
    ['1 299,00 €', '1299.00'],
    ['1\u00a0299,00\u00a0€', '1299.00'],
    ['USD 1299', '1299.00'],
    ['€1.299,00', '1299.00'],
    ['$129.00', '129.00'],
    ['129,5 €', '129.50'],
    ['1,299', '1299.00'],
    ['1.234.567,89', '1234567.89'],
    ['Price: $235.00 (incl. tax)', '235.00'],
    ['-$5.00', '-5.00'],
    ["CHF 1'299.50", '1299.50'],
  ])('%s is %s', (text, amount) => {
    expect(currencyAmount(text)).toBe(amount);
  });

  it('finds no amount in text without digits', () => {
    expect(currencyAmount('sold out')).toBeUndefined();
  });
});

describe('normalise', () => {
  const cases: { name: string; a: string; b: string; rules: NormaliseRule[]; equal: boolean }[] = [
    { name: 'prices in three formats', a: '$1,299.00', b: '1 299,00 €', rules: ['currency'], equal: true },
    { name: 'price with a currency code', a: 'USD 1299', b: '$1,299.00', rules: ['currency'], equal: true },
    { name: 'different prices', a: '$129.00', b: '$139.00', rules: ['currency'], equal: false },
    { name: 'whitespace only', a: '  Weekend\n   Cotton  Turtleneck ', b: 'Weekend Cotton Turtleneck', rules: ['whitespace'], equal: true },
    { name: 'case', a: 'In Stock', b: 'in stock', rules: ['lowercase'], equal: true },
    { name: 'case not ignored without the rule', a: 'In Stock', b: 'in stock', rules: [], equal: false },
    {
      name: 'a CSRF token ignored by a replace rule',
      a: '<form data-csrf="a81f00">Pay</form>',
      b: '<form data-csrf="99ee12">Pay</form>',
      rules: [{ replace: { pattern: 'data-csrf="[0-9a-f]+"', with: '' } }],
      equal: true,
    },
    {
      name: 'a timestamp ignored by a replace rule',
      a: 'rendered 2026-11-25T16:00:01Z build 7',
      b: 'rendered 2026-11-25T16:00:59Z build 7',
      rules: [{ replace: { pattern: '\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z', with: '<time>' } }],
      equal: true,
    },
    { name: 'rules apply in order', a: ' Build-7 ', b: 'build-7', rules: ['whitespace', 'lowercase'], equal: true },
  ];
  it.each(cases)('$name', ({ a, b, rules, equal }) => {
    expect(normalise(a, rules) === normalise(b, rules)).toBe(equal);
  });

  it('keeps a missing value missing', () => {
    expect(normalise(null, ['whitespace'])).toBeNull();
  });
});
