package org.spawnpoint.spawnctl;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.spawnpoint.spawnclient.Fleet;
import org.spawnpoint.spawnclient.FleetLogEntry;
import org.spawnpoint.spawnclient.LogTail;
import org.spawnpoint.spawnclient.Outcome;
import org.spawnpoint.spawnclient.SpawnClient;
import org.spawnpoint.spawnclient.SpawnClientException;
import org.spawnpoint.spawnclient.Spawnpoint;
import org.spawnpoint.spawnclient.SpawnpointDetails;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.ServiceConfig;

/** A scripted {@link SpawnClient}: answers from fields, records calls, feeds log entries to tails. */
final class FakeSpawnClient implements SpawnClient {
    final List<String> calls = new ArrayList<>();
    Map<String, Spawnpoint> scanResult = new LinkedHashMap<>();
    final Map<String, SpawnpointDetails> details = new LinkedHashMap<>();
    List<LogEntry> logToSend = List.of();
    List<String> pastLines = List.of();
    RuntimeException failure;
    ServiceConfig deployed;
    Path deployedFrom;
    final CompletableFuture<Void> tailEnded = new CompletableFuture<>();
    /** What the spawnpoint reports about a deploy, restart or stop; complete it to script the outcome. */
    final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    boolean tailClosed;
    boolean closed;

    @Override
    public Map<String, Spawnpoint> scan(String baseUri) {
        calls.add("scan " + baseUri);
        fail();
        return scanResult;
    }

    @Override
    public SpawnpointDetails inspect(String spawnpointUri) {
        calls.add("inspect " + spawnpointUri);
        fail();
        SpawnpointDetails d = details.get(spawnpointUri);
        if (d == null) {
            throw new SpawnClientException(spawnpointUri, null, "nothing scripted for " + spawnpointUri);
        }
        return d;
    }

    /** What the deploy warns, as the real client does for a 0.2 spawnpoint; null for none. */
    String deployWarning;

    @Override
    public LogTail deploy(String spawnpointUri, ServiceConfig config, Path workDir, Consumer<LogEntry> log,
                          Consumer<String> warnings) {
        if (deployWarning != null) {
            warnings.accept(deployWarning);
        }
        return deploy(spawnpointUri, config, workDir, log);
    }

    /** The entity {@link #mintEntity} makes; each call is recorded as {@code mint URI SERVICE}. */
    org.spawnpoint.spawnclient.MintedEntity mintable = new org.spawnpoint.spawnclient.MintedEntity("bWludGVk",
            new byte[] {0x32, 9}, "scratch.ns/services/*");

    @Override
    public java.util.Optional<org.spawnpoint.spawnclient.MintedEntity> mintEntity(String spawnpointUri,
                                                                                  String serviceName) {
        calls.add("mint " + spawnpointUri + " " + serviceName);
        return java.util.Optional.of(mintable);
    }

    @Override
    public LogTail deploy(String spawnpointUri, ServiceConfig config, Path workDir,
                          org.spawnpoint.spawnclient.MintedEntity entity, Consumer<LogEntry> log,
                          Consumer<String> warnings) {
        calls.add("as " + entity.vk());
        return deploy(spawnpointUri, config, workDir, log, warnings);
    }

    @Override
    public LogTail deploy(String spawnpointUri, ServiceConfig config, Path workDir, Consumer<LogEntry> log) {
        calls.add("deploy " + spawnpointUri + " " + config.serviceName());
        fail();
        deployed = config;
        deployedFrom = workDir;
        logAt.getOrDefault(spawnpointUri, List.of()).forEach(log);
        Outcome at = outcomeAt.get(spawnpointUri);
        if (at != null) {
            LogTail t = tail(log);
            return new LogTail() {
                @Override
                public CompletableFuture<Void> ended() {
                    return t.ended();
                }

                @Override
                public CompletableFuture<Outcome> outcome() {
                    return CompletableFuture.completedFuture(at);
                }

                @Override
                public void close() {
                    t.close();
                }
            };
        }
        return tail(log);
    }

    @Override
    public LogTail restart(String spawnpointUri, String service, Consumer<LogEntry> log) {
        calls.add("restart " + spawnpointUri + " " + service);
        fail();
        return tail(log);
    }

    @Override
    public LogTail stop(String spawnpointUri, String service, Consumer<LogEntry> log) {
        calls.add("stop " + spawnpointUri + " " + service);
        fail();
        return tail(log);
    }

    @Override
    public LogTail tail(String spawnpointUri, String service, Consumer<LogEntry> log) {
        calls.add("tail " + spawnpointUri + " " + service);
        fail();
        return tail(log);
    }

    @Override
    public void logs(String spawnpointUri, String service, Instant since, Consumer<String> lines) {
        calls.add("logs " + spawnpointUri + " " + service + " " + since);
        fail();
        pastLines.forEach(lines);
    }

    /** What fleet() answers (its base URI is replaced by the one asked for). */
    Fleet fleetResult = new Fleet("", Map.of(), List.of());
    /** Per spawnpoint URI, the outcome a deploy there gets at once (else the shared {@link #outcome}). */
    final Map<String, Outcome> outcomeAt = new LinkedHashMap<>();
    /** Per spawnpoint URI, what a deploy there logs (e.g. the admission). */
    final Map<String, List<LogEntry>> logAt = new LinkedHashMap<>();
    /** What tailMatching hands over before returning, and the arguments it was called with. */
    List<FleetLogEntry> fleetLog = List.of();
    final List<String> warningsToSend = new ArrayList<>();

    @Override
    public Fleet fleet(String baseUri) {
        calls.add("fleet " + baseUri);
        fail();
        return new Fleet(baseUri, fleetResult.spawnpoints(), fleetResult.services());
    }

    @Override
    public LogTail tailMatching(String spawnpointPattern, String servicePattern, Instant since,
                                Consumer<FleetLogEntry> log, Consumer<String> warnings) {
        calls.add("tailMatching " + spawnpointPattern + " " + servicePattern + " " + since);
        fail();
        warningsToSend.forEach(warnings);
        fleetLog.forEach(log);
        return tail(e -> { });
    }

    @Override
    public void close() {
        closed = true;
    }

    private void fail() {
        if (failure != null) {
            throw failure;
        }
    }

    private LogTail tail(Consumer<LogEntry> log) {
        logToSend.forEach(log);
        return new LogTail() {
            @Override
            public CompletableFuture<Void> ended() {
                return tailEnded;
            }

            @Override
            public CompletableFuture<Outcome> outcome() {
                return outcome;
            }

            @Override
            public void close() {
                tailClosed = true;
            }
        };
    }
}
