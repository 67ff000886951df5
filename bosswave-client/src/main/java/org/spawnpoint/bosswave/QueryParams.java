package org.spawnpoint.bosswave;

import java.time.Duration;

/** What to query: the same fields as {@link SubscribeParams} (bw2bind {@code QueryParams}). */
public final class QueryParams extends SubscribeParams {
    private QueryParams(String uri) {
        super(uri);
    }

    /** Parameters of a query of the messages persisted at {@code uri} ({@code *} and {@code +} match). */
    public static QueryParams uri(String uri) {
        return new QueryParams(uri);
    }

    @Override
    public QueryParams autoChain(boolean on) {
        super.autoChain(on);
        return this;
    }

    @Override
    public QueryParams leavePacked(boolean on) {
        super.leavePacked(on);
        return this;
    }

    @Override
    public QueryParams doNotVerify(boolean on) {
        super.doNotVerify(on);
        return this;
    }

    @Override
    public QueryParams timeout(Duration d) {
        super.timeout(d);
        return this;
    }

    @Override
    public QueryParams elaboratePac(String mode) {
        super.elaboratePac(mode);
        return this;
    }
}
