import { test as setup } from "@playwright/test";
import { demoRoles, sessionFile, signInThroughForm } from "./fixtures";

// Signs in once per role through the real form and saves the session; tests reuse it (fixtures.ts).
for (const role of demoRoles) {
  setup(`sign in as ${role}`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughForm(page, role);
    await context.storageState({ path: sessionFile(role) });
    await context.close();
  });
}
