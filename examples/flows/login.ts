import type { FlowContext } from '../../src/browser/flow-api';

/**
 * The account login page renders its form and accepts typing. It does not
 * sign in on production: monitoring credentials on a live store are a risk of
 * their own, so the submit step runs only on test deployments.
 */
export async function flow({ page, step }: FlowContext): Promise<void> {
  await step('open account', async () => {
    await page.goto('/');
    await page.getByTestId('account-link').click();
    await page.getByTestId('login-form').waitFor();
  });

  await step('fill credentials', async () => {
    await page.getByTestId('login-email').fill('monitor@example.com');
    await page.getByTestId('login-password').fill('not-a-real-password');
  });

  await step(
    'submit',
    async () => {
      await page.getByTestId('login-submit').click();
      await page.getByTestId('login-result').waitFor();
    },
    { production: false },
  );
}
