import { expect, test, type Page } from '@playwright/test';
import { request } from 'undici';
import { chromiumPath, hasChromium } from '../../playwright.config';

test.skip(!hasChromium, `no Chromium at ${chromiumPath} (apt-get install chromium, or set VIGIL_CHROMIUM_PATH)`);

const url = () => process.env.VIGIL_E2E_URL!;
const primary = () => process.env.VIGIL_E2E_PRIMARY_URL!;
const admin = { username: 'admin', password: 'correct horse battery staple' };
const shots = 'test-results/screenshots';

/** Switches the demo store's faults through its control API, as `vigil fault set` does. */
async function faults(method: 'PATCH' | 'POST', path: string, body?: unknown): Promise<void> {
  const response = await request(`${primary()}/__vigil/faults${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`fault control answered ${response.statusCode}: ${text}`);
}

/** A link of the top navigation. */
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });
const cell = (page: Page, check: string, deployment: string) => page.locator(`td.cell[data-check="${check}"][data-deployment="${deployment}"]`);

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  if (hasChromium && process.env.VIGIL_E2E_PRIMARY_URL) await faults('POST', '/reset');
});

test('first run, a live outage on the grid, its incident acknowledged and resolved, and a status page without internals', async ({ page }) => {
  test.setTimeout(240_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await test.step('first-run setup creates the admin and opens the grid', async () => {
    await page.goto(url());
    await expect(page.getByRole('heading', { name: 'Welcome to Vigil' })).toBeVisible();
    await page.screenshot({ path: `${shots}/setup.png` });
    await page.getByLabel('Username').fill(admin.username);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByLabel('Password again').fill(admin.password);
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await expect(page.locator('[data-grid="ready"]')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-live', 'open');
  });

  await test.step('the grid shows both deployments, and the first runs arrive live', async () => {
    await expect(page.getByRole('columnheader', { name: /production/ })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: /backup/ })).toBeVisible();
    await expect(cell(page, 'home page', 'production')).toHaveAttribute('data-state', 'up', { timeout: 60_000 });
    await page.screenshot({ path: `${shots}/grid.png`, fullPage: true });
  });

  await test.step('a fault on the primary turns its cell red without a reload', async () => {
    // A mark on the window survives only if the page is never reloaded.
    await page.evaluate(() => ((window as unknown as { vigilNoReload: boolean }).vigilNoReload = true));
    const requests: string[] = [];
    page.on('request', (req) => requests.push(new URL(req.url()).pathname));
    await faults('PATCH', '', { errorStatus: 503 });
    await expect(cell(page, 'home page', 'production')).toHaveAttribute('data-state', 'down', { timeout: 90_000 });
    expect(await page.evaluate(() => (window as unknown as { vigilNoReload?: boolean }).vigilNoReload)).toBe(true);
    // Patched from the event stream: the grid was not fetched again.
    expect(requests.filter((path) => path === '/api/v1/grid')).toEqual([]);
    await expect(page.locator('[data-count="down"]')).not.toHaveText('0');
    await page.screenshot({ path: `${shots}/grid-outage.png`, fullPage: true });
  });

  await test.step('filters are applied by the server and reflected in the URL', async () => {
    await page.getByRole('combobox', { name: 'State' }).selectOption('down');
    await expect(page).toHaveURL(/state=down/);
    await expect(cell(page, 'home page', 'production')).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search' }).fill('no such check anywhere');
    await expect(page).toHaveURL(/q=no\+such/);
    await expect(page.getByText('No check matches these filters.')).toBeVisible();
    await page.goBack();
    await page.goto(`${url()}/`);
    await expect(page.locator('[data-grid="ready"]')).toBeVisible();
  });

  await test.step('the check page shows the chart, uptime bars and the failed runs', async () => {
    await cell(page, 'home page', 'production').getByRole('link').click();
    await expect(page.getByRole('heading', { name: 'home page' })).toBeVisible();
    await expect(page.locator('.chart .uplot')).toBeVisible();
    await expect(page.locator('.bars .bar')).toHaveCount(90);
    await expect(page.locator('.run-list li.failed').first()).toContainText('503');
    await page.screenshot({ path: `${shots}/check.png`, fullPage: true });
  });

  await test.step("a failed browser run shows its step timings, screenshot and trace", async () => {
    await nav(page, 'Status').click();
    const browserCell = page.locator('td.cell[data-deployment="production"][data-check^="product page in browser"]').first();
    const checkId = await browserCell.getAttribute('data-check');
    await page.goto(`${url()}/checks/${encodeURIComponent(checkId!)}?deployment=production`);
    await page.getByLabel('failures only').check();
    // Browser checks run every 30 s: wait for the first failed run to be stored.
    await expect(async () => {
      await page.getByLabel('failures only').uncheck();
      await page.getByLabel('failures only').check();
      await expect(page.locator('.run-list li.failed').first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 90_000 });
    await page.locator('.run-list li.failed summary').first().click();
    await expect(page.locator('.run-list table.steps').first()).toBeVisible();
    const shot = page.locator('.evidence img').first();
    await expect(shot).toBeVisible();
    await expect.poll(() => shot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: `${shots}/browser-run.png`, fullPage: true });
  });

  let incidentPath = '';
  await test.step('the incident opens; it is acknowledged, noted and resolved from its page', async () => {
    await nav(page, 'Incidents').click();
    const row = page.locator('tr[data-incident]').filter({ hasText: 'production' }).first();
    await expect(row).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: `${shots}/incidents.png`, fullPage: true });
    await row.getByRole('link').click();
    incidentPath = new URL(page.url()).pathname;
    await expect(page.locator('[data-status]')).toHaveText('open');
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(page.locator('[data-status]')).toHaveText('acknowledged');
    await page.getByLabel('Add a note').fill('Rolled back the bad release');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect(page.locator('.timeline')).toContainText('Rolled back the bad release');
    await faults('POST', '/reset');
    await page.getByRole('button', { name: 'Resolve' }).click();
    await expect(page.locator('[data-status]')).toHaveText('resolved');
    await page.screenshot({ path: `${shots}/incident.png`, fullPage: true });
  });

  await test.step('the public status page shows the incident with no internal detail', async () => {
    const status = await page.context().newPage();
    await status.goto(`${url()}/status`);
    const html = await status.content();
    const text = await status.locator('body').innerText();
    expect(text.toLowerCase()).toMatch(/incident|outage|disruption|resolved/);
    const shopHost = new URL(primary()).host;
    for (const secret of [shopHost, '127.0.0.1', 'localhost', 'http://', 'status 503', 'ECONNREFUSED', 'expected 200']) {
      expect(text, `status page text leaks "${secret}"`).not.toContain(secret);
    }
    expect(html).not.toContain(shopHost);
    expect(await status.locator('script').count()).toBe(0);
    await status.screenshot({ path: `${shots}/status-page.png`, fullPage: true });
    await status.emulateMedia({ colorScheme: 'dark' });
    await status.screenshot({ path: `${shots}/status-page-dark.png`, fullPage: true });
    await status.close();
    expect(incidentPath).toMatch(/^\/incidents\/\d+$/);
  });

  await test.step('heartbeats, deployments side by side, and dark mode', async () => {
    await nav(page, 'Heartbeats').click();
    await expect(page.getByRole('heading', { name: 'Heartbeats' })).toBeVisible();
    await expect(page.locator('main').getByText(/No heartbeats configured|Last ping/)).toBeVisible();
    await page.screenshot({ path: `${shots}/heartbeats.png`, fullPage: true });
    await nav(page, 'Deployments').click();
    await expect(page.locator('article.deployment')).toHaveCount(2);
    await expect(page.getByRole('heading', { name: 'Down on one deployment only' })).toBeVisible();
    await page.screenshot({ path: `${shots}/deployments.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await nav(page, 'Status').click();
    await expect(page.locator('[data-grid="ready"]')).toBeVisible();
    await page.screenshot({ path: `${shots}/grid-dark.png`, fullPage: true });
  });

  await test.step('an admin creates a read token, sees its secret once, and revokes it', async () => {
    await nav(page, 'Access').click();
    await page.getByLabel('Token name').fill('e2e-read');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.locator('.secret code').innerText()).trim();
    expect(secret.length).toBeGreaterThan(20);
    const asToken = () => request(`${url()}/api/v1/grid`, { headers: { authorization: `Bearer ${secret}` } }).then(async (r) => (await r.body.text(), r.statusCode));
    expect(await asToken()).toBe(200);
    await page.screenshot({ path: `${shots}/access.png`, fullPage: true });
    await page.getByRole('row', { name: /e2e-read/ }).getByRole('button', { name: 'Revoke' }).click();
    await expect(page.getByRole('row', { name: /e2e-read/ })).toContainText('revoked');
    expect(await asToken()).toBe(401);
  });

  await test.step('signing out and in again, from the keyboard', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to Vigil' })).toBeVisible();
    await page.screenshot({ path: `${shots}/login.png` });
    await page.getByLabel('Username').fill(admin.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(admin.password);
    await page.keyboard.press('Enter');
    // Back where the user was when signing out.
    await expect(page.getByRole('heading', { name: 'People and tokens' })).toBeVisible();
  });

  expect(pageErrors).toEqual([]);
});

test('a wrong password is refused with a message, and client routes survive a reload', async ({ page }) => {
  await page.goto(`${url()}/incidents`);
  await page.getByLabel('Username').fill(admin.username);
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
});
