package org.spawnpoint.spawnctl;

import org.spawnpoint.spawnclient.LogTail;
import org.spawnpoint.spawnclient.SpawnClient;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spawnctl stop}. */
final class StopCommand extends ServiceCommand {
    StopCommand(SpawnCtl root) {
        super(root);
    }

    @Override
    CommandSpec spec() {
        return spec("stop", "Stop a service, following its log until it has stopped.");
    }

    @Override
    String verb() {
        return "stop";
    }

    @Override
    boolean endsWithOutcome() {
        return true;
    }

    @Override
    LogTail run(SpawnClient client, String spUri, String service) {
        return client.stop(spUri, service, LogFollow.printer(root));
    }
}
