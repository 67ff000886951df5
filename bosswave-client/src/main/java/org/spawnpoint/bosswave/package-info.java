/**
 * The BOSSWAVE client API: {@link org.spawnpoint.bosswave.Bosswave#connect()} gives a {@link
 * org.spawnpoint.bosswave.BosswaveClient} (publish, subscribe, query, list, entities, DOTs, metadata, services), set up
 * with {@link org.spawnpoint.bosswave.ClientOptions} and the parameter classes. Payloads come from {@code
 * org.spawnpoint.bosswave.payload} (bosswave-wire); frames stay out of this API. The implementation lives in {@code
 * .internal}, found through {@link org.spawnpoint.bosswave.BosswaveConnector} so that this package does not depend on it.
 */
package org.spawnpoint.bosswave;
