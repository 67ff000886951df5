package org.spawnpoint.spawnd.backend.docker;

import org.spawnpoint.bosswave.payload.GoFormats;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.spawnpoint.spawnclient.model.HealthCheck;
import org.spawnpoint.spawnd.backend.ProbeResult;

/**
 * Health checks against service containers (issue 16), run by spawnd itself rather than by Docker's HEALTHCHECK, which
 * never restarts an unhealthy container outside swarm.
 *
 * <ul>
 *   <li>exec: Docker exec of the command in the container; exit code 0 is healthy. The first 1 KiB of its output is
 *   kept for the failure text. The Docker API cannot kill an exec'd process, so a check that times out is left to end
 *   by itself, and while it runs no new one is started for that container (each such tick counts as a failure): at
 *   most one stray process per container. Bound slow commands with {@code timeout(1)} in the command.</li>
 *   <li>http and tcp: spawnd connects from the host to the container's own address: its IP on its network (the
 *   default bridge, or the service's {@code overlayNet}, which spawnd creates with the bridge driver, so the host
 *   reaches it), or 127.0.0.1 with host networking. The URL's host must be localhost (checked in the config), so a
 *   config cannot make spawnd send requests elsewhere. HTTP: a GET without redirects; 2xx and 3xx are healthy; only
 *   the status line and headers are waited for (the body is not read).</li>
 * </ul>
 * Everything is bounded by the check's timeout (the container's inspect included).
 */
final class HealthProbes implements AutoCloseable {
    private static final int MAX_OUTPUT = 1024;
    /** Stray exec checks remembered; beyond this, the oldest knowledge is dropped (a bound, not a limit in use). */
    private static final int MAX_SLOW_EXECS = 1000;

    private final DockerClient docker;
    private final Map<String, String> slowExecs = new ConcurrentHashMap<>();
    private volatile HttpClient http;
    private ExecutorService httpThreads;

    HealthProbes(DockerClient docker) {
        this.docker = docker;
    }

    ProbeResult probe(String containerId, HealthCheck check) {
        long deadline = System.nanoTime() + check.timeoutDuration().toNanos();
        try {
            return switch (check.kind()) {
                case EXEC -> exec(containerId, check, deadline);
                case HTTP -> http(containerId, check, deadline);
                case TCP -> tcp(containerId, check, deadline);
            };
        } catch (NotFoundException e) {
            return ProbeResult.failed("container not found");
        } catch (RuntimeException e) {
            return ProbeResult.failed("check could not run: " + e.getMessage());
        }
    }

    private static String timedOut(HealthCheck check) {
        return "timed out after " + org.spawnpoint.bosswave.payload.GoFormats.duration(check.timeoutDuration());
    }

    // ---- exec ---------------------------------------------------------------------------------------------------

    private ProbeResult exec(String containerId, HealthCheck check, long deadline) {
        String previous = slowExecs.get(containerId);
        if (previous != null) {
            if (stillRunning(previous)) {
                return ProbeResult.failed("the previous check is still running (a timed-out exec cannot be killed;"
                        + " bound the command with timeout)");
            }
            slowExecs.remove(containerId);
        }
        String execId = docker.execCreateCmd(containerId).withCmd(check.exec().toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        StringBuilder out = new StringBuilder();
        ResultCallback.Adapter<Frame> cb = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame f) {
                synchronized (out) {
                    if (out.length() < MAX_OUTPUT && f.getPayload() != null) {
                        out.append(new String(f.getPayload(), StandardCharsets.UTF_8));
                    }
                }
            }
        };
        boolean done;
        try (ResultCallback.Adapter<Frame> running = docker.execStartCmd(execId).exec(cb)) {
            done = running.awaitCompletion(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.failed("check interrupted");
        } catch (IOException e) {
            done = true; // closing the stream failed after it ended: the exit code below decides
        }
        InspectExecResponse r = docker.inspectExecCmd(execId).exec();
        if (!done || Boolean.TRUE.equals(r.isRunning())) {
            if (slowExecs.size() >= MAX_SLOW_EXECS) {
                slowExecs.clear();
            }
            slowExecs.put(containerId, execId);
            return ProbeResult.failed(timedOut(check));
        }
        Long code = r.getExitCodeLong();
        String text;
        synchronized (out) {
            text = out.length() > MAX_OUTPUT ? out.substring(0, MAX_OUTPUT) : out.toString();
        }
        if (code != null && code == 0) {
            return ProbeResult.ok("exit 0");
        }
        return ProbeResult.failed("exit " + code + (text.isBlank() ? "" : ": " + text));
    }

