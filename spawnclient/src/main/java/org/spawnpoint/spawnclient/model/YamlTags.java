package org.spawnpoint.spawnclient.model;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Refuses explicit YAML tags beyond the standard ones: a config has no use for them and they hint at an attack. */
final class YamlTags {
    private static final Set<Tag> STANDARD = Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.NULL, Tag.FLOAT, Tag.SEQ,
            Tag.MAP, Tag.TIMESTAMP, Tag.BINARY, Tag.MERGE);

    private YamlTags() {
    }

    /** Visits each node once (aliases share nodes), so the walk costs no more than the document's size. */
    static void requireStandard(Node root) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) {
                continue;
            }
            if (!STANDARD.contains(n.getTag())) {
                throw new ConfigException(null, "is not accepted: the YAML tag " + n.getTag().getValue()
                        + " (line " + (n.getStartMark() == null ? "?" : n.getStartMark().getLine() + 1)
                        + ") is not one of YAML's standard types");
            }
            if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    todo.push(t.getKeyNode());
                    todo.push(t.getValueNode());
                }
            } else if (n instanceof SequenceNode s) {
                s.getValue().forEach(todo::push);
            }
        }
    }
}
