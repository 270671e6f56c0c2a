import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createPrismaClient } from '@/lib/db/client';
import { EmbeddedPortInUseError, startEmbeddedDatabase } from '@/lib/db/embedded';
import { migrateDatabase } from '@/lib/db/migrate';
import { seedDatabase } from '@/lib/db/seed';

describe('embedded database (PGlite on loopback)', () => {
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tingshuo-pglite-'));
  });

  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  test('is migrated, seeded and queried through Prisma, and keeps its data across restarts', async () => {
    const first = await startEmbeddedDatabase({ dataDir, port: 0 });
    let learnerId: string;
    try {
      assert.equal((await migrateDatabase(first.url)).length > 0, true);
      const prisma = createPrismaClient(first.url);
      try {
        const seeded = await seedDatabase(prisma);
        assert.equal(seeded.lessonsCreated, 26);
        learnerId = (await prisma.learner.create({ data: { dailyGoal: 15 } })).id;
      } finally {
        await prisma.$disconnect();
      }
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedDatabase({ dataDir, port: 0 });
    try {
      assert.deepEqual(await migrateDatabase(second.url), [], 'already migrated');
      const prisma = createPrismaClient(second.url);
      try {
        assert.equal(await prisma.lesson.count(), 26);
        const learner = await prisma.learner.findUniqueOrThrow({ where: { id: learnerId } });
        assert.equal(learner.dailyGoal, 15);
      } finally {
        await prisma.$disconnect();
      }
    } finally {
      await second.stop();
    }
  });

  test('answers concurrent queries from several clients and transactions correctly', async () => {
    const database = await startEmbeddedDatabase({ port: 0 });
    const clients = [createPrismaClient(database.url), createPrismaClient(database.url)];
    try {
      await migrateDatabase(database.url);
      const [a, b] = clients as [(typeof clients)[number], (typeof clients)[number]];
      const learners = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          (index % 2 ? a : b).learner.create({ data: { dailyGoal: index + 1 } }),
        ),
      );
      const lookups = await Promise.all(
        learners.map((learner, index) =>
          (index % 2 ? b : a).learner.findUniqueOrThrow({ where: { id: learner.id } }),
        ),
      );
      assert.deepEqual(
        lookups.map((learner) => learner.dailyGoal),
        learners.map((learner) => learner.dailyGoal),
      );
      await assert.rejects(
        a.$transaction(async (tx) => {
          await tx.learner.updateMany({ data: { dailyGoal: 99 } });
          throw new Error('roll back');
        }),
        /roll back/,
      );
      assert.equal(await b.learner.count({ where: { dailyGoal: 99 } }), 0);
    } finally {
      await Promise.all(clients.map((client) => client.$disconnect()));
      await database.stop();
    }
  });

  test('refuses a port that is already taken, naming EMBEDDED_DB_PORT', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await assert.rejects(
        startEmbeddedDatabase({ dataDir: join(dataDir, 'unused'), port }),
        (error: Error) =>
          error instanceof EmbeddedPortInUseError && /EMBEDDED_DB_PORT/.test(error.message),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
