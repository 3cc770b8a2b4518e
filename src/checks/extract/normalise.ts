import type { NormaliseRule } from './definition';

/**
 * Normalisation before comparison: two deployments that say the same thing in
 * different formatting (or with a different CSRF token) must compare equal.
 */
export function normalise(value: string | null, rules: readonly NormaliseRule[]): string | null {
  if (value === null) return null;
  let current = value;
  for (const rule of rules) {
    if (rule === 'whitespace') current = current.replace(/\s+/g, ' ').trim();
    else if (rule === 'lowercase') current = current.toLowerCase();
    else if (rule === 'currency') current = currencyAmount(current) ?? current;
    else current = current.replace(new RegExp(rule.replace.pattern, 'g'), rule.replace.with);
  }
  return current;
}

/**
 * The amount in a price written any common way, with two decimals:
 * "$1,299.00", "1 299,00 €", "1.299,00", "USD 1299" → "1299.00". The last
 * separator followed by one or two digits is the decimal one; a separator
 * followed by three digits groups thousands. Undefined when there is no number.
 */
export function currencyAmount(text: string): string | undefined {
  const match = /-?\d[\d.,\s\u00a0\u202f']*/.exec(text);
  if (!match) return undefined;
  // "-$5.00" and "$-5.00": a minus sign just before the number or its currency symbol.
  const negative = match[0].startsWith('-') || /-[^\d\s]{0,4}$/.test(text.slice(0, match.index));
  const raw = match[0].replace(/[\s\u00a0\u202f'-]/g, '').replace(/[.,]+$/, '');
  const lastSeparator = Math.max(raw.lastIndexOf('.'), raw.lastIndexOf(','));
  let whole = raw;
  let fraction = '';
  if (lastSeparator >= 0) {
    const after = raw.slice(lastSeparator + 1);
    const mixed = raw.includes('.') && raw.includes(',');
    const single = raw.split(raw[lastSeparator]!).length === 2;
    if (mixed || (single && after.length !== 3)) {
      whole = raw.slice(0, lastSeparator);
      fraction = after;
    }
  }
  const digits = whole.replace(/[.,]/g, '');
  const amount = Number(`${digits || '0'}.${fraction || '0'}`);
  if (!Number.isFinite(amount)) return undefined;
  return (negative ? -amount : amount).toFixed(2);
}
