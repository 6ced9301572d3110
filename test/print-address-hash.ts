// A process that needs the installation's secret (as the CLI does for a suppression): prints the
// HMAC of one address, for lib/env.test.ts.
import { addressHash } from "../lib/consent/installation-secret";
import { isAppError } from "../lib/errors";

try {
  console.log(addressHash("ann@example.com"));
} catch (e) {
  console.error(isAppError(e) ? e.message : e);
  process.exit(1);
}
