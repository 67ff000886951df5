package org.spawnpoint.spawnd.backend;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The container engine as spawnd sees it: what the Go spawnd did through go-dockerclient, behind one small interface
 * so that the service lifecycle can be tested with an in-memory implementation.
 *
 * <p>Every container, image, volume and network an implementation creates carries {@link Labels#owned} labels, and
 * it acts on nothing else: {@link #listOwned()} and {@link #monitorEvents} only see this daemon's containers.
 * All methods are safe to call from several threads.
 */
public interface ServiceBackend extends AutoCloseable {

    /**
     * Makes sure the image a service runs exists and returns its name. When {@code spec} needs no build
     * ({@link ImageSpec#needsBuild()}), that is the base image, pulled only if it is not present. Otherwise the
     * image {@code spawnpoint_image_<token>_<svc>} is built from {@link ImageSpec#dockerfile()} and an in-memory build
     * context, replacing the previous one, and the build's output is handed to {@code buildOutput} line by line.
     *
     * @throws ImageBuildException if the base image cannot be had or the build fails (with its last output lines)
     */
    String prepareImage(String serviceName, ImageSpec spec, Consumer<String> buildOutput);

    /**
     * Creates the container {@code spawnpoint_<token>_<svc>} from {@code spec}, puts {@link ContainerSpec#files()} into
     * it (copied in, or the entity as a read-only bind mount where the engine shares spawnd's file system), and starts
     * it. A container of that name owned by this daemon is stopped and removed first; one that is not
     * is left alone and the call fails.
     *
     * @return the new container's id
     * @throws ContainerStartException if it cannot be created or started (the container is removed; the exception
     *                                 says why, with exit code, OOM flag and last output when it ran at all)
     */
    String createAndStart(ContainerSpec spec);

    /**
     * Removes the image built for a service that is gone for good, so that images do not pile up. Only an image
     * this daemon built is removed, and only when no container uses it any more.
     *
     * @return true if an image was removed; false if there was none, it is still in use, or this backend builds none
     */
    default boolean removeServiceImage(String serviceName) {
        return false;
    }

    /** Stops a container, killing it after {@code timeout}; a container already stopped or gone is fine. */
    void stop(String containerId, Duration timeout);

    /**
     * Starts a stopped container again, or restarts a running one (stopping it with {@code timeout}), keeping its
     * file system: the copied files stay in place.
     *
     * @throws ContainerStartException if it does not start
     */
    void restart(String containerId, Duration timeout);

    /** Removes a container (killing it if it runs) with its anonymous volumes; named volumes stay. Gone is fine. */
    void remove(String containerId);

    /** This daemon's containers, running or not. */
    List<OwnedContainer> listOwned();

    /** How a container is doing now, or empty if it does not exist; {@code lastLines} of output are included. */
    Optional<ContainerExit> inspect(String containerId, int lastLines);

    /**
     * Follows a container's output from {@code since} (exclusive; {@code null} for all of it), one line per call of
     * {@code lines}, on a thread of the implementation, until the container stops or the handle is closed.
     * {@code onEnd} runs once when the stream ends for any reason other than {@code close()}.
     */
    AutoCloseable followLogs(String containerId, Instant since, Consumer<LogLine> lines, Runnable onEnd);

    /**
     * Watches this daemon's containers for {@link BackendEvent.Type#START}, {@link BackendEvent.Type#DIE} and
     * {@link BackendEvent.Type#OOM} events, from now on, until the handle is closed. If the engine's event stream
     * breaks, it is opened again (with back-off) from the last event seen and a
     * {@link BackendEvent.Type#MONITOR_RESUMED} event is delivered.
     */
    AutoCloseable monitorEvents(Consumer<BackendEvent> events);

    /**
     * Runs one health check against a running container and returns within about {@code check}'s timeout: an exec
     * check runs its command in the container, an HTTP or TCP check connects to the container's own address (its
     * IP on its network; 127.0.0.1 for host networking). Never throws for a failed check: the result says why.
     */
    ProbeResult probe(String containerId, org.spawnpoint.spawnclient.model.HealthCheck check);

    /** One resource sample of a running container. */
    ResourceStats stats(String containerId);

    /** Releases the connection to the engine; containers keep running. */
    @Override
    void close();

    /**
     * Whether a service container could open a TCP connection to {@code host:port} (tried from {@code image});
     * empty when it could, else why not. Backends that cannot tell answer empty.
     */
    default java.util.Optional<String> reachableFromContainers(String image, String host, int port) {
        return java.util.Optional.empty();
    }
}
