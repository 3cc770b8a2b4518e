import { chromiumPath, hasChromium } from '../../playwright.config';
import { launchDemo } from './support/launch';

/** Starts one demo (store + Vigil on free ports, temp data) for the whole run; the returned function stops it. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!hasChromium) {
    console.warn(`e2e tests skipped: no Chromium at ${chromiumPath} (apt-get install chromium, or set VIGIL_CHROMIUM_PATH)`);
    return async () => {};
  }
  const demo = await launchDemo({ timeoutMs: 120_000 });
  process.env.VIGIL_E2E_URL = demo.url;
  process.env.VIGIL_E2E_PRIMARY_URL = demo.primaryUrl;
  process.env.VIGIL_E2E_BACKUP_URL = demo.backupUrl;
  return () => demo.stop();
}
