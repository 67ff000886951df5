package org.spawnpoint.benchmarks.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Values of one figure gathered round by round for several subjects, the first being ours. */
final class Series {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    Series(List<String> subjects) {
        subjects.forEach(s -> values.put(s, new ArrayList<>()));
    }

    void add(String subject, double v) {
        values.get(subject).add(v);
    }

    boolean isEmpty(String subject) {
        return values.get(subject).isEmpty();
    }

    Stats stats(String subject) {
        List<Double> v = values.get(subject);
        return v.isEmpty() ? null : Stats.of(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A row with the first subject as ours and the others as peers (subjects with no values left out). */
    Row row(String section, String figure, String unit) {
        List<String> names = new ArrayList<>(values.keySet());
        Map<String, Stats> peers = new LinkedHashMap<>();
        for (String p : names.subList(1, names.size())) {
            if (!isEmpty(p)) {
                peers.put(p, stats(p));
            }
        }
        return Row.measured(section, figure, unit, stats(names.get(0)), peers);
    }

    /** Medians by subject, for charts. */
    Map<String, Double> medians() {
        Map<String, Double> m = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!v.isEmpty()) {
                m.put(k, stats(k).median());
            }
        });
        return m;
    }
}
