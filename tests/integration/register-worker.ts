// A separate process for the concurrency test: opens its own connection to the same SQLite file
// and registers the given people for an event, all released at the same moment.
import { register } from "#app/.server/events/mutations.ts";

const [eventId, ids] = process.argv.slice(2);
const people = (ids ?? "").split(",").filter(Boolean).map(Number);
// Start together: wait for the next whole 50 ms so the four processes overlap.
await new Promise((resolve) => setTimeout(resolve, 50 - (Date.now() % 50)));
await Promise.all(
  people.map(async (userId) => {
    const result = register(Number(eventId), userId, { answers: [] });
    process.stdout.write(`${userId}:${result.ok ? result.status : result.error}\n`);
  }),
);
