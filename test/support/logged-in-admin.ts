import { adminFixture, logIn, type AdminFixture, type Session } from '../admin/fixtures';
import { createTestDatabase, type TestDatabase } from './database';

export interface LoggedInAdmin {
  database: TestDatabase;
  admin: AdminFixture;
  session: Session;
  stop(): Promise<void>;
}

/**
 * The admin area on a fresh database, on `redisUrl` (the shared Redis by default), with one
 * session already logged in: the setup the admin API suites share.
 */
export async function startLoggedInAdmin(redisUrl?: string): Promise<LoggedInAdmin> {
  const database = await createTestDatabase();
  const admin = adminFixture({ database, redisUrl });
  const stop = async () => {
    await admin.close();
    await database.drop();
  };
  try {
    return { database, admin, session: await logIn(admin), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
