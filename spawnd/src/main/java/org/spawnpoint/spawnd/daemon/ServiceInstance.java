package org.spawnpoint.spawnd.daemon;

import static org.spawnpoint.spawnd.daemon.DaemonEvents.failure;
import static org.spawnpoint.spawnd.daemon.DaemonEvents.info;
import static org.spawnpoint.spawnd.daemon.DaemonEvents.success;
import static org.spawnpoint.spawnd.daemon.DaemonEvents.warn;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.spawnd.backend.BackendException;
import org.spawnpoint.spawnd.backend.ContainerExit;
import org.spawnpoint.spawnd.backend.ContainerSpec;
import org.spawnpoint.spawnd.backend.ServiceBackend;

/**
 * One service and its state machine. Every method except the getters runs on the service's serial executor, so
 * transitions never interleave; timers only enqueue work onto that executor, tagged with a generation number so that
 * a timer outlived by a later transition does nothing.
 */
final class ServiceInstance {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceInstance.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);

    private final String name;
    private final ManagerContext ctx;
    private final Executor actor;

    private volatile Deployment deployment;
    private String image;
    private volatile ServiceState state = ServiceState.BOOTING;
    private volatile String containerId;
    /** Why the service is not running, for its heartbeat; empty while it runs. */
    private volatile String stateDetail = "";
    private ResourcePool.Reservation reservation;
    private AutoCloseable logs;
    private ScheduledFuture<?> timer;
    private long generation;
    private Instant startedAt = Instant.EPOCH;
    private final Supervision watch;
    private volatile Report report = Report.NONE;
    private volatile boolean gone;

    /**
     * What the heartbeat reports beyond the state (issue 16).
     *
     * @param health         {@code starting}/{@code healthy}/{@code unhealthy}, empty without a check
     * @param healthDetail   the last failed check, or why spawnd gave up
     * @param restarts       automatic restarts since the last deploy
     * @param startedAtNanos when the running container started, 0 when it does not run
     */
    record Report(String health, String healthDetail, long restarts, long startedAtNanos) {
        static final Report NONE = new Report("", "", 0, 0);
    }

    ServiceInstance(String name, ManagerContext ctx, Executor actor) {
        this.name = name;
        this.ctx = ctx;
        this.actor = actor;
        this.watch = new Supervision(ctx, actor, this::healthChanged);
    }

    String name() {
        return name;
    }

    ServiceState state() {
        return state;
    }

    String containerId() {
        return containerId;
    }

    String stateDetail() {
        return stateDetail;
    }

    Deployment deployment() {
        return deployment;
    }

    boolean isGone() {
        return gone;
    }

    ResourcePool.Reservation reservation() {
        return reservation;
    }

    /** Health, restarts and start time for the heartbeat. */
    Report report() {
        return report;
    }

    // ---- deploy -------------------------------------------------------------------------------------------------

    /** Deploys {@code d}, replacing whatever runs under this name. */
    void deploy(Deployment d) {
        ResourcePool.Reservation fresh;
        try {
            fresh = ctx.pool().reserveReplacing(d.memMiB(), d.cpuShares(), reservation);
        } catch (ResourcePool.InsufficientResourcesException e) {
            log(failure("Failed to launch service: " + e.getMessage()));
            if (deployment == null) {
                markGone(false);
            }
            return;
        }
        if (containerId != null) {
            log(info("Found instance of service already running; removing old version"));
            removeContainer();
        }
        cancelTimer();
        reservation = fresh;
        deployment = d;
        watch.deployed(d);
        Supervision.announcement(d, policy()).forEach(line -> log(info(line)));
        boot(true);
    }

    private void boot(boolean buildImage) {
        state = ServiceState.BOOTING;
        log(info(buildImage ? "Booting service" : "Attempting restart"));
        save();
        ServiceBackend backend = ctx.backend();
        try {
            if (buildImage || image == null) {
                image = backend.prepareImage(name, deployment.imageSpec(), line -> ctx.events().output(name, line));
            }
            ContainerSpec spec = deployment.containerSpec(image);
            Instant before = Instant.now();
            String id = backend.createAndStart(spec);
            running(id);
            ctx.started(this);
            log(success("Container (re)start successful"));
            // Output from the start on is replayed, after the success: a client that follows the log sees the
            // outcome before the service's first lines (publish order is one queue).
            followLogs(before);
        } catch (RuntimeException e) {
            log(failure("Container (re)start failed: " + e.getMessage()));
            if (deployment.config().autoRestart() && containerId == null && !buildImage) {
                scheduleRestart("start failed");
            } else {
                releaseAndForget();
            }
        }
    }

    /**
     * The container runs. Its output is followed by the caller, from the instant before the start, once the success
     * is reported, so nothing older is replayed and nothing newer is lost.
     */
    private void running(String id) {
        running(id, null);
    }

    /**
     * As above; {@code since}, when known, is when the engine started the container (a re-adopted one), reported as
     * its start time. Health checks and the restart series count from now either way, as for a fresh start.
     */
    private void running(String id, Instant since) {
        containerId = id;
        state = ServiceState.RUNNING;
        stateDetail = "";
        Instant now = Instant.now();
        startedAt = since != null ? since : now;
        watch.started(id, now);
        updateReport();
        save();
    }

    // ---- restart and stop ---------------------------------------------------------------------------------------

    void restart() {
        switch (state) {
            case RUNNING, RESTART_WAIT -> {
                cancelTimer();
                watch.restartedByHand();
                restartContainer();
            }
            case GIVEN_UP -> {
                cancelTimer();
                watch.restartedByHand();
                log(info("Restarting by hand a service spawnd had given up on; its restart series starts over"));
                restartContainer();
            }
            case ZOMBIE -> {
                try {
                    reservation = ctx.pool().reserveForResurrection(deployment.memMiB(), deployment.cpuShares());
                } catch (ResourcePool.InsufficientResourcesException e) {
                    log(failure(e.getMessage()));
                    return;
                }
                cancelTimer();
                watch.restartedByHand();
                restartContainer();
            }
            case BOOTING -> log(info("Service is still booting; restart ignored"));
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void restartContainer() {
        log(info("Attempting restart"));
        watch.stopChecks();
        closeLogs();
        if (containerId == null) {
            boot(false);
            return;
        }
        try {
            Instant before = Instant.now();
            ctx.backend().restart(containerId, STOP_TIMEOUT);
            running(containerId);
            ctx.started(this);
            log(success("Container (re)start successful"));
            followLogs(before);
        } catch (RuntimeException e) {
            // Not only BackendException: while the engine restarts, docker-java fails with plain runtime exceptions.
            log(failure("Container (re)start failed: " + e.getMessage()));
            if (containerGone()) {
                // The container was removed behind our back: make a new one from the same image.
                containerId = null;
                boot(false);
            } else if (deployment.config().autoRestart()) {
                onDeath("restart failed");
            } else {
                becomeZombie();
            }
        }
    }

    /** True only when the engine answers that the container does not exist (an unreachable engine is not "gone"). */
    private boolean containerGone() {
        try {
            return ctx.backend().inspect(containerId, 0).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    void stop() {
        log(info("Attempting to stop container"));
        cancelTimer();
        watch.stopChecks();
        if (containerId == null && state != ServiceState.ZOMBIE) {
            log(info("Container is already stopped"));
        }
        removeContainer();
        log(success("Service stopped"));
        releaseAndForget();
    }

    // ---- container events -------------------------------------------------------------------------------------------

    /** The engine says container {@code id} died; stale and foreign events are ignored. */
    void containerDied(String id, Integer exitCode) {
        if (state != ServiceState.RUNNING || !id.equals(containerId)) {
            return;
        }
        ContainerExit exit;
        try {
            exit = ctx.backend().inspect(id, 10).orElse(null);
        } catch (RuntimeException e) {
            // The engine is going away (a restart of dockerd): the re-check after its event stream resumes decides.
            LOG.info("Cannot inspect the container of {} after it died ({}); re-checking when the engine is back",
                    name, e.getMessage());
            return;
        }
        if (exit != null && exit.running()) {
            return; // a restart we asked for: the container is up again
        }
        String summary = exit != null ? exit.summary() : "exited with code " + exitCode;
        if (exit != null && !exit.lastLogLines().isEmpty()) {
            summary += "; last output: " + String.join(" | ", exit.lastLogLines());
        }
        onDeath(summary);
    }

    /** Re-checks a running container after the event stream broke. */
    void recheck() {
        if (state == ServiceState.RUNNING && containerId != null) {
            ContainerExit exit;
            try {
                exit = ctx.backend().inspect(containerId, 10).orElse(null);
            } catch (RuntimeException e) {
                LOG.warn("Cannot re-check the container of {}: {}", name, e.getMessage());
                return;
            }
            if (exit == null || !exit.running()) {
                containerDied(containerId, exit == null ? null : exit.exitCode());
            }
        }
    }

    private void onDeath(String why) {
        watch.stopChecks();
        closeLogs();
        if (deployment.config().autoRestart()) {
            scheduleRestart(why);
        } else {
            log(failure("Container stopped: " + why));
            becomeZombie();
        }
    }

    /** A check result: logged when it changes something; an unhealthy autoRestart service is restarted. */
    private void healthChanged(HealthTracker.Change c) {
        if (watch.health(c, Instant.now(), policy())) {
            log(info("Healthy for " + human(policy().resetAfter()) + ": restart series reset"));
        }
        boolean restart = c.becameUnhealthy() && deployment.config().autoRestart();
        updateReport();
        if (c.from() != c.to()) {
            ctx.changed(this); // the heartbeat first (one publish queue): who reads the log line finds it there
        }
        if (c.text() != null) {
            String text = c.text() + (c.becameUnhealthy() && !restart ? "; not restarted (autoRestart is off)" : "");
            log("WARN".equals(c.level()) ? warn(text) : info(text));
        }
        if (restart) {
            watch.stopChecks();
            closeLogs();
            try {
                ctx.backend().stop(containerId, STOP_TIMEOUT);
            } catch (RuntimeException e) {
                log(failure("Failed to stop the unhealthy container: " + e.getMessage()));
            }
            scheduleRestart("unhealthy, " + watch.lastFailure());
        }
    }

    /** This service's restart policy: the daemon's defaults with the keys its {@code restartPolicy} gives. */
    private CrashBackoff policy() {
        return Supervision.policy(ctx, deployment);
    }

    private void scheduleRestart(String why) {
        CrashBackoff policy = policy();
        RestartSeries.Decision d = watch.next(Instant.now(), policy, deployment.restartInterval());
        if (d.givenUp()) {
            giveUp(why, d.inARow(), policy);
            return;
        }
        Duration delay = d.delay();
        String inARow = d.inARow() > 1 ? " (restart " + d.inARow() + " in a row"
                + (policy.maxRestarts() > 0 ? " of at most " + policy.maxRestarts() : "") + ")" : "";
        state = ServiceState.RESTART_WAIT;
        stateDetail = "stopped (" + why + "); restarting at " + Instant.now().plus(delay) + inARow;
        updateReport();
        save();
        ctx.changed(this);
        log(failure("Container stopped: " + why + "; restarting in " + human(delay) + inARow));
        long gen = ++generation;
        timer = ctx.timers().schedule(() -> actor.execute(() -> {
            if (gen == generation && state == ServiceState.RESTART_WAIT) {
                restartContainer();
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The series reached {@code maxRestarts}: no more automatic restarts; the reservation and container stay. */
    private void giveUp(String why, int inARow, CrashBackoff policy) {
        state = ServiceState.GIVEN_UP;
        stateDetail = "given-up";
        watch.gaveUp("gave up after " + inARow + " restarts in a row (restartPolicy.maxRestarts: "
                + policy.maxRestarts() + "); last: " + why + "; restart it by hand (spawnctl restart)");
        updateReport();
        save();
        ctx.changed(this);
        log(failure("Container stopped: " + why + "; giving up after " + inARow + " restarts in a row"
                + " (restartPolicy.maxRestarts: " + policy.maxRestarts() + "); restart it by hand with spawnctl"
                + " restart, or redeploy"));
    }

    private void becomeZombie() {
        releaseReservation();
        state = ServiceState.ZOMBIE;
        Duration period = deployment.zombiePeriod();
        stateDetail = "dead; restart it before " + Instant.now().plus(period) + " or it is removed";
        save();
        ctx.changed(this);
        log(info("Service is dead; restart it within " + human(period) + " or it is removed"));
        long gen = ++generation;
        timer = ctx.timers().schedule(() -> actor.execute(() -> {
            if (gen == generation && state == ServiceState.ZOMBIE) {
                log(info("Zombie period over; removing service"));
                removeContainer();
                releaseAndForget();
            }
        }), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- recovery -----------------------------------------------------------------------------------------------

    /**
     * Takes over a container found running after spawnd restarted: no admission, no replay of old output. Its
     * heartbeat's start time is {@code startedAt}, the engine's (null: unknown, now).
     */
    void adoptRunning(Deployment d, String imageName, String id, Instant startedAt) {
        deployment = d;
        image = imageName;
        reservation = ctx.pool().adopt(d.memMiB(), d.cpuShares());
        watch.watch(d);
        running(id, startedAt);
        followLogs(Instant.now());
        log(info("Re-adopted running container after a restart of spawnd"));
    }

    /** A container found stopped after spawnd restarted. */
    void adoptStopped(Deployment d, String imageName, String id) {
        deployment = d;
        image = imageName;
        containerId = id;
        watch.watch(d);
        if (d.config().autoRestart()) {
            reservation = ctx.pool().adopt(d.memMiB(), d.cpuShares());
            log(info("Container died while spawnd was down; restarting it"));
            restartContainer();
        } else {
            log(info("Container died while spawnd was down"));
            becomeZombie();
        }
    }

    /** The automatic restarts its manifest counted before spawnd restarted; called before adoption. */
    void restoreRestarts(long restarts) {
        watch.restore(restarts);
    }

    /**
     * A service spawnd had given up on before it restarted: it stays given up (its container, if any, stopped), with
     * its resources taken again without admission, until a restart by hand.
     */
    void adoptGivenUp(Deployment d, String imageName, String id) {
        deployment = d;
        image = imageName;
        containerId = id;
        watch.watch(d);
        reservation = ctx.pool().adopt(d.memMiB(), d.cpuShares());
        state = ServiceState.GIVEN_UP;
        stateDetail = "given-up";
        watch.gaveUp("spawnd had given up restarting it before spawnd itself restarted; restart it by hand"
                + " (spawnctl restart)");
        updateReport();
        save();
        log(info("Service was given up before spawnd restarted; it stays stopped until restarted by hand"));
    }

    /**
     * A service whose deploy (state {@code BOOTING}) or restart was under way when spawnd stopped, so it has no
     * container: its resources are taken again without admission (they were admitted before) and the deploy, or
     * the restart, runs again after recovery.
     */
    void resumeInterrupted(Deployment d, String imageName, ServiceState wasState) {
        deployment = d;
        image = imageName;
        watch.watch(d);
        reservation = ctx.pool().adopt(d.memMiB(), d.cpuShares());
        boolean deploying = wasState == ServiceState.BOOTING;
        state = ServiceState.BOOTING;
        log(info(deploying ? "spawnd restarted during the deploy of this service; deploying it again"
                : "spawnd restarted while this service waited to restart; restarting it"));
        actor.execute(() -> {
            if (!gone && state == ServiceState.BOOTING && containerId == null) {
                boot(deploying);
            }
        });
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private void followLogs(Instant since) {
        closeLogs();
        String id = containerId;
        logs = ctx.backend().followLogs(id, since, line -> ctx.events().output(name, line.text()), () -> { });
    }

    private void closeLogs() {
        if (logs != null) {
            try {
                logs.close();
            } catch (Exception e) {
                LOG.debug("Closing the log stream of {}: {}", name, e.toString());
            }
            logs = null;
        }
    }

    private void removeContainer() {
        watch.stopChecks();
        closeLogs();
        if (containerId != null) {
            try {
                ctx.backend().stop(containerId, STOP_TIMEOUT);
                ctx.backend().remove(containerId);
            } catch (BackendException e) {
                log(failure("Failed to stop container: " + e.getMessage()));
            }
            containerId = null;
        }
    }

    private void cancelTimer() {
        generation++;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void releaseReservation() {
        if (reservation != null) {
            reservation.release();
        }
    }

    /** Returns the resources and forgets the service: manifest deleted, persisted heartbeat cleared. */
    private void releaseAndForget() {
        cancelTimer();
        watch.stopChecks();
        closeLogs();
        releaseReservation();
        if (containerId == null) {
            try {
                ctx.backend().removeServiceImage(name); // only an image built for this service, and only if unused
            } catch (BackendException e) {
                LOG.warn("Could not remove the image built for {}: {}", name, e.getMessage());
            }
        }
        markGone(true);
    }

    private void markGone(boolean clearHeartbeat) {
        gone = true;
        ctx.store().delete(name);
        ctx.forget(this);
        if (clearHeartbeat) {
            ctx.events().serviceGone(name);
        }
    }

    private void updateReport() {
        report = watch.report(state, startedAt);
    }

    private void save() {
        if (deployment != null) {
            ctx.store().save(new Manifest(name, deployment.configYaml(), deployment.includedTar(), containerId, image,
                    state, watch.restarts()));
        }
    }

    private void log(String text) {
        ctx.events().log(name, text);
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0 || ms < 1000) {
            return ms + "ms";
        }
        long s = ms / 1000;
        return s >= 60 && s % 60 == 0 ? (s / 60) + "m" : s + "s";
    }
}
