import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { MigrationError } from './db/migrate.ts';
import { openConfiguredDatabase } from './db/open.ts';
import { startJobWorker } from './jobs/worker.ts';
import { prepareDemo } from './modules/demo/first-start.ts';

/** Starts the product: configuration, database (migrated), optional demo data, HTTP server, graceful shutdown. */
async function start(): Promise<void> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  const app = await buildApp({ config, database });

  // Filled once the server listens; a signal before that has no worker to stop.
  const running: { worker?: { stop: () => Promise<void> } } = {};
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // Stop accepting connections, let requests and the running job finish, then close the database.
    await app.close();
    await running.worker?.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await prepareDemo(database, config, (line) => console.log(line));
  await app.listen({ host: config.host, port: config.port });
  running.worker = await startJobWorker(app, database, config);
  console.log(`\niBOK is running at ${config.publicUrl}\n`);
}

start().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof MigrationError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
