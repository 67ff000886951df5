package org.spawnpoint.bosswave;

/** An error reply from the agent; the message reads {@code [code] reason} as bw2bind renders it. */
public class RouterErrorException extends BosswaveException {
    private final int code;
    private final String reason;

    public RouterErrorException(int code, String reason) {
        super("[" + code + "] " + reason);
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }
}
