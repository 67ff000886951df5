package org.spawnpoint.spawnclient;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.spawnpoint.bosswave.ConnectionClosedException;
import org.spawnpoint.bosswave.payload.MetadataTuple;
import org.spawnpoint.bosswave.RequestTimeoutException;
import org.spawnpoint.spawnclient.model.ConfigException;
import org.spawnpoint.bosswave.payload.GoFormats;
import org.spawnpoint.spawnclient.model.Instants;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.ServiceConfig;
import org.spawnpoint.spawnclient.model.UriGlob;

/**
 * Placement ({@link SpawnClient#deploy(PlacementRequest, Consumer, Consumer)}), written over the {@link SpawnClient}
 * operations only: the fleet's heartbeats say which spawnpoints are alive and how much memory and how many CPU
 * shares they have free (their heartbeats' {@code AvailableMem}/{@code AvailableCPUShares}, already net of
 * reservations); metadata constraints narrow them; the ones the service fits are tried, the most free memory first
 * (then CPU shares, then URI), and each one's admission decides. A refusal moves on to the next; an admission, or a
 * failure that is not a refusal, ends the placement there.
 *
 * <p>A service that already runs (fresh heartbeat) on a matching spawnpoint is redeployed there only: placing it
 * elsewhere would run it twice. Its old reservation counts as free there, as the spawnpoint's admission counts it.
 */
final class Placer {
    private Placer() {
    }

    /** A spawnpoint to try and what it would have free for the service. */
    private record Candidate(Spawnpoint sp, long freeMem, long freeCpu) {
    }

