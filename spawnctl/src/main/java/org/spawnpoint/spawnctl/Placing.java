package org.spawnpoint.spawnctl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.spawnpoint.spawnclient.MintedEntity;
import org.spawnpoint.spawnclient.Placement;
import org.spawnpoint.spawnclient.PlacementException;
import org.spawnpoint.spawnclient.PlacementRequest;
import org.spawnpoint.spawnclient.SpawnClient;
import org.spawnpoint.spawnclient.SpawnClientException;
import org.spawnpoint.spawnclient.model.ServiceConfig;

/** {@code spawnctl deploy} with a pattern in {@code -u}: placement, then the same outcome and log as a plain deploy. */
final class Placing {
    private Placing() {
    }

    static int run(SpawnCtl root, Path entity, String pattern, Map<String, String> where, Path configFile,
                   ServiceConfig cfg, boolean noTail, Duration wait) {
        String svc = cfg.serviceName();
        try (SpawnClient client = root.connect(entity)) {
            PlacementRequest req = PlacementRequest.of(pattern, cfg, root.ctx.workDir()).withWhere(where)
                    .withClock(root.ctx.clock());
            Placement placed;
            try {
                placed = client.deploy(req, LogFollow.printer(root), w -> {
                    root.ctx.err().println(root.style().yellow("[WARN]") + " " + w);
                    root.ctx.err().flush();
                });
            } catch (PlacementException e) {
                String head = e.getMessage();
                int cut = head.indexOf(": no spawnpoint took it: ");
                if (cut >= 0) {
                    head = head.substring(0, cut) + ": no spawnpoint took it:";
                }
                root.ctx.err().println(root.style().red("[ERROR]") + " Service deployment failed, " + head);
                if (cut >= 0) {
                    for (Placement.Refusal r : e.refusals()) {
                        root.ctx.err().println("  " + r);
                    }
                    for (MintedEntity m : e.unusedEntities()) {
                        root.ctx.err().println("  the entity made for " + svc + ", " + m + ", is not used by any"
                                + " spawnpoint");
                    }
                } else if (!e.refusals().isEmpty()) {
                    root.ctx.err().println("  passed over before:");
                    e.refusals().forEach(r -> root.ctx.err().println("  " + r));
                }
                root.ctx.err().flush();
                return ExitCodes.FAILURE;
            } catch (SpawnClientException e) {
                String hint = SpawnCtl.refusedPermission(e) ? root.permissionHint("deploy", e.spawnpointUri()) : "";
                throw new CtlException(SpawnCtl.unreachable(e) ? ExitCodes.UNAVAILABLE : ExitCodes.FAILURE,
                        root.style().red("[ERROR]") + " Service deployment failed, " + e.getMessage() + hint);
            }
            synchronized (root.ctx.out()) {
                root.ctx.out().println(root.style().green("Placed " + svc + " on " + placed.spawnpointUri())
                        + (placed.refusals().isEmpty() ? "" : " (passed over: " + String.join("; ",
                        placed.refusals().stream().map(Placement.Refusal::toString).toList()) + ")"));
                placed.mintedEntity().ifPresent(m -> root.ctx.out().println("Made entity " + m + " for " + svc
                        + " once" + (placed.refusals().stream().anyMatch(Placement.Refusal::tried)
                        ? ", the same for every spawnpoint tried" : "")));
                root.ctx.out().flush();
            }
            var tail = placed.tail();
            try { // recorded after the outcome, as DeployCommand does (why there)
                LogFollow.awaitOutcome(root, tail, noTail ? wait : null, "Service deployment failed: ", "deployment");
            } finally {
                DeployHistory.record(root, new DeployHistory.Entry(root.routerAddress(), entity.toString(), pattern,
                        configFile.toString(), svc, where));
            }
            if (noTail) {
                tail.close();
                root.ctx.out().println(root.style().green("Deployment complete."));
                return ExitCodes.OK;
            }
            LogFollow.announce(root, " Deployment complete, tailing log. Ctrl-C to quit.");
            return LogFollow.untilInterrupted(root, tail);
        }
    }
}
