// Secret-looking environment values of a real report are masked unless the user asked to see them.

import * as assert from 'assert';
import { parseReport } from '../../../src/engine/report/parseReport';
import type { DiagnosticReport, EnvironmentVariable } from '../../../src/engine/report/reportModel';
import { reportScopes } from '../../../src/engine/report/reportScopes';
import { isSecretName, MASK, maskEnvironment } from '../../../src/engine/report/secrets';
import { withFile } from '../../../src/sources/local/fileByteSource';
import { crashNodeSource } from '../../support/crashNode';

const ENV = {
  SALVAGE_TEST_API_TOKEN: 'tok-123',
  DB_PASSWORD: 'pw',
  SALVAGE_TEST_DATABASE_URL: 'postgres://app:s3cr3t-pw@db:5432/app',
  PLAIN_VALUE: 'visible',
};

function variable(report: DiagnosticReport, name: string): EnvironmentVariable {
  const found = report.environment.find((v) => v.name === name);
  assert.ok(found, `no ${name} in the environment`);
  return found;
}

suite('report secrets: environment masking on a real report', () => {
  let reportPath: string;

  suiteSetup(() => {
    const crash = crashNodeSource("throw new Error('with secrets');\n", { env: ENV });
    assert.ok(crash.reportPath, crash.stderr);
    reportPath = crash.reportPath;
  });

  test('masked by default: no raw secret anywhere in the parsed environment', async () => {
    const report = await withFile(reportPath, (s) => parseReport(s, {}));
    const json = JSON.stringify(report.environment);
    assert.ok(!json.includes('tok-123'), 'token leaked');
    assert.ok(!json.includes('"pw"'), 'password leaked');
    assert.ok(!json.includes('s3cr3t-pw'), 'URL password leaked');
    assert.deepStrictEqual(variable(report, 'SALVAGE_TEST_API_TOKEN'), { name: 'SALVAGE_TEST_API_TOKEN', value: MASK, masked: true });
    assert.deepStrictEqual(variable(report, 'DB_PASSWORD'), { name: 'DB_PASSWORD', value: MASK, masked: true });
    assert.deepStrictEqual(variable(report, 'PLAIN_VALUE'), { name: 'PLAIN_VALUE', value: 'visible', masked: false });
    const url = variable(report, 'SALVAGE_TEST_DATABASE_URL');
    assert.strictEqual(url.value, 'postgres://app:••••••@db:5432/app');
    assert.strictEqual(url.masked, true);
  });

  test('the Environment scope shows the mask, never the value', async () => {
    const report = await withFile(reportPath, (s) => parseReport(s, {}));
    const scope = reportScopes(report).find((s) => s.name === 'Environment');
    assert.ok(scope);
    assert.strictEqual(scope.expensive, true);
    const variables = await scope.variables();
    assert.ok(!JSON.stringify(variables).includes('tok-123'));
    const token = variables.find((v) => v.name === 'SALVAGE_TEST_API_TOKEN');
    assert.strictEqual(token?.value, MASK);
    assert.strictEqual(variables.find((v) => v.name === 'PLAIN_VALUE')?.value, '"visible"');
  });

  test('revealSecrets shows every value as recorded', async () => {
    const report = await withFile(reportPath, (s) => parseReport(s, { revealSecrets: true }));
    assert.deepStrictEqual(variable(report, 'SALVAGE_TEST_API_TOKEN'), { name: 'SALVAGE_TEST_API_TOKEN', value: 'tok-123', masked: false });
    assert.strictEqual(variable(report, 'DB_PASSWORD').value, 'pw');
    assert.strictEqual(variable(report, 'SALVAGE_TEST_DATABASE_URL').value, ENV.SALVAGE_TEST_DATABASE_URL);
    assert.ok(report.environment.every((v) => !v.masked));
  });

  test('sorted by name, every recorded variable present', async () => {
    const report = await withFile(reportPath, (s) => parseReport(s, { revealSecrets: true }));
    const names = report.environment.map((v) => v.name);
    assert.deepStrictEqual(names, [...names].sort());
    for (const [name, value] of Object.entries(ENV)) assert.strictEqual(variable(report, name).value, value);
  });
});

suite('report secrets: names', () => {
  test('secret-looking names', () => {
    for (const name of ['GITHUB_TOKEN', 'aws_secret_access_key', 'PGPASSWORD', 'API_KEY', 'NPM_AUTH', 'GOOGLE_APPLICATION_CREDENTIALS', 'MYSQL_PASSWD']) {
      assert.ok(isSecretName(name), name);
    }
    for (const name of ['PATH', 'HOME', 'NODE_ENV', 'PWD', 'LANG']) assert.ok(!isSecretName(name), name);
  });

  test('empty secret values stay visible as empty', () => {
    assert.deepStrictEqual(maskEnvironment({ API_TOKEN: '' }, {}), [{ name: 'API_TOKEN', value: '', masked: false }]);
  });
});
