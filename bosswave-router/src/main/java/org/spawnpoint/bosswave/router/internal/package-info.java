/**
 * The router implementation (not API): acceptors, one session per connection (reader, bounded output, write loop),
 * the subscription table, permission checks against the local registry, retained messages, registry commands over
 * OOB. Reads its settings as {@link org.spawnpoint.bosswave.router.internal.CoreSettings}, never the package above.
 */
package org.spawnpoint.bosswave.router.internal;
