// `npm run db:seed`: loads the HSK 1-2 curriculum into DATABASE_URL. Offline and idempotent.
import { publishCatalogueChange } from '@/lib/catalogue/publish';
import { config } from '@/lib/config';
import { createPrismaClient } from '@/lib/db/client';
import { seedChangedContent, seedDatabase } from '@/lib/db/seed';

const settings = config();
const url = settings.DATABASE_URL;
if (!url) {
  console.error(
    'DATABASE_URL: expected a postgresql:// URL to seed (npm run dev seeds the embedded database itself)',
  );
  process.exit(1);
}
const prisma = createPrismaClient(url);
try {
  const result = await seedDatabase(prisma);
  console.log(
    `Seeded: lessons ${result.lessonsCreated} created, ${result.lessonsUpdated} updated; ` +
      `phrases ${result.phrasesCreated} created, ${result.phrasesUpdated} updated, ${result.phrasesDeleted} deleted`,
  );
  if (seedChangedContent(result)) await publishCatalogueChange(settings);
} finally {
  await prisma.$disconnect();
}
