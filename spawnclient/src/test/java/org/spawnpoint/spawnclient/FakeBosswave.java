package org.spawnpoint.spawnclient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.Chain;
import org.spawnpoint.bosswave.ConnectionListener;
import org.spawnpoint.bosswave.CreateDotParams;
import org.spawnpoint.bosswave.CreateEntityParams;
import org.spawnpoint.bosswave.CreatedDot;
import org.spawnpoint.bosswave.CreatedEntity;
import org.spawnpoint.bosswave.ListParams;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.MessageHandler;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.RouterErrorException;
import org.spawnpoint.bosswave.Service;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.payload.MetadataTuple;
import org.spawnpoint.bosswave.payload.PayloadObject;

/**
 * An in-memory {@link BosswaveClient} for unit tests: queries answer from a table keyed by the exact URI asked,
 * publishes are recorded and may trigger scripted replies to subscribers, and every call is logged in order.
 */
public final class FakeBosswave implements BosswaveClient {
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final List<PublishParams> published = new CopyOnWriteArrayList<>();
    public final Map<String, List<Message>> queryAnswers = new HashMap<>();
    public final Map<String, MetadataTuple> metadata = new HashMap<>();
    public final Map<String, RouterErrorException> failures = new HashMap<>();
    private final Map<String, List<MessageHandler>> subscribers = new HashMap<>();
    private final List<FakeSubscription> subscriptions = new ArrayList<>();
    /** Runs after each publish, e.g. to answer a request on a signal. */
    public Consumer<PublishParams> onPublish = p -> { };
    public boolean closed;

    public static Message message(String uri, PayloadObject... pos) {
        return new Message("vk", uri, List.of(), List.of(pos), null, null);
    }

    /** Delivers a message to every subscriber of exactly {@code uri}. */
    public void deliver(String uri, PayloadObject... pos) {
        for (MessageHandler h : subscribers.getOrDefault(uri, List.of())) {
            h.onMessage(message(uri, pos));
        }
    }

    /** Delivers a message at {@code messageUri} to every subscriber of the pattern {@code subscribed}. */
    public void deliverTo(String subscribed, String messageUri, PayloadObject... pos) {
        for (MessageHandler h : subscribers.getOrDefault(subscribed, List.of())) {
            h.onMessage(message(messageUri, pos));
        }
    }

    public int openSubscriptions() {
        return (int) subscriptions.stream().filter(s -> !s.ended.isDone()).count();
    }

    public void dropConnection() {
        subscriptions.forEach(s -> s.ended.completeExceptionally(
                new org.spawnpoint.bosswave.ConnectionClosedException("connection lost")));
    }

    private void maybeFail(String op, String uri) {
        RouterErrorException e = failures.get(op + " " + uri);
        if (e != null) {
            throw e;
        }
    }

    @Override public String agentVersion() { return "2.8.0 'Lepton'"; }
    @Override public String setEntity(byte[] keyBlob) { calls.add("sete"); return "vk"; }
    @Override public String setEntityFile(Path keyFile) { calls.add("sete " + keyFile); return "vk"; }
    @Override public String setEntityFromEnvironment() { return "vk"; }
    @Override public String entityVk() { return "vk"; }

    @Override
    public void publish(PublishParams params) {
        calls.add("publ " + params.uri() + (params.autoChain() ? " autochain" : ""));
        maybeFail("publ", params.uri());
        published.add(params);
        onPublish.accept(params);
    }

    @Override
    public CompletableFuture<Void> publishAsync(PublishParams params) {
        publish(params);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Subscription subscribe(SubscribeParams params, MessageHandler handler) {
        calls.add("subs " + params.uri() + (params.autoChain() ? " autochain" : ""));
        maybeFail("subs", params.uri());
        subscribers.computeIfAbsent(params.uri(), k -> new CopyOnWriteArrayList<>()).add(handler);
        FakeSubscription s = new FakeSubscription(params.uri(), handler);
        subscriptions.add(s);
        return s;
    }

    @Override
    public List<Message> query(QueryParams params) {
        calls.add("quer " + params.uri() + (params.autoChain() ? " autochain" : ""));
        maybeFail("quer", params.uri());
        return queryAnswers.getOrDefault(params.uri(), List.of());
    }

    @Override
    public CompletableFuture<List<Message>> queryAsync(QueryParams params) {
        return CompletableFuture.completedFuture(query(params));
    }

    @Override
    public Optional<Message> queryOne(QueryParams params) {
        return query(params).stream().findFirst();
    }

    @Override
    public Map<String, MetadataTuple> getMetadata(String uri) {
        calls.add("meta " + uri);
        maybeFail("meta", uri);
        return metadata;
    }

    @Override public List<String> list(ListParams params) { throw new UnsupportedOperationException(); }
    /** What createEntity returns; each call is recorded as {@code make}. */
    public CreatedEntity madeEntity = new CreatedEntity("bWludGVk", new byte[] {9, 9, 9, 9});

    @Override
    public CreatedEntity createEntity(CreateEntityParams params) {
        calls.add("make");
        maybeFail("make", "");
        return madeEntity;
    }

    @Override
    public CreatedDot createDot(CreateDotParams params) {
        calls.add("makd " + params.to() + " " + params.uri() + " " + params.accessPermissions() + " ttl " + params.ttl());
        maybeFail("makd", params.uri());
        return new CreatedDot("aGFzaA==", new byte[] {1});
    }
    @Override public List<Chain> buildChain(String uri, String permissions, String toVk) { throw new UnsupportedOperationException(); }
    @Override public void setMetadata(String uri, String key, String value) { throw new UnsupportedOperationException(); }
    @Override public void deleteMetadata(String uri, String key) { throw new UnsupportedOperationException(); }
    @Override public Optional<MetadataTuple> getMetadataKey(String uri, String key) { throw new UnsupportedOperationException(); }
    @Override public Service registerService(String baseUri, String name) { throw new UnsupportedOperationException(); }
    @Override public void createLongAlias(String alias, String vkB64) { throw new UnsupportedOperationException(); }
    @Override public String revokeDot(String dotHashB64, String comment) { throw new UnsupportedOperationException(); }
    @Override public String revokeEntity(String vkB64, String comment) { throw new UnsupportedOperationException(); }
    @Override public void addConnectionListener(ConnectionListener listener) { }

    @Override
    public void close() {
        closed = true;
    }

    private final class FakeSubscription implements Subscription {
        final String uri;
        final MessageHandler handler;
        final CompletableFuture<Void> ended = new CompletableFuture<>();

        FakeSubscription(String uri, MessageHandler handler) {
            this.uri = uri;
            this.handler = handler;
        }

        @Override public String handle() { return "h"; }
        @Override public String uri() { return uri; }
        @Override public CompletableFuture<Void> ended() { return ended; }

        @Override
        public void close() {
            subscribers.getOrDefault(uri, new ArrayList<>()).remove(handler);
            ended.complete(null);
        }
    }
}