    static Placement place(SpawnClient client, PlacementRequest req, Consumer<LogEntry> log, Consumer<String> warnings) {
        ServiceConfig cfg = req.config();
        String name = cfg.serviceName();
        UriGlob glob;
        try {
            glob = UriGlob.uri(req.spawnpoints());
        } catch (IllegalArgumentException e) {
            throw new SpawnClientException(req.spawnpoints(), name, "Cannot place " + name + ": " + e.getMessage());
        }
        String what = "Cannot place " + name + " on " + glob + ": ";
        long mem;
        try {
            mem = cfg.memAllocMiB();
        } catch (ConfigException e) {
            throw new SpawnClientException(glob.text(), name, what + "'memAlloc' " + e.problem(), e);
        }
        long cpu = cfg.cpuShares();
        Fleet fleet = client.fleet(glob.literalPrefix());
        Instant now = req.clock().instant();
        List<Spawnpoint> live = fleet.liveSpawnpoints(now).stream().filter(sp -> glob.matches(sp.uri())).toList();
        List<Placement.Refusal> refusals = new ArrayList<>();
        if (live.isEmpty()) {
            long all = fleet.spawnpoints().values().stream().filter(sp -> glob.matches(sp.uri())).count();
            throw new PlacementException(glob.text(), name, what + "no live spawnpoint matches (" + all + " match, "
                    + "none with a heartbeat younger than " + GoFormats.duration(SpawnClient.ALIVE_WITHIN) + ")", refusals);
        }
        List<FleetService> existing = fleet.services().stream()
                .filter(s -> s.name().equals(name) && s.isFresh(now) && live.stream().anyMatch(sp -> sp.uri().equals(s.spawnpointUri())))
                .toList();
        List<Spawnpoint> considered = live;
        if (!existing.isEmpty()) {
            considered = live.stream().filter(sp -> existing.stream().anyMatch(s -> s.spawnpointUri().equals(sp.uri())))
                    .toList();
            warnings.accept(name + " already runs on " + String.join(", ", considered.stream().map(Spawnpoint::uri)
                    .toList()) + ": it is redeployed there (placing it elsewhere would run it twice)");
        }
        List<Candidate> fits = new ArrayList<>();
        for (Spawnpoint sp : considered) {
            String mismatch = metadataMismatch(client, sp, req.where(), now);
            if (mismatch != null) {
                refusals.add(new Placement.Refusal(sp.uri(), false, mismatch));
                continue;
            }
            long oldMem = existing.stream().filter(s -> s.spawnpointUri().equals(sp.uri())).mapToLong(FleetService::memAlloc).sum();
            long oldCpu = existing.stream().filter(s -> s.spawnpointUri().equals(sp.uri())).mapToLong(FleetService::cpuShares).sum();
            Candidate c = new Candidate(sp, sp.availableMem() + oldMem, sp.availableCpuShares() + oldCpu);
            if (c.freeMem() < mem || c.freeCpu() < cpu) {
                refusals.add(new Placement.Refusal(sp.uri(), false, "its heartbeat shows " + c.freeMem() + " MiB and "
                        + c.freeCpu() + " CPU shares free; the service needs " + mem + " MiB and " + cpu));
                continue;
            }
            fits.add(c);
        }
        fits.sort(Comparator.comparingLong((Candidate c) -> -(c.freeMem() - mem))
                .thenComparingLong(c -> -(c.freeCpu() - cpu)).thenComparing(c -> c.sp().uri()));
        // A config without an entity gets one made for it: once per namespace (where its grant is), not once per
        // attempt, so that a refusal leaves no unused entity and grant behind.
        boolean mint = cfg.entity().isEmpty() && cfg.sealedEntity().isEmpty();
        if (mint && !fits.isEmpty()) {
            checkBeforeMinting(req, glob, what);
        }
        Map<String, MintedEntity> minted = new java.util.LinkedHashMap<>();
        for (Candidate c : fits) {
            String uri = c.sp().uri();
            MintedEntity entity = null;
            if (mint) {
                entity = minted.get(MintedEntity.grantUriFor(uri));
                if (entity == null) {
                    entity = client.mintEntity(uri, name).orElse(null);
                    if (entity != null) {
                        minted.put(entity.grantUri(), entity);
                    }
                }
            }
            Placement p = attempt(client, uri, req, entity, log, warnings, refusals, what);
            if (p != null) {
                return new Placement(p.spawnpointUri(), p.tail(), p.refusals(), java.util.Optional.ofNullable(entity));
            }
        }
        throw new PlacementException(glob.text(), name, what + "no spawnpoint took it: " + String.join("; ",
                refusals.stream().map(Placement.Refusal::toString).toList()) + unused(minted.values()), refusals,
                List.copyOf(minted.values()));
    }

    /**
     * What a deploy checks before it makes an entity (the config's fields, its included files), checked before the
     * placement makes one: a config every spawnpoint would refuse leaves no entity behind.
     */
    private static void checkBeforeMinting(PlacementRequest req, UriGlob glob, String what) {
        ServiceConfig cfg = req.config();
        try {
            ServiceEntities.checkedEntity(cfg, req.workDir());
            org.spawnpoint.spawnclient.model.IncludedFiles.pack(cfg.includedFiles(), cfg.includedDirs(),
                    req.workDir());
        } catch (ConfigException | UncheckedIOException e) {
            throw new SpawnClientException(glob.text(), cfg.serviceName(), what + e.getMessage(), e);
        }
    }

    /** What a failed placement says of the entities it made, which nothing uses now. */
    private static String unused(java.util.Collection<MintedEntity> minted) {
        return minted.isEmpty() ? "" : "; the entity made for it, " + String.join(", ", minted.stream()
                .map(MintedEntity::toString).toList()) + ", is not used by any spawnpoint";
    }

