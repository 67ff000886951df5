package org.spawnpoint.spawnd.daemon;

import org.spawnpoint.spawnclient.model.ServiceHeartbeat;

/** Where the service manager reports what happens; the daemon publishes these on BOSSWAVE. */
public interface DaemonEvents {
    /** A daemon event about {@code service} ({@code ""} when unknown), already tagged {@code [INFO]}/... ; persisted. */
    void log(String service, String text);

    /** One line of a container's or an image build's output; not persisted. */
    void output(String service, String line);

    void serviceHeartbeat(ServiceHeartbeat heartbeat);

    /** The service is gone for good: its persisted heartbeat is cleared. */
    void serviceGone(String service);

    /** Status tags of daemon log texts (Spawnpoint 0.3+). */
    static String info(String text) {
        return "[INFO] " + text;
    }

    static String success(String text) {
        return "[SUCCESS] " + text;
    }

    /** Something is wrong but spawnd is handling it (a service turned unhealthy). */
    static String warn(String text) {
        return "[WARN] " + text;
    }

    static String failure(String text) {
        return "[FAILURE] " + text;
    }
}
