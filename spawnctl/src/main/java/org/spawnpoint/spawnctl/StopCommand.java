package org.spawnpoint.spawnctl;

import org.spawnpoint.spawnclient.LogTail;
import org.spawnpoint.spawnclient.SpawnClient;
import picocli.CommandLine.Command;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop a service, then follow its log until Ctrl-C.")
final class StopCommand extends ServiceCommand {
    @Override
    LogTail run(SpawnClient client, String spUri, String service) {
        return client.stop(spUri, service, LogFollow.printer(root));
    }
}
