/**
 * The bw2 binary objects the registry holds: entities, DOTs, revocations, signed messages and key files, with their
 * Ed25519 signatures (BouncyCastle) and the b64 forms bw2 prints.
 */
package org.spawnpoint.bosswave.router.internal.objects;
