package org.peerstack.media;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spec's SelectSettings algorithm
 * (<a href="https://w3c.github.io/mediacapture-main/#dfn-selectsettings">Media Capture and Streams,
 * SelectSettings</a>) with its fitness distance.
 *
 * <p>A source's capabilities are ranges, so the settings dictionaries the algorithm chooses from are
 * generated: for every property, the source's default and every {@code min}/{@code max}/{@code exact}/
 * {@code ideal} named by the constraints (clamped into the capability), and for video the
 * width/height pairs those imply together with the constrained and default aspect ratios. A source with
 * discrete modes (a real camera) passes them instead. Then, as in the spec: drop candidates with an
 * infinite distance for the basic set (none left: the first required constraint that fails is
 * reported); apply each {@code advanced} set that some candidate satisfies (bare values are
 * {@code exact} there) and skip the others; pick the smallest basic fitness distance. Ties are broken
 * by the distance to the source's default settings (e.g. 640x480@30 for the fake camera), weighting the
 * aspect ratio double so that an ideal width keeps the default shape.
 *
 * <p>Constraints on properties of the other kind, or that the source does not have, have distance 0
 * (ignored), as the spec requires.
 */
final class SelectSettings {

    /** Relative tolerance when comparing real-valued settings with required values. */
    static final double DOUBLE_TOLERANCE = 1e-6;
    /** Relative tolerance for aspect ratios, whose candidates come from rounded pixel sizes. */
    static final double ASPECT_RATIO_TOLERANCE = 2e-3;

    /** Outcome: either settings or the name of the failing constraint. */
    record Result(MediaTrackSettings settings, String failedConstraint, double fitness) {
        boolean ok() {
            return settings != null;
        }
    }

    private SelectSettings() {
    }

    static Result select(MediaKind kind, MediaTrackCapabilities caps, MediaTrackSettings defaults,
                         List<MediaTrackSettings> modes, MediaTrackConstraints constraints) {
        List<Map<Constrainable, Object>> candidates = modes == null || modes.isEmpty()
                ? generate(kind, caps, defaults, constraints) : modes.stream().map(MediaTrackSettings::values).toList();
        List<Map<Constrainable, Object>> ok = new ArrayList<>();
        for (Map<Constrainable, Object> c : candidates) {
            if (fitness(kind, constraints, c, false) < Double.POSITIVE_INFINITY) {
                ok.add(c);
            }
        }
        if (ok.isEmpty()) {
            return new Result(null, failing(kind, constraints, candidates), Double.POSITIVE_INFINITY);
        }
        for (MediaTrackConstraints set : constraints.advanced()) {
            List<Map<Constrainable, Object>> satisfying = new ArrayList<>();
            for (Map<Constrainable, Object> c : ok) {
                if (fitness(kind, set, c, true) < Double.POSITIVE_INFINITY) {
                    satisfying.add(c);
                }
            }
            if (!satisfying.isEmpty()) {
                ok = satisfying;
            }
        }
        Map<Constrainable, Object> best = null;
        double bestFitness = Double.POSITIVE_INFINITY;
        double bestTie = Double.POSITIVE_INFINITY;
        for (Map<Constrainable, Object> c : ok) {
            double f = fitness(kind, constraints, c, false);
            double tie = defaultDistance(c, defaults.values());
            if (f < bestFitness - 1e-12 || (Math.abs(f - bestFitness) <= 1e-12 && tie < bestTie)) {
                best = c;
                bestFitness = f;
                bestTie = tie;
            }
        }
        return new Result(new MediaTrackSettings(best), null, bestFitness);
    }

    private static String failing(MediaKind kind, MediaTrackConstraints constraints,
                                  List<Map<Constrainable, Object>> candidates) {
        String first = null;
        for (Map.Entry<Constrainable, Object> e : constraints.values().entrySet()) {
            if (!e.getKey().appliesTo(kind)) {
                continue;
            }
            int failures = 0;
            for (Map<Constrainable, Object> c : candidates) {
                if (distance(e.getKey(), e.getValue(), c.get(e.getKey()), false) == Double.POSITIVE_INFINITY) {
                    failures++;
                }
            }
            if (failures == candidates.size() && failures > 0) {
                return e.getKey().key;
            }
            if (failures > 0 && first == null) {
                first = e.getKey().key;
            }
        }
        return first == null ? "" : first;
    }

    static double fitness(MediaKind kind, MediaTrackConstraints set, Map<Constrainable, Object> settings,
                          boolean advanced) {
        double sum = 0;
        for (Map.Entry<Constrainable, Object> e : set.values().entrySet()) {
            if (e.getKey().appliesTo(kind)) {
                sum += distance(e.getKey(), e.getValue(), settings.get(e.getKey()), advanced);
            }
        }
        return sum;
    }

