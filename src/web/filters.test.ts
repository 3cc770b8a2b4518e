import { describe, expect, it } from 'vitest';
import { defaultFilters, filtersFromSearch, gridQuery, searchFromFilters, withFilter } from './filters';

describe('grid filters and the query string', () => {
  it('reads every filter from the URL', () => {
    expect(filtersFromSearch('?tag=storefront&pageType=cart&deployment=backup&state=down&kind=http&q=home&page=3&pageSize=100')).toEqual({
      tag: 'storefront',
      pageType: 'cart',
      deployment: 'backup',
      state: 'down',
      kind: 'http',
      q: 'home',
      page: 3,
      pageSize: 100,
    });
  });

  it('falls back to defaults for unknown states, bad pages and odd page sizes', () => {
    expect(filtersFromSearch('?state=on-fire&page=-2&pageSize=7')).toEqual(defaultFilters);
    expect(filtersFromSearch('?page=abc')).toEqual(defaultFilters);
    expect(filtersFromSearch('')).toEqual(defaultFilters);
  });

  it('writes only what differs from the defaults', () => {
    expect(searchFromFilters(defaultFilters)).toBe('');
    expect(searchFromFilters({ ...defaultFilters, state: 'down', page: 2 })).toBe('?state=down&page=2');
    expect(searchFromFilters({ ...defaultFilters, q: 'add to cart' })).toBe('?q=add+to+cart');
  });

  it('round-trips', () => {
    const filters = { ...defaultFilters, tag: 'flow', kind: 'browser', q: 'check out & pay', page: 4, pageSize: 25 };
    expect(filtersFromSearch(searchFromFilters(filters))).toEqual(filters);
  });

  it('goes back to page 1 when a filter changes, not when the page does', () => {
    const onPage5 = { ...defaultFilters, page: 5 };
    expect(withFilter(onPage5, { state: 'down' }).page).toBe(1);
    expect(withFilter(onPage5, { page: 6 }).page).toBe(6);
  });

  it('always sends page and pageSize to the server', () => {
    expect(gridQuery(defaultFilters)).toBe('?page=1&pageSize=50');
    expect(gridQuery({ ...defaultFilters, deployment: 'backup' })).toBe('?deployment=backup&page=1&pageSize=50');
  });
});
