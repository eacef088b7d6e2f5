package org.peerstack.media;

import java.util.List;
import java.util.Map;
import org.peerstack.exc.TypeException;

/** Reads the browser's JSON shape of {@code MediaTrackConstraints} (see {@link MediaTrackConstraints#fromMap}). */
final class ConstraintsReader {

    private ConstraintsReader() {
    }

    static MediaTrackConstraints read(Map<String, ?> map, boolean allowAdvanced) {
        if (map == null) {
            throw new TypeException("constraints must not be null");
        }
        MediaTrackConstraints.Builder b = MediaTrackConstraints.newBuilder();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if ("advanced".equals(e.getKey())) {
                if (!allowAdvanced || !(e.getValue() instanceof List<?> list)) {
                    throw new TypeException("'advanced' must be a list of constraint sets at the top level");
                }
                for (Object set : list) {
                    if (!(set instanceof Map<?, ?> setMap)) {
                        throw new TypeException("an advanced constraint set must be a map, got " + set);
                    }
                    b.advanced(read(cast(setMap), false));
                }
                continue;
            }
            Constrainable property = Constrainable.byKey(e.getKey());
            if (property != null) {
                b.set(property, value(property, e.getValue()));
            }
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }

    private static Object value(Constrainable p, Object raw) {
        if (raw == null) {
            throw new TypeException("constraint '" + p.key + "' must not be null");
        }
        Map<?, ?> params = raw instanceof Map<?, ?> m ? m : null;
        for (Object key : params == null ? List.of() : params.keySet()) {
            if (!List.of("min", "max", "exact", "ideal").contains(key)) {
                throw new TypeException("constraint '" + p.key + "' has an unknown member '" + key + "'");
            }
        }
        switch (p.type) {
            case LONG: {
                if (params == null) {
                    return ConstrainULong.of(number(p, raw).longValue());
                }
                ConstrainULong c = null;
                for (String k : List.of("min", "max", "exact", "ideal")) {
                    if (params.containsKey(k)) {
                        long v = number(p, params.get(k)).longValue();
                        c = switch (k) {
                            case "min" -> c == null ? ConstrainULong.min(v) : c.withMin(v);
                            case "max" -> c == null ? ConstrainULong.max(v) : c.withMax(v);
                            case "exact" -> c == null ? ConstrainULong.exact(v) : c.withExact(v);
                            default -> c == null ? ConstrainULong.ideal(v) : c.withIdeal(v);
                        };
                    }
                }
                return c == null ? nothing(p) : c;
            }
            case DOUBLE: {
                if (params == null) {
                    return ConstrainDouble.of(number(p, raw).doubleValue());
                }
                ConstrainDouble c = null;
                for (String k : List.of("min", "max", "exact", "ideal")) {
                    if (params.containsKey(k)) {
                        double v = number(p, params.get(k)).doubleValue();
                        c = switch (k) {
                            case "min" -> c == null ? ConstrainDouble.min(v) : c.withMin(v);
                            case "max" -> c == null ? ConstrainDouble.max(v) : c.withMax(v);
                            case "exact" -> c == null ? ConstrainDouble.exact(v) : c.withExact(v);
                            default -> c == null ? ConstrainDouble.ideal(v) : c.withIdeal(v);
                        };
                    }
                }
                return c == null ? nothing(p) : c;
            }
            case BOOLEAN: {
                if (params == null) {
                    return ConstrainBoolean.of(bool(p, raw));
                }
                if (params.containsKey("exact")) {
                    return ConstrainBoolean.exact(bool(p, params.get("exact")));
                }
                return params.containsKey("ideal") ? ConstrainBoolean.ideal(bool(p, params.get("ideal"))) : nothing(p);
            }
            default: {
                if (params == null) {
                    return ConstrainDOMString.of(strings(p, raw));
                }
                if (params.containsKey("exact")) {
                    return ConstrainDOMString.exact(strings(p, params.get("exact")));
                }
                return params.containsKey("ideal") ? ConstrainDOMString.ideal(strings(p, params.get("ideal")))
                        : nothing(p);
            }
        }
    }

    private static <T> T nothing(Constrainable p) {
        throw new TypeException("constraint '" + p.key + "' has no usable member (min, max, exact or ideal)");
    }

    private static Number number(Constrainable p, Object v) {
        if (!(v instanceof Number n)) {
            throw new TypeException("constraint '" + p.key + "' needs a number, got " + v);
        }
        return n;
    }

    private static boolean bool(Constrainable p, Object v) {
        if (!(v instanceof Boolean b)) {
            throw new TypeException("constraint '" + p.key + "' needs a boolean, got " + v);
        }
        return b;
    }

    private static String[] strings(Constrainable p, Object v) {
        if (v instanceof String s) {
            return new String[] {s};
        }
        if (v instanceof List<?> list && list.stream().allMatch(x -> x instanceof String)) {
            return list.toArray(new String[0]);
        }
        throw new TypeException("constraint '" + p.key + "' needs a string or a list of strings, got " + v);
    }
}
