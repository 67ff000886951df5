package org.spawnpoint.bosswave.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.bosswave.BosswaveException;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.ConnectionClosedException;
import org.spawnpoint.bosswave.ConnectionListener;
import org.spawnpoint.bosswave.RouterErrorException;

/**
 * Automatic reconnection (on for daemons): backs off from {@code reconnectMinDelay} doubling up to
 * {@code reconnectMaxDelay}, connects, sets the last entity again, re-sends every live subscription (which gets a new
 * handle) and reports {@code RECONNECTED}. Runs on its own thread until it succeeds or the client is closed. With
 * several addresses (routers of one bus), each attempt goes to the next one, starting after the one that was lost,
 * and the delay doubles only after all were tried.
 */
final class Reconnector implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconnector.class);

    private final DefaultBosswaveClient client;
    private final java.util.List<String> addresses;
    private int next;

    Reconnector(DefaultBosswaveClient client, java.util.List<String> addresses, String lost) {
        this.client = client;
        this.addresses = addresses;
        this.next = addresses.size() > 1 ? (addresses.indexOf(lost) + 1) % addresses.size() : 0;
    }

    @Override
    public void run() {
        ClientOptions options = client.options();
        long min = Math.max(1, options.reconnectMinDelay().toMillis());
        long max = Math.max(min, options.reconnectMaxDelay().toMillis());
        long delay = min;
        int attempt = 0;
        while (!client.isClosed()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                // close() interrupts us; the loop condition decides
                continue;
            }
            attempt++;
            String address = addresses.get(next);
            next = (next + 1) % addresses.size();
            Connection c = null;
            try {
                c = Connection.open(address, options, client::onConnectionLost);
                restoreEntity(c);
                if (!client.install(c)) {
                    c.close(new ConnectionClosedException("client closed while reconnecting to " + address));
                    break;
                }
                int restored = restoreSubscriptions(c);
                if (!c.isOpen()) {
                    throw new ConnectionClosedException("connection to " + address + " lost again while restoring subscriptions");
                }
                client.connectedTo(address);
                LOG.info("reconnected to BOSSWAVE agent at {} after {} attempt(s); {} subscription(s) restored",
                        address, attempt, restored);
                client.connectionEvent(ConnectionListener.Event.RECONNECTED, "reconnected to " + address + " (agent "
                        + c.agentVersion() + "), " + restored + " subscription(s) restored");
                if (client.reconnectFinished(c)) {
                    return;
                }
                delay = min;
                attempt = 0;
            } catch (BosswaveException e) {
                LOG.info("reconnecting to {} (attempt {}) failed: {}", address, attempt, e.getMessage());
                if (c != null) {
                    c.close(new ConnectionClosedException("reconnection attempt failed: " + e.getMessage()));
                }
                if (next == 0 || addresses.size() == 1) {
                    delay = Math.min(max, delay * 2); // every address tried once more
                }
            }
        }
        client.reconnectFinished(null);
    }

    private void restoreEntity(Connection c) {
        byte[] blob = client.entityBlob();
        if (blob != null) {
            Replies.OneShot sink = new Replies.OneShot();
            Request request = Request.of("set the entity again after reconnecting");
            c.send(CommandFrames.setEntity(blob), sink, request);
            Futures.await(sink.future, request.what(), c.timeoutOf(request));
        }
    }

    /** Re-sends each subscription not yet on {@code c}; one the agent now refuses ends with that error. */
    private int restoreSubscriptions(Connection c) {
        int restored = 0;
        for (SubscriptionImpl sub : client.subscriptionsSnapshot()) {
            if (sub.connection() == c) {
                continue;
            }
            try {
                sub.establish(c);
                restored++;
            } catch (RouterErrorException e) {
                LOG.warn("could not re-establish subscription to {} after reconnecting: {}", sub.uri(), e.getMessage());
                sub.finish(e);
            }
        }
        return restored;
    }
}
