package org.spawnpoint.spawnctl;

import org.spawnpoint.spawnclient.LogTail;
import org.spawnpoint.spawnclient.SpawnClient;
import picocli.CommandLine.Command;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop a service, following its log until it has stopped.")
final class StopCommand extends ServiceCommand {
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
