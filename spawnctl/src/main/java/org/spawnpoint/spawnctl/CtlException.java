package org.spawnpoint.spawnctl;

/** A failure to report as one line on standard error, ending the command with {@link #exitCode}. */
final class CtlException extends RuntimeException {
    private final int exitCode;

    CtlException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    static CtlException usage(String message) {
        return new CtlException(ExitCodes.USAGE, message);
    }

    static CtlException failure(String message) {
        return new CtlException(ExitCodes.FAILURE, message);
    }

    int exitCode() {
        return exitCode;
    }
}
