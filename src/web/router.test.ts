import { describe, expect, it } from 'vitest';
import { artifactUrl } from './api';
import { match } from './router';

describe('client routes', () => {
  it('matches a pattern and decodes its parameters', () => {
    expect(match('/checks/:id', '/checks/product%20page%20%5B%2Fp%2Fa%5D')).toEqual({ id: 'product page [/p/a]' });
    expect(match('/incidents/:id', '/incidents/7')).toEqual({ id: '7' });
    expect(match('/incidents', '/incidents/')).toEqual({});
  });

  it('refuses other paths and malformed encodings', () => {
    expect(match('/checks/:id', '/checks')).toBeNull();
    expect(match('/checks/:id', '/checks/a/b')).toBeNull();
    expect(match('/checks/:id', '/incidents/7')).toBeNull();
    expect(match('/checks/:id', '/checks/%E0%A4%A')).toBeNull();
  });
});

describe('artifact links', () => {
  it('point below the data folder artifacts, each segment encoded', () => {
    expect(artifactUrl('/var/lib/vigil/artifacts/add-to-cart/2026-11-25T10-04-05.123Z-production/screenshot.png')).toBe(
      '/api/v1/artifacts/add-to-cart/2026-11-25T10-04-05.123Z-production/screenshot.png',
    );
    expect(artifactUrl('C:\\vigil\\artifacts\\a b\\run\\trace.zip')).toBe('/api/v1/artifacts/a%20b/run/trace.zip');
  });
});
