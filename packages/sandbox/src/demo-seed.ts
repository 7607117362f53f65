import { conciergeAuthorID } from "./concierge-agent.ts";
import type { ConversationStore } from "./conversation-store.ts";
import type { Random } from "./random.ts";

/** The `externalUserID` of the seeded demo member. */
export const demoMemberID = "demo-member";

/** How many messages the demo's long conversation holds: three pages at the default limit of 50. */
const demoHistoryLength = 130;

const memberLines = [
  "Could you book a table for two tonight?",
  "Is there anything earlier than 8pm?",
  "Perfect, thank you!",
  "Can you also arrange a taxi back to the hotel?",
  "What's the dress code there?",
  "Please add a note that it's an anniversary.",
];

const conciergeLines = [
  "Of course, let me check availability.",
  "I have 7:15pm or 9:30pm. Which would you prefer?",
  "Done! You'll get a confirmation shortly.",
  "Smart casual. Jackets are welcome but not required.",
  "Your taxi is booked for 10:45pm from the restaurant.",
  "I've added the note, and they'll have a small surprise ready.",
];

const minute = 60_000;

/**
 * Seeds the demo member: a long conversation (several pages, the most recently
 * active), a booking thread that opens with a text-less system message, an
 * untitled notification feed, and an empty conversation. Returns the id of the
 * long conversation, the one the CLI prints.
 */
export function seedDemo(store: ConversationStore, random: Random, now = Date.now()): string {
  store.create(demoMemberID, "support", "New request");

  const notifications = store.create(demoMemberID, "notifications", null);
  const feed = ["Welcome to Expys! Your concierge is ready.", "Your profile is complete.", "New: book spa treatments."];
  feed.forEach((body, index) => {
    const createdAt = new Date(now - (feed.length - index) * 24 * 60 * minute);
    store.post(notifications.id, { authorID: conciergeAuthorID, body, createdAt });
  });

  const booking = store.create(demoMemberID, "booking", "Dinner for two on Friday");
  const bookingStart = now - 6 * 60 * minute;
  store.post(booking.id, { authorID: conciergeAuthorID, type: "system", body: null, createdAt: new Date(bookingStart) });
  for (let index = 0; index < 5; index += 1) {
    const fromMember = index % 2 === 0;
    store.post(booking.id, {
      authorID: fromMember ? demoMemberID : conciergeAuthorID,
      body: random.pick(fromMember ? memberLines : conciergeLines),
      createdAt: new Date(bookingStart + (index + 1) * 7 * minute),
    });
  }

  const history = store.create(demoMemberID, "support", "Your concierge");
  for (let index = 0; index < demoHistoryLength; index += 1) {
    const fromMember = index % 2 === 0;
    store.post(history.id, {
      authorID: fromMember ? demoMemberID : conciergeAuthorID,
      body: random.pick(fromMember ? memberLines : conciergeLines),
      createdAt: new Date(now - (demoHistoryLength - index) * 3 * minute),
    });
  }

  return history.id;
}