    /** The spec's fitness distance of one constraint against one setting value. */
    static double distance(Constrainable p, Object constraint, Object actual, boolean advanced) {
        if (actual == null) {
            return 0;
        }
        if (constraint instanceof NumericConstraint n) {
            double a = ((Number) actual).doubleValue();
            Double exact = n.bare && advanced ? n.ideal : n.exact;
            Double ideal = n.bare && advanced ? null : n.ideal;
            double tol = p == Constrainable.ASPECT_RATIO ? ASPECT_RATIO_TOLERANCE
                    : p.type == Constrainable.Type.DOUBLE ? DOUBLE_TOLERANCE : 0;
            if (exact != null && Math.abs(a - exact) > tol * Math.max(Math.abs(a), Math.abs(exact))) {
                return Double.POSITIVE_INFINITY;
            }
            if (n.min != null && a < n.min - tol * Math.abs(n.min)) {
                return Double.POSITIVE_INFINITY;
            }
            if (n.max != null && a > n.max + tol * Math.abs(n.max)) {
                return Double.POSITIVE_INFINITY;
            }
            if (ideal == null || a == ideal) {
                return 0;
            }
            return Math.abs(a - ideal) / Math.max(Math.abs(a), Math.abs(ideal));
        }
        if (constraint instanceof ConstrainBoolean b) {
            Boolean exact = b.bare && advanced ? b.ideal : b.exact;
            if (exact != null && !exact.equals(actual)) {
                return Double.POSITIVE_INFINITY;
            }
            return b.ideal == null || advanced || b.ideal.equals(actual) ? 0 : 1;
        }
        ConstrainDOMString s = (ConstrainDOMString) constraint;
        List<String> exact = s.bare && advanced ? s.ideal : s.exact;
        if (exact != null && !exact.contains(actual)) {
            return Double.POSITIVE_INFINITY;
        }
        return s.ideal == null || advanced || s.ideal.contains(actual) ? 0 : 1;
    }

    private static double defaultDistance(Map<Constrainable, Object> c, Map<Constrainable, Object> defaults) {
        double sum = 0;
        for (Map.Entry<Constrainable, Object> d : defaults.entrySet()) {
            Object a = c.get(d.getKey());
            if (a == null) {
                continue;
            }
            if (a instanceof Number x && d.getValue() instanceof Number y) {
                double av = x.doubleValue();
                double dv = y.doubleValue();
                double dist = av == dv ? 0 : Math.abs(av - dv) / Math.max(Math.abs(av), Math.abs(dv));
                sum += d.getKey() == Constrainable.ASPECT_RATIO ? 2 * dist : dist;
            } else if (!a.equals(d.getValue())) {
                sum += 1;
            }
        }
        return sum;
    }

    // ---- candidate generation ----

    private static List<Map<Constrainable, Object>> generate(MediaKind kind, MediaTrackCapabilities caps,
                                                             MediaTrackSettings defaults,
                                                             MediaTrackConstraints constraints) {
        List<MediaTrackConstraints> sets = new ArrayList<>();
        sets.add(constraints);
        sets.addAll(constraints.advanced());
        List<Map<Constrainable, Object>> result = new ArrayList<>();
        result.add(new EnumMap<>(Constrainable.class));
        boolean sized = caps.get(Constrainable.WIDTH) != null && caps.get(Constrainable.HEIGHT) != null;
        if (sized) {
            result = product(result, sizes(caps, defaults, sets));
        }
        for (Map.Entry<Constrainable, Object> e : caps.values().entrySet()) {
            Constrainable p = e.getKey();
            if (!p.appliesTo(kind) || (sized && (p == Constrainable.WIDTH || p == Constrainable.HEIGHT
                    || p == Constrainable.ASPECT_RATIO))) {
                continue;
            }
            List<Map<Constrainable, Object>> options = new ArrayList<>();
            for (Object v : values(p, e.getValue(), defaults.get(p), sets)) {
                Map<Constrainable, Object> m = new EnumMap<>(Constrainable.class);
                m.put(p, v);
                options.add(m);
            }
            result = product(result, options);
        }
        return result;
    }

