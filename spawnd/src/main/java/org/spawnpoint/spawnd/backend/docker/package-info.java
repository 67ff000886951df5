/**
 * The Docker implementation of {@link org.spawnpoint.spawnd.backend.ServiceBackend}:
 * {@link org.spawnpoint.spawnd.backend.docker.DockerBackend}, on docker-java. For a {@code unix://} engine its calls
 * go over the JDK's Unix-domain channels ({@code UnixSocketHttpClient}), and every followed container's output is
 * read on one selector thread ({@code LogStreams}); both use the one push parser {@code HttpResponseParser}, kept
 * because docker-java would hold a thread and a connection per followed container (figures in spawnd/README.md).
 * Image build contexts and file copies are tars made in memory with commons-compress.
 */
package org.spawnpoint.spawnd.backend.docker;
