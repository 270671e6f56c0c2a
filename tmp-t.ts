import { buildCurriculum } from './lib/curriculum/build';
import { composeOfflineReply } from './lib/ai/offline/offline-reply';
const ls = await buildCurriculum();
const all = ls.flatMap(l => l.phrases.map(p => ({ hanzi: p.hanzi, pinyin: p.pinyin, pinyinNumbered: p.pinyinNumbered, english: p.english, kind: p.kind })));
for (const m of process.argv.slice(2)) { console.log('=====', m); console.log(composeOfflineReply(m, undefined, all)); }
