package dev.ferry.engine.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a descriptor's JSON against Ferry's published JSON Schema ({@code docs/product.schema.json}) and reports
 * <em>every</em> place it does not fit, each with its path ({@code flows[0].to.operation}) and reason, where binding
 * the JSON to Java stops at the first. It reads the keywords that schema uses ({@link #KEYWORDS}; a test keeps the two
 * in step and compares the result with networknt's full validator): enough of JSON Schema 2020-12 for it, not all of
 * it. That validator is not used in the platform: its 1.5 line needs Jackson 2.18 (Ferry's bundles are on 2.17) and
 * jackson-dataformat-yaml.
 */
public final class SchemaCheck {

    /** The JSON Schema keywords this check reads; the schema uses no others (annotations aside). */
    public static final Set<String> KEYWORDS = Set.of("$ref", "type", "const", "enum", "minLength", "pattern", "minimum",
            "required", "properties", "additionalProperties", "propertyNames", "minProperties", "maxProperties", "items",
            "minItems", "oneOf", "anyOf", "not");

    private static volatile SchemaCheck product;

    private final JsonNode root;
    private final Map<String, Pattern> patterns = new java.util.concurrent.ConcurrentHashMap<>();

    public SchemaCheck(JsonNode root) {
        this.root = root;
    }

    /** The check against the product descriptor's schema, packaged with this bundle. */
    public static SchemaCheck product() {
        SchemaCheck check = product;
        if (check == null) {
            try (InputStream in = SchemaCheck.class.getResourceAsStream(DescriptorReader.SCHEMA_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the engine bundle lacks " + DescriptorReader.SCHEMA_RESOURCE);
                }
                check = new SchemaCheck(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            product = check;
        }
        return check;
    }

    /** Every place a product descriptor does not fit the schema; empty when it fits. */
    public List<String> problems(JsonNode document) {
        List<String> out = new ArrayList<>();
        check(root, document, "", out);
        return out;
    }

    /** Every place a document does not fit one of the schema's {@code $defs} (e.g. {@code sharedFlow}). */
    public List<String> problems(JsonNode document, String definition) {
        List<String> out = new ArrayList<>();
        check(root.path("$defs").path(definition), document, "", out);
        return out;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> out) {
        if (schema.has("$ref")) {
            schema = resolve(schema.get("$ref").asText());
        }
        JsonNode type = schema.get("type");
        if (type != null && !isA(value, type.asText())) {
            out.add(at(path) + "must be " + article(type.asText()) + ", not " + describe(value));
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            out.add(at(path) + "must be " + schema.get("const"));
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            out.add(at(path) + show(value) + " is not one of " + list(schema.get("enum")));
        }
        if (value.isTextual()) {
            checkString(schema, value.asText(), path, out);
        }
        if (value.isNumber() && schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
            out.add(at(path) + "must be at least " + schema.get("minimum"));
        }
        if (value.isObject()) {
            checkObject(schema, value, path, out);
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                out.add(at(path) + "must have at least " + schema.get("minItems").asInt() + " item(s)");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), path + "[" + i + "]", out);
                }
            }
        }
        if (schema.has("oneOf")) {
            checkOneOf(schema, value, path, out);
        }
        if (schema.has("anyOf") && !anyFits(schema.get("anyOf"), value, path)) {
            out.add(at(path) + "fits none of its allowed forms");
        }
        if (schema.has("not") && fits(schema.get("not"), value, path)) {
            out.add(at(path) + "has a form that is not allowed here");
        }
    }

    private void checkString(JsonNode schema, String text, String path, List<String> out) {
        if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
            out.add(at(path) + (text.isEmpty() ? "must not be empty" : "must have at least "
                    + schema.get("minLength").asInt() + " characters"));
        }
        if (schema.has("pattern")) {
            String regex = schema.get("pattern").asText();
            if (!patterns.computeIfAbsent(regex, Pattern::compile).matcher(text).find()) {
                out.add(at(path) + show(text) + " does not have the form " + regex);
            }
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String path, List<String> out) {
        JsonNode properties = schema.path("properties");
        if (schema.has("required")) {
            for (JsonNode name : schema.get("required")) {
                if (!value.has(name.asText())) {
                    out.add(join(path, name.asText()) + ": is required");
                }
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String p = join(path, field.getKey());
            if (schema.has("propertyNames")) {
                List<String> nameProblems = new ArrayList<>();
                check(schema.get("propertyNames"), com.fasterxml.jackson.databind.node.TextNode.valueOf(field.getKey()), p,
                        nameProblems);
                if (!nameProblems.isEmpty()) {
                    out.add(p + ": is not a key here" + (schema.get("propertyNames").has("enum")
                            ? " (one of " + list(schema.get("propertyNames").get("enum")) + ")" : ""));
                    continue;
                }
            }
            if (properties.has(field.getKey())) {
                check(properties.get(field.getKey()), field.getValue(), p, out);
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                Set<String> known = new TreeSet<>();
                properties.fieldNames().forEachRemaining(known::add);
                out.add(p + ": is not a key here (the keys are " + String.join(", ", known) + ")");
            } else if (additional != null && additional.isObject()) {
                check(additional, field.getValue(), p, out);
            }
        }
        if (schema.has("minProperties") && value.size() < schema.get("minProperties").asInt()) {
            out.add(at(path) + "must have at least " + schema.get("minProperties").asInt() + " key(s)");
        }
        if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").asInt()) {
            out.add(at(path) + "must have at most " + schema.get("maxProperties").asInt() + " key(s), not "
                    + String.join(" and ", (Iterable<String>) value::fieldNames));
        }
    }

    /**
     * Exactly one form must fit. When none does, the problems of the form of the value's own type are reported (a
     * stage value given as an object is told what is wrong with it as an object); when there is no such form, the
     * types allowed.
     */
    private void checkOneOf(JsonNode schema, JsonNode value, String path, List<String> out) {
        JsonNode forms = schema.get("oneOf");
        List<List<String>> problems = new ArrayList<>();
        int fitting = 0;
        for (JsonNode form : forms) {
            List<String> p = new ArrayList<>();
            check(form, value, path, p);
            problems.add(p);
            fitting += p.isEmpty() ? 1 : 0;
        }
        if (fitting == 1) {
            return;
        }
        if (fitting > 1) {
            out.add(at(path) + "fits more than one of its allowed forms");
            return;
        }
        List<String> types = new ArrayList<>();
        for (int i = 0; i < forms.size(); i++) {
            JsonNode form = forms.get(i).has("$ref") ? resolve(forms.get(i).get("$ref").asText()) : forms.get(i);
            if (!form.has("type")) {
                continue; // forms told apart by their keys: below
            }
            types.add(form.get("type").asText());
            if (isA(value, form.get("type").asText())) {
                out.addAll(problems.get(i));
                return;
            }
        }
        if (!types.isEmpty()) {
            out.add(at(path) + "must be " + String.join(" or ", types.stream().map(SchemaCheck::article).toList())
                    + ", not " + describe(value));
            return;
        }
        // forms told apart by their keys (e.g. a flow's trigger): the schema's description says which there are
        out.add(at(path) + "fits none of its allowed forms" + (schema.has("description")
                ? " (" + schema.get("description").asText() + ")" : ""));
    }

    private boolean fits(JsonNode schema, JsonNode value, String path) {
        List<String> p = new ArrayList<>();
        check(schema, value, path, p);
        return p.isEmpty();
    }

    private boolean anyFits(JsonNode forms, JsonNode value, String path) {
        for (JsonNode form : forms) {
            if (fits(form, value, path)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("the schema refers to " + ref + "; only references inside it are read");
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("the schema refers to " + ref + ", which it does not define");
        }
        return target;
    }

    private static boolean isA(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalStateException("the schema uses type " + type);
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isNull()) {
            return "null";
        }
        return (value.isTextual() ? "the text " : value.isBoolean() ? "" : "the number ") + show(value);
    }

    private static String show(JsonNode value) {
        String text = value.isTextual() ? "'" + value.asText() + "'" : value.toString();
        return text.length() > 80 ? text.substring(0, 77) + "…'" : text;
    }

    private static String show(String text) {
        return show(com.fasterxml.jackson.databind.node.TextNode.valueOf(text));
    }

    private static String list(JsonNode values) {
        List<String> all = new ArrayList<>();
        values.forEach(v -> all.add(v.isTextual() ? v.asText() : v.toString()));
        return "[" + String.join(", ", all) + "]";
    }

    private static String article(String type) {
        return switch (type) {
            case "object", "array", "integer" -> "an " + type;
            default -> "a " + type;
        };
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String at(String path) {
        return (path.isEmpty() ? "(document)" : path) + ": ";
    }
}
