package org.spawnpoint.spawnable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
import org.spawnpoint.bosswave.ServiceInterface;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.payload.MetadataTuple;
import org.spawnpoint.bosswave.payload.PayloadObject;

/**
 * An in-memory BOSSWAVE client for unit tests: persisted publishes are kept per exact URI and returned by
 * {@link #queryOne}; failures can be injected per URI. Calls the tests do not need throw.
 */
final class FakeBosswaveClient implements BosswaveClient {
    final Map<String, Message> retained = new LinkedHashMap<>();
    final List<PublishParams> published = new ArrayList<>();
    final List<String> queried = new ArrayList<>();
    final Map<String, RuntimeException> queryFailures = new LinkedHashMap<>();
    final Map<String, RuntimeException> publishFailures = new LinkedHashMap<>();
    final List<String> registeredServices = new ArrayList<>();
    RuntimeException entityFailure;
    RuntimeException registerFailure;
    Path entityFile;
    boolean closed;

    /** Stores a retained message as if someone had persisted it earlier. */
    void retain(String uri, PayloadObject... pos) {
        retained.put(uri, new Message("fakeVK=", uri, List.of(), List.of(pos), null, null));
    }

    @Override
    public String agentVersion() {
        return "fake";
    }

    @Override
    public String setEntity(byte[] keyBlob) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public String setEntityFile(Path keyFile) {
        if (entityFailure != null) {
            throw entityFailure;
        }
        entityFile = keyFile;
        return "vk-of-" + keyFile.getFileName();
    }

    @Override
    public String setEntityFromEnvironment() {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public String entityVk() {
        return entityFile == null ? null : "vk-of-" + entityFile.getFileName();
    }

    @Override
    public void publish(PublishParams params) {
        RuntimeException failure = publishFailures.get(params.uri());
        if (failure != null) {
            throw failure;
        }
        published.add(params);
        if (params.persist()) {
            retained.put(params.uri(), new Message("me=", params.uri(), List.of(), params.payloadObjects(), null, null));
        }
    }

    @Override
    public CompletableFuture<Void> publishAsync(PublishParams params) {
        publish(params);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Subscription subscribe(SubscribeParams params, MessageHandler handler) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public List<Message> query(QueryParams params) {
        return queryOne(params).map(List::of).orElse(List.of());
    }

    @Override
    public CompletableFuture<List<Message>> queryAsync(QueryParams params) {
        return CompletableFuture.completedFuture(query(params));
    }

    @Override
    public Optional<Message> queryOne(QueryParams params) {
        queried.add(params.uri());
        RuntimeException failure = queryFailures.get(params.uri());
        if (failure != null) {
            throw failure;
        }
        return Optional.ofNullable(retained.get(params.uri()));
    }

    @Override
    public List<String> list(ListParams params) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public CreatedEntity createEntity(CreateEntityParams params) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public CreatedDot createDot(CreateDotParams params) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public List<Chain> buildChain(String uri, String permissions, String toVk) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public void setMetadata(String uri, String key, String value) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public void deleteMetadata(String uri, String key) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public Map<String, MetadataTuple> getMetadata(String uri) {
        throw new UnsupportedOperationException("spawnable must query the exact !meta URI, not the merged view");
    }

    @Override
    public Optional<MetadataTuple> getMetadataKey(String uri, String key) {
        throw new UnsupportedOperationException("spawnable must query the exact !meta URI, not the merged view");
    }

    @Override
    public Service registerService(String baseUri, String name) {
        if (registerFailure != null) {
            throw registerFailure;
        }
        String uri = baseUri + "/" + name;
        registeredServices.add(uri);
        return new FakeService(uri);
    }

    @Override
    public void createLongAlias(String alias, String vkB64) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public String revokeDot(String dotHashB64, String comment) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public String revokeEntity(String vkB64, String comment) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public void addConnectionListener(ConnectionListener listener) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public void close() {
        closed = true;
    }

    static RouterErrorException denied(String uri) {
        return new RouterErrorException(401, "no permission on " + uri);
    }

    final class FakeService implements Service {
        private final String uri;
        final List<String> interfaces = new ArrayList<>();

        FakeService(String uri) {
            this.uri = uri;
        }

        @Override
        public String uri() {
            return uri;
        }

        @Override
        public ServiceInterface registerInterface(String prefix, String name) {
            String ifaceUri = uri + "/" + prefix + "/" + name;
            interfaces.add(ifaceUri);
            return new ServiceInterface() {
                @Override
                public String uri() {
                    return ifaceUri;
                }

                @Override
                public void publishSignal(String signal, PayloadObject... pos) {
                    publish(PublishParams.uri(signalUri(signal)).payload(pos).persist(true).autoChain(true));
                }

                @Override
                public Subscription subscribeSlot(String slot, MessageHandler handler) {
                    throw new UnsupportedOperationException("not used by these tests");
                }

                @Override
                public void setMetadata(String key, String value) {
                    throw new UnsupportedOperationException("not used by these tests");
                }
            };
        }

        @Override
        public void setMetadata(String key, String value) {
            throw new UnsupportedOperationException("not used by these tests");
        }

        @Override
        public void close() {
        }
    }
}
