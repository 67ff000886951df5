package org.spawnpoint.bosswave.wire.archfixture.a;

import java.io.IOException;
import java.net.Socket;
import org.spawnpoint.bosswave.wire.archfixture.b.UsesA;

/** Breaks two rules on purpose (WireArchitectureTest.theRulesFailOnViolations): a socket, and a cycle with b. */
public final class OpensSocket {
    private OpensSocket() {
    }

    static Socket open(UsesA back) throws IOException {
        return new Socket("127.0.0.1", back.port());
    }
}
