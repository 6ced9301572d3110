// Run by `npm start` first: reads the installation's secret from .env.local, or writes a generated
// one there (atomically, mode 0600) exactly as any other Tailor process would on first need.
import { checkSecretsAtStart } from "../lib/check-secrets-at-start";

checkSecretsAtStart();
