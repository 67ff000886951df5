package org.spawnpoint.spawnd.daemon;

import static org.spawnpoint.spawnd.daemon.DaemonEvents.failure;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The config slot's first step, cheap enough to run on the slot's delivery thread: refuses an oversized config on
 * its raw PO bytes (before any text or YAML work), bounds how many configs may be being checked at once, and hands
 * the rest to the {@link ServiceManager}, which parses each on its service's own serial executor. So one large or
 * hostile config costs its sender only, and deploys of other services go on meanwhile.
 */
public final class ConfigAdmission {
    /**
     * Largest YAML PO (67.0.2.0) taken. A config is a page of keys and an entity (sealed or not) of under 2 KiB;
     * included files travel in their own PO. 11 MB once held the slot for minutes; 1 MiB parses in milliseconds.
     */
    public static final int MAX_CONFIG_BYTES = 1 << 20;
    /**
     * Configs accepted and not yet checked, in all (each at most {@link #MAX_CONFIG_BYTES}, so this bounds the memory
     * they hold); more are refused.
     */
    public static final int MAX_PENDING = 16;
    /**
     * Configs waiting for one service: a config waits behind its service's step under way (an image build may take
     * minutes), so without this one slow service could take every pending place and hold up all other deploys.
     */
    public static final int MAX_PENDING_PER_SERVICE = 2;
    private static final byte[] NAME_KEY = "serviceName:".getBytes(StandardCharsets.US_ASCII);

    private final ServiceManager manager;
    private final DaemonEvents events;
    private final AtomicInteger pending = new AtomicInteger();
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> perService =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Hands admitted configs to {@code manager}; a refusal is logged through {@code events}. */
    public ConfigAdmission(ServiceManager manager, DaemonEvents events) {
        this.manager = manager;
        this.events = events;
    }

    /**
     * Takes one config message's payloads.
     *
     * @param yaml the 67.0.2.0 PO's bytes
     * @param tar  the optional String PO's bytes (base64 of the include tar), or null
     */
    public void admit(byte[] yaml, byte[] tar) {
        String name = guessServiceName(yaml);
        if (yaml.length > MAX_CONFIG_BYTES) {
            events.log(name, failure("Failed to launch service: the config (PO 67.0.2.0) is " + yaml.length
                    + " bytes, more than the limit of " + MAX_CONFIG_BYTES + " bytes"));
            return;
        }
        boolean[] room = {false};
        perService.compute(name, (k, n) -> {
            int waiting = n == null ? 0 : n;
            room[0] = waiting < MAX_PENDING_PER_SERVICE;
            return room[0] ? waiting + 1 : n;
        });
        if (!room[0]) {
            events.log(name, failure("Failed to launch service: " + MAX_PENDING_PER_SERVICE + " configs for "
                    + (name.isEmpty() ? "services without a plain serviceName line" : "this service")
                    + " are already waiting for its step under way; deploy again once it is done"));
            return;
        }
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            release(name);
            events.log(name, failure("Failed to launch service: spawnd is already checking " + MAX_PENDING
                    + " configs; deploy again in a moment"));
            return;
        }
        manager.deploy(name, yaml, tar, () -> {
            pending.decrementAndGet();
            release(name);
        });
    }

    private void release(String name) {
        perService.computeIfPresent(name, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Configs accepted and not yet checked; for tests. */
    int pending() {
        return pending.get();
    }

    /**
     * The value of a top-level {@code serviceName:} line, found by one linear pass over the bytes (no text decoding),
     * for naming the service in a refusal and for choosing the serial executor that parses it; {@code ""} when
     * there is none or it is not a plain valid name. Our clients and the original write it on the first line.
     */
    static String guessServiceName(byte[] yaml) {
        for (int i = 0; i + NAME_KEY.length <= yaml.length; i++) {
            if ((i == 0 || yaml[i - 1] == '\n') && startsWith(yaml, i)) {
                return valueAt(yaml, i + NAME_KEY.length);
            }
        }
        return "";
    }

    private static boolean startsWith(byte[] b, int at) {
        for (int k = 0; k < NAME_KEY.length; k++) {
            if (b[at + k] != NAME_KEY[k]) {
                return false;
            }
        }
        return true;
    }

    private static String valueAt(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        byte quote = i < b.length && (b[i] == '\'' || b[i] == '"') ? b[i] : 0;
        if (quote != 0) {
            i++;
        }
        int start = i;
        while (i < b.length && i - start <= 200 && isNameByte(b[i], i == start)) {
            i++;
        }
        int end = i;
        if (quote != 0 && (i >= b.length || b[i++] != quote)) {
            return "";
        }
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) {
            i++;
        }
        if (end == start || end - start > 200 || (i < b.length && b[i] != '\n')) {
            return "";
        }
        return new String(b, start, end - start, StandardCharsets.US_ASCII);
    }

    private static boolean isNameByte(byte c, boolean first) {
        boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        return alnum || (!first && (c == '_' || c == '.' || c == '-'));
    }
}
