import { expect, test } from '@playwright/test';

/**
 * The checkout journey as an ordinary Playwright test: `npx playwright test`
 * runs it as is, and Vigil runs it on its schedule (`script: ./flows/checkout.spec.ts`)
 * against every deployment, each `test.step` stored as a timed step.
 */
test('a shopper reaches checkout with two of a product in the cart', async ({ page, baseURL }) => {
  await test.step('land on home page', async () => {
    await page.goto(baseURL ?? '/');
    await expect(page.getByRole('heading', { name: 'Featured collections' })).toBeVisible();
  });

  await test.step('open collection', async () => {
    await page.getByTestId('collection-card').getByRole('link').first().click();
    await expect(page.getByTestId('collection-title')).toBeVisible();
    await expect(page).toHaveURL(/\/collections\//);
  });

  await test.step('open product', async () => {
    await page.getByTestId('product-card').getByRole('link').first().click();
    await expect(page.getByTestId('add-to-cart')).toBeEnabled();
    // The store's script (deferred) handles the button; clicking before it ran would take the no-JavaScript path.
    await page.waitForLoadState('domcontentloaded');
  });

  await test.step('add to cart', async () => {
    await page.getByRole('button', { name: 'Add to cart', exact: true }).click();
    // A shopper gives up after a few seconds without feedback; so do we.
    await expect(page.getByTestId('cart-confirmation')).toBeVisible({ timeout: 5_000 });
    await expect(page.getByTestId('cart-count')).toHaveText('1');
  });

  await test.step('change quantity', async () => {
    await page.getByTestId('cart-link').click();
    await page.waitForLoadState('domcontentloaded');
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    const subtotal = await page.getByTestId('subtotal').innerText();
    const quantity = page.getByTestId('quantity').first();
    await quantity.fill('2');
    // The store saves the quantity on `change`, which a real input fires when it loses focus.
    await quantity.press('Tab');
    await expect(page.getByTestId('cart-count')).toHaveText('2');
    await expect(page.getByTestId('subtotal')).not.toHaveText(subtotal);
  });

  await test.step('reach checkout', async () => {
    await page.getByRole('link', { name: 'Checkout', exact: true }).click();
    await expect(page).toHaveURL(/\/checkout$/);
    await expect(page.getByTestId('checkout-summary')).toContainText('2 items');
  });

  await expect(page.getByTestId('checkout-form')).toBeVisible();
});
