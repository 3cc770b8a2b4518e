import type { FlowContext } from '../../src/browser/flow-api';

/** Search from the header box, as a shopper does, and open the first result. */
export async function flow({ page, step }: FlowContext): Promise<void> {
  await step('land on home page', async () => {
    await page.goto('/');
  });

  await step('search for wool', async () => {
    const box = page.getByTestId('search-input');
    await box.fill('wool');
    await box.press('Enter');
    await page.getByTestId('search-count').waitFor();
  });

  await step('open first result', async () => {
    const first = page.locator('[data-testid=search-results] [data-testid=product-card] a').first();
    const title = (await first.locator('[data-testid=product-card-title]').innerText()).trim();
    await first.click();
    const heading = (await page.getByTestId('product-title').innerText()).trim();
    if (heading !== title) throw new Error(`opened "${heading}", expected "${title}"`);
  });
}
