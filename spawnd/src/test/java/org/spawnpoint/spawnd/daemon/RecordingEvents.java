package org.spawnpoint.spawnd.daemon;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.spawnpoint.spawnclient.model.ServiceHeartbeat;

/** Keeps what the manager reports. */
final class RecordingEvents implements DaemonEvents {
    final List<String> logs = new CopyOnWriteArrayList<>();
    final List<String> gone = new CopyOnWriteArrayList<>();
    final List<ServiceHeartbeat> heartbeats = new CopyOnWriteArrayList<>();
    /** Heartbeats ({@code beat:NAME}) and clears ({@code gone:NAME}) in the order they were reported. */
    final List<String> order = new CopyOnWriteArrayList<>();

    @Override
    public void log(String service, String text) {
        logs.add(service + ": " + text);
    }

    @Override
    public void output(String service, String line) {
    }

    @Override
    public void serviceHeartbeat(ServiceHeartbeat heartbeat) {
        heartbeats.add(heartbeat);
        order.add("beat:" + heartbeat.name());
    }

    @Override
    public void serviceGone(String service) {
        gone.add(service);
        order.add("gone:" + service);
    }

    boolean has(String fragment) {
        return logs.stream().anyMatch(l -> l.contains(fragment));
    }
}
