// Masks secret-looking environment values. A report copies the whole environment of the process, so
// API tokens and database passwords end up on screen, in screenshots and in pasted CLI output unless
// they are hidden by default. Masking happens when the report is parsed, so no front end can forget.

import type { EnvironmentVariable, ReportParseOptions } from './reportModel';

export const MASK = '•••••• (masked)';

const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|KEY|CREDENTIAL|AUTH|PRIVATE/i;
/** "scheme://user:password@host": connection strings carry passwords under innocent names (DATABASE_URL). */
const URL_PASSWORD = /^([a-z][\w+.-]*:\/\/[^/:@\s]*:)([^@\s]+)(@)/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The environment as shown: sorted by name, secret values masked unless options.revealSecrets. */
export function maskEnvironment(variables: Record<string, string>, options: ReportParseOptions): EnvironmentVariable[] {
  return Object.entries(variables)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (options.revealSecrets ? { name, value, masked: false } : masked(name, value)));
}

function masked(name: string, value: string): EnvironmentVariable {
  // An empty value hides nothing; showing it as empty tells the user the variable was unset.
  if (isSecretName(name) && value !== '') return { name, value: MASK, masked: true };
  if (URL_PASSWORD.test(value)) return { name, value: value.replace(URL_PASSWORD, '$1••••••$3'), masked: true };
  return { name, value, masked: false };
}
