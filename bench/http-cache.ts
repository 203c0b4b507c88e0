/**
 * `npm run bench:cache`: a conversation page under autocannon with the data cache on and
 * off (CAIRO_CACHE=off): requests per second, p50/p99 latency, and their ratio. Needs a
 * prior `next build`.
 */
import { httpCacheBenchmark } from "./figures/http";
import { printSummary } from "./support/report";

httpCacheBenchmark()
  .then(printSummary)
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
