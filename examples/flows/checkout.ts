import type { CleanupContext, FlowContext } from '../../src/browser/flow-api';

/**
 * The demo store's money path, as a shopper walks it: land, browse a
 * collection, open a product, add it to the cart, change the quantity, reach
 * the checkout page. Six named steps, each timed; the order itself is never
 * placed (the last step only checks that the form is there).
 *
 * Selectors are the store's `data-testid`s, so a redesign does not break the flow.
 */
export async function flow({ page, step }: FlowContext): Promise<void> {
  await step('land on home page', async () => {
    await page.goto('/');
    await page.getByTestId('featured-collections').waitFor();
  });

  await step('open collection', async () => {
    await page.locator('[data-testid=collection-card] a').first().click();
    await page.getByTestId('collection-title').waitFor();
  });

  await step('open product', async () => {
    // The first product that is not sold out: a disabled button is the store's truth, not a failure.
    await page.locator('[data-testid=product-card] a').first().click();
    await page.locator('[data-testid=add-to-cart]:not([disabled])').waitFor();
    // The store's script (deferred) handles the button; clicking before it ran would take the no-JavaScript path.
    await page.waitForLoadState('domcontentloaded');
  });

  await step('add to cart', async () => {
    await page.getByTestId('add-to-cart').click();
    // A shopper gives up after a few seconds without feedback; so do we.
    await page.getByTestId('cart-confirmation').waitFor({ state: 'visible', timeout: 5_000 });
    await waitForText(page, '[data-testid=cart-count]', '1');
  });

  await step('change quantity', async () => {
    await page.getByTestId('cart-link').click();
    await page.waitForLoadState('domcontentloaded');
    const subtotal = await page.getByTestId('subtotal').innerText();
    const quantity = page.getByTestId('quantity').first();
    await quantity.fill('2');
    // The store saves the quantity on `change`, which a real input fires when it loses focus.
    await quantity.press('Tab');
    await waitForText(page, '[data-testid=cart-count]', '2');
    if ((await page.getByTestId('subtotal').innerText()) === subtotal) throw new Error(`subtotal stayed ${subtotal} after changing the quantity to 2`);
  });

  await step('reach checkout', async () => {
    await page.getByTestId('checkout').click();
    await page.getByTestId('checkout-form').waitFor();
    await waitForText(page, '[data-testid=checkout-summary]', '2 items', 'contains');
  });

  await step(
    'place order',
    async () => {
      await page.getByTestId('place-order').click();
    },
    // Must never run against the live store: the check lists the deployments where it may (testDeployments).
    { production: false },
  );
}

/** Empties this run's cart, so a real store does not keep reserved stock for a robot. */
export async function cleanup({ request }: CleanupContext): Promise<void> {
  const response = await request.get('/api/cart');
  const cart = (await response.json()) as { items: { slug: string }[] };
  for (const item of cart.items) {
    const removed = await request.delete('/api/cart', { data: { slug: item.slug } });
    if (!removed.ok()) throw new Error(`could not remove ${item.slug} from the cart: ${removed.status()}`);
  }
}

async function waitForText(page: FlowContext['page'], selector: string, expected: string, how: 'equals' | 'contains' = 'equals'): Promise<void> {
  await page.waitForFunction(
    ([sel, want, mode]) => {
      const text = document.querySelector(sel!)?.textContent?.trim() ?? '';
      return mode === 'equals' ? text === want : text.includes(want!);
    },
    [selector, expected, how] as const,
  );
}
