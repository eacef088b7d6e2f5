package org.peerstack.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.peerstack.exc.ConfigException;

/**
 * Reads a typed, immutable configuration record from YAML, in three layers (later wins):
 * <ol>
 *   <li>the commented defaults file shipped in the jar (the same file as in {@code config/});</li>
 *   <li>an optional file given by path (a CLI {@code --config}, the system property
 *       {@code <prefix>.config} or the environment variable {@code <PREFIX>_CONFIG});</li>
 *   <li>single keys from system properties ({@code <prefix>.<section>.<key>}, e.g.
 *       {@code peerstack.webrtc.min-port=50000}) and environment variables ({@code <PREFIX>_<SECTION>_<KEY>}
 *       with dashes as underscores, e.g. {@code PEERSTACK_WEBRTC_MIN_PORT=50000}). A system property beats
 *       an environment variable.</li>
 * </ol>
 * Only keys present in the defaults can be overridden by properties; an unknown key in a file is an
 * error, so a typo never goes unnoticed. YAML keys are kebab-case and map to the record's camelCase
 * components. Validation lives in the records' constructors and fails with {@link ConfigException}.
 *
 * @param <T> the configuration record type
 */
public final class ConfigLoader<T> {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Class<T> type;
    private final String defaultsResource;
    private final String prefix;

    private ConfigLoader(Class<T> type, String defaultsResource, String prefix) {
        this.type = Objects.requireNonNull(type, "type");
        this.defaultsResource = Objects.requireNonNull(defaultsResource, "defaultsResource");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /**
     * A loader for one configuration record type. Nothing is read until {@code load}.
     *
     * @param <T>              the configuration record type
     * @param type             the record to bind
     * @param defaultsResource absolute classpath resource of the defaults YAML
     * @param prefix           property prefix, e.g. {@code "peerstack"}
     * @return the loader
     * @throws NullPointerException if an argument is null
     */
    public static <T> ConfigLoader<T> of(Class<T> type, String defaultsResource, String prefix) {
        return new ConfigLoader<>(type, defaultsResource, prefix);
    }

    /**
     * Loads with the process's system properties and environment; the override file, if any, is the one
     * {@code <prefix>.config} or {@code <PREFIX>_CONFIG} names.
     *
     * @return the validated record
     * @throws ConfigException if a file cannot be read or parsed, a key is unknown or a value is invalid
     */
    public T load() {
        return load(Optional.empty());
    }

    /**
     * Loads with the process's system properties and environment and an explicit override file.
     *
     * @param file the override file, or empty to take it from {@code <prefix>.config} / {@code <PREFIX>_CONFIG}
     * @return the validated record
     * @throws ConfigException if a file cannot be read or parsed, a key is unknown or a value is invalid
     */
    public T load(Optional<Path> file) {
        Map<String, String> properties = new java.util.HashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        return load(file, properties, System.getenv());
    }

    /**
     * Loads from explicit sources (for tests). When {@code file} is empty, {@code <prefix>.config}
     * (property) or {@code <PREFIX>_CONFIG} (environment) names the override file, if set.
     *
     * @param file the override file, or empty
     * @param properties stand-in for the system properties, keyed {@code <prefix>.<section>.<key>}
     * @param environment stand-in for the environment, keyed {@code <PREFIX>_<SECTION>_<KEY>}
     * @return the validated record
     * @throws ConfigException if a file does not exist or cannot be parsed, a key is unknown or a value is
     *     invalid (the message names the key and, for enums, the accepted tokens)
     */
    public T load(Optional<Path> file, Map<String, String> properties, Map<String, String> environment) {
        ObjectNode tree = readDefaults();
        Optional<Path> overrideFile = file.or(() -> Optional.ofNullable(
                        properties.getOrDefault(prefix + ".config", environment.get(envName(List.of("config")))))
                .filter(s -> !s.isBlank())
                .map(Path::of));
        if (overrideFile.isPresent()) {
            merge(tree, readFile(overrideFile.get()), "");
        }
        applyOverrides(tree, new ArrayList<>(), properties, environment);
        try {
            return YAML.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("unknown configuration key '" + e.getPropertyName() + "' at "
                    + e.getPathReference() + "; known keys: " + e.getKnownPropertyIds(), e);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof ConfigException config) {
                throw config;
            }
            throw new ConfigException("invalid configuration at '" + dotted(e) + "': " + describe(e), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException("invalid configuration: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof ConfigException config) {
                throw config;
            }
            throw new ConfigException("invalid configuration: " + e.getMessage(), e);
        }
    }

    /**
     * Jackson's message, except for an unknown enum value: that names the value and the accepted
     * tokens as the YAML spells them ({@code 'bogus' is not one of: dummy, headless}).
     */
    private static String describe(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException format
                && format.getTargetType() != null && format.getTargetType().isEnum()) {
            StringBuilder tokens = new StringBuilder();
            for (Object constant : format.getTargetType().getEnumConstants()) {
                tokens.append(tokens.length() == 0 ? "" : ", ")
                        .append(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
            }
            return "'" + format.getValue() + "' is not one of: " + tokens;
        }
        return e.getOriginalMessage();
    }

    private static String dotted(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]");
        }
        return path.toString();
    }

    private ObjectNode readDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(defaultsResource)) {
            if (in == null) {
                throw new ConfigException("defaults resource " + defaultsResource + " is missing from the classpath");
            }
            return asObject(YAML.readTree(in), defaultsResource);
        } catch (IOException e) {
            throw new ConfigException("cannot read defaults " + defaultsResource, e);
        }
    }

    private static ObjectNode readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file " + file + " does not exist");
        }
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode node = YAML.readTree(in);
            return node == null || node.isMissingNode() ? YAML.createObjectNode() : asObject(node, file.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot parse configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode asObject(JsonNode node, String where) {
        if (!(node instanceof ObjectNode object)) {
            throw new ConfigException(where + " must hold a YAML mapping at the top level");
        }
        return object;
    }

    private static void merge(ObjectNode target, ObjectNode overlay, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode overlayObject) {
                merge(existingObject, overlayObject, path + field.getKey() + ".");
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private void applyOverrides(ObjectNode node, List<String> path, Map<String, String> properties,
                                Map<String, String> environment) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        List<Map.Entry<String, JsonNode>> replacements = new ArrayList<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            path.add(field.getKey());
            if (field.getValue() instanceof ObjectNode child) {
                applyOverrides(child, path, properties, environment);
            } else {
                String value = properties.get(prefix + "." + String.join(".", path));
                if (value == null) {
                    value = environment.get(envName(path));
                }
                if (value != null) {
                    replacements.add(Map.entry(field.getKey(), parseScalar(value)));
                }
            }
            path.remove(path.size() - 1);
        }
        replacements.forEach(r -> node.set(r.getKey(), r.getValue()));
    }

    private String envName(List<String> path) {
        return (prefix + "_" + String.join("_", path)).replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static JsonNode parseScalar(String value) {
        try {
            JsonNode parsed = YAML.readTree(value);
            return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(value) : parsed;
        } catch (IOException e) {
            return TextNode.valueOf(value);
        }
    }
}
