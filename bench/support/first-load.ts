import { chromium, type Browser } from 'playwright-core';
import { request } from 'undici';
import type { AuthState } from '../../src/server/api/contract';

export type FirstLoad = { p50Ms: number; p95Ms: number; runs: number[] };

const chromiumPath = process.env.VIGIL_CHROMIUM_PATH || '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * The dashboard's first load to interactive: from navigation start to the
 * moment the grid's first rows are rendered and the live event stream is
 * open, as the page itself marks it (performance.mark 'vigil:grid-interactive',
 * whose time counts from the navigation), in a fresh browser context each run (no HTTP cache, so every
 * run downloads the bundle as a first visit does). The session cookie comes
 * from a real login (or first-run setup when no user exists yet).
 */
export async function measureFirstLoad(options: { url: string; username: string; password: string; runs: number }): Promise<FirstLoad> {
  const base = options.url.replace(/\/$/, '');
  const cookies = await signIn(base, options.username, options.password);
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const times: number[] = [];
  try {
    // One unmeasured load warms Chromium itself and the server's file cache, which a real user's browser and server already are.
    for (let run = -1; run < options.runs; run++) {
      const context = await browser.newContext();
      try {
        await context.addCookies(cookies.map(({ name, value }) => ({ name, value, url: base })));
        const page = await context.newPage();
        await page.goto(`${base}/`, { waitUntil: 'commit' });
        // The dashboard marks the moment its grid has rows and its event stream is open; the mark's time counts from navigation start.
        const handle = await page.waitForFunction(() => performance.getEntriesByName('vigil:grid-interactive')[0]?.startTime, undefined, { timeout: 30_000, polling: 100 });
        const at = (await handle.jsonValue()) as number;
        if (run >= 0) times.push(at);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50Ms: Math.round(at(0.5)), p95Ms: Math.round(at(0.95)), runs: times.map(Math.round) };
}

/** Logs in through the API (creating the first admin when the server has none) and returns the session cookies. */
async function signIn(base: string, username: string, password: string): Promise<{ name: string; value: string }[]> {
  const state = await request(`${base}/api/v1/auth/state`);
  if (state.statusCode !== 200) throw new Error(`GET /api/v1/auth/state answered ${state.statusCode}: ${await state.body.text()}`);
  const { needsSetup } = (await state.body.json()) as AuthState;
  const path = needsSetup ? '/api/v1/auth/setup' : '/api/v1/auth/login';
  const response = await request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`POST ${path} answered ${response.statusCode}: ${body}`);
  const raw = response.headers['set-cookie'];
  const lines = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const cookies = lines.map((line) => {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim() };
  });
  if (cookies.length === 0) throw new Error(`POST ${path} set no cookie`);
  return cookies;
}
