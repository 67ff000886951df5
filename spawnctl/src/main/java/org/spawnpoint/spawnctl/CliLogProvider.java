package org.spawnpoint.spawnctl;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * spawnctl's SLF4J binding: Logback, configured by {@link CliLogging} directly. {@link SpawnCtl#main} names it in
 * SLF4J's {@code slf4j.provider} property, so that neither SLF4J nor Logback looks for its providers and configurators
 * with the service loader. Those two lookups opened every jar of the class path (its central directory, manifest and
 * index: the class-data archive makes that unnecessary for classes), and Logback's auto-configuration linked its string
 * concatenations at run time: together 60 of the 110 ms of CPU on the warm-up thread of a deploy (async-profiler,
 * 8 runs). A {@code -Dlogback.configurationFile} given by the user goes through Logback's own provider as before.
 */
public final class CliLogProvider implements SLF4JServiceProvider {
    /** SLF4J 2's property naming the provider class, read before its service loader. */
    static final String PROPERTY = "slf4j.provider";

    private LoggerContext context;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    /** For SLF4J, which makes it from its class name. */
    public CliLogProvider() {
    }

    /** SLF4J 2's property for its own messages; at INFO it announces a provider named by {@link #PROPERTY}. */
    static final String VERBOSITY = "slf4j.internal.verbosity";

    /**
     * Names this provider to SLF4J unless the user chose a provider or a Logback configuration file, and keeps SLF4J's
     * informational line about it off stderr (its warnings and errors still show).
     */
    static void install(java.util.Properties system) {
        if (system.getProperty(PROPERTY) == null && system.getProperty("logback.configurationFile") == null) {
            system.setProperty(PROPERTY, CliLogProvider.class.getName());
            if (system.getProperty(VERBOSITY) == null) {
                system.setProperty(VERBOSITY, "WARN");
            }
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99"; // as Logback's provider: any SLF4J 2.0.x
    }

    @Override
    public void initialize() {
        LoggerContext c = new LoggerContext();
        c.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
        CliLogging configurator = new CliLogging();
        configurator.setContext(c);
        configurator.configure(c);
        c.start();
        markers = new BasicMarkerFactory();
        mdc = new LogbackMDCAdapter();
        c.setMDCAdapter(mdc);
        context = c;
    }
}