    /** Null when the spawnpoint has every constraint's key with that value (fresh), else why not. */
    private static String metadataMismatch(SpawnClient client, Spawnpoint sp, Map<String, String> where, Instant now) {
        if (where.isEmpty()) {
            return null;
        }
        Map<String, MetadataTuple> meta;
        try {
            meta = client.inspect(sp.routerUri()).metadata();
        } catch (SpawnClientException e) {
            if (unreachable(e)) {
                throw e;
            }
            return "could not read its metadata: " + e.getMessage();
        }
        for (Map.Entry<String, String> w : where.entrySet()) {
            MetadataTuple t = meta.get(w.getKey());
            boolean fresh = t != null && Duration.between(Instants.ofNanos(t.timestampNanos()), now)
                    .compareTo(PlacementRequest.METADATA_FRESH_WITHIN) < 0;
            if (!fresh) {
                return "no metadata " + w.getKey() + (t == null ? "" : " younger than "
                        + GoFormats.duration(PlacementRequest.METADATA_FRESH_WITHIN)) + " (wanted " + w.getKey() + "="
                        + w.getValue() + ")";
            }
            if (!t.value().equals(w.getValue())) {
                return "metadata " + w.getKey() + "=" + t.value() + ", not " + w.getValue();
            }
        }
        return null;
    }

    /** Sends the config to one spawnpoint; the placement when it admits, null (and a refusal noted) when not. */
    private static Placement attempt(SpawnClient client, String uri, PlacementRequest req, MintedEntity entity,
                                     Consumer<LogEntry> log, Consumer<String> warnings,
                                     List<Placement.Refusal> refusals, String what) {
        CompletableFuture<Void> admitted = new CompletableFuture<>();
        Consumer<LogEntry> watch = e -> {
            log.accept(e);
            if (isAdmission(e)) {
                admitted.complete(null);
            }
        };
        LogTail tail;
        try {
            tail = entity == null ? client.deploy(uri, req.config(), req.workDir(), watch, warnings)
                    : client.deploy(uri, req.config(), req.workDir(), entity, watch, warnings);
        } catch (SpawnClientException e) {
            if (unreachable(e) || e.getCause() instanceof ConfigException || e.getCause() instanceof UncheckedIOException) {
                throw e; // the config or the connection: every other spawnpoint would fail the same way
            }
            refusals.add(new Placement.Refusal(uri, true, e.getMessage()));
            return null;
        }
        try {
            CompletableFuture.anyOf(admitted, tail.outcome(), tail.ended())
                    .get(req.admissionWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            tail.close();
            throw new PlacementException(req.spawnpoints(), req.config().serviceName(), what + uri + " neither admitted"
                    + " nor refused it within " + GoFormats.duration(req.admissionWait()) + ", so no other spawnpoint "
                    + "was tried (it may still start it there); check with 'spawnctl ps'", refusals);
        } catch (ExecutionException e) {
            // the subscription ended with an error: see below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tail.close();
            throw new SpawnClientException(uri, req.config().serviceName(), what + "interrupted", e);
        }
        Outcome o = tail.outcome().getNow(null);
        if (o != null && !o.success() && o.refused()) {
            tail.close();
            refusals.add(new Placement.Refusal(uri, true, o.message()));
            return null;
        }
        if (o == null && !admitted.isDone()) {
            tail.close();
            Throwable cause = tail.ended().handle((v, t) -> t).getNow(null);
            throw new SpawnClientException(uri, req.config().serviceName(), what + "lost the log of " + uri
                    + " before it admitted or refused the service" + (cause == null ? "" : ": " + cause.getMessage()),
                    cause instanceof java.util.concurrent.CompletionException c ? c.getCause() : cause);
        }
        return new Placement(uri, tail, refusals);
    }

    /** {@code [INFO] Booting service} (ours), {@code booting service} (0.2): admitted, resources reserved. */
    static boolean isAdmission(LogEntry e) {
        String text = e.contents().strip();
        if (text.startsWith("[INFO] ")) {
            text = text.substring("[INFO] ".length());
        }
        return text.equalsIgnoreCase("booting service");
    }

    private static boolean unreachable(SpawnClientException e) {
        return e.getCause() instanceof ConnectionClosedException || e.getCause() instanceof RequestTimeoutException;
    }
}
