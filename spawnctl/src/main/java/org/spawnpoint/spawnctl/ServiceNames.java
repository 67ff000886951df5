package org.spawnpoint.spawnctl;

import org.spawnpoint.spawnclient.model.ConfigException;
import org.spawnpoint.spawnclient.model.ServiceConfig;

/** The {@code -n/--name} parameter, checked the same way by every command that takes one. */
final class ServiceNames {
    private ServiceNames() {
    }

    /** {@code name}, which must be given and be a name Docker can use; else a usage error. */
    static String required(String name) {
        if (name == null || name.isBlank()) {
            throw CtlException.usage("Missing 'name' parameter: give -n/--name NAME");
        }
        return valid(name);
    }

    /** {@code name} if it is a name Docker can use; else a usage error. */
    static String valid(String name) {
        try {
            ServiceConfig.checkServiceName(name);
        } catch (ConfigException e) {
            throw CtlException.usage("Invalid 'name' parameter: " + e.problem());
        }
        return name;
    }
}
