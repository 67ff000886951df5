package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** spawnctl's SLF4J provider: Logback configured by CliLogging, named to SLF4J unless the user chose otherwise. */
class CliLogProviderTest {
    @Test
    void givesALogbackContextConfiguredByCliLogging() {
        CliLogProvider provider = new CliLogProvider();
        provider.initialize();
        LoggerContext context = (LoggerContext) provider.getLoggerFactory();
        assertTrue(context.isStarted());
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (System.getenv("SPAWNCTL_LOG_LEVEL") == null) {
            assertEquals(Level.WARN, root.getLevel());
        }
        assertTrue(root.getAppender("STDERR").isStarted());
        assertEquals(Level.ERROR, context.getLogger("org.spawnpoint.spawnclient.PlainEntity").getLevel());
        assertNotNull(provider.getMDCAdapter());
        assertTrue(context.getMDCAdapter() == provider.getMDCAdapter());
        assertNotNull(provider.getMarkerFactory().getMarker("m"));
        assertTrue(provider.getRequestedApiVersion().startsWith("2.0."));
    }

    @Test
    void namedToSlf4jQuietly() {
        Properties p = new Properties();
        CliLogProvider.install(p);
        assertEquals(CliLogProvider.class.getName(), p.getProperty(CliLogProvider.PROPERTY));
        assertEquals("WARN", p.getProperty(CliLogProvider.VERBOSITY));
    }

    @Test
    void theUsersChoiceWins() {
        Properties logbackFile = new Properties();
        logbackFile.setProperty("logback.configurationFile", "/tmp/logback.xml");
        CliLogProvider.install(logbackFile);
        assertNull(logbackFile.getProperty(CliLogProvider.PROPERTY), "Logback's own provider reads the file");
        assertNull(logbackFile.getProperty(CliLogProvider.VERBOSITY));

        Properties provider = new Properties();
        provider.setProperty(CliLogProvider.PROPERTY, "org.slf4j.simple.SimpleServiceProvider");
        provider.setProperty(CliLogProvider.VERBOSITY, "DEBUG");
        CliLogProvider.install(provider);
        assertEquals("org.slf4j.simple.SimpleServiceProvider", provider.getProperty(CliLogProvider.PROPERTY));
        assertEquals("DEBUG", provider.getProperty(CliLogProvider.VERBOSITY));
    }
}