    private static List<Map<Constrainable, Object>> product(List<Map<Constrainable, Object>> a,
                                                            List<Map<Constrainable, Object>> b) {
        List<Map<Constrainable, Object>> out = new ArrayList<>(a.size() * Math.max(1, b.size()));
        for (Map<Constrainable, Object> x : a) {
            for (Map<Constrainable, Object> y : b) {
                Map<Constrainable, Object> m = new EnumMap<>(Constrainable.class);
                m.putAll(x);
                m.putAll(y);
                out.add(m);
            }
        }
        return out;
    }

    private static List<Object> values(Constrainable p, Object capability, Object def, List<MediaTrackConstraints> sets) {
        Set<Object> values = new LinkedHashSet<>();
        if (capability instanceof ULongRange r) {
            if (def != null) {
                values.add(clampLong(((Number) def).doubleValue(), r));
            }
            for (MediaTrackConstraints s : sets) {
                if (s.get(p) instanceof NumericConstraint n) {
                    for (Double v : new Double[] {n.min, n.max, n.exact, n.ideal}) {
                        if (v != null) {
                            values.add(clampLong(v, r));
                        }
                    }
                }
            }
            if (values.isEmpty()) {
                values.add(r.min());
            }
        } else if (capability instanceof DoubleRange r) {
            if (def != null) {
                values.add(clamp(((Number) def).doubleValue(), r));
            }
            for (MediaTrackConstraints s : sets) {
                if (s.get(p) instanceof NumericConstraint n) {
                    for (Double v : new Double[] {n.min, n.max, n.exact, n.ideal}) {
                        if (v != null) {
                            values.add(clamp(v, r));
                        }
                    }
                }
            }
            if (values.isEmpty()) {
                values.add(r.min());
            }
        } else if (capability instanceof List<?> list) {
            values.addAll(list);
        } else {
            values.add(capability);
        }
        return new ArrayList<>(values);
    }

    private static List<Map<Constrainable, Object>> sizes(MediaTrackCapabilities caps, MediaTrackSettings defaults,
                                                          List<MediaTrackConstraints> sets) {
        ULongRange wr = (ULongRange) caps.get(Constrainable.WIDTH);
        ULongRange hr = (ULongRange) caps.get(Constrainable.HEIGHT);
        List<Object> widths = values(Constrainable.WIDTH, wr, defaults.get(Constrainable.WIDTH), sets);
        List<Object> heights = values(Constrainable.HEIGHT, hr, defaults.get(Constrainable.HEIGHT), sets);
        Set<Double> ratios = new LinkedHashSet<>();
        Object dw = defaults.get(Constrainable.WIDTH);
        Object dh = defaults.get(Constrainable.HEIGHT);
        if (dw != null && dh != null && ((Number) dh).doubleValue() > 0) {
            ratios.add(((Number) dw).doubleValue() / ((Number) dh).doubleValue());
        }
        for (MediaTrackConstraints s : sets) {
            if (s.get(Constrainable.ASPECT_RATIO) instanceof NumericConstraint n) {
                for (Double v : new Double[] {n.min, n.max, n.exact, n.ideal}) {
                    if (v != null && v > 0) {
                        ratios.add(v);
                    }
                }
            }
        }
        Set<List<Long>> pairs = new LinkedHashSet<>();
        for (Object w : widths) {
            for (Object h : heights) {
                pairs.add(List.of((Long) w, (Long) h));
            }
            for (double ar : ratios) {
                long h = Math.round((Long) w / ar);
                if (hr.contains(h) && h > 0) {
                    pairs.add(List.of((Long) w, h));
                }
            }
        }
        for (Object h : heights) {
            for (double ar : ratios) {
                long w = Math.round((Long) h * ar);
                if (wr.contains(w)) {
                    pairs.add(List.of(w, (Long) h));
                }
            }
        }
        DoubleRange arRange = (DoubleRange) caps.get(Constrainable.ASPECT_RATIO);
        List<Map<Constrainable, Object>> out = new ArrayList<>();
        for (List<Long> pair : pairs) {
            if (pair.get(1) == 0) {
                continue;
            }
            double ar = (double) pair.get(0) / pair.get(1);
            if (arRange != null && !arRange.contains(ar)) {
                continue;
            }
            Map<Constrainable, Object> m = new EnumMap<>(Constrainable.class);
            m.put(Constrainable.WIDTH, pair.get(0));
            m.put(Constrainable.HEIGHT, pair.get(1));
            m.put(Constrainable.ASPECT_RATIO, ar);
            out.add(m);
        }
        return out;
    }

    private static Long clampLong(double v, ULongRange r) {
        return Math.max(r.min(), Math.min(r.max(), Math.round(v)));
    }

    private static Double clamp(double v, DoubleRange r) {
        return Math.max(r.min(), Math.min(r.max(), v));
    }
}
