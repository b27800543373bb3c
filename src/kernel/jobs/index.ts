import PgBoss from 'pg-boss';

/** pg-boss keeps its tables in this schema of the platform's own database. */
export const jobsSchema = 'pgboss';

/** Schedules are read in the platform's time zone (a "03:00" job runs at 03:00 in Italy, DST included). */
export const jobsTimeZone = 'Europe/Rome';

/** What Jobs logs through: a pino or Fastify logger fits. */
export interface JobsLogger {
  info(msg: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobOptions {
  /** A run still active after this long is failed by pg-boss and the next one may start (default 300). */
  expireInSeconds?: number;
}

interface Registration {
  cron: string;
  handler: () => Promise<void>;
  options: JobOptions;
}

/**
 * Recurring background jobs over pg-boss 10, in the same PostgreSQL database as the data.
 *
 * Every server may run one: pg-boss sends each scheduled run once whatever the number of servers,
 * and each queue has the `stately` policy, so at most one run of a job is waiting and one is active
 * at any time across all servers (a slow run is never joined by a pile of late ones). A run that
 * throws is logged and failed, not retried: the next scheduled run tries again.
 */
export class Jobs {
  private readonly boss: PgBoss;
  private readonly registered = new Map<string, Registration>();
  private started = false;

  constructor(
    connectionString: string,
    private readonly log: JobsLogger,
    options: { max?: number; pollingIntervalSeconds?: number } = {},
  ) {
    this.boss = new PgBoss({
      connectionString,
      schema: jobsSchema,
      application_name: 'cittadelnoi-jobs',
      max: options.max ?? 4,
      ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
    });
    // Without a listener an 'error' event (e.g. a lost connection) would crash the process.
    this.boss.on('error', (error) => this.log.error({ err: error }, 'jobs: pg-boss error'));
  }

  /** Creates or migrates the `pgboss` schema (under pg-boss's own lock), then installs the jobs registered so far. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
    // A snapshot: a job registered while these install is installed by every() itself.
    for (const [name, registration] of [...this.registered]) await this.install(name, registration);
    this.log.info(`jobs: started (${[...this.registered.keys()].join(', ') || 'none registered'})`);
  }

  /** Stops polling, waits (up to 10 s) for the runs under way, and closes pg-boss's connections. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  /**
   * Runs `handler` on `cron` (five fields, Europe/Rome time), e.g. `* * * * *` every minute.
   * May be called before or after start(); the job is installed once the pg-boss schema is there.
   */
  async every(
    name: string,
    cron: string,
    handler: () => Promise<void>,
    options: JobOptions = {},
  ): Promise<void> {
    if (!/^[\w-]+$/.test(name)) throw new Error(`Job name "${name}": use letters, digits, _ and - only`);
    if (this.registered.has(name)) throw new Error(`Job ${name} is registered twice`);
    const registration = { cron, handler, options };
    this.registered.set(name, registration);
    if (this.started) await this.install(name, registration);
  }

  /** Queues one run of a registered job now; null when a run is already waiting (it will do). */
  async runNow(name: string): Promise<string | null> {
    if (!this.started) throw new Error('Jobs are not started');
    if (!this.registered.has(name)) throw new Error(`No job named ${name}`);
    return this.boss.send(name, {});
  }

  private async install(name: string, { cron, handler, options }: Registration): Promise<void> {
    // v10: a queue must exist before send, work or schedule. Creating an existing one is a no-op.
    await this.boss.createQueue(name, {
      name,
      policy: 'stately',
      retryLimit: 0,
      expireInSeconds: options.expireInSeconds ?? 300,
    });
    await this.boss.schedule(name, cron, {}, { tz: jobsTimeZone });
    // v10 hands the handler an array of jobs (one with the default batch size); they carry no data.
    await this.boss.work(name, async (batch) => {
      if (batch.length === 0) return;
      try {
        await handler();
      } catch (error) {
        this.log.error({ err: error, job: name }, `jobs: ${name} failed`);
        throw error;
      }
    });
  }
}
