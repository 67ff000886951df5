package org.spawnpoint.spawnctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The last {@code deploy} run in each working directory, for {@code deploy-last}: a YAML file
 * ({@code $SPAWNPOINT_HISTORY_FILE}, default {@code ~/.spawnpoint_history}) mapping directories to the parameters,
 * the entity included (the original forgot it at first, issue #13).
 */
final class DeployHistory {
    /** @param where placement constraints ({@code --where}), empty for none */
    record Entry(String router, String entity, String uri, String config, String name, Map<String, String> where) {
        Entry {
            where = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(where == null ? Map.of() : where));
        }

        Entry(String router, String entity, String uri, String config, String name) {
            this(router, entity, uri, config, name, Map.of());
        }
    }

    private DeployHistory() {
    }

    static Path file(SpawnCtl root, String given) {
        if (given != null && !given.isBlank()) {
            return root.resolvePath(given);
        }
        String env = root.ctx.getenv("SPAWNPOINT_HISTORY_FILE");
        return env != null ? root.resolvePath(env) : root.ctx.home().resolve(".spawnpoint_history");
    }

    /** Saves the entry for the current directory; a failure is reported as a warning, the deploy went out. */
    static void record(SpawnCtl root, Entry e) {
        Path file = file(root, null);
        try {
            Map<String, Object> all = load(file);
            Map<String, Object> m = new LinkedHashMap<>();
            if (e.router() != null) {
                m.put("router", e.router());
            }
            m.put("entity", e.entity());
            m.put("uri", e.uri());
            m.put("config", e.config());
            m.put("name", e.name());
            if (!e.where().isEmpty()) {
                m.put("where", new java.util.TreeMap<>(e.where()));
            }
            all.put(root.ctx.workDir().toString(), m);
            DumperOptions o = new DumperOptions();
            o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".spawnpoint_history", ".tmp");
            Files.writeString(tmp, new Yaml(o).dump(all), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException x) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | IllegalStateException x) {
            root.ctx.err().println(root.style().yellow("[WARN]") + " Deploy history not saved: " + x.getMessage());
        }
    }

    static Entry find(Path file, Path workDir) {
        Map<String, Object> all;
        try {
            all = load(file);
        } catch (IOException | IllegalStateException e) {
            throw CtlException.failure("Cannot read deploy history: " + e.getMessage());
        }
        if (!(all.get(workDir.toString()) instanceof Map<?, ?> m)) {
            throw CtlException.failure("No deploy was run from " + workDir + " (history file " + file + ")");
        }
        Map<String, String> where = new LinkedHashMap<>();
        if (m.get("where") instanceof Map<?, ?> w) {
            w.forEach((k, v) -> where.put(str(k), str(v)));
        }
        Entry e = new Entry(str(m.get("router")), str(m.get("entity")), str(m.get("uri")), str(m.get("config")),
                str(m.get("name")), where);
        if (e.entity() == null || e.uri() == null || e.config() == null || e.name() == null) {
            throw CtlException.failure("The deploy history for " + workDir + " in " + file + " is incomplete");
        }
        return e;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            Object o = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            if (o == null) {
                return new LinkedHashMap<>();
            }
            if (o instanceof Map<?, ?> m) {
                return new LinkedHashMap<>((Map<String, Object>) m);
            }
        } catch (YAMLException e) {
            // Falls through: not ours (the Go spawnctl wrote gob here), and it must not be overwritten.
        }
        throw new IllegalStateException(file + " is not a spawnctl deploy history file; set $SPAWNPOINT_HISTORY_FILE"
                + " to use another file");
    }
}
