import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Stops the cluster the global setup started (a server named by CRM_TEST_DATABASE_URL is left alone). */
export default function teardown(): void {
  const dir = process.env.CRM_TEST_CLUSTER_DIR;
  if (dir) execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'postgres-cluster.mjs'), 'stop', dir], { stdio: 'inherit' });
}
