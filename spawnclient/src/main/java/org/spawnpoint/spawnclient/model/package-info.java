/**
 * What Spawnpoint puts on the wire, shared by spawnclient and spawnd: the service config
 * ({@link org.spawnpoint.spawnclient.model.ServiceConfig}, YAML PO 67.0.2.0) and its included files (a base64 tar,
 * {@link org.spawnpoint.spawnclient.model.IncludedFiles}), the heartbeats and log messages with their msgpack keys
 * (spawnpoint-0.2.md §2), sealed entities, the URI scheme ({@link org.spawnpoint.spawnclient.model.SpawnUris}) and
 * the limits a spawnpoint enforces. Each payload has one encoder and one decoder, here.
 */
package org.spawnpoint.spawnclient.model;
