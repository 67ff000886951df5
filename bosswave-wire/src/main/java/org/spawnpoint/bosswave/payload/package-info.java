/**
 * What a frame carries and how Go writes it: payload objects and their numbers ({@link
 * org.spawnpoint.bosswave.payload.PayloadObject}, {@link org.spawnpoint.bosswave.payload.PoNum}), routing objects,
 * msgpack payloads and the metadata tuple ({@link org.spawnpoint.bosswave.payload.Payloads}), and the one home of the
 * Go-compatible text forms ({@link org.spawnpoint.bosswave.payload.GoFormats}: durations, RFC 3339, {@code
 * time.Time.String()}). Kept apart from the codec so that the client API can speak in payloads without showing frames;
 * it depends on nothing of this project.
 */
package org.spawnpoint.bosswave.payload;
