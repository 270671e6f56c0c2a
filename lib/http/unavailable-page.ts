import {
  DATABASE_RETRY_AFTER_SECONDS as RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
} from './database-outage-message';

/**
 * The page a learner sees while the database is unreachable: a real 503 (so monitors, crawlers
 * and proxies know it is temporary) that reloads itself, with no script and no external asset. Returned as parts so the proxy can wrap them in its
 * own response type.
 */
export function unavailablePage(): { body: string; init: ResponseInit } {
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}">
<title>Temporarily unavailable · Tingshuo 听说</title>
</head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
<h1>Temporarily unavailable</h1>
<p>${DATABASE_UNAVAILABLE_MESSAGE}</p>
<p>This page reloads by itself every ${RETRY_AFTER_SECONDS} seconds.</p>
</body>
</html>
`;
  return {
    body: html,
    init: {
      status: 503,
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Retry-After': String(RETRY_AFTER_SECONDS),
      },
    },
  };
}