    private boolean stillRunning(String execId) {
        try {
            return Boolean.TRUE.equals(docker.inspectExecCmd(execId).exec().isRunning());
        } catch (DockerException e) {
            return false;
        }
    }

    // ---- http and tcp -------------------------------------------------------------------------------------------

    private ProbeResult http(String containerId, HealthCheck check, long deadline) {
        String host = address(containerId, check);
        if (host == null) {
            return ProbeResult.failed("the container has no IP address (not running, or no network)");
        }
        URI target = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + check.httpPort()
                + check.httpPathAndQuery());
        HttpRequest req = HttpRequest.newBuilder(target).GET().timeout(Duration.ofMillis(remainingMillis(deadline)))
                .header("User-Agent", "spawnd-health-check").build();
        java.util.concurrent.CompletableFuture<HttpResponse<InputStream>> pending = client()
                .sendAsync(req, HttpResponse.BodyHandlers.ofInputStream());
        try {
            // Waited for here too: the request timeout alone may not cover the connect on every JDK.
            HttpResponse<InputStream> resp = pending.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            resp.body().close(); // the status decides; the body is never read
            int code = resp.statusCode();
            return code >= 200 && code < 400 ? ProbeResult.ok(Integer.toString(code))
                    : ProbeResult.failed(Integer.toString(code));
        } catch (java.util.concurrent.TimeoutException e) {
            pending.cancel(true);
            return ProbeResult.failed(timedOut(check));
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof HttpTimeoutException) {
                return ProbeResult.failed(timedOut(check));
            }
            return ProbeResult.failed(c instanceof IOException io ? connectFailure(io) : String.valueOf(c));
        } catch (IOException e) {
            return ProbeResult.failed(connectFailure(e));
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return ProbeResult.failed("check interrupted");
        }
    }

    private ProbeResult tcp(String containerId, HealthCheck check, long deadline) {
        String host = address(containerId, check);
        if (host == null) {
            return ProbeResult.failed("the container has no IP address (not running, or no network)");
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, check.tcp()), (int) Math.max(1, remainingMillis(deadline)));
            return ProbeResult.ok("connected");
        } catch (SocketTimeoutException e) {
            return ProbeResult.failed(timedOut(check));
        } catch (IOException e) {
            return ProbeResult.failed(connectFailure(e));
        }
    }

    private static String connectFailure(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.toLowerCase(java.util.Locale.ROOT).contains("refused")) {
            return "connection refused";
        }
        if (e instanceof java.net.ConnectException && m.isEmpty()) {
            return "cannot connect (refused or unreachable)"; // the JDK HTTP client gives no text
        }
        return m.isEmpty() ? e.getClass().getSimpleName() : m;
    }

    /** The address the container's services listen on, as seen from the host; null if it has none. */
    private String address(String containerId, HealthCheck check) {
        InspectContainerResponse r = docker.inspectContainerCmd(containerId).exec();
        if (r.getState() == null || !Boolean.TRUE.equals(r.getState().getRunning())) {
            return null;
        }
        String mode = r.getHostConfig() == null ? null : r.getHostConfig().getNetworkMode();
        if ("host".equals(mode)) {
            return "127.0.0.1";
        }
        Map<String, ContainerNetwork> nets = r.getNetworkSettings() == null ? null
                : r.getNetworkSettings().getNetworks();
        if (nets == null) {
            return null;
        }
        ContainerNetwork own = mode == null ? null : nets.get(mode);
        for (ContainerNetwork n : own != null ? java.util.List.of(own) : nets.values()) {
            if (n.getIpAddress() != null && !n.getIpAddress().isEmpty()) {
                return n.getIpAddress();
            }
        }
        return null;
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    /** One HTTP client for all checks, made at the first HTTP check; two threads of its own for its async work. */
    private synchronized HttpClient client() {
        if (http == null) {
            httpThreads = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "spawnd-health-http");
                t.setDaemon(true);
                return t;
            });
            // HTTP/1.1 only: the default (HTTP/2) sends an h2c upgrade request, which small health endpoints mishandle.
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(HealthCheck.MAX_TIMEOUT).build();
        }
        return http;
    }

    @Override
    public synchronized void close() {
        if (httpThreads != null) {
            httpThreads.shutdownNow();
        }
    }
}
