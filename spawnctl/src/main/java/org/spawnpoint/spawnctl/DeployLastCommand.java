package org.spawnpoint.spawnctl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spawnctl deploy-last}. */
final class DeployLastCommand implements Callable<Integer> {
    final SpawnCtl root;
    boolean yes;
    String file;
    boolean noTail;

    DeployLastCommand(SpawnCtl root) {
        this.root = root;
    }

    CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "deploy-last",
                "Repeat the last deploy run from the current directory (with its entity and router).");
        spec.addOption(Specs.flag(v -> yes = v, "-y", "--yes").description("do not ask for confirmation").build());
        spec.addOption(Specs.option(String.class, v -> file = v, "-f", "--file").paramLabel("FILE")
                .description("history file; default $SPAWNPOINT_HISTORY_FILE, else ~/.spawnpoint_history").build());
        spec.addOption(Specs.flag(v -> noTail = v, "--no-tail")
                .description("return once the configuration is sent instead of following the log").build());
        return spec;
    }

    @Override
    public Integer call() {
        Path history = DeployHistory.file(root, file);
        DeployHistory.Entry e = DeployHistory.find(history, root.ctx.workDir());
        if (root.entity == null) {
            root.entity = e.entity();
        }
        if (root.router == null && e.router() != null) {
            root.router = e.router();
        }
        String command = "spawnctl" + (root.router != null ? " -r " + root.router : "") + " -e " + root.entity
                + " deploy -u " + (org.spawnpoint.spawnclient.model.UriGlob.isPattern(e.uri()) ? "'" + e.uri() + "'" : e.uri())
                + e.where().entrySet().stream().map(w -> " --where " + w.getKey() + "=" + w.getValue())
                        .collect(java.util.stream.Collectors.joining())
                + " -c " + e.config() + " -n " + e.name();
        if (!yes) {
            root.ctx.out().println("This will run:");
            root.ctx.out().println("  " + command);
            root.ctx.out().print("Proceed? [Y/n] ");
            root.ctx.out().flush();
            String answer;
            try {
                answer = root.ctx.in().readLine();
            } catch (IOException ex) {
                answer = null;
            }
            if (answer == null) {
                throw CtlException.failure("No answer on standard input; use -y to deploy without asking");
            }
            answer = answer.strip();
            if (!answer.isEmpty() && !answer.equals("y") && !answer.equals("Y")) {
                root.ctx.out().println("Not deploying.");
                return ExitCodes.OK;
            }
        }
        DeployCommand deploy = new DeployCommand(root);
        deploy.uri = e.uri();
        deploy.config = e.config();
        deploy.name = e.name();
        deploy.where.putAll(e.where());
        deploy.noTail = noTail;
        return deploy.call();
    }
}
